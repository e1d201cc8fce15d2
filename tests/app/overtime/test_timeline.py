"""The case timeline (evidence_store.case_timeline) from sealed bundles: first captures, re-checks named
by their signed ``recheck`` facts, unanswered re-checks from the original's "rechecked" custody events,
in time order, other cases left out, and hostile manifest values not trusted for their type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from evidence_store import CaptureRecord, Store, TimelineEvent, case_timeline

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Art:
    name: str
    media_type: str
    description: str = ""


def iso(at: datetime) -> str:
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def seal(store: Store, at: datetime, *, case: str = "Sag A", status: int = 200,
         recheck: dict[str, Any] | None = None, url: str = "https://example.dk/opslag/1") -> CaptureRecord:
    with store.begin_capture(at) as staging:
        (staging.artifacts_dir / "page-text.txt").write_text("Opslag", encoding="utf-8")
        facts: dict[str, Any] = {"url_requested": url, "final_url": url, "http_status": status,
                                 "title": "Opslag <b>1</b>", "started_at": iso(at),
                                 "finished_at": iso(at + timedelta(seconds=3))}
        if recheck is not None:
            facts["recheck"] = recheck
        return store.seal(staging, facts=facts, artifacts=[Art("page-text.txt", "text/plain")],
                          operator="Test", organisation="Testkommune", case=case)


def test_five_events_in_time_order(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        first = seal(store, T0)
        seal(store, T0 + timedelta(hours=5), case="Sag B")          # another case: not listed
        same = seal(store, T0 + timedelta(hours=1), recheck={"of": first.id, "outcome": "unchanged",
                                                            "changes": {"removed": [], "added": []}})
        edited = seal(store, T0 + timedelta(hours=2), recheck={
            "of": first.id, "outcome": "changed", "changes": {"removed": ["burde fyres"], "added": ["er sød"]}})
        store.append_custody(first.id, "rechecked", {"recheck": None, "outcome": "unreachable",
                                                     "started_at": iso(T0 + timedelta(hours=3)),
                                                     "error": {"code": "connection_refused", "message": "no"}},
                             "Test", "Testkommune")
        gone = seal(store, T0 + timedelta(hours=4), status=404, recheck={
            "of": first.id, "outcome": "gone", "changes": {"removed": ["er sød"], "added": ["Not found"]}})
        events = case_timeline(store, "Sag A")
    assert [(e.id, e.outcome) for e in events] == [
        (first.id, "captured"), (same.id, "unchanged"), (edited.id, "changed"), (first.id, "unreachable"),
        (gone.id, "gone")]
    assert [e.at for e in events] == sorted(e.at for e in events) and all(e.at.endswith("Z") for e in events)
    assert events[0].of is None and all(e.of == first.id for e in events[1:])
    assert events[2].changes == {"removed": ["burde fyres"], "added": ["er sød"]}
    assert events[0].changes == {"removed": [], "added": []}
    assert events[3].at == iso(T0 + timedelta(hours=3)) and events[3].http_status is None
    assert events[4].http_status == 404 and events[4].title == "Opslag <b>1</b>"
    assert events[4].as_json() == {"at": iso(T0 + timedelta(hours=4)), "id": gone.id,
                                   "url": "https://example.dk/opslag/1", "title": "Opslag <b>1</b>",
                                   "outcome": "gone", "of": first.id,
                                   "changes": {"removed": ["er sød"], "added": ["Not found"]}, "http_status": 404}
    assert isinstance(events[0], TimelineEvent)


def test_hostile_recheck_facts_are_read_for_their_type_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        seal(store, T0, recheck={"of": 7, "outcome": ["x"], "changes": {"removed": "abc", "added": [1, "ok", None]}})
        (event,) = case_timeline(store, "Sag A")
    assert event.of is None and event.outcome == "unknown"
    assert event.changes == {"removed": [], "added": ["ok"]}


def test_an_empty_or_unknown_case_has_no_events(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        seal(store, T0)
        assert case_timeline(store, "Ingen sag") == []
