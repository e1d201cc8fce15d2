"""Exporting a case: one zip with every bundle of the case, the chain-of-custody report, a signed
record (export.json) and a top-level VERIFY.txt. See docs/export-format.md.

In order: every bundle is verified (a case with a bundle that is not intact is refused, naming the
bundles and their problems, unless ``include_damaged`` is given: then the report, export.json and
the bundle's own verification say so); an "exported" custody event is signed for every bundle but
not yet written (two phases: an event that says something happened is written only once it has):
the zip holds each log with its event; the report is rendered from the bundles as they will be; the
zip is written beside the target under a temporary name and checked with :func:`verify_export` as a
recipient would check it; a journal in ``<store>/pending/`` records what the export completes; the
zip is renamed into place; then the events go into the store's bundles, its ledger and index, and
the zip's sha256 into ``<store>/exports.jsonl``. A failed or killed export leaves the store as it
was; one killed after the rename is finished when the store is next opened.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.read import bundle_view, read_custody, read_manifest
from evidence_store.bundle.verify import VerificationReport
from evidence_store.errors import CustodyError, ExportError, ExportPathInvalid, StoreError, UnknownCase
from evidence_store.files.fsutil import UnreadableFile, fsync_dir, open_regular, read_limited
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.handover.record import (
    EXPORTER_KEY_FILE,
    FORMAT,
    FORMAT_VERSION,
    KEY_FILE_SHA256,
    ORGANISATION_ROOTS,
    RECORD_FILE,
    RECORD_SIG_FILE,
    REPORT_FILE,
    VERIFY_FILE,
    VERIFY_HTML_FILE,
    VERIFY_HTML_SHA256,
    Progress,
    RecordedBundle,
    record_bytes,
    verify_html,
    verify_text,
)
from evidence_store.handover.safe_zip import work_folder
from evidence_store.handover.verify import verify_export
from evidence_store.report.render import ReportBundle, ReportError, render_custody_report
from evidence_store.report.text import DANISH_ZONE, LANGUAGES
from evidence_store.report.timeline import case_timeline
from evidence_store.rfc3161 import certs as tsa_certs
from evidence_store.safe_text import printable
from evidence_store.store.records import Pending, PreparedEvent, write_pending
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy
from evidence_store.version import vidne_version

log = logging.getLogger(__name__)

EXPORT_LOG = "exports.jsonl"
_STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".wacz", ".zip", ".mp4", ".webm", ".mp3",
                    ".ogg", ".m4a", ".woff2")     # compressed already: deflating them again is wasted time
ProgressFn = Callable[[Progress], None]


@dataclass
class ExportResult:
    zip_path: Path
    sha256: str                     # of the zip file itself
    size: int
    case: str
    export_id: str
    exported_at: str
    report_sha256: str
    bundles: list[RecordedBundle]
    damaged: list[str] = field(default_factory=list)    # ids exported although not intact
    warnings: list[str] = field(default_factory=list)


def export_case(
    store: Store,
    case: str,
    out_zip: Path,
    *,
    exported_by: str,
    organisation: str,
    language: str = "da",
    include_damaged: bool = False,
    trust: TrustPolicy | None = None,
    on_progress: ProgressFn | None = None,
    time_zone: str = DANISH_ZONE,
) -> ExportResult:
    """Export every capture of ``case`` to ``out_zip``; see the module docstring. ``trust``: the roots
    and keys the report judges each bundle's time and signers by (default: the store's own policy).

    Raises UnknownCase (no such case), ExportPathInvalid (the target cannot be used), ExportError
    (refused or failed; nothing is left at ``out_zip``) and StoreError.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown report language {language!r}; expected one of {LANGUAGES}")
    progress = on_progress or (lambda _p: None)
    out_zip = _checked_target(Path(out_zip), store)
    trust = trust if trust is not None else store.trust_policy()
    records = sorted(store.list_captures(case=case), key=lambda r: (r.started_at, r.id))
    if not records:
        raise UnknownCase(f"There is no case '{_shown(case)}' in the evidence store at {store.root}.")
    total = len(records)
    reports: dict[str, VerificationReport] = {}
    for number, record in enumerate(records, start=1):
        reports[record.id] = store.verify(record.id, trust)
        progress(Progress("verify", number, total, record.id))
    damaged = [r.id for r in records if not reports[r.id].intact]
    if damaged and not include_damaged:
        raise ExportError(_refusal(case, damaged, reports))

    exported_at = datetime.now(UTC)
    at_text = exported_at.isoformat(timespec="seconds").replace("+00:00", "Z")
    export_id = secrets.token_hex(8)
    prepared: dict[str, PreparedEvent] = {}       # signed now, written into the store once the zip is whole
    for number, record in enumerate(records, start=1):
        details = {"file": out_zip.name, "export_id": export_id, "case": case, "captures": total}
        try:
            prepared[record.id] = store.prepare_custody(record.id, "exported", details, exported_by, organisation)
        except CustodyError as exc:
            if record.id not in damaged:
                raise
            reports[record.id].notes.append(f"the 'exported' event could not be recorded: {exc}")
        progress(Progress("record", number, total, record.id))

    snapshots = [_snapshot(store, record.id, reports[record.id], trust, prepared.get(record.id))
                 for record in records]
    key = store.signing_key()
    with work_folder(store.staging_dir, "export") as work:
        report_path = work / REPORT_FILE
        progress(Progress("report", 0, 1))
        try:
            render_custody_report(report_path, case=case, organisation=organisation, exported_by=exported_by,
                                  exported_at=exported_at, bundles=[s.report for s in snapshots],
                                  language=language, time_zone=time_zone, timeline=case_timeline(store, case))
        except ReportError as exc:
            raise ExportError(str(exc)) from exc
        progress(Progress("report", 1, 1))
        report_sha256 = hash_file(report_path).sha256
        recorded = [s.recorded for s in snapshots]
        verify_bytes = verify_text(case=case, exported_at=at_text, exported_by=exported_by,
                                   organisation=organisation, fingerprint=key.fingerprint(), bundles=recorded)
        public_pem = key.public_pem()
        export_record = _record(export_id, case, organisation, exported_by, at_text, out_zip.name,
                                (key.fingerprint(), sha256_bytes(public_pem)), report_sha256, language,
                                sha256_bytes(verify_bytes), recorded, bool(damaged))
        page = verify_html()           # the verifier for a browser; export.json pins it and the roots it trusts
        export_record[VERIFY_HTML_SHA256] = sha256_bytes(page)
        export_record[ORGANISATION_ROOTS] = sorted({tsa_certs.sha256_fingerprint(root) for root in trust.tsa_roots})
        data = record_bytes(export_record)
        signature = key.sign(data)
        top = [(VERIFY_HTML_FILE, page), (VERIFY_FILE, verify_bytes), (RECORD_FILE, data),
               (RECORD_SIG_FILE, signature), (EXPORTER_KEY_FILE, public_pem)]
        entry = {"at": at_text, "export_id": export_id, "case": case, "file": str(out_zip),
                 "exported_by": exported_by, "organisation": organisation,
                 "captures": [b.capture_id for b in recorded], "damaged": damaged}

        def journal(zip_sha256: str, size: int) -> Pending:
            """Before the zip takes its name: what to write once it has (a crash then finishes it)."""
            line = (json.dumps({**entry, "sha256": zip_sha256, "size": size}, ensure_ascii=False,
                               sort_keys=True) + "\n").encode("utf-8")
            return write_pending(store.root, f"export-{export_id}", condition=(out_zip, zip_sha256),
                                 events=list(prepared.values()), log_line=(EXPORT_LOG, line))

        zip_sha256, size, pending = _write_zip(out_zip, top, report_path, snapshots, exported_at,
                                               store.staging_dir, allow_problems=bool(damaged),
                                               progress=progress, journal=journal)

    result = ExportResult(out_zip, zip_sha256, size, case, export_id, at_text, report_sha256, recorded, damaged)
    try:
        store.finish(pending)    # the zip is in place: now the 'exported' events, the ledger, exports.jsonl
    except (OSError, StoreError) as exc:
        message = (f"The export is complete, but the store could not record it yet ({exc}); "
                   f"{pending.path.name} is kept and Vidne finishes it when the store is next opened.")
        log.error("%s", message)
        result.warnings.append(message)
    log.info("exported case %r: %d capture(s) to %s (sha256 %s)", case, total, out_zip, zip_sha256)
    return result


