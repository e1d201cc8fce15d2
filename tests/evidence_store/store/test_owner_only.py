"""Issue 12: with the usual umask 022, everything the store writes is owner-only (0600 files, 0700
folders): bundles, artifacts, index, ledger, confirmed keys."""

from __future__ import annotations

import os
import stat
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
        os.chmod(folder, 0o755)
    Store.open(root).close()
    assert {name: mode for name, mode in modes(root).items() if mode & 0o077} == {}
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
