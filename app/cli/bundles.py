"""The commands that look at bundles: ``vidne verify`` checks one (an export zip is handed to the
hand-over family), ``vidne list`` lists the store, ``vidne show`` shows one capture."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.cli import handover as cli_handover
from app.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, open_store, print_error, record_json
from evidence_store import printable, read_bundle, verify_bundle


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``verify``, ``list`` and ``show``."""
    ver = sub.add_parser("verify", help="check that a bundle is intact")
    ver.add_argument("path", metavar="PATH")
    ver.add_argument("--json", action="store_true")

    lst = sub.add_parser("list", help="list the captures in the store")
    lst.add_argument("--case", default=None)
    lst.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="show one capture")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true")


def cmd_verify(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        print_error(f"{path} does not exist.")
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
            print(f"  {printable(str(problem))}")
    if not args.json:
        for note in report.notes:
            print(f"  note: {printable(note)}")
    return EXIT_OK if report.intact else EXIT_FAILED


def cmd_list(args: argparse.Namespace) -> int:
    records = open_store(args).list_captures(case=args.case)
    if args.json:
        print(json.dumps([record_json(r) for r in records], ensure_ascii=False))
        return EXIT_OK
    for r in records:
        print(f"{r.id}  {r.started_at[:19]}  {r.http_status or '-':>3}  {printable(r.case or '-')[:24]:24}  "
              f"{printable(r.final_url or r.url)[:100]}")
    if not records:
        print("No captures yet.", file=sys.stderr)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """The capture as the store knows it and its files as the manifest lists them. A bundle whose
    manifest or custody log cannot be read (too big, a link, not JSON) shows what could be read,
    says why on stderr ("problems" in --json; manifest {} then) and exits 1."""
    store = open_store(args)
    record = store.get(args.id)
    view = read_bundle(record.path)          # bounded, never through a link
    if args.json:
        shown = {**record_json(record), "manifest": view.manifest}
        if view.problems:
            shown["problems"] = list(view.problems)
        print(json.dumps(shown, ensure_ascii=False))
        return EXIT_FAILED if view.problems else EXIT_OK
    for key, value in record_json(record).items():
        print(f"{key:>14}: {printable(str(value))}")
    for artifact in view.artifacts:
        size = "?" if artifact.size is None else artifact.size
        print(f"{'artifact':>14}: {printable(artifact.path)}  {size} bytes  sha256 {printable(artifact.sha256)}")
    for problem in view.problems:
        print_error(printable(problem))
    return EXIT_FAILED if view.problems else EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"verify": cmd_verify, "list": cmd_list,
                                                            "show": cmd_show}