def export_log(store: Store) -> list[dict[str, Any]]:
    """The finished exports of this store, oldest first (lines that cannot be read are skipped)."""
    try:
        data = read_limited(store.root / EXPORT_LOG, 256 << 20)
    except UnreadableFile:
        return []
    entries = []
    for line in data.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


# -- the parts -----------------------------------------------------------------------------------
@dataclass
class _Snapshot:
    folder: Path
    custody_bytes: bytes            # exactly what goes into the zip
    report: ReportBundle
    recorded: RecordedBundle


def _snapshot(store: Store, capture_id: str, verified: VerificationReport, trust: TrustPolicy,
              prepared: PreparedEvent | None) -> _Snapshot:
    """The bundle as it will be exported: its custody log as it will be once the 'exported' event is
    written (``prepared``), its report entry built."""
    folder = store.get(capture_id).path
    try:
        custody_bytes = prepared.log_after if prepared is not None else read_custody(folder)
        view = bundle_view(folder, read_manifest(folder), custody_bytes)
    except UnreadableFile as exc:
        raise ExportError(f"Capture {capture_id} cannot be read for the export: {exc}.") from exc
    summary = view.custody_summary
    problems = [str(p) for p in verified.problems] + verified.notes
    report = ReportBundle.from_view(view, intact=verified.intact, signer_fingerprint=verified.signer_fingerprint
                                    or "", problems=problems, verified=verified, trust=trust)
    recorded = RecordedBundle(capture_id, view.manifest_sha256 or "", summary.count,
                              summary.head_sha256 or "", verified.intact, tuple(problems))
    return _Snapshot(folder, view.custody_bytes, report, recorded)


