"""A packaged Vidne finds its browser the way it was built to: "bundled" (Playwright's Chromium in
the folder) or "system" (an installed Chrome/Edge/Chromium), and says plainly when there is none."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from capture.browser import find as browser
from capture.errors import BrowserNotFound

ROOT = Path(__file__).resolve().parents[2]


def packaged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, route: str) -> None:
    (tmp_path / "resources").mkdir(exist_ok=True)
    (tmp_path / "resources" / "build_config.toml").write_text(f'browser = "{route}"\n', encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)


def fake_playwright(executable: Path) -> Any:
    return SimpleNamespace(chromium=SimpleNamespace(executable_path=str(executable)))


def executable(path: Path) -> Path:
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_not_packaged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert browser.packaged_route() is None


def test_bundled_uses_the_chromium_in_the_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    packaged(monkeypatch, tmp_path, "bundled")
    monkeypatch.delenv("VIDNE_BROWSER", raising=False)
    own = executable(tmp_path / "chrome")
    assert browser.packaged_route() == "bundled"
    assert browser.find_browser(fake_playwright(own)) == browser.BrowserChoice(str(own), "playwright")


def test_bundled_but_missing_says_reinstall(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    packaged(monkeypatch, tmp_path, "bundled")
    monkeypatch.delenv("VIDNE_BROWSER", raising=False)
    monkeypatch.setattr(browser, "_installed_candidates", lambda: [])
    with pytest.raises(BrowserNotFound, match=r"comes with Vidne is missing.*reinstalling") as err:
        browser.find_browser(fake_playwright(tmp_path / "gone" / "chrome"))
    assert "python -m playwright" not in str(err.value)


def test_system_never_uses_playwrights_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    packaged(monkeypatch, tmp_path, "system")
    monkeypatch.delenv("VIDNE_BROWSER", raising=False)
    own, installed = executable(tmp_path / "chrome"), executable(tmp_path / "msedge")
    monkeypatch.setattr(browser, "_installed_candidates", lambda: [installed])
    assert browser.find_browser(fake_playwright(own)) == browser.BrowserChoice(str(installed), "installed")
    monkeypatch.setattr(browser, "_installed_candidates", lambda: [])
    with pytest.raises(BrowserNotFound, match="uses the browser installed on the computer") as err:
        browser.find_browser(fake_playwright(own))
    assert "python -m playwright" not in str(err.value) and "IT department" in str(err.value)


def test_spec_compiles() -> None:
    compile((ROOT / "build.spec").read_text(encoding="utf-8"), "build.spec", "exec")
