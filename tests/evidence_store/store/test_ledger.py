"""The store's ledger on its own: chained, signed, and every kind of damage named by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_store.bundle.keys import SigningKey
from evidence_store.files.hashing import sha256_bytes
from evidence_store.store.ledger import Ledger

KEY = SigningKey.generate()


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    book = Ledger(tmp_path / "ledger.jsonl", lambda: KEY)
    book.adopt("A", 2, "a" * 64, "found when the ledger started")
    book.record_event("A", 3, b'{"line":3}')
    book.record_event("B", 1, b'{"line":1}')
    return book


def test_it_records_each_bundles_last_event(ledger: Ledger) -> None:
    state = ledger.read()
    assert not state.problems and state.count == 3
    assert state.expected("A") is not None and state.expected("A").count == 3      # type: ignore[union-attr]
    assert state.expected("A").head_sha256 == sha256_bytes(b'{"line":3}')         # type: ignore[union-attr]
    assert state.expected("B").count == 1 and state.signers == {KEY.fingerprint()}  # type: ignore[union-attr]
    assert (ledger.path.stat().st_mode & 0o777) == 0o600


def test_an_edited_line_is_named(ledger: Ledger) -> None:
    lines = ledger.path.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b'"custody_seq":3', b'"custody_seq":4')
    ledger.path.write_bytes(b"\n".join(lines))
    state = ledger.read()
    assert [p.line for p in state.problems][:1] == [2]
    assert "signature does not verify" in str(state.problems[0])


def test_a_removed_middle_line_breaks_the_chain(ledger: Ledger) -> None:
    lines = ledger.path.read_bytes().split(b"\n")
    ledger.path.write_bytes(b"\n".join([lines[0], lines[2], b""]))
    messages = " ".join(str(p) for p in ledger.read().problems)
    assert "line 2" in messages and "removed" in messages


def test_a_torn_last_line_is_named_and_the_next_write_stands_alone(ledger: Ledger) -> None:
    with ledger.path.open("ab") as fh:
        fh.write(b'{"seq":4,"at"')
    assert "incomplete last line" in str(ledger.read().problems[0])
    ledger.record_event("B", 2, b'{"line":2}')
    state = ledger.read()
    assert state.expected("B").count == 2                                        # type: ignore[union-attr]
    assert [p.line for p in state.problems] == [4]        # the torn line stays, named, never hidden


def test_an_event_skipped_for_a_bundle_is_named(ledger: Ledger) -> None:
    ledger.record_event("B", 3, b'{"line":3}')
    assert "an event was not recorded" in str(ledger.read().problems[0])


def test_an_edit_below_lines_already_verified_is_still_found(ledger: Ledger) -> None:
    assert not ledger.read().problems                    # verified once: later reads check only new lines
    ledger.record_event("B", 2, b'{"line":2}')
    lines = ledger.path.read_bytes().split(b"\n")
    lines[0] = lines[0].replace(b'"custody_seq":2', b'"custody_seq":3')
    ledger.path.write_bytes(b"\n".join(lines))
    assert [p.line for p in ledger.read().problems][:1] == [1]