def _record(export_id: str, case: str, organisation: str, exported_by: str, at: str, file_name: str,
            exporter_key: tuple[str, str], report_sha256: str, language: str, verify_sha256: str,
            bundles: list[RecordedBundle], damaged: bool) -> dict[str, Any]:
    """export.json; ``exporter_key``: the key's fingerprint and the sha256 of exporter.pub.pem's bytes."""
    fingerprint, key_file_sha256 = exporter_key
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "export_id": export_id, "case": case,
        "organisation": organisation, "exported_by": exported_by, "exported_at": at, "file_name": file_name,
        "tool": {"name": "Vidne", "version": vidne_version()},
        "exporter": {"algorithm": "Ed25519", "public_key_sha256": fingerprint, KEY_FILE_SHA256: key_file_sha256},
        "report": {"path": REPORT_FILE, "sha256": report_sha256, "language": language},
        "verify_txt_sha256": verify_sha256,
        "damaged_included": damaged,
        "bundles": [
            {"capture_id": b.capture_id, "manifest_sha256": b.manifest_sha256, "custody_count": b.custody_count,
             "custody_head_sha256": b.custody_head_sha256, "intact": b.intact, "problems": list(b.problems)}
            for b in bundles
        ],
    }  # fmt: skip


def _write_zip(out_zip: Path, top: list[tuple[str, bytes]], report_path: Path, snapshots: list[_Snapshot],
               when: datetime, staging_dir: Path, *, allow_problems: bool, progress: ProgressFn,
               journal: Callable[[str, int], Pending]) -> tuple[str, int, Pending]:
    """Write the zip beside ``out_zip`` (owner-only), check it, ``journal`` what it completes, rename it
    into place; return its sha256, size and the journal's path."""
    stamp = when.astimezone().timetuple()[:6]     # zip times are local times, without a zone
    temp = out_zip.with_name(f".{out_zip.name}.{secrets.token_hex(4)}.part")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(temp, flags, 0o600), "wb") as fh:
            with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
                for name, data in top:
                    zf.writestr(_info(name, stamp, len(data)), data)
                _add_file(zf, REPORT_FILE, report_path, stamp)
                for number, snap in enumerate(snapshots, start=1):
                    _add_bundle(zf, snap, stamp)
                    progress(Progress("zip", number, len(snapshots), snap.recorded.capture_id))
            fh.flush()
            os.fsync(fh.fileno())
        progress(Progress("check", 0, 1))
        check = verify_export(temp, work_dir=staging_dir)
        if not check.intact and not allow_problems:
            raise ExportError("The export was written but does not verify, so it was removed:\n"
                              + check.problem_text())
        if os.path.lexists(out_zip):
            raise ExportPathInvalid(f"{out_zip} appeared while the export was being written; it was not "
                                    "replaced. Choose another name.")
        size = temp.stat().st_size
        pending = journal(check.zip_sha256, size)
        try:
            os.replace(temp, out_zip)
            fsync_dir(out_zip.parent)
        except OSError:
            pending.drop()                       # the zip did not take its name: nothing happened
            raise
        progress(Progress("check", 1, 1))
        return check.zip_sha256, size, pending
    except OSError as exc:
        raise ExportError(f"The export could not be written to {out_zip}: {exc.strerror or exc}. Check that "
                          "the disk is not full and that you may write there.") from exc
    finally:
        temp.unlink(missing_ok=True)


