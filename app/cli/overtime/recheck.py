"""``vidne recheck ID`` captures a capture's address again now, with its options, into a new bundle of the
same case that names it and says what changed; ``vidne timeline --case NAME`` lists a case's captures and
re-checks in time order (UTC).

Exit codes of ``recheck``: 0 a new bundle was sealed, whatever it found (unchanged, changed, gone,
login_needed); 1 the site gave no answer ("unreachable": recorded in the original's custody log, but no
bundle was sealed), or the re-check failed on this computer; 2 bad input (no such capture). ``timeline``:
0, or 2 for a case without captures.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, open_store, print_error, refuse_locked, stamp_json
from app.settings import load_settings
from evidence_store import printable

if TYPE_CHECKING:
    from app.overtime.recheck import RecheckOutcome
    from capture.result import Step
    from evidence_store import TimelineEvent

SHOWN = 20                  # removed or added pieces a text answer shows (--json has them all)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``vidne recheck`` and ``vidne timeline``."""
    again = sub.add_parser("recheck", help="capture a capture's address again now and say what changed "
                           "(unchanged, changed, gone, login_needed, unreachable)")
    again.add_argument("id", metavar="ID", help="the capture to re-check (or a unique beginning of its id)")
    again.add_argument("--no-tsa", action="store_true", help="do not ask for a trusted time-stamp now")
    again.add_argument("--json", action="store_true", help="print one JSON object")
    line = sub.add_parser("timeline", help="a case's captures and re-checks in time order")
    line.add_argument("--case", required=True, help="the case")
    line.add_argument("--json", action="store_true", help="print a JSON list of the events")


def cmd_recheck(args: argparse.Namespace) -> int:
    from app.overtime.recheck import recheck  # the capture machinery, only for this command

    settings = load_settings()
    for problem in settings.problems:
        print_error(problem)
    if args.no_tsa:
        refuse_locked(settings, "use_tsa", "--no-tsa")
    store = open_store(args)
    show_steps = sys.stderr.isatty() and not args.json

    def on_step(step: Step) -> None:
        if show_steps:
            print(f"  {step.at[11:19]}  {step.action}", file=sys.stderr)

    outcome = recheck(store, args.id, settings, use_tsa=False if args.no_tsa else None, on_step=on_step)
    if args.json:
        print(json.dumps(recheck_json(outcome), ensure_ascii=False))
    else:
        for line in recheck_lines(outcome):
            print(line)
    return EXIT_FAILED if outcome.id is None else EXIT_OK


def recheck_json(outcome: RecheckOutcome) -> dict[str, Any]:
    """The ``--json`` object: the re-check's own fields and the new bundle's time-stamp ("skipped" when
    none was asked for, null when no bundle was sealed)."""
    out = outcome.as_json()
    out["timestamp"] = stamp_json(outcome.capture.timestamp) if outcome.capture is not None else None
    return out


def recheck_lines(outcome: RecheckOutcome) -> list[str]:
    """A re-check for a person; every text from the page made printable."""
    lines = [f"Re-checked {outcome.of}: {outcome.outcome.upper()}"
             + (f" (HTTP {outcome.http_status})" if outcome.http_status is not None else ""),
             f"  {printable(outcome.reason)}"]
    if outcome.id is None:
        error = outcome.error or {}
        lines.append(f"  No bundle was sealed; the attempt is recorded in the custody log of {outcome.of}.")
        lines.append(f"  {printable(error.get('code', ''))}: {printable(error.get('message', ''))}")
    else:
        lines.append(f"  New bundle: {outcome.id}")
        lines.append(f"  Folder: {printable(str(outcome.bundle))}")
    for label, key in (("Removed", "removed"), ("Added", "added")):
        pieces = outcome.changes[key]
        for piece in pieces[:SHOWN]:
            lines.append(f"  {label}: {printable(piece[:300])}")
        if len(pieces) > SHOWN:
            lines.append(f"  … and {len(pieces) - SHOWN} more {key} (see --json)")
    if outcome.picture is not None:
        alike = "alike" if outcome.picture.get("similar") else "different"
        lines.append(f"  First views look {alike} (difference hash: {outcome.picture.get('distance')} of 64 bits "
                     "differ); the text decides the outcome.")
    lines += [f"  Note: {printable(w)}" for w in outcome.warnings]
    if outcome.capture is not None and outcome.capture.timestamp is None:
        lines.append("  No trusted time-stamp was asked for (--no-tsa); add one with 'vidne timestamp --pending'.")
    elif outcome.capture is not None and outcome.capture.timestamp is not None:
        stamp = stamp_json(outcome.capture.timestamp)
        lines.append(f"  Time-stamp: {stamp['status']}" + (f" {stamp['time']}" if stamp.get("time") else ""))
    lines.append("  A re-check sees what the browser sees now, logged in as the profile is.")
    return lines


def cmd_timeline(args: argparse.Namespace) -> int:
    from evidence_store import case_timeline

    store = open_store(args)
    events = case_timeline(store, args.case)
    if not events:
        print_error(f"The case '{printable(args.case[:200])}' has no captures in this store.")
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps([event.as_json() for event in events], ensure_ascii=False))
        return EXIT_OK
    for event in events:
        print(timeline_line(event))
    return EXIT_OK


def timeline_line(event: TimelineEvent) -> str:
    """One event on one line: time (UTC), outcome, id, what it re-checks, status, title, address, and the
    first removed (-) and added (+) pieces of text (--json has them all). Every text from a bundle printable."""
    of = f" of {printable(event.of[:80])}" if event.of and event.of != event.id else ""
    status = f" HTTP {event.http_status}" if event.http_status is not None else ""
    line = (f"{event.at}  {printable(event.outcome[:40]):<12}  {event.id}{of}{status}  "
            f"{printable(event.title[:120])}  {printable(event.url[:300])}")
    for sign, key in (("-", "removed"), ("+", "added")):
        pieces = event.changes[key]
        line += "".join(f"  {sign}\"{printable(piece[:80])}\"" for piece in pieces[:3])
        if len(pieces) > 3:
            line += f"  {sign}{len(pieces) - 3} more"
    return line


HANDLERS = {"recheck": cmd_recheck, "timeline": cmd_timeline}
