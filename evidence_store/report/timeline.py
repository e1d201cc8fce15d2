"""A case as a timeline: every capture and re-check of the case in time order, for the CLI
(``vidne timeline``), the app's timeline view and the report's "Timeline" section, so that all three tell
the same story.

Built from the index (which captures the case holds) and each bundle's manifest: a first capture is
"captured"; a re-check's manifest carries the signed ``recheck`` facts (which capture it re-checks, the
outcome, the removed and added text; docs/bundle-format.md). A re-check that got no answer seals no
bundle: it is the "rechecked" custody event (outcome "unreachable") in the log of the capture it
re-checked, listed here under that capture's id. Reading is not verifying: what is listed is what the
bundles say (``vidne verify`` says whether they are intact). Every text here is the page's: hostile.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from evidence_store.bundle.read import read_bundle

if TYPE_CHECKING:
    from evidence_store.store.store import Store

log = logging.getLogger(__name__)

CAPTURED = "captured"
RECHECKED_EVENT = "rechecked"           # the custody event a re-check leaves in the original's log
UNREACHABLE = "unreachable"
MAX_PIECES = 1000                       # removed or added pieces read from one manifest (the re-check keeps fewer)
_UTC = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")


@dataclass(frozen=True)
class TimelineEvent:
    """One capture or re-check of a case. ``outcome``: "captured" for a first capture, else the
    re-check's (unchanged, changed, gone, login_needed, unreachable). ``of``: the capture it re-checks.
    ``changes``: {"removed": [...], "added": [...]}, empty lists if none."""

    at: str                             # UTC ISO 8601 with a 'Z'
    id: str
    url: str
    title: str
    outcome: str
    of: str | None = None
    changes: dict[str, list[str]] = field(default_factory=lambda: {"removed": [], "added": []})
    http_status: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"at": self.at, "id": self.id, "url": self.url, "title": self.title, "outcome": self.outcome,
                "of": self.of, "changes": {"removed": list(self.changes.get("removed", [])),
                                           "added": list(self.changes.get("added", []))},
                "http_status": self.http_status}


def case_timeline(store: Store, case: str) -> list[TimelineEvent]:
    """Every capture and re-check of ``case`` (and every unanswered re-check of its captures), oldest first."""
    events: list[TimelineEvent] = []
    for record in store.list_captures(case=case):
        view = read_bundle(record.path)
        if view.problems:
            log.warning("timeline: capture %s: %s", record.id, "; ".join(view.problems))
        facts = view.facts
        url = view.url or record.url
        title = view.title if view.manifest else record.title
        status = view.http_status if view.manifest else record.http_status
        at = _utc(view.started_at) or _utc(record.started_at) or record.started_at
        recheck = facts.get("recheck")
        if isinstance(recheck, dict):
            events.append(TimelineEvent(at=at, id=record.id, url=url, title=title,
                                        outcome=_text(recheck.get("outcome")) or "unknown",
                                        of=_text(recheck.get("of")) or None,
                                        changes=_changes(recheck.get("changes")), http_status=status))
        else:
            events.append(TimelineEvent(at=at, id=record.id, url=url, title=title, outcome=CAPTURED,
                                        http_status=status))
        events.extend(_unanswered(view.custody_events, record.id, url, title))
    return sorted(events, key=lambda e: (e.at, e.outcome != CAPTURED, e.id))


def _unanswered(custody: list[dict[str, Any]], capture_id: str, url: str, title: str) -> list[TimelineEvent]:
    """The re-checks of this capture that got no answer: its "rechecked" events with outcome unreachable."""
    found = []
    for event in custody:
        details = event.get("details")
        if event.get("event") != RECHECKED_EVENT or not isinstance(details, dict):
            continue
        if details.get("outcome") != UNREACHABLE:
            continue
        at = _utc(details.get("started_at")) or _utc(event.get("at"))
        if at:
            found.append(TimelineEvent(at=at, id=capture_id, url=url, title=title, outcome=UNREACHABLE,
                                       of=capture_id))
    return found


def _changes(value: object) -> dict[str, list[str]]:
    given = value if isinstance(value, dict) else {}
    out: dict[str, list[str]] = {}
    for key in ("removed", "added"):
        items = given.get(key)
        out[key] = [item for item in items if isinstance(item, str)][:MAX_PIECES] if isinstance(items, list) else []
    return out


def _utc(value: object) -> str:
    return value if isinstance(value, str) and _UTC.fullmatch(value) else ""


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
