"""The commands that look at bundles: ``vidne verify`` checks one (an export zip is handed to the
hand-over family), ``vidne list`` lists the store, ``vidne show`` shows one capture."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from app.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    custody_line,
    open_store,
    print_error,
    record_json,
    refuse_locked,
    store_choice_refused,
    trust_lines,
)
from app.settings import Settings, load_settings
from app.trust import build_policy
from evidence_store import (
    Store,
    TrustPolicy,
    VerificationReport,
    default_root,
    printable,
    read_bundle,
    verify_bundle,
)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``verify``, ``list`` and ``show``."""
    ver = sub.add_parser("verify", help="check that a bundle (or an export zip) is intact, and whether its time "
                         "and its signers are trusted")
    ver.add_argument("path", metavar="PATH")
    ver.add_argument("--json", action="store_true")
    ver.add_argument("--tsa-root", metavar="FILE", action="append", default=[],
                     help="also trust time-stamps up to this root certificate (PEM) for this check; repeatable")
    ver.add_argument("--trust-key", metavar="FINGERPRINT[=NAME]", action="append", default=[],
                     help="treat this signing key as known for this check; repeatable")
    ver.add_argument("--store", metavar="DIR", default=argparse.SUPPRESS,
                     help="whose confirmed keys to use (as vidne --store); a store is never created to verify")

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
    settings = load_settings()
    args.trust = verification_policy(args, settings)     # the hand-over family judges a zip's bundles by it
    if path.is_file():            # an export zip (or not a bundle at all: exit 2 either way)
        from app.cli import handover as cli_handover

        return cli_handover.verify_zip(args, path)
    report = _verify_folder(path, args, settings)
    if args.json:
        print(json.dumps({"path": str(path.resolve()), **report.as_json()}, ensure_ascii=False))
    else:
        print(f"{'INTACT' if report.intact else 'NOT INTACT'}: {path}")
        for line in trust_lines(report.time, report.seal, report.unknown_signers):
            print(f"  {line}")
        for problem in report.problems:
            print(f"  {printable(str(problem))}")
        if report.custody:
            print("  custody:")
        for entry in report.custody:
            print(f"    {custody_line(entry)}")
        for note in report.notes:
            print(f"  note: {printable(note)}")
    return EXIT_OK if report.intact else EXIT_FAILED


def _verify_folder(path: Path, args: argparse.Namespace, settings: Settings) -> VerificationReport:
    """A bundle in the person's own store is held to the store's ledger (so a cut-off custody log is
    named, whatever happened to the index); any other folder is checked on its own."""
    root = _store_root(args, settings)
    if (root / "private").is_dir() and path.resolve().parent == (root / "bundles").resolve():
        with Store.open(root) as store:
            report = store.verify(path.resolve().name, trust=args.trust)
            report.path = path
            return report
    return verify_bundle(path, trust=args.trust)


def _store_root(args: argparse.Namespace, settings: Settings) -> Path:
    chosen = getattr(args, "store", None) or settings.store_dir
    return Path(chosen).expanduser() if chosen else default_root()


def verification_policy(args: argparse.Namespace, settings: Settings) -> TrustPolicy:
    """What this check trusts: the organisation's roots and keys, ``--tsa-root`` and ``--trust-key``, and
    the person's store's own and confirmed keys when there is a store (``--store``, the settings'
    folder, else the default). A store is never created just to verify; locks hold (exit 2)."""
    if store_choice_refused(args, settings):
        refuse_locked(settings, "store_dir", "--store")
    root = _store_root(args, settings)
    if not (root / "private").is_dir():       # no signing key and no confirmed keys: nothing it trusts
        return build_policy(settings, None, tsa_root_files=args.tsa_root, trust_keys=args.trust_key)
    with Store.open(root) as store:
        return build_policy(settings, store, tsa_root_files=args.tsa_root, trust_keys=args.trust_key)


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
