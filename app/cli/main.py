"""The command line: a contract that scripts, IT and tests rely on.

Exit codes: 0 success; 1 the work failed (capture failed, bundle not intact); 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.cli import gui as cli_gui
from app.cli import handover as cli_handover
from app.cli import session as cli_session
from app.cli import settings as cli_settings
from app.logs import setup_logging
from app.settings import load_settings
from app.tasks import CaptureRequest, capture_to_store
from capture.errors import CaptureError, InvalidURL
from capture.result import Step
from evidence_store.bundle.verify import verify_bundle
from evidence_store.errors import BundleNotFound, NotABundle, StoreError
from evidence_store.store.stamping import StampOutcome, stamp_capture, stamp_pending
from evidence_store.store.store import CaptureRecord, Store
from evidence_store.version import vidne_version

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vidne", description="Preserve web pages as signed, verifiable "
                                     "evidence bundles.")
    parser.add_argument("--version", action="version", version=f"vidne {vidne_version()}")
    parser.add_argument("--store", metavar="DIR", help="the evidence store (default: VIDNE_HOME, then the "
                        "user's data folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr as well")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    tsa = cap.add_mutually_exclusive_group()
    tsa.add_argument("--tsa", metavar="URL", action="append", default=[],
                     help="time-stamp authority to ask (repeat for fallbacks; default: settings, VIDNE_TSA_URL, "
                     "then the built-in list)")
    tsa.add_argument("--no-tsa", action="store_true", help="do not ask for a trusted time-stamp now")
    cap.add_argument("--json", action="store_true", help="print one JSON object")

    stamp = sub.add_parser("timestamp", help="add trusted time-stamps to captures that have none yet")
    which = stamp.add_mutually_exclusive_group(required=True)
    which.add_argument("--pending", action="store_true", help="every capture without a time-stamp")
    which.add_argument("id", nargs="?", metavar="ID", help="one capture")
    stamp.add_argument("--tsa", metavar="URL", action="append", default=[])
    stamp.add_argument("--json", action="store_true")

    ver = sub.add_parser("verify", help="check that a bundle is intact")
    ver.add_argument("path", metavar="PATH")
    ver.add_argument("--json", action="store_true")

    lst = sub.add_parser("list", help="list the captures in the store")
    lst.add_argument("--case", default=None)
    lst.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="show one capture")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true")
    cli_handover.add_parsers(sub)
    cli_settings.add_parsers(sub)
    cli_gui.add_parsers(sub)
    cli_session.add_parsers(sub)
    return parser


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value <= 24 * 3600:
        raise argparse.ArgumentTypeError("the time limit must be between 0 and 86400 seconds")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    setup_logging(args.verbose)
    handlers = {"capture": cmd_capture, "verify": cmd_verify, "list": cmd_list, "show": cmd_show,
                "timestamp": cmd_timestamp,
                **cli_handover.HANDLERS, **cli_settings.HANDLERS, **cli_gui.HANDLERS,
                **cli_session.HANDLERS}
    try:
        return handlers[args.command](args)
    except InvalidURL as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except (BundleNotFound, NotABundle) as err:
        _error(str(err))
        return EXIT_BAD_INPUT
    except (CaptureError, StoreError) as err:
        _error(str(err))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _error("Stopped. Nothing was saved for an unfinished capture.")
        return 130


def _error(message: str) -> None:
    print(f"vidne: {message}", file=sys.stderr)


def _open_store(args: argparse.Namespace) -> Store:
    settings = load_settings()
    if args.store and "store_dir" in settings.locked:
        fixed = settings.store_dir or "the standard folder"
        raise StoreError(f"Your organisation has fixed where evidence is kept ({fixed}); --store cannot "
                         "change it.")
    root = args.store or settings.store_dir or None
    return Store.open(Path(root) if root else None)


def cmd_capture(args: argparse.Namespace) -> int:
    settings = load_settings()
    for problem in settings.problems:
        _error(problem)
    store = _open_store(args)
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
        print(json.dumps({**_record_json(record), "timestamp": _stamp_json(stamp), "warnings": outcome.warnings,
                          "login_wall": outcome.login_wall}, ensure_ascii=False))
        return EXIT_OK
    print(f"Saved capture {record.id} (HTTP {record.http_status})\n  {record.path}")
    if outcome.login_wall:
        print(f"  NOTE: {outcome.login_wall['message']}")
    for warning in outcome.warnings:
        if not outcome.login_wall or warning != outcome.login_wall["message"]:
            print(f"  warning: {_printable(warning)}")
    if stamp is None:
        print("  No trusted time-stamp was asked for (--no-tsa); add one with 'vidne timestamp --pending'.")
    else:
        print(f"  {stamp.message}")
    return EXIT_OK


def cmd_timestamp(args: argparse.Namespace) -> int:
    settings = load_settings()
    store = _open_store(args)
    urls = tuple(args.tsa) or settings.tsa_urls
    actor, organisation = settings.operator_or_login(), settings.organisation
    if args.pending:
        outcomes = stamp_pending(store, urls, actor=actor, organisation=organisation)
    else:
        outcomes = [stamp_capture(store, store.get(args.id), urls, actor=actor, organisation=organisation)]
    if args.json:
        print(json.dumps([_stamp_json(o) for o in outcomes], ensure_ascii=False))
    else:
        for o in outcomes:
            print(f"{o.capture_id}: {o.message}")
        if not outcomes:
            print("No capture is waiting for a time-stamp.")
    return EXIT_OK if all(o.stamped for o in outcomes) else EXIT_FAILED


def _stamp_json(stamp: StampOutcome | None) -> dict[str, Any]:
    if stamp is None:
        return {"status": "skipped"}
    return {"status": "stamped" if stamp.stamped else "pending", "time": stamp.time, "tsa": stamp.tsa,
            "message": stamp.message}


def cmd_verify(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        _error(f"{path} does not exist.")
        return EXIT_BAD_INPUT
    if path.is_file():            # an export zip (or not a bundle at all: exit 2 either way)
        return cli_handover.verify_zip(args, path)
    report = verify_bundle(path)
    if args.json:
        trusted_json = report.trusted_time.isoformat().replace("+00:00", "Z") if report.trusted_time else None
        print(json.dumps({"path": str(path.resolve()), "intact": report.intact,
                          "problems": [str(p) for p in report.problems], "trusted_time": trusted_json,
                          "notes": report.notes,
                          "signer_fingerprint": report.signer_fingerprint}, ensure_ascii=False))
    elif report.intact:
        print(f"INTACT: {path}")
        print(f"  signer key fingerprint (sha256): {report.signer_fingerprint}")
        trusted = report.trusted_time.isoformat().replace("+00:00", "Z") if report.trusted_time else None
        print(f"  trusted time (RFC 3161): {trusted or 'none yet'}")
    else:
        print(f"NOT INTACT: {path}")
        for problem in report.problems:
            print(f"  {_printable(str(problem))}")
    if not args.json:
        for note in report.notes:
            print(f"  note: {_printable(note)}")
    return EXIT_OK if report.intact else EXIT_FAILED


def cmd_list(args: argparse.Namespace) -> int:
    records = _open_store(args).list_captures(case=args.case)
    if args.json:
        print(json.dumps([_record_json(r) for r in records], ensure_ascii=False))
        return EXIT_OK
    for r in records:
        print(f"{r.id}  {r.started_at[:19]}  {r.http_status or '-':>3}  {_printable(r.case or '-')[:24]:24}  "
              f"{_printable(r.final_url or r.url)[:100]}")
    if not records:
        print("No captures yet.", file=sys.stderr)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    store = _open_store(args)
    record = store.get(args.id)
    manifest = json.loads((record.path / "manifest.json").read_bytes())
    if args.json:
        print(json.dumps({**_record_json(record), "manifest": manifest}, ensure_ascii=False))
        return EXIT_OK
    for key, value in _record_json(record).items():
        print(f"{key:>14}: {_printable(str(value))}")
    for artifact in manifest.get("artifacts", []):
        print(f"{'artifact':>14}: {artifact['path']}  {artifact['size']} bytes  sha256 {artifact['sha256']}")
    return EXIT_OK


def _record_json(record: CaptureRecord) -> dict[str, Any]:
    return {"id": record.id, "bundle": str(Path(record.path).resolve()), "url": record.url,
            "final_url": record.final_url, "status": record.http_status, "case": record.case,
            "title": record.title, "started_at": record.started_at, "finished_at": record.finished_at,
            "operator": record.operator, "organisation": record.organisation, "note": record.note,
            "timestamped": record.has_timestamp}


def _printable(text: str) -> str:
    """Page-supplied text made safe for a terminal: no control characters or escape sequences."""
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in text)


if __name__ == "__main__":
    sys.exit(main())
