"""The store's ledger: an append-only, hash-chained, signed record of every custody event the store
writes or receives, kept outside the bundles (``<store>/ledger.jsonl``).

A bundle's custody log can lose its last lines without breaking its own chain; the index is a cache
that is rebuilt from the bundles. The ledger is the store's own memory: one line per custody event
(bundle id, the event's seq, the sha256 of its line), each line chained to the one before and signed
with the store's key, written with one write and fsync under a lock. ``vidne verify`` holds a bundle's
log to what the ledger recorded and names a missing tail; rebuilding the index says where the ledger
and the bundles disagree. A ledger that was itself edited, reordered or cut in the middle breaks its
chain and is reported, line by line.

Line fields (canonical JSON, like custody.jsonl): ``seq``, ``at``, ``kind`` ("event": a custody event;
"adopted": a bundle's log as found when the ledger started or the bundle arrived without its events
recorded; "key": the store's signing key changed), ``bundle``, ``custody_seq``, ``event_sha256``,
``details``, ``prev_sha256`` (of the previous line; the first line: of ``GENESIS``),
``signer_public_key``, ``signer_fingerprint``, ``signature``.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.custody import ExpectedCustody, canonical_json, split_lines, utc_now
from evidence_store.bundle.keys import SigningKey, fingerprint_of_der, load_public_key, verify_signature
from evidence_store.bundle.read import UnreadableBundleFile, read_custody
from evidence_store.errors import StoreError
from evidence_store.files.fsutil import read_from_start, write_all
from evidence_store.files.hashing import sha256_bytes
from evidence_store.files.locking import lock_fd, unlock_fd
from evidence_store.problems import Problem
from evidence_store.rfc3161.token import verify_token

log = logging.getLogger(__name__)

LEDGER_FILE = "ledger.jsonl"
GENESIS = b"vidne ledger 1\n"
KINDS = ("event", "adopted", "key")
MAX_LEDGER_BYTES = 1 << 30
SOURCE = "the store's ledger"
_FIELDS = ("seq", "at", "kind", "bundle", "custody_seq", "event_sha256", "details", "prev_sha256",
           "signer_public_key", "signer_fingerprint", "signature")


class LedgerError(StoreError):
    """The ledger cannot be read or written (the message says what to do)."""


@dataclass
class LedgerState:
    """What the ledger says, and what is wrong with it."""

    count: int = 0
    head_sha256: str | None = None
    bundles: dict[str, ExpectedCustody] = field(default_factory=dict)
    signers: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def expected(self, capture_id: str) -> ExpectedCustody | None:
        return self.bundles.get(capture_id)


class Ledger:
    """The ledger file of one store. ``key`` is called only when a line is written."""

    def __init__(self, path: Path, key: Callable[[], SigningKey]) -> None:
        self.path = path
        self._key = key
        self._cached: tuple[tuple[int, int], LedgerState] | None = None   # (size, mtime_ns) -> state
        self._verified: tuple[list[str], LedgerState] | None = None     # line sha256s -> their sound state

    def exists(self) -> bool:
        return os.path.lexists(self.path)

    # -- writing -----------------------------------------------------------------------------
    def record_event(self, capture_id: str, custody_seq: int, event_line: bytes) -> None:
        """Record one custody event (``event_line`` without its newline) the store wrote or received."""
        self._append("event", capture_id, custody_seq, sha256_bytes(event_line), {})

    def adopt(self, capture_id: str, count: int, head_sha256: str, why: str) -> None:
        """Record a bundle's log as it is now (``count`` events ending in ``head_sha256``)."""
        self._append("adopted", capture_id, count, head_sha256, {"why": why})

    def record_key_change(self, old_fingerprint: str | None, new_fingerprint: str, why: str) -> None:
        self._append("key", "", 0, "", {"old": old_fingerprint, "new": new_fingerprint, "why": why})

    def _append(self, kind: str, capture_id: str, custody_seq: int, event_sha256: str,
                details: dict[str, Any]) -> None:
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            raise LedgerError(f"The store's ledger {self.path} cannot be opened ({exc.strerror or exc}).") from exc
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise LedgerError(f"The store's ledger {self.path} is not a plain file.")
            lock_fd(fd)
            try:
                data = read_all(fd)
                lines, tail = split_lines(data)
                if tail:      # a torn last line from a crash: end it, so the next line stands alone
                    write_all(fd, b"\n")
                    lines.append(tail)
                key = self._key()
                body: dict[str, Any] = {
                    "seq": len(lines) + 1, "at": utc_now(), "kind": kind, "bundle": capture_id,
                    "custody_seq": custody_seq, "event_sha256": event_sha256, "details": details,
                    "prev_sha256": sha256_bytes(lines[-1]) if lines else sha256_bytes(GENESIS),
                    "signer_public_key": key.public_b64(), "signer_fingerprint": key.fingerprint(),
                }
                body["signature"] = base64.b64encode(key.sign(canonical_json(body))).decode("ascii")
                write_all(fd, canonical_json(body) + b"\n")
                os.fsync(fd)
            finally:
                unlock_fd(fd)
        except OSError as exc:
            raise LedgerError(f"The store's ledger {self.path} cannot be written ({exc.strerror or exc}).") from exc
        finally:
            os.close(fd)

    # -- reading -----------------------------------------------------------------------------
    def read(self) -> LedgerState:
        """Verify the whole ledger and return what it records per bundle. Never raises on damage. The
        answer is kept until the file changes; when it only grew (every line verified before is still
        byte for byte there), only the new lines' signatures are checked."""
        state = LedgerState()
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return state
        except OSError as exc:
            state.problems.append(Problem(LEDGER_FILE, f"cannot be read ({exc.strerror or exc})"))
            return state
        try:
            info = os.fstat(fd)
            version = (info.st_size, info.st_mtime_ns)
            if self._cached is not None and self._cached[0] == version:
                return self._cached[1]
            data = read_all(fd)
        except (OSError, LedgerError) as exc:
            state.problems.append(Problem(LEDGER_FILE, f"cannot be read ({exc})"))
            return state
        finally:
            os.close(fd)
        lines, tail = split_lines(data)
        hashes = [sha256_bytes(raw) for raw in lines]
        start = 0
        if self._verified is not None and not self._verified[1].problems:
            known, before = self._verified
            if len(known) <= len(hashes) and hashes[:len(known)] == known:
                start, state = len(known), copy.deepcopy(before)     # the verified lines are unchanged
        prev = hashes[start - 1] if start else sha256_bytes(GENESIS)
        for number, raw in enumerate(lines[start:], start=start + 1):
            for message in _line_problems(number, raw, prev, state):
                state.problems.append(Problem(LEDGER_FILE, message, number))
            prev = hashes[number - 1]
        if not state.problems:
            self._verified = (hashes, copy.deepcopy(state))
        if tail:
            state.problems.append(Problem(LEDGER_FILE, "incomplete last line (cut off while being written, or "
                                                       "edited)", len(lines) + 1))
        state.count, state.head_sha256 = len(lines), (hashes[-1] if lines else None)
        self._cached = (version, state)
        return state


