"""Issue 12: the store's ledger is the record of every custody log; the index is only a cache. A log
cut at its end is named by verification with the index, without it, and with a corrupted one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_store.store.index import CaptureRecord
from evidence_store.store.ledger import LEDGER_FILE
from evidence_store.store.store import INDEX_FILE, Store
from tests.evidence_store.conftest import SealFn

ROOT = Path(__file__).parents[3]


def cut_last_line(record: CaptureRecord) -> None:
    log = record.path / "custody.jsonl"
    lines = log.read_bytes().split(b"\n")
    log.write_bytes(b"\n".join(lines[:-2]) + b"\n")


@pytest.fixture
def noted(store: Store, sealed: CaptureRecord) -> CaptureRecord:
    store.append_custody(sealed.id, "note", {"text": "HR read it"}, "HR", "Aarhus Kommune")
    return sealed


def test_every_event_the_store_writes_is_in_its_ledger(store: Store, noted: CaptureRecord) -> None:
    expected = store.ledger.read().expected(noted.id)
    assert expected is not None and expected.count == 2 and expected.source == "the store's ledger"
    assert store.verify(noted.id).intact


def test_comparing_with_the_ledger_while_a_capture_is_sealed_adopts_nothing(
    store: Store, seal: SealFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app compares every log with the ledger in the background while a capture may be sealing: between
    the bundle taking its place and the ledger getting its "sealed" event, the comparison must not record
    the bundle as "sealed just before Vidne stopped" (it did not stop), nor count a disagreement."""
    record_event = store.ledger.record_event
    found: list[list[str]] = []

    def comparison_meanwhile(capture_id: str, seq: int, line: bytes) -> None:
        found.append(store.check_ledger())        # the bundle is in place; its ledger line is not yet
        record_event(capture_id, seq, line)

    monkeypatch.setattr(store.ledger, "record_event", comparison_meanwhile)
    record = seal()
    monkeypatch.undo()
    assert found == [[]]
    lines = [json.loads(line) for line in (store.root / LEDGER_FILE).read_text().splitlines()]
    assert [line["kind"] for line in lines if line["bundle"] == record.id] == ["event"]
    assert store.check_ledger() == [] and store.verify(record.id).intact


@pytest.mark.parametrize("index", ["kept", "deleted", "corrupted"])
def test_a_cut_off_custody_log_is_named_whatever_became_of_the_index(
        store: Store, noted: CaptureRecord, index: str) -> None:
    cut_last_line(noted)
    store.close()
    if index == "deleted":
        (store.root / INDEX_FILE).unlink()
    elif index == "corrupted":
        (store.root / INDEX_FILE).write_bytes(b"this is not a database" * 100)
    reopened = Store.open(store.root)
    try:
        report = reopened.verify(noted.id)
        assert not report.intact
        assert any("the store's ledger says the log had 2 events" in str(p) for p in report.problems), \
            report.problem_text()
        assert any(noted.id in line and "the ledger records 2" in line for line in reopened.ledger_disagreements)
    finally:
        reopened.close()


def test_vidne_verify_of_a_folder_in_the_store_names_the_missing_tail(store: Store, noted: CaptureRecord) -> None:
    cut_last_line(noted)
    store.close()
    (store.root / INDEX_FILE).unlink()
    done = subprocess.run([sys.executable, "-m", "app.cli.main", "verify", str(noted.path), "--store", str(store.root)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "NOT INTACT" in done.stdout and "removed" in done.stdout


def test_a_store_from_before_the_ledger_starts_one_and_says_nothing_is_wrong(
        store: Store, noted: CaptureRecord) -> None:
    store.close()
    (store.root / LEDGER_FILE).unlink()
    reopened = Store.open(store.root)
    try:
        assert reopened.ledger_disagreements == []
        expected = reopened.ledger.read().expected(noted.id)
        assert expected is not None and expected.count == 2
        assert '"kind":"adopted"' in (store.root / LEDGER_FILE).read_text("utf-8")
    finally:
        reopened.close()


def test_an_edited_ledger_is_noticed(store: Store, noted: CaptureRecord) -> None:
    path = store.root / LEDGER_FILE
    path.write_bytes(path.read_bytes().replace(b'"custody_seq":2', b'"custody_seq":1'))
    report = store.verify(noted.id)
    assert any("ledger" in note and "damaged" in note for note in report.notes)
    store.close()
    reopened = Store.open(store.root)
    try:
        assert any("signature does not verify" in line for line in reopened.ledger_disagreements)
    finally:
        reopened.close()


def test_an_imported_bundle_arrives_in_the_ledger_with_every_event(
        store: Store, seal: SealFn, tmp_path: Path) -> None:
    other = Store.open(tmp_path / "employee")
    try:
        record = seal(target=other)
        other.append_custody(record.id, "note", {"text": "mine"}, "Mette", "Aarhus Kommune")
        received = store.add_bundle(record.path)
    finally:
        other.close()
    expected = store.ledger.read().expected(received.id)
    assert expected is not None and expected.count == 2
