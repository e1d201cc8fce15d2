"""Issue 12: a full disk during a capture is said plainly (what it is, what to do), with no Python
traceback on the screen (it goes to the log), and leaves no half bundle. The store lives on a small
tmpfs mounted in a private mount namespace (as root; otherwise in a user namespace as well)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.helpers import ROOT
from tests.support import pages


@pytest.mark.long
def test_a_full_disk_during_a_capture_says_so_without_a_traceback(web: pages.Server, tmp_path: Path) -> None:
    mount = tmp_path / "small-disk"
    mount.mkdir()
    store = mount / "store"
    logs = tmp_path / "logs"
    vidne = [sys.executable, "-m", "app.cli.main", "--store", str(store), "capture", "--no-tsa", web.url("/huge")]
    script = (f"mount -t tmpfs -o size=3m tmpfs {shlex.quote(str(mount))} && "
              f"{' '.join(shlex.quote(part) for part in vidne)}; echo \"exit=$?\"; "
              f"ls -A {shlex.quote(str(store / 'bundles'))}")
    namespace = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]
    done = subprocess.run([*namespace, "sh", "-c", script], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, "VIDNE_LOG_DIR": str(logs)})
    assert "exit=1" in done.stdout, done.stdout + done.stderr
    assert "The disk is full" in done.stderr and "Free some space" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stdout.strip().endswith("exit=1"), done.stdout          # no bundle in bundles/
    log_text = "".join(p.read_text("utf-8") for p in logs.glob("vidne.log*"))
    assert "No space left on device" in log_text and "Traceback" in log_text