def _line_problems(number: int, raw: bytes, prev: str, state: LedgerState) -> list[str]:
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return ["not a valid JSON line"]
    if not isinstance(obj, dict) or sorted(obj) != sorted(_FIELDS):
        return ["not a ledger line (fields missing or added)"]
    problems = []
    if not isinstance(obj["seq"], int) or obj["seq"] != number:
        problems.append(f"seq is {obj['seq']!r} on line {number}: lines were removed, added or reordered")
    if obj["prev_sha256"] != prev:
        problems.append("prev_sha256 is not the sha256 of the line before: a line before it was changed, "
                        "removed or reordered")
    try:
        if canonical_json(obj) != raw:
            problems.append("not written in canonical form: the line was re-written or edited")
        der = base64.b64decode(str(obj["signer_public_key"]), validate=True)
        key = load_public_key(der)
        signature = base64.b64decode(str(obj["signature"]), validate=True)
        unsigned = canonical_json({k: v for k, v in obj.items() if k != "signature"})
    except (binascii.Error, ValueError, TypeError, StoreError):
        return [*problems, "its key or signature cannot be read"]
    if obj["signer_fingerprint"] != fingerprint_of_der(der):
        problems.append("signer_fingerprint is not the sha256 of signer_public_key")
    if len(signature) != 64 or not verify_signature(key, signature, unsigned):
        problems.append("the signature does not verify: the line was changed after it was signed")
    if obj["kind"] not in KINDS:
        problems.append(f"unknown kind {obj['kind']!r}")
    if problems:
        return problems
    state.signers.add(str(obj["signer_fingerprint"]))
    bundle, seq, sha = obj["bundle"], obj["custody_seq"], obj["event_sha256"]
    if obj["kind"] in ("event", "adopted") and isinstance(bundle, str) and isinstance(seq, int):
        before = state.bundles.get(bundle)
        if obj["kind"] == "event" and before is not None and seq > before.count + 1:
            return [f"records event {seq} of {bundle} after event {before.count}: an event was not recorded"]
        if obj["kind"] == "event" and before is not None and seq == before.count and sha != before.head_sha256:
            return [f"records event {seq} of {bundle} a second time, differently"]
        if before is None or seq >= before.count:
            state.bundles[bundle] = ExpectedCustody(seq, str(sha), SOURCE)
    return []


