"""The verifier's one call into RFC 3161 checking (evidence_store/rfc3161/client.py, kept by its own
author). Imported lazily so that the verifier works, and says so, in a build without it."""

from __future__ import annotations

import importlib
from datetime import datetime

from evidence_store.bundle.manifest import TIMESTAMP_FILE, TSA_CHAIN_FILE
from evidence_store.errors import StoreError
from evidence_store.problems import Problem


def check_timestamp_token(
    manifest_data: bytes, tsr: bytes, chain_pem: bytes | None
) -> tuple[datetime | None, list[Problem], list[str]]:
    """The one call site of the RFC 3161 check, ``evidence_store.rfc3161.client.verify_token``.

    Returns (trusted time, problems, notes). Without that module the token is accepted as a known
    file and a note says plainly that it was not checked.
    """
    try:
        timestamp = importlib.import_module("evidence_store.rfc3161.client")
    except ModuleNotFoundError as exc:
        if exc.name != "evidence_store.rfc3161.client":
            raise
        return None, [], [f"{TIMESTAMP_FILE} was not checked: this Vidne has no time-stamp verifier"]
    try:
        check = timestamp.verify_token(manifest_data, tsr, chain_pem)
    except (StoreError, ValueError) as exc:
        return None, [Problem(TIMESTAMP_FILE, f"cannot be checked: {exc}")], []
    if isinstance(check, tuple):          # (ok, trusted_time, problems)
        ok, trusted_time, found = check
        warnings: list[str] = []
    else:                                 # a TokenCheck
        ok, trusted_time, found = check.ok, check.trusted_time, check.problems
        warnings = [str(w) for w in getattr(check, "warnings", [])]
    problems = [p if isinstance(p, Problem) else _timestamp_problem(str(p)) for p in found]
    if not ok and not problems:
        problems.append(Problem(TIMESTAMP_FILE, "the time-stamp does not verify over manifest.json"))
    if not ok or not isinstance(trusted_time, datetime):
        trusted_time = None
    return trusted_time, problems, warnings


def _timestamp_problem(message: str) -> Problem:
    for name in (TSA_CHAIN_FILE, TIMESTAMP_FILE):
        if message.startswith(name):
            rest = message[len(name):].lstrip(" :")
            return Problem(name, rest or message)
    return Problem(TIMESTAMP_FILE, message)
