"""The verifier's one call into RFC 3161 checking (evidence_store/rfc3161/token.py). Imported lazily so
that the verifier works, and says so, in a build without it."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509

from evidence_store.bundle import custody
from evidence_store.bundle.manifest import TIMESTAMP_FILE, TSA_CHAIN_FILE
from evidence_store.errors import StoreError
from evidence_store.files.hashing import sha256_bytes
from evidence_store.problems import Problem
from evidence_store.trust import verdict
from evidence_store.trust.verdict import TimeVerdict


@dataclass
class TokenResult:
    """What the token check found. ``ok``: it verifies (imprint, signature, chain, purpose, validity);
    ``root_trusted``: its chain ends at one of the roots the verifier trusts."""

    ok: bool = False
    claimed_time: datetime | None = None
    authority: str | None = None
    root_name: str | None = None
    root_sha256: str | None = None
    root_trusted: bool = False
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_timestamp_token(
    manifest_data: bytes, tsr: bytes, chain_pem: bytes | None, extra_roots: Sequence[x509.Certificate] = ()
) -> TokenResult:
    """The one call site of ``evidence_store.rfc3161.token.verify_token``. ``extra_roots``: roots trusted
    beyond the shipped ones. Without that module the token is accepted as a known file and a note says
    plainly that it was not checked (and its time is then not trusted)."""
    try:
        token = importlib.import_module("evidence_store.rfc3161.token")
    except ModuleNotFoundError as exc:
        if exc.name not in ("evidence_store.rfc3161.token", "rfc3161_client"):
            raise
        return TokenResult(notes=[f"{TIMESTAMP_FILE} was not checked: this Vidne has no time-stamp verifier"])
    try:
        check = token.verify_token(manifest_data, tsr, chain_pem, extra_roots=extra_roots)
    except (StoreError, ValueError) as exc:
        return TokenResult(problems=[Problem(TIMESTAMP_FILE, f"cannot be checked: {exc}")])
    problems = [_timestamp_problem(str(p)) for p in check.problems]
    if not check.ok and not problems:
        problems.append(Problem(TIMESTAMP_FILE, "the time-stamp does not verify over manifest.json"))
    return TokenResult(
        ok=check.ok and not problems, claimed_time=check.claimed_time, authority=check.tsa_name,
        root_name=check.root_name, root_sha256=check.root_sha256, root_trusted=check.ok and check.root_known,
        problems=problems, notes=[str(w) for w in check.warnings],
    )


def judge_stamp(
    manifest_data: bytes, data: dict[str, bytes], entries: set[str], extra_roots: Sequence[x509.Certificate]
) -> tuple[TimeVerdict, list[Problem], list[str]]:
    """A bundle's time: its verdict, the problems with its stamp files, and notes. ``data``: the bundle's
    small files as read (by name); ``entries``: every name in the bundle."""
    custody_data = data.get(custody.CUSTODY_FILE, b"")
    tsr = data.get(TIMESTAMP_FILE)
    if tsr is None:
        if TIMESTAMP_FILE in entries:     # there, but unusable: the reader reported why
            return TimeVerdict("broken", why="timestamp.tsr cannot be read, so it gives no time."), [], []
        removed = removed_stamp_problems(custody_data, entries)
        if removed:
            return TimeVerdict("broken", why=f"The bundle's time-stamp was removed: {removed[0]}"), removed, []
        return TimeVerdict("none"), [], []
    result = check_timestamp_token(manifest_data, tsr, data.get(TSA_CHAIN_FILE), extra_roots)
    stamp_files = {name: data[name] for name in (TIMESTAMP_FILE, TSA_CHAIN_FILE) if name in data}
    record_problems = recorded_stamp_problems(custody_data, stamp_files)
    return time_verdict(result, record_problems), [*result.problems, *record_problems], result.notes


def recorded_stamp(custody_data: bytes) -> tuple[dict[str, object], int] | None:
    """The files the last 'timestamped' custody event recorded (name -> sha256), and its line."""
    found: tuple[dict[str, object], int] | None = None
    for number, event in enumerate(custody.parse_events(custody_data), start=1):
        details = event.get("details")
        files = details.get("files") if isinstance(details, dict) else None
        if event.get("event") == "timestamped" and isinstance(files, dict):
            found = (files, number)
    return found


def recorded_stamp_problems(custody_data: bytes, stamp_files: dict[str, bytes]) -> list[Problem]:
    """The time-stamp files must be byte for byte those the last 'timestamped' custody event recorded
    (they came after sealing, so only the signed custody log can vouch for their bytes)."""
    found = recorded_stamp(custody_data)
    if found is None:
        return [Problem(TIMESTAMP_FILE, "no 'timestamped' event in custody.jsonl records this time-stamp")]
    recorded, line = found
    return [
        Problem(name, f"its sha256 is not the one the 'timestamped' event (custody.jsonl line {line}) recorded: "
                      "changed after it was added")
        for name, data in stamp_files.items() if recorded.get(name) != sha256_bytes(data)
    ]


def removed_stamp_problems(custody_data: bytes, present: set[str]) -> list[Problem]:
    """A bundle without its time-stamp files whose custody log records that it had them: removed."""
    found = recorded_stamp(custody_data)
    if found is None:
        return []
    recorded, line = found
    return [Problem(name, f"missing: the 'timestamped' event (custody.jsonl line {line}) records it, so it was "
                          "removed after it was added")
            for name in (TIMESTAMP_FILE, TSA_CHAIN_FILE) if name in recorded and name not in present]


def time_verdict(result: TokenResult, record_problems: list[Problem]) -> TimeVerdict:
    """The time's status from the token check and whether its files are the ones the log recorded."""
    if result.notes and not result.problems and not result.ok:     # no verifier in this build
        return TimeVerdict("untrusted", None, None, result.notes[0])
    problems = [*result.problems, *record_problems]
    return verdict.time_verdict(
        has_token=True, ok=result.ok and not record_problems, claimed=result.claimed_time,
        authority=result.authority, root_name=result.root_name, root_sha256=result.root_sha256,
        root_trusted=result.root_trusted, problem=str(problems[0]) if problems else None,
    )


def _timestamp_problem(message: str) -> Problem:
    for name in (TSA_CHAIN_FILE, TIMESTAMP_FILE):
        if message.startswith(name):
            rest = message[len(name):].lstrip(" :")
            return Problem(name, rest or message)
    return Problem(TIMESTAMP_FILE, message)
