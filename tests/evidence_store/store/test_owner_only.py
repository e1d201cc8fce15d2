"""Issue 12: with the usual umask 022, everything the store writes is owner-only (0600 files, 0700
folders): bundles, artifacts, index, ledger, confirmed keys."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_store.store.store import Store
from evidence_store.trust.confirmed import confirm_key
from tests.evidence_store.conftest import SealFn


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def modes(root: Path) -> dict[str, int]:
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_a_sealed_bundle_and_the_index_are_owner_only(store: Store, seal: SealFn) -> None:
    record = seal()
    store.append_custody(record.id, "note", {"text": "set"}, "HR", "Aarhus Kommune")
    confirm_key(store.confirmed_keys_path, "ab" * 32, "Jens", "HR")
    found = modes(store.root)
    open_ones = {name: oct(mode) for name, mode in found.items()
                 if mode & 0o077 and not name.startswith("staging")}
    assert not open_ones, open_ones
    bundle = modes(record.path)
    assert bundle["artifacts"] == 0o700 and bundle["manifest.json"] == 0o600
    assert bundle["artifacts/parts/part-1.png"] == 0o600
    assert found["index.sqlite3"] == 0o600


def test_an_older_store_left_open_is_tightened_when_opened(tmp_path: Path) -> None:
    root = tmp_path / "old-store"
    for folder in (root, root / "bundles", root / "staging"):
        folder.mkdir(parents=True, mode=0o755)
        os.chmod(folder, 0o755)   # noqa: S103 - an older store, left open on purpose
    Store.open(root).close()
    assert {name: mode for name, mode in modes(root).items() if mode & 0o077} == {}
    assert stat.S_IMODE(root.stat().st_mode) == 0o700




def test_a_read_only_store_says_so_and_not_close_other_windows(store: Store, seal: SealFn) -> None:
    """The store on a read-only file system (as root, a read-only bind mount in a private mount
    namespace: root writes through any file mode), or read-only by its modes for anyone else."""
    seal()
    store.close()
    code = ("import sys, pathlib; from evidence_store.store.store import Store\n"
            "from evidence_store.errors import StoreUnavailable\n"
            "try:\n    Store.open(pathlib.Path(sys.argv[1])).list_captures()\n"
            "except StoreUnavailable as exc:\n    print(exc)\n")
    root = str(store.root)
    command = [sys.executable, "-c", code, root]
    if os.geteuid() == 0:
        quoted = " ".join(shlex.quote(part) for part in command)
        command = ["unshare", "-m", "sh", "-c", f"mount --bind {shlex.quote(root)} {shlex.quote(root)} && "
                   f"mount -o remount,bind,ro {shlex.quote(root)} && exec {quoted}"]
    else:
        for folder, _dirs, _files in os.walk(root):
            os.chmod(folder, 0o500)
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).parents[3], timeout=60)
    finally:
        for folder, _dirs, _files in os.walk(root):
            os.chmod(folder, 0o700)
    assert "read-only" in done.stdout, done.stdout + done.stderr
    assert "Close" not in done.stdout and "Traceback" not in done.stderr
