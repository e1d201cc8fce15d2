"""The custody log: every edit, removal, insertion or reordering is caught and names its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_store.bundle import custody
from evidence_store.bundle.keys import SigningKey
from evidence_store.bundle.verify import verify_bundle
from evidence_store.errors import CustodyError
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store


@pytest.fixture
def logged(sealed: CaptureRecord, store: Store) -> CaptureRecord:
    """A bundle whose custody log has 4 events."""
    store.append_custody(sealed.id, "exported", {"to": "zip"}, "Mette Hansen", "Aarhus Kommune")
    store.append_custody(sealed.id, "received", {"from": "Mette"}, "Lars HR", "Aarhus Kommune")
    store.append_custody(sealed.id, "handed_over", {"to": "Østjyllands Politi"}, "Lars HR", "Aarhus Kommune")
    return store.get(sealed.id)


def _lines(record: CaptureRecord) -> list[bytes]:
    return (record.path / "custody.jsonl").read_bytes().split(b"\n")[:-1]


def _write(record: CaptureRecord, lines: list[bytes], *, final_newline: bool = True) -> None:
    (record.path / "custody.jsonl").write_bytes(b"\n".join(lines) + (b"\n" if final_newline else b""))


def _custody_lines_with_problems(record: CaptureRecord, store: Store | None = None) -> set[int | None]:
    report = store.verify(record.id) if store else verify_bundle(record.path)
    assert not report.intact
    assert all(p.file == "custody.jsonl" for p in report.problems), report.problem_text()
    return {p.line for p in report.problems}


def test_appended_events_verify(logged: CaptureRecord, store: Store) -> None:
    report = store.verify(logged.id)
    assert report.intact, report.problem_text()
    assert report.custody_count == 4 == logged.custody_count
    events = store.custody_events(logged.id)
    assert [e["event"] for e in events] == ["captured", "exported", "received", "handed_over"]
    assert [e["seq"] for e in events] == [1, 2, 3, 4]
    assert all(e["signer_fingerprint"] == store.fingerprint() for e in events)
    assert [r.event for r in store.index.custody_events(logged.id)] == [e["event"] for e in events]


def test_lines_are_canonical_json(logged: CaptureRecord) -> None:
    for raw in _lines(logged):
        event = json.loads(raw)
        assert custody.canonical_json(event) == raw
    assert "Østjyllands".encode() in (logged.path / "custody.jsonl").read_bytes()


def test_editing_a_field_names_the_line(logged: CaptureRecord) -> None:
    lines = _lines(logged)
    lines[2] = lines[2].replace(b'"Lars HR"', b'"Lars XX"')
    _write(logged, lines)
    report = verify_bundle(logged.path)
    messages = {(p.line, p.message) for p in report.problems}
    assert any(line == 3 and "signature does not verify" in m for line, m in messages), messages
    assert any(line == 4 and "prev_sha256" in m for line, m in messages), messages
    assert str(next(p for p in report.problems if p.line == 3)).startswith("custody.jsonl line 3: ")


def test_re_signed_edit_still_breaks_the_chain(logged: CaptureRecord) -> None:
    """Someone with their own key rewrites line 2 and signs it: the next line's link breaks."""
    lines = _lines(logged)
    event = json.loads(lines[1])
    other = SigningKey.generate()
    forged = custody.build_event(seq=2, event="exported", actor="Someone", organisation="X",
                                 details={}, prev_sha256=event["prev_sha256"], key=other)
    lines[1] = custody.canonical_json(forged)
    _write(logged, lines)
    assert _custody_lines_with_problems(logged) == {3}


@pytest.mark.parametrize(("drop", "expected_lines"), [(0, {1, 2, 3}), (1, {2, 3}), (2, {3})])
def test_dropping_a_line_is_caught(logged: CaptureRecord, drop: int, expected_lines: set[int]) -> None:
    lines = _lines(logged)
    del lines[drop]
    _write(logged, lines)
    found = _custody_lines_with_problems(logged)
    assert drop + 1 in found
    assert found <= expected_lines


