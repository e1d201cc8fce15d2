"""Logging in once through Vidne's own profile, then capturing and exporting a private page from the
command line: the content is there, the session's secrets are in no byte of the bundle or the export."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.capture.browser.test_lifetime import in_group, running_for
from tests.capture.browser.test_session import SECRETS, log_in
from tests.e2e.helpers import ROOT, capture_json, vidne
from tests.support import pages
from tests.support.secret_search import every_byte, find_secrets
from tests.support.xdisplay import virtual_display, xdo


def test_private_page_after_login_is_captured_and_no_secret_leaves(web: pages.Server, tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = vidne("--store", str(store), "profile-path")
    assert done.returncode == 0 and done.stdout.strip() == str(store / "browser-profile")
    log_in(store / "browser-profile", web)           # what the person does in 'vidne login', by Playwright

    out = capture_json(store, web.url("/private"), "--case", "Gruppen", "--no-tsa")
    assert out["status"] == 200 and out["final_url"] == web.url("/private") and out["login_wall"] is None
    bundle = Path(out["bundle"])
    assert pages.PRIVATE_TEXT in (bundle / "artifacts" / "page.html").read_text("utf-8")
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    session = manifest["capture"]["session"]
    assert session["logged_in_session"] is True and session["sites"] == ["127.0.0.1"]
    assert "artifacts/page.wacz" in {a["path"] for a in manifest["artifacts"]}
    assert vidne("--store", str(store), "verify", str(bundle)).returncode == 0

    zip_path = tmp_path / "politi.zip"
    exported = vidne("--store", str(store), "export", "--case", "Gruppen", "--out", str(zip_path))
    assert exported.returncode == 0, exported.stderr
    assert any((tmp_path / "logs").iterdir())                       # the log file is searched too
    for where in (bundle, zip_path, tmp_path / "logs"):
        assert find_secrets(where, SECRETS) == [], where
    assert any(pages.PRIVATE_TEXT.encode() in data for _, data in every_byte(zip_path))   # the search looks inside


def test_without_login_the_cli_says_it_met_a_login_wall(web: pages.Server, tmp_path: Path) -> None:
    done = vidne("--store", str(tmp_path / "store"), "capture", web.url("/private"), "--no-tsa")
    assert done.returncode == 0, done.stderr
    assert "login page" in done.stdout and "vidne login" in done.stdout


@pytest.fixture
def display() -> Iterator[str]:
    with virtual_display() as screen:
        yield screen


def test_login_opens_a_visible_window_and_finishes_when_it_is_closed(web: pages.Server, tmp_path: Path,
                                                                      display: str) -> None:
    """The forum's log-in lasts only "until the browser closes"; Vidne keeps it past the window's closing."""
    store = tmp_path / "store"
    person = subprocess.Popen([sys.executable, "-m", "app.cli.main", "--store", str(store), "login",
                               web.url("/forum/login")], cwd=ROOT, env={**os.environ, "DISPLAY": display},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        window = xdo(display, "search", "--sync", "--name", "Log ind").splitlines()[0]
        xdo(display, "mousemove", "--window", window, "500", "700")     # onto the empty page, below the form
        xdo(display, "click", "1")
        xdo(display, "key", "Tab")                                         # into "Brugernavn"
        xdo(display, "type", "--delay", "20", "mette")
        xdo(display, "key", "Tab")
        xdo(display, "type", "--delay", "20", "hemmelig")
        xdo(display, "key", "Return")
        xdo(display, "search", "--sync", "--name", "Forum: lukket")        # logged in: the closed thread
        xdo(display, "key", "--window", window, "ctrl+shift+w")             # the person closes the window
        stdout, stderr = person.communicate(timeout=60)
    finally:
        if person.poll() is None:
            person.kill()
            person.wait(10)
    assert person.returncode == 0, stderr
    assert "127.0.0.1" in stdout
    out = capture_json(store, web.url("/forum/private"), "--no-tsa")
    assert out["status"] == 200 and out["login_wall"] is None and out["title"] == "Forum: lukket tråd"
    assert find_secrets(Path(out["bundle"]), [pages.FORUM_SECRET]) == []


def test_a_killed_login_leaves_no_browser_and_no_folder(web: pages.Server, tmp_path: Path, display: str) -> None:
    """Issue 12: the log-in window's browser is Vidne's too. Vidne killed with its whole process group
    while the window is open: the watchdog ends the browser (which runs in a session of its own), and
    the next start removes its folder; nothing of it is in the system's temporary folder."""
    store = tmp_path / "store"
    system_tmp = Path(tempfile.mkdtemp(prefix="vt-", dir="/tmp"))   # short: Chromium's socket path must be
    env = {**os.environ, "DISPLAY": display, "TMPDIR": str(system_tmp)}
    person = subprocess.Popen([sys.executable, "-m", "app.cli.main", "--store", str(store), "login",
                               web.url("/forum/login")], cwd=ROOT, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=(tmp_path / "stderr").open("w"))
    runs = store / "login-runs"
    try:
        xdo(display, "search", "--sync", "--name", "Log ind")
        browsers = running_for(runs.resolve())
        assert browsers, "the log-in window's browser does not carry its run folder"
        groups = set(browsers.values())
        assert person.pid not in groups          # the case that matters: outside Vidne's process group
    finally:
        os.killpg(person.pid, signal.SIGKILL)
        person.wait(10)
    deadline = time.monotonic() + 30
    while (running_for(runs.resolve()) or any(in_group(g) for g in groups)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert running_for(runs.resolve()) == {} and not any(in_group(g) for g in groups)
    done = subprocess.run([sys.executable, "-m", "app.cli.main", "--store", str(store), "list"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert list(runs.iterdir()) == []
    assert not [p for p in system_tmp.iterdir() if p.name.startswith(("playwright_chromiumdev_profile", "vidne-"))]
    shutil.rmtree(system_tmp, ignore_errors=True)
