"""Logged-in capture through Vidne's own profile, the network record (WACZ), and no secret in any file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from capture.browser.find import find_browser, launch_args
from capture.engine import capture_page
from capture.result import CaptureOptions, CaptureResult
from tests.support import pages
from tests.support.secret_search import every_byte, find_secrets

SECRETS = [pages.SESSION_SECRET, pages.CSRF_SECRET, pages.API_SECRET]


def log_in(profile: Path, web: pages.Server) -> None:
    """What the person does in the log-in window, done by Playwright on the same profile."""
    with sync_playwright() as pw:
        choice = find_browser(pw)
        context = pw.chromium.launch_persistent_context(profile, executable_path=choice.executable,
                                                        args=launch_args(), headless=True)
        page = context.pages[0]
        page.goto(web.url("/login"))
        page.fill("#username", "mette")
        page.fill("#password", "hemmelig")
        page.click("#submit")
        page.wait_for_url("**/private")
        context.close()


def run(url: str, out: Path, **options: object) -> CaptureResult:
    out.mkdir()
    return capture_page(CaptureOptions(url=url, **options), out)  # type: ignore[arg-type]


def wacz_validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(path)], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture(scope="module")
def profile(web: pages.Server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("profile") / "browser-profile"
    log_in(folder, web)
    return folder


def test_logged_in_capture_shows_the_private_page_and_no_secret(web: pages.Server, profile: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = run(web.url("/private"), out, profile_dir=str(profile))
    f = result.facts
    assert f["final_url"] == web.url("/private") and f["http_status"] == 200
    assert pages.PRIVATE_TEXT in (out / "page.html").read_text("utf-8")
    assert "KOMMENTAR: hun burde fyres" in (out / "page.html").read_text("utf-8")   # fetched with the bearer
    assert f["session"]["logged_in_session"] is True and f["session"]["sites"] == ["127.0.0.1"]
    assert "session" in f["session"]["cookie_names"]
    assert f["login_wall"]["detected"] is False
    removed = {where: {n.lower() for n in names} for where, names in f["redactions"]["removed"].items()}
    assert {"cookie", "authorization", "x-csrf-token"} <= removed["warc_request_headers"]
    assert {"set-cookie", "x-csrf-token"} <= removed["warc_response_headers"]
    assert {"set-cookie", "x-csrf-token"} <= removed["manifest_response_headers"]
    assert "fb_dtsg" in removed["request_body_fields"] and "csrf_token" in removed["page_fields"]
    assert ["Set-Cookie", "REDACTED"] in f["response_headers"]
    assert "page.wacz" in {a.name for a in result.artifacts}
    # Every byte, including inside the WACZ, its gzipped WARC and the MHTML's decoded parts.
    assert find_secrets(out, SECRETS) == []
    assert not any(s in json.dumps(f) for s in SECRETS)
    # ... while the private content is in the network record too.
    assert any(pages.PRIVATE_TEXT.encode() in data for _, data in every_byte(out / "page.wacz"))
    done = wacz_validate(out / "page.wacz")
    assert done.returncode == 0, done.stdout + done.stderr


def test_without_the_profile_the_private_page_is_a_login_wall(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/private"), tmp_path / "artifacts", record_network=False)
    f = result.facts
    assert f["final_url"].startswith(web.url("/login"))
    assert f["login_wall"]["detected"] is True and f["login_wall"]["kind"] == "login"
    assert any("login page" in w for w in f["warnings"])
    assert "login_wall_detected" in [s.action for s in result.steps]
    assert f["session"]["logged_in_session"] is False


def test_a_login_page_and_a_robot_check_are_named(web: pages.Server, tmp_path: Path) -> None:
    login = run(web.url("/login"), tmp_path / "a", record_network=False)
    assert login.facts["login_wall"]["kind"] == "login"
    assert any("password field" in r for r in login.facts["login_wall"]["reasons"])
    robot = run(web.url("/robot"), tmp_path / "b", record_network=False)
    assert robot.facts["login_wall"]["kind"] == "robot_check"
    assert any("robot" in w for w in robot.facts["warnings"])
    ordinary = run(web.url("/dansk"), tmp_path / "c", record_network=False)
    assert ordinary.facts["login_wall"]["detected"] is False


def test_the_wacz_of_an_ordinary_page_validates_and_holds_every_response(web: pages.Server, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = run(web.url("/lazy"), out)
    network = result.facts["network"]
    assert network["saved"] is True and network["responses_recorded"] >= 3   # page, comments, lazy image
    done = wacz_validate(out / "page.wacz")
    assert done.returncode == 0, done.stdout + done.stderr
    warc = dict(every_byte(out / "page.wacz"))
    records = next(data for name, data in warc.items() if name.endswith("archive/page.warc.gz|gunzip"))
    assert b"KOMMENTAR: du er inkompetent" in records and pages.RED_PNG in records
    assert b"WARC-Type: request" in records and b"WARC-Concurrent-To" in records


def test_the_profile_never_saves_passwords_nor_offers_translation(tmp_path: Path) -> None:
    from capture.browser.profile import prepare_profile

    folder = tmp_path / "browser-profile"
    (folder / "Default").mkdir(parents=True)
    (folder / "Default" / "Preferences").write_text(json.dumps({"profile": {"name": "x"}, "other": 1}))
    prepare_profile(folder)
    prefs = json.loads((folder / "Default" / "Preferences").read_text())
    assert prefs["credentials_enable_service"] is False and prefs["translate"] == {"enabled": False}
    assert prefs["profile"] == {"name": "x", "password_manager_enabled": False} and prefs["other"] == 1
    assert folder.stat().st_mode & 0o077 == 0


def test_a_profile_open_in_another_window_is_refused_in_plain_words(web: pages.Server, tmp_path: Path) -> None:
    import os
    import time

    from capture.errors import CaptureFailed

    if sys.platform == "win32":
        pytest.skip("the lock is a symbolic link on Linux and macOS")
    folder = tmp_path / "browser-profile"
    with sync_playwright() as pw:
        executable = find_browser(pw).executable
    other = subprocess.Popen([executable, "--headless=new", f"--user-data-dir={folder}",
                              *launch_args(), "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        waited = 0.0
        while not os.path.islink(folder / "SingletonLock") and waited < 20:   # the other browser has started
            time.sleep(0.1)
            waited += 0.1
        with pytest.raises(CaptureFailed, match="open in another window"):
            run(web.url("/"), tmp_path / "artifacts", profile_dir=str(folder))
    finally:
        other.terminate()
        other.wait(10)
