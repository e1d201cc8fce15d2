"""Issue 12: with the usual umask 022, every file and folder the CLI writes is owner-only: the bundle,
the index, the ledger, the log, the export zip and the store's export log."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from tests.e2e.helpers import ROOT
from tests.support import pages


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli.main", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=env, preexec_fn=lambda: os.umask(0o022))


def open_to_others(*roots: Path) -> dict[str, str]:
    found = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            for name in [*dirs, *files, ""]:
                path = Path(folder, name)
                mode = stat.S_IMODE(path.lstat().st_mode)
                if mode & 0o077:
                    found[str(path)] = oct(mode)
    return found


def test_everything_the_cli_writes_is_owner_only_under_umask_022(web: pages.Server, tmp_path: Path) -> None:
    store, logs, out = tmp_path / "store", tmp_path / "logs", tmp_path / "out"
    out.mkdir(mode=0o700)
    env = {**os.environ, "VIDNE_LOG_DIR": str(logs)}
    done = run("--store", str(store), "capture", "--no-tsa", "--case", "Sag", web.url("/dansk"), env=env)
    assert done.returncode == 0, done.stderr
    done = run("--store", str(store), "export", "--case", "Sag", "--out", str(out / "sag.zip"), env=env)
    assert done.returncode == 0, done.stderr
    assert (out / "sag.zip").is_file() and (store / "exports.jsonl").is_file() and (store / "ledger.jsonl").is_file()
    assert list(logs.glob("vidne.log*"))
    assert open_to_others(store, logs, out) == {}