def read_all(fd: int) -> bytes:
    """Every byte of the file at ``fd`` (bounded: LedgerError above MAX_LEDGER_BYTES)."""
    data = read_from_start(fd, MAX_LEDGER_BYTES)
    if data is None:
        raise LedgerError(f"The store's ledger is {os.fstat(fd).st_size} bytes, more than Vidne reads.")
    return data


def compare_with_bundles(ledger: Ledger, bundles_dir: Path, ids: list[str], *,
                         being_sealed: Callable[[str], bool] = lambda _id: False) -> list[str]:
    """Every bundle's custody log against the ledger; a bundle the ledger has never seen is recorded as it
    is (a store from before the ledger; a capture sealed just before Vidne stopped; a bundle put into the
    folder by hand, which is said) — unless ``being_sealed`` says its seal is under way (it runs while the
    app captures): that seal records it, and the ledger is read again before adopting, so a seal that
    ended meanwhile is not adopted too. Returns what does not agree."""
    state = ledger.read()
    found = [str(p) for p in state.problems] + stamp_problems(ledger.path.parent, ledger.path)
    started = ledger.exists()
    for capture_id in ids:
        try:
            summary = custody.summarize(read_custody(bundles_dir / capture_id))
        except UnreadableBundleFile:
            continue                    # verifying the bundle says what is wrong with it
        expected = state.expected(capture_id)
        if expected is None:
            if summary.head_sha256 is None or being_sealed(capture_id):
                continue
            if ledger.read().expected(capture_id) is not None:    # sealed since the ledger was first read
                continue
            just_sealed = started and summary.count == 1
            why = ("found in the store before it kept a ledger" if not started else
                   "sealed just before Vidne stopped" if just_sealed else
                   "found in the store without a record in its ledger")
            ledger.adopt(capture_id, summary.count, summary.head_sha256, why)
            if started and not just_sealed:
                found.append(f"capture {capture_id}: {why}; recorded as it is now")
        elif summary.count < expected.count or (
                summary.count == expected.count and summary.head_sha256 != expected.head_sha256):
            found.append(f"capture {capture_id}: its custody log has {summary.count} event(s), the ledger "
                         f"records {expected.count}: events were removed or changed")
    return found


# -- time-stamps over the ledger's head (stamping.stamp_ledger writes them) ---------------------------
STAMPS_DIR = "ledger-stamps"


def stamp_names(root: Path, seq: int) -> tuple[Path, Path]:
    """The token and chain files of a time-stamp over ledger line ``seq``."""
    return root / STAMPS_DIR / f"{seq:09d}.tsr", root / STAMPS_DIR / f"{seq:09d}-chain.pem"


def stamped_lines(root: Path) -> list[int]:
    folder = root / STAMPS_DIR
    return sorted(int(p.stem) for p in folder.glob("*.tsr") if p.stem.isdigit()) if folder.is_dir() else []


def stamp_problems(root: Path, ledger_path: Path) -> list[str]:
    """Each time-stamp over a ledger line must still match that line: a ledger cut below a stamped line,
    or a stamped line changed, is named (the token's time says since when the line stood)."""
    stamps = stamped_lines(root)
    if not stamps:
        return []
    try:
        lines, _ = split_lines(read_limited_ledger(ledger_path))
    except (OSError, LedgerError) as exc:
        return [f"{LEDGER_FILE} cannot be read to check its time-stamps ({exc})"]
    problems = []
    for seq in stamps:
        tsr_path, chain_path = stamp_names(root, seq)
        if seq > len(lines):
            problems.append(f"{LEDGER_FILE} was cut: a time-stamp covers its line {seq}, but it has {len(lines)}")
            continue
        try:
            check = verify_token(lines[seq - 1], tsr_path.read_bytes(), chain_path.read_bytes(),
                                 data_name=f"{LEDGER_FILE} line {seq}")
        except OSError as exc:
            problems.append(f"the time-stamp of {LEDGER_FILE} line {seq} cannot be read ({exc})")
            continue
        if not check.ok:
            problems.append(f"{LEDGER_FILE} line {seq} is not the line that was time-stamped: {check.problems[0]}")
    return problems


def read_limited_ledger(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        return read_all(fd)
    finally:
        os.close(fd)
