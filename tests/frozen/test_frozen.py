"""The built folder works on its own: version, a capture whose bundle checks out with standard
tools, a plain message when there is no browser, and the desktop app's window."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from importlib import metadata
from pathlib import Path

import pytest

from tests import pages
from tests.e2e.helpers import verify_txt_commands
from tests.frozen.conftest import run
from tests.tsa_server import running_tsa

pytestmark = pytest.mark.dist
ROOT = Path(__file__).resolve().parents[2]


def test_version(frozen_bin: Path, clean_env: dict[str, str]) -> None:
    done = run([str(frozen_bin / "vidne"), "--version"], clean_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"vidne {metadata.version('vidne')}"


def test_resources_and_build_config_are_inside(frozen_dir: Path) -> None:
    internal = frozen_dir / "_internal"
    for part in ("texts/VERIFY.txt", "report/texts.json", "fonts/DejaVuSans.ttf", "tsa/roots.pem",
                 "style/vidne.qss", "icons/vidne.svg", "build_config.toml"):
        assert (internal / "resources" / part).is_file(), part
    assert list(internal.glob("vidne-*.dist-info/METADATA"))
    assert (internal / "playwright" / "driver" / "package" / "cli.js").is_file()


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is not installed")
def test_capture_in_a_clean_environment_verifies_with_standard_tools(
        frozen_bin: Path, clean_env: dict[str, str], web: pages.Server, tmp_path: Path) -> None:
    store = tmp_path / "store"
    with running_tsa(tmp_path / "tsa") as tsa:
        done = run([str(frozen_bin / "vidne"), "--store", str(store), "capture", web.url("/dansk"),
                    "--case", "Frozen", "--tsa", tsa.url("with-root"), "--json"], clean_env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["timestamp"]["status"] == "stamped", result
    bundle = Path(result["bundle"])
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"]["version"] == metadata.version("vidne")
    commands = verify_txt_commands(bundle)
    assert any(c.startswith("sha256sum -c") for c in commands)
    assert any(c.startswith("openssl pkeyutl -verify") for c in commands)
    for command in commands:   # exactly what VERIFY.txt tells a recipient to type
        checked = subprocess.run(command, shell=True, cwd=bundle, capture_output=True, text=True,  # noqa: S602
                                 timeout=60, env=clean_env)
        assert checked.returncode == 0, (command, checked.stdout, checked.stderr)
    verified = run([str(frozen_bin / "vidne"), "verify", str(bundle)], clean_env)
    assert verified.returncode == 0 and verified.stdout.startswith("INTACT"), verified.stdout
    log = Path(clean_env["HOME"], ".local", "state", "Vidne", "log", "vidne.log").read_text(encoding="utf-8")
    assert f"capture {result['id']}: sealed" in log
    assert pages.DANISH not in log


def test_no_browser_is_said_plainly(frozen_bin: Path, clean_env: dict[str, str], web: pages.Server,
                                    tmp_path: Path) -> None:
    env = {**clean_env, "VIDNE_BROWSER": str(tmp_path / "no-such-browser")}
    done = run([str(frozen_bin / "vidne"), "--store", str(tmp_path / "store"), "capture", web.url("/dansk"),
                "--no-tsa"], env)
    assert done.returncode == 1
    assert "does not exist or cannot be run" in done.stderr
    assert "installed on the computer" in done.stderr or "Chromium that comes with Vidne" in done.stderr
    assert "Traceback" not in done.stderr and "python -m" not in done.stderr


def test_organisation_config_is_honoured(frozen_bin: Path, clean_env: dict[str, str], tmp_path: Path) -> None:
    """The example file from docs/it-deployment.md (as the installers ship it) sets and locks."""
    config = Path(clean_env["VIDNE_SYSTEM_CONFIG"])
    shutil.copy(ROOT / "packaging" / "config.toml.example", config)
    done = run([str(frozen_bin / "vidne"), "settings", "--json"], {**clean_env, "VIDNE_ORGANISATION": "x"})
    assert done.returncode == 0, done.stdout
    shown = json.loads(done.stdout)
    assert shown["settings"]["organisation"] == "Eksempel Kommune, HR"
    assert shown["settings"]["store_dir"] == str(Path(clean_env["HOME"], "Vidne-bevismateriale"))
    assert {"organisation", "tsa_urls", "store_dir"} <= set(shown["locked"])
    done = run([str(frozen_bin / "vidne"), "--store", str(tmp_path / "elsewhere"), "list"], clean_env)
    assert done.returncode == 1 and "fixed where evidence is kept" in done.stderr
    config.write_text('organisation = "Frossen Kommune"\nuse_tsa = \n', encoding="utf-8")
    done = run([str(frozen_bin / "vidne"), "settings"], clean_env)
    assert done.returncode == 1 and f"{config}, line 2" in done.stdout


def test_desktop_app_opens_its_window(frozen_bin: Path, clean_env: dict[str, str]) -> None:
    """vidne-app, offscreen: Qt reports the main window's native window becoming visible."""
    env = {**clean_env, "QT_QPA_PLATFORM": "offscreen", "VIDNE_OPERATOR": "Test", "VIDNE_ORGANISATION": "Test",
           "QT_LOGGING_RULES": "*.debug=false;qt.widgets.showhide.debug=true"}
    assert window_seconds([str(frozen_bin / "vidne-app")], env) is not None, "vidne-app showed no window"
    # `vidne gui` starts the same window from the console program, which has its own Qt runtime hook.
    assert window_seconds([str(frozen_bin / "vidne"), "gui"], env) is not None, "vidne gui showed no window"


def window_seconds(cmd: list[str], env: dict[str, str], limit: float = 60) -> float | None:
    """Seconds from start until the main window's native window is shown; the app is then stopped."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        while (left := limit - (time.monotonic() - started)) > 0:
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            if "mainWindowWindow" in line and "to true" in line:
                return time.monotonic() - started
        return None
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
