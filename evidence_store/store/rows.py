"""What the index knows about one bundle, read from the bundle's own files.

Tolerant by design: a damaged bundle still gets a row (with what could be read), so it shows up in
lists and its problems are found when it is verified, instead of it silently disappearing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.names import capture_id_time
from evidence_store.bundle.read import read_bundle
from evidence_store.files.hashing import sha256_bytes

log = logging.getLogger(__name__)

MAX_FIELD = 4096          # longest text kept in the index; the manifest keeps the whole text


@dataclass(frozen=True)
class CustodyRow:
    seq: int
    event: str
    at: str
    actor: str
    organisation: str
    line_sha256: str


@dataclass(frozen=True)
class IndexRow:
    id: str
    case: str
    url: str
    final_url: str
    title: str
    http_status: int | None
    started_at: str
    finished_at: str
    operator: str
    organisation: str
    note: str
    signer_fingerprint: str
    has_timestamp: bool
    custody: tuple[CustodyRow, ...]

    @property
    def custody_count(self) -> int:
        return len(self.custody)

    @property
    def custody_head(self) -> str | None:
        return self.custody[-1].line_sha256 if self.custody else None


def read_bundle_row(bundle_dir: Path, capture_id: str) -> IndexRow:
    """The index row of the bundle in ``bundle_dir``; never raises on a damaged bundle."""
    view = read_bundle(bundle_dir)
    for problem in view.problems:
        log.warning("capture %s: for the index: %s", capture_id, problem)
    return row_from_bundle_data(capture_id, view.manifest, view.custody_bytes, view.has_timestamp)


def row_from_bundle_data(
    capture_id: str, manifest: object, custody_bytes: bytes, has_timestamp: bool
) -> IndexRow:
    m = manifest if isinstance(manifest, dict) else {}
    facts = m.get("capture")
    facts = facts if isinstance(facts, dict) else {}
    signer = m.get("signer")
    signer = signer if isinstance(signer, dict) else {}
    status = facts.get("http_status")
    fallback_time = capture_id_time(capture_id)
    started = _text(facts.get("started_at"))
    if not _is_utc_iso(started) and fallback_time is not None:
        started = fallback_time.isoformat().replace("+00:00", "Z")
    return IndexRow(
        id=capture_id,
        case=_text(m.get("case")),
        url=_text(facts.get("url_requested")),
        final_url=_text(facts.get("final_url")),
        title=_text(facts.get("title")),
        http_status=status if isinstance(status, int) and not isinstance(status, bool) else None,
        started_at=started,
        finished_at=_text(facts.get("finished_at")),
        operator=_text(m.get("operator")),
        organisation=_text(m.get("organisation")),
        note=_text(m.get("note")),
        signer_fingerprint=_text(signer.get("public_key_sha256")),
        has_timestamp=has_timestamp,
        custody=custody_rows(custody_bytes),
    )


def custody_rows(custody_bytes: bytes) -> tuple[CustodyRow, ...]:
    """One row per complete line, numbered by position (whatever the line claims)."""
    rows = []
    for seq, raw in enumerate(custody.split_lines(custody_bytes)[0], start=1):
        event: dict[str, Any] = {}
        try:
            parsed = json.loads(raw.decode("utf-8"))
            if isinstance(parsed, dict):
                event = parsed
        except (UnicodeDecodeError, ValueError, RecursionError):
            log.debug("custody line %d cannot be parsed for the index", seq)
        rows.append(custody_row(seq, event, raw))
    return tuple(rows)


def custody_row(seq: int, event: dict[str, Any], raw_line: bytes) -> CustodyRow:
    """``raw_line`` without its \\n."""
    return CustodyRow(
        seq=seq,
        event=_text(event.get("event")),
        at=_text(event.get("at")),
        actor=_text(event.get("actor")),
        organisation=_text(event.get("organisation")),
        line_sha256=sha256_bytes(raw_line),
    )


def _text(value: object) -> str:
    return value[:MAX_FIELD] if isinstance(value, str) else ""


def _is_utc_iso(text: str) -> bool:
    return len(text) >= 20 and text.endswith("Z") and text[4] == "-" and text[10] == "T"
