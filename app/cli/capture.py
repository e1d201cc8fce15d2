"""The capture commands: ``vidne capture URL`` seals a page into a bundle in the store, and
``vidne timestamp`` adds trusted time-stamps to captures that have none yet, or replaces a broken or
untrusted one (keeping it in the custody log)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    capture_error_text,
    open_store,
    print_error,
    record_json,
    refuse_locked,
    stamp_json,
)
from app.settings import Settings, load_settings
from app.tasks import BatchItem, CaptureOutcome, CaptureRequest, capture_many, capture_to_store
from app.trust import build_policy
from capture.errors import CaptureError, InvalidURL
from capture.privacy.secrets import Redactions
from capture.result import Step
from evidence_store import printable, stamp_capture, stamp_pending

if TYPE_CHECKING:
    from evidence_store import Store

MAX_LIST_BYTES = 16 * 1024 * 1024      # a list of addresses (--from)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``capture`` and ``timestamp``."""
    cap = sub.add_parser("capture", help="capture a web page into a sealed evidence bundle",
                         description="Capture one page, or several in one browser (kept running between them; "
                         "each page gets a fresh, empty browser context of its own).")
    cap.add_argument("url", metavar="URL", nargs="*", help="the address(es) to capture")
    cap.add_argument("--from", dest="from_file", metavar="FILE",
                     help="read addresses from FILE, one a line ('-': standard input; empty lines and lines "
                     "starting with # are skipped)")
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
                     help="do not run the page's behaviours after the first view (browsertrix-behaviors: media, a "
                     "site's own behaviour; Vidne's clicks on 'see more'); the page is scrolled through either way")
    tsa = cap.add_mutually_exclusive_group()
    tsa.add_argument("--tsa", metavar="URL", action="append", default=[],
                     help="time-stamp authority to ask (repeat for fallbacks; default: settings, VIDNE_TSA_URL, "
                     "then the built-in list)")
    tsa.add_argument("--no-tsa", action="store_true", help="do not ask for a trusted time-stamp now")
    cap.add_argument("--json", action="store_true", help="print one JSON object (several addresses: one a line, "
                     "JSON Lines; a failed capture as {\"url\", \"error\": {\"code\", \"message\"}})")

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
    urls = _addresses(args)
    store = open_store(args)
    if len(urls) > 1 or args.from_file:
        return _capture_all(store, urls, settings, args)
    show_steps = sys.stderr.isatty() and not args.json

    def on_step(step: Step) -> None:
        if show_steps:
            print(f"  {step.at[11:19]}  {step.action}", file=sys.stderr)

    outcome = capture_to_store(store, _request(args, urls[0]), settings, on_step=on_step)
    if args.json:
        print(json.dumps(capture_json(outcome), ensure_ascii=False))
        return EXIT_OK
    print_outcome(outcome)
    return EXIT_OK


def _request(args: argparse.Namespace, url: str) -> CaptureRequest:
    return CaptureRequest(url=url, case=args.case, note=args.note, timeout_s=args.timeout,
                          allow_invalid_tls=args.allow_invalid_tls, use_tsa=False if args.no_tsa else None,
                          tsa_urls=tuple(args.tsa), dismiss_overlays=args.dismiss_overlays)


def _addresses(args: argparse.Namespace) -> list[str]:
    """The addresses to capture: the arguments, then those in ``--from``'s file. Bad input: exit 2."""
    urls = list(args.url)
    if args.from_file:
        urls += _read_addresses(args.from_file)
    if not urls:
        raise InvalidURL("Give the address of the page to capture (or --from FILE with one address a line).")
    return urls


def _read_addresses(name: str) -> list[str]:
    """The addresses in a file (or standard input): one a line, empty lines and # comments skipped."""
    try:
        if name == "-":
            text = sys.stdin.read(MAX_LIST_BYTES + 1)
        else:
            with open(name, encoding="utf-8") as fh:
                text = fh.read(MAX_LIST_BYTES + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidURL(f"The list of addresses {name} could not be read: {exc}") from None
    if len(text) > MAX_LIST_BYTES:
        raise InvalidURL(f"The list of addresses {name} is larger than {MAX_LIST_BYTES // 1024 // 1024} MB.")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _capture_all(store: Store, urls: list[str], settings: Settings, args: argparse.Namespace) -> int:
    """Several addresses in one warm browser: each printed as it is done (JSON Lines with --json), a
    progress line per address on a terminal; exit 0 only when every one was sealed."""
    progress = sys.stderr.isatty()
    shown = Redactions()

    def started(n: int, request: CaptureRequest) -> None:
        if progress:
            print(f"[{n + 1}/{len(urls)}] {printable(shown.url(request.url))}", file=sys.stderr, flush=True)

    def done(n: int, item: BatchItem) -> None:
        if item.outcome is not None and args.json:
            print(json.dumps(capture_json(item.outcome), ensure_ascii=False), flush=True)
        elif item.outcome is not None:
            print_outcome(item.outcome)
        else:
            code = getattr(item.error, "code", "store_error")
            message = capture_error_text(item.error) if isinstance(item.error, CaptureError) else str(item.error)
            if args.json:
                print(json.dumps({"url": shown.url(item.url), "error": {"code": code, "message": message}},
                                 ensure_ascii=False), flush=True)
            else:
                print(f"FAILED {printable(shown.url(item.url))}\n  {_lines(message)}", flush=True)

    items = capture_many(store, [_request(args, url) for url in urls], settings, on_start=started, on_done=done)
    sealed = sum(1 for item in items if item.outcome is not None)
    failed = len(urls) - sealed          # a series cancelled part-way: the rest count as not sealed
    if not args.json:
        print(f"{sealed} of {len(urls)} sealed" + (f"; {failed} not sealed." if failed else "."))
    return EXIT_FAILED if failed else EXIT_OK


def capture_json(outcome: CaptureOutcome) -> dict[str, Any]:
    """One capture as ``--json`` prints it (one object; a line of JSON Lines for several)."""
    record, stamp = outcome.record, outcome.timestamp
    return {**record_json(record), "timestamp": stamp_json(stamp), "warnings": outcome.warnings,
            "login_wall": outcome.login_wall, "vault": outcome.vault.as_json() if outcome.vault else None}


def print_outcome(outcome: CaptureOutcome) -> None:
    """One capture as the command prints it for a person."""
    record, stamp = outcome.record, outcome.timestamp
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
