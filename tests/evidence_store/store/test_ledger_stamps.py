"""Issue 12: a time-stamp over the ledger's head, so a ledger cut or edited below it is caught even
when the custody logs and the index were cut to match."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_store.store.index import CaptureRecord
from evidence_store.store.ledger import LEDGER_FILE, stamped_lines
from evidence_store.store.stamping import stamp_ledger, stamp_pending
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy
from tests.support.tsa_server import RunningTsa, running_tsa


@pytest.fixture
def tsa(tmp_path: Path) -> Iterator[RunningTsa]:
    with running_tsa(tmp_path / "tsa") as running:
        yield running


def test_pending_stamping_also_stamps_the_ledger_head_once(store: Store, sealed: CaptureRecord,
                                                           tsa: RunningTsa) -> None:
    trust = TrustPolicy(tsa_roots=(tsa.pki.root_cert,))
    stamp_pending(store, [tsa.url("with-root")], actor="Vidne", organisation="", trust=trust)
    count = store.ledger.read().count
    assert stamped_lines(store.root) == [count]         # the 'timestamped' event is in the ledger it covers
    assert stamp_ledger(store, [tsa.url("with-root")], trust=trust) is None    # nothing new since
    assert store.check_ledger() == []


def test_a_ledger_cut_below_its_stamp_is_caught(store: Store, sealed: CaptureRecord, tsa: RunningTsa) -> None:
    store.append_custody(sealed.id, "note", {"text": "HR"}, "HR", "")
    assert stamp_ledger(store, [tsa.url("with-root")], trust=TrustPolicy(tsa_roots=(tsa.pki.root_cert,)))
    path = store.root / LEDGER_FILE
    path.write_bytes(b"".join(path.read_bytes().splitlines(keepends=True)[:-1]))   # the last line cut
    found = store.check_ledger()
    assert any("was cut" in line for line in found), found


def test_a_stamped_ledger_line_rewritten_is_caught(store: Store, sealed: CaptureRecord, tsa: RunningTsa) -> None:
    assert stamp_ledger(store, [tsa.url("with-root")], trust=TrustPolicy(tsa_roots=(tsa.pki.root_cert,)))
    path = store.root / LEDGER_FILE
    path.write_bytes(path.read_bytes().replace(b'"custody_seq":1', b'"custody_seq":2'))
    found = store.check_ledger()
    assert any("is not the line that was time-stamped" in line for line in found), found
