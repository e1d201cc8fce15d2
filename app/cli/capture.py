"""The capture commands: ``vidne capture URL`` seals a page into a bundle in the store, and
``vidne timestamp`` adds trusted time-stamps to captures that have none yet, or replaces a broken or
untrusted one (keeping it in the custody log)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace

from app.cli.common import EXIT_FAILED, EXIT_OK, open_store, print_error, record_json, refuse_locked, stamp_json
from app.settings import Settings, load_settings
from app.tasks import CaptureRequest, capture_to_store
from app.trust import build_policy
from capture.result import Step
from evidence_store import printable, stamp_capture, stamp_pending


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``capture`` and ``timestamp``."""
    cap = sub.add_parser("capture", help="capture a web page into a sealed evidence bundle")
    cap.add_argument("url", metavar="URL")
    cap.add_argument("--case", default="", help="the case this capture belongs to")
    cap.add_argument("--note", default="", help="a note kept with the capture")
    cap.add_argument("--timeout", type=_positive_float, metavar="SECONDS",
                     help="time limit for the whole capture (default 120)")
    cap.add_argument("--allow-invalid-tls", action="store_true",
                     help="capture even if the site's certificate is not valid (recorded in the bundle)")
    cap.add_argument("--dismiss-overlays", action="store_true", default=None,
                     help="click away cookie banners before the screenshots (each click is recorded; the "
                     "first view is kept too)")
    cap.add_argument("--no-behaviors", action="store_true",
                     help="do not run the page's behaviours (browsertrix-behaviors: scrolling, media, opening "
                     "'see more') after the first view")
    tsa = cap.add_mutually_exclusive_group()
    tsa.add_argument("--tsa", metavar="URL", action="append", default=[],
                     help="time-stamp authority to ask (repeat for fallbacks; default: settings, VIDNE_TSA_URL, "
                     "then the built-in list)")
    tsa.add_argument("--no-tsa", action="store_true", help="do not ask for a trusted time-stamp now")
    cap.add_argument("--json", action="store_true", help="print one JSON object")

    stamp = sub.add_parser("timestamp", help="add trusted time-stamps to captures that have none yet, or "
                           "whose time-stamp is broken or not trusted (the old one is kept in the custody log)")
    which = stamp.add_mutually_exclusive_group(required=True)
    which.add_argument("--pending", action="store_true",
                       help="every capture without a trusted time-stamp: none yet, broken, or not trusted")
    which.add_argument("id", nargs="?", metavar="ID", help="one capture")
    stamp.add_argument("--tsa", metavar="URL", action="append", default=[])
    stamp.add_argument("--json", action="store_true")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value <= 24 * 3600:
        raise argparse.ArgumentTypeError("the time limit must be between 0 and 86400 seconds")
    return value


def _lines(message: str) -> str:
    """A message that may quote what a time-stamp authority sent: each line made printable."""
    return "\n".join(printable(line) for line in message.splitlines())


def _refuse_locked_tsa(settings: Settings, args: argparse.Namespace) -> None:
    """``--tsa`` and ``--no-tsa`` may not change what the organisation locked (exit 2, naming the lock)."""
    if args.tsa:
        refuse_locked(settings, "tsa_urls", "--tsa")
    if getattr(args, "no_tsa", False):
        refuse_locked(settings, "use_tsa", "--no-tsa")


def cmd_capture(args: argparse.Namespace) -> int:
    settings = load_settings()
    for problem in settings.problems:
        print_error(problem)
    _refuse_locked_tsa(settings, args)
    if args.no_behaviors:
        refuse_locked(settings, "run_behaviors", "--no-behaviors")
        settings = replace(settings, run_behaviors=False)
    store = open_store(args)
    show_steps = sys.stderr.isatty() and not args.json

    def on_step(step: Step) -> None:
        if show_steps:
            print(f"  {step.at[11:19]}  {step.action}", file=sys.stderr)

    request = CaptureRequest(url=args.url, case=args.case, note=args.note, timeout_s=args.timeout,
                             allow_invalid_tls=args.allow_invalid_tls, use_tsa=False if args.no_tsa else None,
                             tsa_urls=tuple(args.tsa), dismiss_overlays=args.dismiss_overlays)
    outcome = capture_to_store(store, request, settings, on_step=on_step)
    record, stamp = outcome.record, outcome.timestamp
    if args.json:
        print(json.dumps({**record_json(record), "timestamp": stamp_json(stamp), "warnings": outcome.warnings,
                          "login_wall": outcome.login_wall,
                          "vault": outcome.vault.as_json() if outcome.vault else None}, ensure_ascii=False))
        return EXIT_OK
    print(f"Saved capture {record.id} (HTTP {record.http_status})\n  {record.path}")
    if outcome.login_wall:
        print(f"  NOTE: {outcome.login_wall['message']}")
    for warning in outcome.warnings:
        if not outcome.login_wall or warning != outcome.login_wall["message"]:
            print(f"  warning: {printable(warning)}")
    if stamp is None:
        print("  No trusted time-stamp was asked for (--no-tsa); add one with 'vidne timestamp --pending'.")
    else:
        print(f"  {_lines(stamp.message)}")
    if outcome.vault is not None and outcome.vault.status == "pending":
        print(f"  vault: PENDING ('vidne vault push --pending' pushes it): {_lines(outcome.vault.message)}")
    elif outcome.vault is not None:
        print(f"  vault: in the organisation's vault, locked until {outcome.vault.retain_until}")
    return EXIT_OK


def cmd_timestamp(args: argparse.Namespace) -> int:
    settings = load_settings()
    _refuse_locked_tsa(settings, args)
    store = open_store(args)
    trust = build_policy(settings, store)
    urls = tuple(args.tsa) or settings.tsa_urls
    actor, organisation = settings.operator_or_login(), settings.organisation
    if args.pending:
        outcomes = stamp_pending(store, urls, actor=actor, organisation=organisation, trust=trust)
    else:
        outcomes = [stamp_capture(store, store.get(args.id), urls, actor=actor, organisation=organisation,
                                  trust=trust)]
    if args.json:
        print(json.dumps([stamp_json(o) for o in outcomes], ensure_ascii=False))
    else:
        for o in outcomes:
            print(f"{o.capture_id}: {_lines(o.message)}")
        if not outcomes:
            print("No capture is waiting for a time-stamp: every one has a trusted time-stamp.")
    return EXIT_OK if all(o.stamped for o in outcomes) else EXIT_FAILED


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"capture": cmd_capture, "timestamp": cmd_timestamp}
