"""Issue 12: the signing key's folder is the person's own, and a lost key is never replaced silently."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_store.errors import SigningKeyError
from evidence_store.store.ledger import LEDGER_FILE
from evidence_store.store.store import Store
from tests.evidence_store.conftest import SealFn

ROOT = Path(__file__).parents[3]


def test_a_key_folder_open_to_others_is_made_owner_only(store: Store, seal: SealFn) -> None:
    seal()
    store.close()
    folder = store.key_path.parent
    os.chmod(folder, 0o777)     # noqa: S103 - the insecure folder under test
    reopened = Store.open(store.root)
    try:
        reopened.signing_key()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    finally:
        reopened.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root; CI runs as root")
def test_a_key_folder_another_user_owns_is_refused(store: Store, seal: SealFn) -> None:
    seal()
    store.close()
    folder = store.key_path.parent
    os.chown(folder, 65534, 65534)
    try:
        reopened = Store.open(store.root)
        with pytest.raises(SigningKeyError, match="belongs to another user"):
            reopened.signing_key()
        reopened.close()
    finally:
        os.chown(folder, os.getuid(), os.getgid())


def test_a_deleted_key_is_replaced_only_with_a_notice_and_a_ledger_record(store: Store, seal: SealFn) -> None:
    record = seal()
    old = store.fingerprint()
    store.close()
    store.key_path.unlink()
    done = subprocess.run([sys.executable, "-m", "app.cli.main", "--store", str(store.root), "list"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "signing key" in done.stderr and "is gone" in done.stderr and old in done.stderr
    reopened = Store.open(store.root)
    try:
        new = reopened.fingerprint()
        assert new != old and new in done.stderr
        assert reopened.key_notice is None                  # said once, when it happened
        lines = (store.root / LEDGER_FILE).read_text("utf-8").splitlines()
        assert '"kind":"key"' in lines[-1] and old in lines[-1] and new in lines[-1]
        assert reopened.verify(record.id).intact           # the old bundle stays verifiable
        assert not reopened.ledger.read().problems
    finally:
        reopened.close()
