"""The chain-of-custody log: custody.jsonl, one signed JSON event per line.

Each line is the canonical JSON of one event (sorted keys, no spaces, UTF-8) followed by ``\\n``.
Every event carries the sha256 of the line before it (the first event: of manifest.json) and an
Ed25519 signature, by whoever recorded it, over the canonical JSON of the event without its
``signature``. See docs/bundle-format.md.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence_store.bundle.keys import SigningKey, fingerprint_of_der, load_public_key, verify_signature
from evidence_store.bundle.names import MAX_CUSTODY_BYTES
from evidence_store.errors import CustodyError, InvalidPublicKey
from evidence_store.files.fsutil import read_from_start, write_all
from evidence_store.files.hashing import sha256_bytes
from evidence_store.files.locking import lock_fd, unlock_fd
from evidence_store.problems import Problem

log = logging.getLogger(__name__)

CUSTODY_FILE = "custody.jsonl"
EVENTS = ("captured", "timestamped", "exported", "received", "note", "handed_over", "vaulted", "rechecked")

_UTC_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")
_FIELDS: dict[str, type | tuple[type, ...]] = {
    "seq": int,
    "event": str,
    "at": str,
    "actor": str,
    "organisation": str,
    "details": dict,
    "prev_sha256": str,
    "signer_public_key": str,
    "signer_fingerprint": str,
    "signature": str,
}


@dataclass(frozen=True)
class ExpectedCustody:
    """What an outside record (the store's index, an export record) says the log held."""

    count: int
    head_sha256: str
    source: str = "the store's record"


@dataclass(frozen=True)
class CustodySummary:
    count: int                    # complete lines
    head_sha256: str | None       # sha256 of the last complete line without its \n


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def canonical_json(obj: Any) -> bytes:
    """The one serialisation that is hashed and signed. Raises ValueError/TypeError if impossible."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode(
        "utf-8"
    )


def split_lines(data: bytes) -> tuple[list[bytes], bytes]:
    """Complete lines (without their \\n) and whatever follows the last \\n (a torn line, or b"")."""
    parts = data.split(b"\n")
    return parts[:-1], parts[-1]


def summarize(data: bytes) -> CustodySummary:
    lines, _ = split_lines(data)
    return CustodySummary(len(lines), sha256_bytes(lines[-1]) if lines else None)


def parse_events(data: bytes) -> list[dict[str, Any]]:
    """The events of the complete lines that parse as JSON objects (for lists and reports; this does
    not verify anything — use verify_chain for that)."""
    events = []
    for raw in split_lines(data)[0]:
        try:
            obj = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            continue
        if isinstance(obj, dict):
            events.append(obj)
    return events


def build_event(
    *,
    seq: int,
    event: str,
    actor: str,
    organisation: str,
    details: dict[str, Any],
    prev_sha256: str,
    key: SigningKey,
    at: str | None = None,
) -> dict[str, Any]:
    """A signed event, ready to be written with event_line()."""
    if event not in EVENTS:
        raise CustodyError(f"'{event}' is not a custody event Vidne knows ({', '.join(EVENTS)}).")
    body: dict[str, Any] = {
        "seq": seq,
        "event": event,
        "at": at or utc_now(),
        "actor": actor,
        "organisation": organisation,
        "details": details,
        "prev_sha256": prev_sha256,
        "signer_public_key": key.public_b64(),
        "signer_fingerprint": key.fingerprint(),
    }
    try:
        message = canonical_json(body)
    except (TypeError, ValueError) as exc:
        raise CustodyError(f"The details of the '{event}' event cannot be recorded as JSON ({exc}).") from exc
    body["signature"] = base64.b64encode(key.sign(message)).decode("ascii")
    return body


def event_line(event: dict[str, Any]) -> bytes:
    return canonical_json(event) + b"\n"


def first_event(
    manifest_bytes: bytes, *, actor: str, organisation: str, details: dict[str, Any], key: SigningKey
) -> dict[str, Any]:
    """The 'captured' event that opens every log, chained to manifest.json."""
    return build_event(
        seq=1,
        event="captured",
        actor=actor,
        organisation=organisation,
        details=details,
        prev_sha256=sha256_bytes(manifest_bytes),
        key=key,
    )


def verify_chain(manifest_bytes: bytes, custody_bytes: bytes) -> list[Problem]:
    """Every problem with the log, each naming its line. Removing the LAST line leaves a valid chain;
    only an outside record catches that (see check_expected)."""
    lines, tail = split_lines(custody_bytes)
    if not lines and not tail:
        return [Problem(CUSTODY_FILE, "the log is empty: the 'captured' event is missing")]
    problems: list[Problem] = []
    prev_sha256 = sha256_bytes(manifest_bytes)
    for number, raw in enumerate(lines, start=1):
        for message in _line_problems(number, raw, prev_sha256):
            problems.append(Problem(CUSTODY_FILE, message, number))
        prev_sha256 = sha256_bytes(raw)
    if tail:
        problems.append(
            Problem(
                CUSTODY_FILE,
                "incomplete last line (no line break at its end): it was cut off while being written, "
                "or the file was edited",
                len(lines) + 1,
            )
        )
    return problems


def check_expected(custody_bytes: bytes, expected: ExpectedCustody) -> list[Problem]:
    """Problems if the log is shorter than, or differs from, what an outside record says it held."""
    lines, _ = split_lines(custody_bytes)
    if len(lines) < expected.count:
        missing = expected.count - len(lines)
        return [
            Problem(
                CUSTODY_FILE,
                f"missing: {expected.source} says the log had {expected.count} events, but it has "
                f"{len(lines)} complete ones; {missing} event(s) at the end were removed",
                len(lines) + 1,
            )
        ]
    if expected.count > 0 and sha256_bytes(lines[expected.count - 1]) != expected.head_sha256:
        return [
            Problem(
                CUSTODY_FILE,
                f"differs from the event {expected.source} recorded at this position",
                expected.count,
            )
        ]
    return []


def _line_problems(number: int, raw: bytes, prev_sha256: str) -> list[str]:
    if not raw:
        return ["empty line"]
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return ["not valid UTF-8 text"]
    except (ValueError, RecursionError):
        return ["not a valid JSON event"]
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    problems: list[str] = []
    try:
        if canonical_json(obj) != raw:
            problems.append("not written in canonical form: the line was re-written or edited")
    except (TypeError, ValueError):
        problems.append("holds values that are not allowed in canonical JSON")
    for name in sorted(set(obj) - set(_FIELDS)):
        problems.append(f"unexpected field {name!r}")
    wrong = [
        name
        for name, kind in _FIELDS.items()
        if name not in obj or not isinstance(obj[name], kind) or isinstance(obj[name], bool)
    ]
    if wrong:
        return [*problems, f"field(s) missing or of the wrong type: {', '.join(wrong)}"]

    if obj["seq"] != number:
        problems.append(f"seq is {obj['seq']} on line {number}: events were removed, added or reordered")
    if obj["event"] not in EVENTS:
        problems.append(f"unknown event {obj['event']!r}")
    elif number == 1 and obj["event"] != "captured":
        problems.append(f"the first event must be 'captured', not {obj['event']!r}")
    elif number > 1 and obj["event"] == "captured":
        problems.append("'captured' may only be the first event")
    if not _UTC_TIME.fullmatch(obj["at"]):
        problems.append(f"time {obj['at']!r} is not a UTC ISO 8601 time")
    if obj["prev_sha256"] != prev_sha256:
        if number == 1:
            problems.append("prev_sha256 is not the sha256 of manifest.json: the log does not belong to it")
        else:
            problems.append(
                f"prev_sha256 is not the sha256 of line {number - 1}: "
                "an event before it was changed, removed or reordered"
            )
    problems.extend(_signature_problems(obj))
    return problems


def _signature_problems(obj: dict[str, Any]) -> list[str]:
    try:
        der = base64.b64decode(obj["signer_public_key"], validate=True)
        key = load_public_key(der)
    except (binascii.Error, ValueError, InvalidPublicKey):
        return ["signer_public_key is not a base64 Ed25519 public key"]
    problems = []
    if obj["signer_fingerprint"] != fingerprint_of_der(der):
        problems.append("signer_fingerprint is not the sha256 of signer_public_key")
    try:
        signature = base64.b64decode(obj["signature"], validate=True)
    except (binascii.Error, ValueError):
        return [*problems, "signature is not valid base64"]
    unsigned = {k: v for k, v in obj.items() if k != "signature"}
    try:
        message = canonical_json(unsigned)
    except (TypeError, ValueError):
        return [*problems, "the signature does not verify"]
    if len(signature) != 64 or not verify_signature(key, signature, message):
        problems.append("the signature does not verify: the event was changed after it was signed")
    return problems


def append_event(
    custody_path: Path,
    manifest_bytes: bytes,
    *,
    event: str,
    actor: str,
    organisation: str,
    details: dict[str, Any],
    key: SigningKey,
    expected: ExpectedCustody | None = None,
) -> tuple[dict[str, Any], bytes]:
    """Sign and append one event; return it and its line. Refuses to add to a damaged log.

    The log is locked against other processes while it is read and appended to, and the line goes
    out in one write followed by fsync, so a crash leaves at most one torn last line (which the
    verifier reports) and never a line spliced into another.
    """
    with _locked_log(custody_path) as fd:
        current = _sound_log(fd, custody_path, manifest_bytes, expected)
        new = _next_event(current, event, actor, organisation, details, key)
        line = event_line(new)
        write_all(fd, line)
        os.fsync(fd)
    log.info("custody event %s #%d appended to %s", event, new["seq"], custody_path)
    return new, line


def prepare_event(
    custody_path: Path,
    manifest_bytes: bytes,
    *,
    event: str,
    actor: str,
    organisation: str,
    details: dict[str, Any],
    key: SigningKey,
    expected: ExpectedCustody | None = None,
) -> tuple[dict[str, Any], bytes, bytes]:
    """The first phase of a two-phase record: sign the next event without writing it. Returns the
    event, its line and the log it follows; ``append_prepared`` writes it once what it says happened."""
    with _locked_log(custody_path) as fd:
        current = _sound_log(fd, custody_path, manifest_bytes, expected)
        new = _next_event(current, event, actor, organisation, details, key)
    return new, event_line(new), current


def append_prepared(custody_path: Path, manifest_bytes: bytes, line: bytes) -> bool:
    """The second phase: append ``line`` (from prepare_event) if the log still ends where it did then.
    False when the log already ends with it (a repeated commit after a crash). CustodyError when the
    log changed in between (the event was signed onto another head) or is damaged."""
    with _locked_log(custody_path) as fd:
        current = _sound_log(fd, custody_path, manifest_bytes, None)
        if current.endswith(line):
            return False
        try:
            prev = json.loads(line)["prev_sha256"]
        except (ValueError, KeyError, TypeError) as exc:
            raise CustodyError("A prepared custody event cannot be read.") from exc
        if prev != summarize(current).head_sha256:
            raise CustodyError(f"The custody log {custody_path} changed after the event was prepared; it was "
                               "not added.")
        write_all(fd, line)
        os.fsync(fd)
    return True


@contextlib.contextmanager
def _locked_log(custody_path: Path) -> Iterator[int]:
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(custody_path, flags)
    except OSError as exc:
        raise CustodyError(
            f"The custody log {custody_path} cannot be opened ({exc.strerror or exc}): "
            "it is missing, or it is not a plain file."
        ) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CustodyError(f"The custody log {custody_path} is not a plain file.")
        lock_fd(fd)
        try:
            yield fd
        finally:
            unlock_fd(fd)
    finally:
        os.close(fd)


def _sound_log(fd: int, custody_path: Path, manifest_bytes: bytes, expected: ExpectedCustody | None) -> bytes:
    current = _read_all(fd)
    problems = verify_chain(manifest_bytes, current)
    if expected is not None:
        problems.extend(check_expected(current, expected))
    if problems:
        shown = "; ".join(str(p) for p in problems[:3])
        raise CustodyError(
            f"The custody log {custody_path} is damaged ({shown}). Vidne will not add events to "
            "a damaged log; verify the bundle and keep it as it is for the investigation."
        )
    return current


def _next_event(current: bytes, event: str, actor: str, organisation: str, details: dict[str, Any],
                key: SigningKey) -> dict[str, Any]:
    summary = summarize(current)
    if summary.head_sha256 is None:  # verify_chain already refuses an empty log
        raise CustodyError("The custody log is empty.")
    return build_event(seq=summary.count + 1, event=event, actor=actor, organisation=organisation,
                       details=details, prev_sha256=summary.head_sha256, key=key)


def _read_all(fd: int) -> bytes:
    data = read_from_start(fd, MAX_CUSTODY_BYTES)
    if data is None:
        raise CustodyError(f"The custody log is {os.fstat(fd).st_size} bytes, more than Vidne accepts for a "
                           "custody log.")
    return data
