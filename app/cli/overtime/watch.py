"""``vidne watch``: re-check a capture's address on a schedule. ``vidne watch ID --every 30m [--until DATE]``
starts (or changes) a watch, ``--list`` shows them, ``ID --stop`` ends one, and ``--run-due`` re-checks
every due watch and exits: for cron, systemd timers and the Windows Task Scheduler
(docs/it-deployment.md, "Watches").

Exit codes: 0 done (every due check ran, whatever it found); 1 a due check failed, the watch list cannot
be read; 2 bad input (no such capture or watch, a bad interval or date).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, open_store, print_error, refuse_locked
from app.overtime.watches import (
    ENDED_DATE,
    ENDED_GONE,
    GONE_LIMIT,
    WatchesBusy,
    WatchInputError,
    WatchResult,
    add_watch,
    parse_every,
    run_due,
    stop_watch,
)
from app.overtime.watchlist import Watch, every_text, read_watches
from app.settings import Settings, load_settings
from evidence_store import printable

ENDED_WORDS = {ENDED_DATE: "ended: its end date passed",
               ENDED_GONE: f"ended: the post was gone {GONE_LIMIT} checks in a row",
               "stopped": "stopped"}


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``vidne watch``."""
    watch = sub.add_parser("watch", help="re-check a capture's address on a schedule (and run the due checks)",
                           description="Watch a capture: its address is re-checked on a schedule, each check "
                           "sealed as a new bundle naming the capture it re-checks. A watch ends by itself "
                           f"after its end date (default 30 days) or once the post was gone {GONE_LIMIT} "
                           "checks in a row. Checks run when 'vidne watch --run-due' runs (schedule it: "
                           "docs/it-deployment.md) or while the desktop app is open.")
    watch.add_argument("id", nargs="?", metavar="ID", help="the capture to watch (or stop watching)")
    watch.add_argument("--every", type=_every, metavar="INTERVAL",
                       help="how often to check: 30m, 6h, 1d (at least 1m)")
    watch.add_argument("--until", type=_date, metavar="YYYY-MM-DD",
                       help="the last day of the watch (default: 30 days from now)")
    mode = watch.add_mutually_exclusive_group()
    mode.add_argument("--list", action="store_true", help="the watches of the store, active and ended")
    mode.add_argument("--stop", action="store_true", help="stop watching ID")
    mode.add_argument("--run-due", action="store_true", help="re-check every watch that is due now, then exit")
    watch.add_argument("--no-tsa", action="store_true", help="with --run-due: ask for no trusted time-stamp now")
    watch.add_argument("--json", action="store_true", help="print JSON (--run-due: one object per check)")


def _every(text: str) -> int:
    try:
        return parse_every(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as YYYY-MM-DD") from None


def end_of_day(day: date, zone_name: str) -> datetime:
    """The end of ``day`` in the organisation's time zone (the time people read), as a moment."""
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)


def cmd_watch(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.list or args.run_due:
        if args.id or args.every or args.until:
            print_error("--list and --run-due take no ID, --every or --until.")
            return EXIT_BAD_INPUT
        return _list(args) if args.list else _run(args, settings)
    if not args.id:
        print_error("Say which capture: 'vidne watch ID --every 30m', or use --list or --run-due.")
        return EXIT_BAD_INPUT
    if args.no_tsa:
        print_error("--no-tsa goes with --run-due.")
        return EXIT_BAD_INPUT
    store = open_store(args)
    try:
        if args.stop:
            if args.every or args.until:
                print_error("--stop takes no --every or --until.")
                return EXIT_BAD_INPUT
            watch = stop_watch(store, args.id)
        elif args.every is None:
            print_error("Say how often to check with --every (30m, 6h, 1d; at least 1m).")
            return EXIT_BAD_INPUT
        else:
            until = end_of_day(args.until, settings.time_zone) if args.until else None
            watch = add_watch(store, args.id, args.every, until=until)
    except WatchInputError as exc:
        print_error(str(exc))
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(watch.as_json(), ensure_ascii=False))
    elif args.stop:
        print(f"Stopped watching {watch.id} ({printable(watch.url)[:100]}).")
    else:
        print(f"Watching {watch.id} every {every_text(watch.every_s)} until {watch.ends_at}; the next check is "
              f"due at {watch.next_due}.\n  {printable(watch.url)[:200]}\n  Checks run when 'vidne watch "
              "--run-due' runs (schedule it, see docs/it-deployment.md) or while the desktop app is open.")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    watches = read_watches(open_store(args).root)
    if args.json:
        print(json.dumps([w.as_json() for w in watches], ensure_ascii=False))
        return EXIT_OK
    for w in watches:
        print(_watch_line(w))
    if not watches:
        print("No watches yet ('vidne watch ID --every 30m' starts one).", file=sys.stderr)
    return EXIT_OK


def _watch_line(w: Watch) -> str:
    state = f"next {w.next_due}" if w.active else ENDED_WORDS.get(w.ended or "", w.ended or "")
    last = f"last {w.last_outcome} {w.last_at}" if w.last_outcome else "not checked yet"
    return (f"{w.id}  every {every_text(w.every_s):>4}  until {w.ends_at}  {state}  {last}  "
            f"{printable(w.url)[:100]}")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.no_tsa:
        refuse_locked(settings, "use_tsa", "--no-tsa")
    store = open_store(args)
    terminal = sys.stderr.isatty() and not args.json
    on_result: Callable[[WatchResult], None] = _print_json if args.json else _print_result
    try:
        results = run_due(store, settings, use_tsa=False if args.no_tsa else None, on_result=on_result,
                          on_check=_progress if terminal else None)
    except WatchesBusy as exc:
        print_error(str(exc))
        return EXIT_OK               # the other run checks the due watches
    if not results and terminal:
        print("No watch is due now.", file=sys.stderr)
    failed = [r for r in results if r.failed]
    if failed and not args.json:
        print_error(f"{len(failed)} of {len(results)} check(s) failed; the watches stay and are tried again "
                    "when next due.")
    return EXIT_FAILED if failed else EXIT_OK


def _progress(watch: Watch) -> None:
    print(f"  checking {watch.id}  {printable(watch.url)[:100]} …", file=sys.stderr, flush=True)


def _print_json(result: WatchResult) -> None:
    print(json.dumps(result.as_json(), ensure_ascii=False), flush=True)


def _print_result(result: WatchResult) -> None:
    if result.outcome == "ended":
        print(f"{result.watch}  {ENDED_WORDS[ENDED_DATE]}  {printable(result.url)[:100]}", flush=True)
        return
    what = f"error: {printable(result.message)}" if result.failed else result.outcome
    if result.changes and (result.changes.get("removed") or result.changes.get("added")):
        what += (f" ({len(result.changes.get('removed', []))} removed, "
                 f"{len(result.changes.get('added', []))} added)")
    line = f"{result.watch}  {result.at}  {what}  {printable(result.url)[:100]}"
    if result.recheck:
        line += f"\n  re-check sealed as {result.recheck}"
    if result.ended:
        line += f"\n  {ENDED_WORDS.get(result.ended, result.ended)}"
    print(line, flush=True)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"watch": cmd_watch}
