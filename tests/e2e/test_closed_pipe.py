"""Output to a reader that went away (`vidne verify … | head -1`) ends quietly: no traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.e2e.helpers import ROOT, VIDNE, capture_json
from tests.support import pages


def _into_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """Run vidne with stdout a pipe whose reading end is already closed: every write meets EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([*VIDNE, *args], stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              timeout=120, check=False)
    finally:
        os.close(write_end)


def test_settings_into_a_closed_pipe_end_quietly() -> None:
    done = _into_closed_pipe("settings")
    assert done.stderr == ""
    assert done.returncode == 141


def test_verify_piped_into_head_ends_quietly(web: pages.Server, tmp_path: Path) -> None:
    store = tmp_path / "store"
    bundle = capture_json(store, web.url("/"))["bundle"]
    closed = _into_closed_pipe("--store", str(store), "verify", bundle)
    assert closed.stderr == "" and closed.returncode == 141
    head = subprocess.run(f"{' '.join(VIDNE)} --store '{store}' verify '{bundle}' | head -1", shell=True,  # noqa: S602
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert head.stderr == "" and head.returncode == 0
    assert "INTACT" in head.stdout and head.stdout.count("\n") == 1