def test_reordering_two_lines_is_caught(logged: CaptureRecord) -> None:
    lines = _lines(logged)
    lines[1], lines[2] = lines[2], lines[1]
    _write(logged, lines)
    assert {2, 3} <= _custody_lines_with_problems(logged)


def test_duplicating_a_line_is_caught(logged: CaptureRecord) -> None:
    lines = _lines(logged)
    lines.insert(2, lines[1])
    _write(logged, lines)
    assert 3 in _custody_lines_with_problems(logged)


def test_inserting_a_foreign_line_is_caught(logged: CaptureRecord) -> None:
    lines = _lines(logged)
    lines.insert(1, b'{"seq":2,"event":"note"}')
    _write(logged, lines)
    assert 2 in _custody_lines_with_problems(logged)


def test_truncating_the_last_line_halfway_is_caught(logged: CaptureRecord, store: Store) -> None:
    data = (logged.path / "custody.jsonl").read_bytes()
    last_start = data.rstrip(b"\n").rfind(b"\n") + 1
    cut = last_start + (len(data) - last_start) // 2
    (logged.path / "custody.jsonl").write_bytes(data[:cut])
    assert _custody_lines_with_problems(logged) == {4}
    report = store.verify(logged.id)
    assert any(p.line == 4 and "incomplete" in p.message for p in report.problems)


def test_dropping_the_last_line_is_caught_only_against_the_store(logged: CaptureRecord, store: Store) -> None:
    lines = _lines(logged)
    _write(logged, lines[:-1])
    assert verify_bundle(logged.path).intact          # nothing inside the bundle can tell
    report = store.verify(logged.id)
    assert not report.intact
    assert [(p.file, p.line) for p in report.problems] == [("custody.jsonl", 4)]
    assert "3 complete ones" in report.problems[0].message


def test_replacing_the_last_line_is_caught_against_the_store(logged: CaptureRecord, store: Store) -> None:
    lines = _lines(logged)
    head = custody.summarize(b"\n".join(lines[:-1]) + b"\n").head_sha256
    assert head is not None
    forged = custody.build_event(seq=4, event="note", actor="x", organisation="y", details={},
                                 prev_sha256=head, key=SigningKey.generate())
    _write(logged, [*lines[:-1], custody.canonical_json(forged)])
    assert verify_bundle(logged.path).intact
    report = store.verify(logged.id)
    assert [(p.file, p.line) for p in report.problems] == [("custody.jsonl", 4)]


def test_more_events_than_recorded_is_fine(logged: CaptureRecord, store: Store) -> None:
    """Events recorded elsewhere (a recipient's own Vidne) extend the log; that is not tampering."""
    expected = store.index.custody_state(logged.id)
    assert expected is not None
    data = (logged.path / "custody.jsonl").read_bytes()
    other = SigningKey.generate()
    head = custody.summarize(data).head_sha256
    assert head is not None
    extra = custody.build_event(seq=5, event="received", actor="Politi", organisation="Politi",
                                details={}, prev_sha256=head, key=other)
    (logged.path / "custody.jsonl").write_bytes(data + custody.event_line(extra))
    assert verify_bundle(logged.path, expected_custody=expected).intact


def test_empty_and_blank_and_garbage_logs(sealed: CaptureRecord) -> None:
    manifest = (sealed.path / "manifest.json").read_bytes()
    assert [str(p) for p in custody.verify_chain(manifest, b"")] == [
        "custody.jsonl: the log is empty: the 'captured' event is missing"
    ]
    first = (sealed.path / "custody.jsonl").read_bytes()
    problems = custody.verify_chain(manifest, first + b"\n")
    assert [(p.line, p.message) for p in problems] == [(2, "empty line")]
    for garbage in (b"\xff\xfe\n", b"[1,2]\n", b"null\n", b"{" * 100000 + b"\n", b'{"seq":NaN}\n',
                    b'{"seq":1}\n', b'{"seq":1,"seq":1}\n'):
        problems = custody.verify_chain(manifest, first + garbage)
        assert problems and all(p.line == 2 for p in problems), garbage[:20]


