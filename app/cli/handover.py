"""The hand-over commands: export a case for the police, import what an employee sent, and verify an
export zip as a whole (``vidne verify FILE.zip`` lands here).

Exit codes as for the rest of the CLI: 0 done / intact; 1 refused or not intact; 2 bad input (unknown
case, unusable output path, a file that is no zip or no Vidne export).
"""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, key_text, open_store, print_error, trust_lines
from app.settings import load_settings
from app.trust import build_policy
from evidence_store import printable
from evidence_store.errors import ExportPathInvalid, NotAnExport

if TYPE_CHECKING:     # the export (its report, reportlab) is loaded only by the command that uses it
    from evidence_store import BundleResult, ExportReport, Progress


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the hand-over subcommands."""
    exp = sub.add_parser("export", help="export a case as one zip: its bundles, the chain-of-custody report "
                         "and VERIFY.txt")
    exp.add_argument("--case", required=True, help="the case to export")
    exp.add_argument("--out", required=True, metavar="FILE.zip", help="the zip to write (must not exist)")
    exp.add_argument("--language", choices=("da", "en"), help="the report's language (default: the setting, "
                     "else Danish on a Danish system, else English)")
    exp.add_argument("--include-damaged", action="store_true",
                     help="export even if a capture does not verify; the report and export.json say which")
    exp.add_argument("--json", action="store_true", help="print one JSON object")

    imp = sub.add_parser("import", help="take in an export zip: every bundle is verified first")
    imp.add_argument("path", metavar="FILE.zip")
    add_trust_options(imp)
    imp.add_argument("--json", action="store_true", help="print one JSON object")


def add_trust_options(parser: argparse.ArgumentParser) -> None:
    """--tsa-root and --trust-key: what a person trusts for this one check, beside the organisation's."""
    parser.add_argument("--tsa-root", action="append", default=[], metavar="FILE",
                        help="also trust time-stamps up to the root certificate(s) in this PEM file (repeatable)")
    parser.add_argument("--trust-key", action="append", default=[], metavar="FINGERPRINT[=NAME]",
                        help="treat this signing key as known for this check, e.g. after confirming its "
                             "fingerprint by phone (repeatable)")


def cmd_export(args: argparse.Namespace) -> int:
    from evidence_store import export_case

    settings = load_settings()
    store = open_store(args)
    language = args.language or report_language(settings.language)
    trust = build_policy(settings, store)
    try:
        result = export_case(store, args.case, Path(args.out), time_zone=settings.time_zone,
                             exported_by=settings.operator_or_login(),
                             organisation=settings.organisation, language=language,
                             include_damaged=args.include_damaged, trust=trust,
                             on_progress=_progress_printer(args))
    except ExportPathInvalid as err:
        print_error(str(err))
        return EXIT_BAD_INPUT
    for warning in result.warnings:
        print_error(warning)
    if args.json:
        print(json.dumps({"zip": str(result.zip_path), "sha256": result.sha256, "size": result.size,
                          "case": result.case, "export_id": result.export_id, "exported_at": result.exported_at,
                          "report_sha256": result.report_sha256, "damaged": result.damaged,
                          "captures": [{"id": b.capture_id, "custody_count": b.custody_count,
                                        "custody_head_sha256": b.custody_head_sha256} for b in result.bundles]},
                         ensure_ascii=False))
        return EXIT_OK
    print(f"Exported {len(result.bundles)} capture(s) of case '{printable(result.case)}' to\n  {result.zip_path}")
    print(f"  sha256 {result.sha256}")
    print("Give the recipient this sha256 by another channel (phone, letter) so they can check the zip.")
    if result.damaged:
        print(f"NOTE: exported although not intact: {', '.join(result.damaged)}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from evidence_store import import_zip

    settings = load_settings()
    store = open_store(args)
    trust = build_policy(settings, store, tsa_root_files=args.tsa_root, trust_keys=args.trust_key)
    try:
        result = import_zip(store, Path(args.path), actor=settings.operator_or_login(),
                            organisation=settings.organisation, trust=trust, on_progress=_progress_printer(args))
    except NotAnExport as err:
        print_error(str(err))
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps({"zip": str(Path(args.path).resolve()), "sha256": result.zip_sha256, "added": result.added,
                          "skipped": [{"id": s.capture_id, "reason": s.reason} for s in result.skipped],
                          "case": result.case, "exported_by": result.exported_by,
                          "exporter_fingerprint": result.exporter_fingerprint,
                          "exporter": result.exporter.as_json() if result.exporter else None,
                          "bundles": [_bundle_json(b) for b in result.bundles], "notes": result.notes},
                         ensure_ascii=False))
        return EXIT_OK
    print(f"Verified {len(result.added) + len(result.skipped)} capture(s) in {args.path}: all intact.")
    print(f"  zip sha256 {result.zip_sha256}")
    if result.exported_by is not None:
        print(f"  exported by {printable(result.exported_by)}, case '{printable(result.case or '')}'")
    if result.exporter is not None:
        print(f"  exporter key: {key_text(result.exporter)}")
    for bundle in result.bundles:
        _print_bundle(bundle)
    for capture_id in result.added:
        print(f"Added {capture_id}")
    for skipped in result.skipped:
        print(f"Skipped {skipped.capture_id}: {skipped.reason}")
    for note in result.notes:
        print(f"NOTE: {note}")
    return EXIT_OK


