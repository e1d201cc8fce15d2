"""What every command family shares: exit codes, the store a command may open, error printing, and
the JSON shapes of a capture and a time-stamp. It imports no other CLI module, so any may import it.

Exit codes: 0 success; 1 the work failed (capture failed, bundle not intact); 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.settings import Settings, load_settings
from evidence_store import printable
from evidence_store.errors import StoreError

if TYPE_CHECKING:     # what a command needs is loaded by that command (main.py imports this module always)
    from capture.errors import CaptureError
    from evidence_store import CaptureRecord, CustodyEntry, Signer, StampOutcome, Store, TimeVerdict

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def print_error(message: str) -> None:
    """One line on stderr, prefixed like every other message of the command."""
    print(f"vidne: {message}", file=sys.stderr)


# Advice that names this program's flags, by capture error code (capture/errors.py CODES). Capture's
# own messages say what happened and what to do in words any front-end can show; a flag is the CLI's.
CLI_ADVICE = {
    "timeout": "Or allow more time with --timeout.",
    "invalid_tls": "If you still need to keep this page, capture it again with --allow-invalid-tls; the "
                   "bundle will record that the certificate was not valid.",
}


def cli_advice(code: str) -> str | None:
    """What the command line adds to a capture error of kind ``code``, if anything."""
    return CLI_ADVICE.get(code)


def capture_error_text(err: CaptureError) -> str:
    """A capture error as the CLI prints it: capture's message, then the flag advice for its kind."""
    message, advice = str(err), cli_advice(err.code)
    return f"{message} {advice}" if advice else message


def store_choice_refused(args: argparse.Namespace, settings: Settings) -> bool:
    """The one rule about ``--store``: it cannot move a store the organisation has fixed."""
    return bool(args.store) and "store_dir" in settings.locked


class LockedSetting(StoreError):
    """A flag or environment variable tried to change a setting the organisation locked (exit 2)."""


def refuse_locked(settings: Settings, key: str, what: str) -> None:
    """The one rule about locks: ``what`` (a flag like "--no-tsa" or an environment variable) may not
    change ``key`` when the organisation locked it. Raises LockedSetting naming the lock."""
    if key in settings.locked:
        raise LockedSetting(f"Your organisation has locked the setting '{key}' (in its config.toml), so "
                            f"{what} cannot change it. Ask your IT department if it must be different.")


def open_store(args: argparse.Namespace) -> Store:
    """The store a command works on: ``--store``, else the settings' folder, else the default."""
    settings = load_settings()
    if store_choice_refused(args, settings):
        fixed = settings.store_dir or "the standard folder"
        raise StoreError(f"Your organisation has fixed where evidence is kept ({fixed}); --store cannot "
                         "change it.")
    root = args.store or settings.store_dir or None
    from app import tasks

    store = tasks.open_store(Path(root) if root else None)
    if store.key_notice:
        print_error(store.key_notice)
    return store


def record_json(record: CaptureRecord) -> dict[str, Any]:
    """A capture as the ``--json`` output of capture, list and show gives it."""
    return {"id": record.id, "bundle": str(Path(record.path).resolve()), "url": record.url,
            "final_url": record.final_url, "status": record.http_status, "case": record.case,
            "title": record.title, "started_at": record.started_at, "finished_at": record.finished_at,
            "operator": record.operator, "organisation": record.organisation, "note": record.note,
            "timestamped": record.has_timestamp}


def stamp_json(stamp: StampOutcome | None) -> dict[str, Any]:
    """A time-stamp attempt as the ``--json`` output of capture and timestamp gives it: the capture's time
    is "trusted", "untrusted" (a stamp that verifies up to a root this installation does not trust) or
    "pending"; "skipped" when none was asked for."""
    if stamp is None:
        return {"status": "skipped"}
    status = stamp.status if stamp.status in ("trusted", "untrusted") else "pending"   # broken: still pending
    return {"status": status, "time": stamp.time, "tsa": stamp.tsa, "replaced": stamp.replaced,
            "message": stamp.message}


def key_text(signer: Signer) -> str:
    """A key as the CLI names it: its fingerprint, and whether (and as whom) the verifier knows it."""
    if signer.kind == "unknown":
        return f"{signer.fingerprint} (not confirmed: confirm it with the sender out of band)"
    return f"{signer.fingerprint} (known as {printable(signer.name or '')}, {printable(signer.source or '')})"


def trust_lines(time: TimeVerdict, seal: Signer | None, unknown: list[CustodyEntry]) -> list[str]:
    """The first lines after INTACT / NOT INTACT, for a bundle and for each bundle of a zip: is the time
    trusted, whose key sealed it, and every custody event an unknown key signed. Hostile text printable."""
    authority = printable(time.authority or "an unnamed authority")
    at = time.at.isoformat().replace("+00:00", "Z") if time.at else "no time"
    lines = [{"trusted": f"time: TRUSTED {at} from {authority}",
              "untrusted": f"time: NOT TRUSTED ({authority}, {at}): {printable(time.why)}",
              "broken": f"time: BROKEN: {printable(time.why)}"}.get(time.status, "time: none (no time-stamp)")]
    lines.append(f"sealed by key {key_text(seal)}" if seal is not None and seal.fingerprint is not None
                 else "sealed by: no readable key")
    for entry in unknown:
        lines.append(f"WARNING: custody event {entry.seq} ({printable(entry.event)}) was signed by an unknown "
                     f"key {printable(entry.signer.fingerprint or 'none')}")
    return lines


def custody_line(entry: CustodyEntry) -> str:
    """One custody event: seq, event, time, actor, and who signed it."""
    signer = entry.signer
    if signer.kind == "sealer":
        who = "signed by the sealer's key"
    elif signer.kind == "known":
        who = f"signed by {printable(signer.name or '')} (known)"
    else:
        who = f"signed by an UNKNOWN key {printable(signer.fingerprint or '-')}"
    return f"{entry.seq}  {printable(entry.event)}  {printable(entry.at)}  {printable(entry.actor)}  {who}"