def test_wrong_types_are_reported_not_raised(sealed: CaptureRecord) -> None:
    manifest = (sealed.path / "manifest.json").read_bytes()
    event = json.loads((sealed.path / "custody.jsonl").read_bytes())
    for key in event:
        for value in (None, True, 1.5, [], {}, "", "x" * 10, 10**30):
            mutated = {**event, key: value}
            line = custody.canonical_json(mutated) + b"\n"
            problems = custody.verify_chain(manifest, line)
            assert problems and all(p.line == 1 for p in problems), (key, value)


def test_first_event_must_be_signed_by_the_manifest_signer(sealed: CaptureRecord) -> None:
    manifest = (sealed.path / "manifest.json").read_bytes()
    forged = custody.first_event(manifest, actor="x", organisation="y", details={}, key=SigningKey.generate())
    (sealed.path / "custody.jsonl").write_bytes(custody.event_line(forged))
    report = verify_bundle(sealed.path)
    assert [(p.file, p.line) for p in report.problems] == [("custody.jsonl", 1)]
    assert "not signed by the key that signed manifest.json" in report.problems[0].message


def test_append_refuses_a_damaged_log(logged: CaptureRecord, store: Store) -> None:
    lines = _lines(logged)
    lines[1] = lines[1].replace(b"zip", b"zap")
    _write(logged, lines)
    before = (logged.path / "custody.jsonl").read_bytes()
    with pytest.raises(CustodyError, match="damaged"):
        store.append_custody(logged.id, "note", {"text": "x"}, "a", "b")
    assert (logged.path / "custody.jsonl").read_bytes() == before


def test_append_refuses_a_shortened_log(logged: CaptureRecord, store: Store) -> None:
    _write(logged, _lines(logged)[:-1])
    with pytest.raises(CustodyError, match="damaged"):
        store.append_custody(logged.id, "note", {}, "a", "b")


def test_append_refuses_unknown_events_and_bad_details(sealed: CaptureRecord, store: Store) -> None:
    with pytest.raises(CustodyError, match="not a custody event"):
        store.append_custody(sealed.id, "deleted", {}, "a", "b")
    with pytest.raises(CustodyError, match="JSON"):
        store.append_custody(sealed.id, "note", {"x": float("nan")}, "a", "b")
    assert store.verify(sealed.id).intact


def test_append_after_a_torn_line_is_refused(sealed: CaptureRecord, store: Store) -> None:
    path = sealed.path / "custody.jsonl"
    path.write_bytes(path.read_bytes() + b'{"seq":2,"ev')
    with pytest.raises(CustodyError, match="incomplete"):
        store.append_custody(sealed.id, "note", {}, "a", "b")


def test_append_writes_one_whole_line(sealed: CaptureRecord, store: Store) -> None:
    new = store.append_custody(sealed.id, "note", {"text": "Linje\nmed\u2028skift"}, "a", "b")
    data = (sealed.path / "custody.jsonl").read_bytes()
    assert data.endswith(custody.event_line(new))
    assert data.count(b"\n") == 2
    assert store.verify(sealed.id).intact


def test_concurrent_appends_from_threads_keep_the_chain(sealed: CaptureRecord, store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: store.append_custody(sealed.id, "note", {"i": i}, "a", "b"), range(12)))
    report = store.verify(sealed.id)
    assert report.intact, report.problem_text()
    assert report.custody_count == 13 == store.get(sealed.id).custody_count


def test_parse_events_skips_garbage(tmp_path: Path) -> None:
    assert custody.parse_events(b'{"a":1}\nnot json\n[1]\n{"b":2}\n{"torn') == [{"a": 1}, {"b": 2}]