def _info(name: str, stamp: tuple[int, ...], size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(stamp[0], stamp[1], stamp[2], stamp[3], stamp[4], stamp[5]))
    info.external_attr = 0o100644 << 16          # a regular file, rw-r--r--
    info.create_system = 3                        # Unix, so unzip applies those bits
    info.file_size = size
    stored = name.lower().endswith(_STORED_SUFFIXES)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _add_file(zf: zipfile.ZipFile, name: str, path: Path, stamp: tuple[int, ...]) -> None:
    """Stream one file into the zip; never follows a link."""
    try:
        fd = open_regular(path)
    except UnreadableFile as exc:
        raise ExportError(f"{path} cannot be added to the export: it {exc}.") from exc
    try:
        size = os.fstat(fd).st_size
        with os.fdopen(fd, "rb", closefd=False) as src, zf.open(_info(name, stamp, size), "w") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
    finally:
        os.close(fd)


def _add_bundle(zf: zipfile.ZipFile, snap: _Snapshot, stamp: tuple[int, ...]) -> None:
    capture_id = snap.recorded.capture_id
    for dirpath, dirnames, filenames in os.walk(snap.folder):
        dirnames.sort()
        rel_dir = Path(dirpath).relative_to(snap.folder)
        for name in sorted(filenames):
            rel = (rel_dir / name).as_posix()
            arcname = f"{capture_id}/{rel}"
            if rel == custody.CUSTODY_FILE:
                zf.writestr(_info(arcname, stamp, len(snap.custody_bytes)), snap.custody_bytes)
            else:
                _add_file(zf, arcname, Path(dirpath) / name, stamp)


def _checked_target(out_zip: Path, store: Store) -> Path:
    out_zip = Path(os.path.abspath(out_zip.expanduser()))
    if out_zip.suffix.lower() != ".zip":
        raise ExportPathInvalid(f"The export must be a .zip file; {out_zip.name} is not. Add .zip to the name.")
    if os.path.lexists(out_zip):
        raise ExportPathInvalid(f"{out_zip} already exists; Vidne does not replace files. Choose another name.")
    if not out_zip.parent.is_dir():
        raise ExportPathInvalid(f"The folder {out_zip.parent} does not exist. Choose a folder that does.")
    root = os.path.realpath(store.root)
    try:
        inside = os.path.commonpath([root, os.path.realpath(out_zip.parent)]) == root
    except ValueError:                  # another drive (Windows)
        inside = False
    if inside:
        raise ExportPathInvalid(f"The export cannot be written inside the evidence store ({store.root}). "
                                "Choose another folder.")
    return out_zip


def _refusal(case: str, damaged: list[str], reports: dict[str, VerificationReport]) -> str:
    lines = [f"The case '{_shown(case)}' was not exported: {len(damaged)} of its captures do not verify. "
             "Keep them as they are for the investigation; to export the case anyway, with the report "
             "saying which captures are damaged, use --include-damaged."]
    for capture_id in damaged:
        lines.append(f"  {capture_id}:")
        lines += [f"    {p}" for p in reports[capture_id].problems[:10]]
        if len(reports[capture_id].problems) > 10:
            lines.append(f"    … and {len(reports[capture_id].problems) - 10} more")
    return "\n".join(lines)


def _shown(text: str, limit: int = 100) -> str:
    return printable(text, replacement="?", limit=limit)