def verify_zip(args: argparse.Namespace, path: Path) -> int:
    """``vidne verify FILE.zip``: the export as a whole, each bundle's time and signers judged by
    ``args.trust``: the policy ``vidne verify`` built (the organisation's roots and keys, the person's
    store's own and confirmed keys when that store exists, ``--tsa-root`` / ``--trust-key``)."""
    from evidence_store import verify_export

    trust = getattr(args, "trust", None)
    if trust is None:           # not through `vidne verify`: the organisation's roots and keys only
        trust = build_policy(load_settings(), None, tsa_root_files=getattr(args, "tsa_root", None) or (),
                             trust_keys=getattr(args, "trust_key", None) or ())
    try:
        report = verify_export(path, trust=trust)
    except NotAnExport as err:
        print_error(str(err))
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(_report_json(report), ensure_ascii=False))
    else:
        _print_report(report)
    return EXIT_OK if report.intact else EXIT_FAILED


def _bundle_json(bundle: BundleResult) -> dict[str, Any]:
    return {"id": bundle.capture_id, **bundle.as_json()}


def _print_bundle(bundle: BundleResult) -> None:
    """One bundle of a zip: intact or not; then, as ``vidne verify BUNDLE`` gives them, its time, its
    seal and every custody event by an unknown key; then its notes."""
    state = "intact" if bundle.intact else "NOT INTACT"
    print(f"  {bundle.capture_id}: {state}, {bundle.custody_count} custody event(s)")
    for line in trust_lines(bundle.time, bundle.seal, bundle.unknown_signers):
        print(f"    {line}")
    for note in bundle.notes:
        print(f"    note: {printable(note)}")


def _report_json(report: ExportReport) -> dict[str, Any]:
    record = report.record or {}
    return {
        "path": str(report.path.resolve()), "intact": report.intact, "zip_sha256": report.zip_sha256,
        "problems": [str(p) for p in report.problems], "notes": report.notes,
        "case": record.get("case"), "exported_by": record.get("exported_by"),
        "exported_at": record.get("exported_at"), "exporter_fingerprint": report.exporter_fingerprint,
        "exporter": report.exporter.as_json() if report.exporter else None,
        "captures": [_bundle_json(b) for b in report.bundles],
    }  # fmt: skip


def _print_report(report: ExportReport) -> None:
    print(f"{'INTACT' if report.intact else 'NOT INTACT'}: {report.path}")
    print(f"  zip sha256: {report.zip_sha256}")
    if report.record is not None:
        record = report.record
        print(f"  case '{printable(record['case'])}', exported {record['exported_at']} by "
              f"{printable(record['exported_by'])} ({printable(record['organisation'])})")
    if report.exporter is not None:
        print(f"  exporter key: {key_text(report.exporter)}")
    for bundle in report.bundles:
        _print_bundle(bundle)
    for problem in report.problems:
        print(f"  {printable(str(problem))}")
    for note in report.notes:
        print(f"NOTE: {note}")


def report_language(setting: str) -> str:
    """The report's language: the setting, else Danish on a Danish system, else English."""
    if setting in ("da", "en"):
        return setting
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    system = locale.getlocale()[0] or ""          # "Danish_Denmark" on Windows, "da_DK" elsewhere
    return "da" if system.lower().startswith("da") else "en"


def _progress_printer(args: argparse.Namespace) -> Callable[[Progress], None] | None:
    if args.json or not sys.stderr.isatty():
        return None

    def show(p: Progress) -> None:
        print(f"  {p.phase} {p.done}/{p.total} {p.capture_id or ''}", file=sys.stderr)

    return show


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"export": cmd_export, "import": cmd_import}
