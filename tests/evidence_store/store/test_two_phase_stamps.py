"""Issue 12: adding a time-stamp is two-phase too. Killed after its files are in place, the store finishes
the 'timestamped' event when it is next opened; killed before, it removes the half-placed chain and
records nothing. A journal whose act still runs in another process is left alone."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_store.store.index import CaptureRecord
from evidence_store.store.records import read_pending, write_pending
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy
from tests.support.tsa_server import RunningTsa, running_tsa

ROOT = Path(__file__).parents[3]
SCRIPT = """
import os, signal, sys
from pathlib import Path
from evidence_store.store import records, staging
from evidence_store.store.store import Store
from evidence_store.store.stamping import stamp_capture
from evidence_store.trust.policy import TrustPolicy
from cryptography import x509
root, url, root_pem, where = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4]
real_place = records.place_file
def place(staging_dir, dest, data, **kw):
    if where == "before-token" and dest.name == "timestamp.tsr":
        os.kill(os.getpid(), signal.SIGKILL)
    return real_place(staging_dir, dest, data, **kw)
records.place_file = place
if where == "before-event":
    records.CustodyRecords.finish = lambda self, pending: os.kill(os.getpid(), signal.SIGKILL)
store = Store.open(root)
trust = TrustPolicy(tsa_roots=(x509.load_pem_x509_certificate(root_pem.read_bytes()),))
record = store.list_captures()[0]
stamp_capture(store, record, [url], actor="Vidne", organisation="", trust=trust)
"""


@pytest.fixture
def tsa(tmp_path: Path) -> Iterator[RunningTsa]:
    with running_tsa(tmp_path / "tsa") as running:
        yield running


@pytest.mark.parametrize("where", ["before-token", "before-event"])
def test_a_stamp_killed_halfway_is_finished_or_undone_at_the_next_opening(
        store: Store, sealed: CaptureRecord, tsa: RunningTsa, where: str) -> None:
    store.close()
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(store.root), tsa.url("with-root"),
                           str(tsa.pki.root_pem), where], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == -9, done.stderr
    with Store.open(store.root) as reopened:
        events = [e["event"] for e in reopened.custody_events(sealed.id)]
        report = reopened.verify(sealed.id, TrustPolicy(tsa_roots=(tsa.pki.root_cert,)))
        assert report.intact, report.problem_text()
        if where == "before-token":
            assert events == ["captured"] and report.time.status == "none"
            assert not (sealed.path / "tsa-chain.pem").exists()
        else:
            assert events == ["captured", "timestamped"] and report.time.status == "trusted"
            assert reopened.get(sealed.id).has_timestamp
        assert reopened.ledger_disagreements == []
        assert not list((store.root / "pending").glob("*.json"))


def test_a_journal_another_process_is_still_working_on_is_left_alone(store: Store, sealed: CaptureRecord,
                                                                     tmp_path: Path) -> None:
    prepared = store.prepare_custody(sealed.id, "note", {"text": "x"}, "HR", "")
    journal = write_pending(store.root, "busy", condition=(tmp_path / "not-yet.zip", "0" * 64), events=[prepared])
    try:
        other = Store.open(store.root)          # as another process would open it (flock is per open file)
        other.close()
        assert journal.path.exists()            # not dropped: its act is still running
        assert list(read_pending(store.root)) == []
    finally:
        journal.drop()
    assert [p.path for p in read_pending(store.root)] == []
