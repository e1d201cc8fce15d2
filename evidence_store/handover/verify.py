"""Verifying an export zip as a whole, as a recipient (HR, the police, a court) would.

The zip is opened as hostile (evidence_store.handover.safe_zip); export.json is checked against its
signature and the exporter's key; the report and VERIFY.txt against the sha256 export.json records;
then each bundle is unpacked on its own into a temporary folder, verified with
:func:`verify_bundle` held to the custody count and head export.json records, and removed again (so
the disk holds one bundle at a time). ``verify_export`` never raises on a damaged or hostile zip:
it reports problems. It raises NotAnExport (and NotAZip) for a file that is no export at all.

Trust comes only from the verifier's own policy (issue 11): Vidne's roots, the organisation's config,
the store's own and confirmed keys, and what the person names (``--tsa-root``, ``--trust-key``).
export.json is signed by whoever made the zip, so what it says adds nothing by itself. Only when the
policy already knows the exporter's key (``trust.key(fingerprint)``; a recipient names it with
``--trust-key`` after confirming it with the sender, as verify.html's "I have confirmed this
fingerprint" does) and export.json's signature verifies, does a bundle's time count as trusted up to
a root of its tsa-chain.pem whose sha256 export.json lists among the organisation's roots. Otherwise
those roots are only named in a note. The exporter's key is known to the bundles' seals and custody
exactly when the policy knows it. An import judges by the store's policy only.

A zip of bundles without export.json (bundle folders zipped by hand) is checked bundle by bundle;
a note says that nothing then shows whether events were removed from the end of a custody log.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.custody import ExpectedCustody
from evidence_store.bundle.manifest import MANIFEST_FILE, TSA_CHAIN_FILE
from evidence_store.bundle.read import read_bundle_file, read_manifest
from evidence_store.bundle.verify import VerificationReport, verify_bundle
from evidence_store.errors import NotABundle, StoreError, ZipRefused
from evidence_store.files.fsutil import UnreadableFile
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.handover.record import (
    EXPORTER_KEY_FILE,
    MAX_RECORD_BYTES,
    MAX_SMALL_FILE,
    ORGANISATION_ROOTS,
    RECORD_FILE,
    RECORD_SIG_FILE,
    REPORT_FILE,
    VERIFY_FILE,
    VERIFY_HTML_FILE,
    VERIFY_HTML_SHA256,
    Progress,
    RecordCheck,
    RecordedBundle,
    check_record,
)
from evidence_store.handover.safe_zip import SafeZip, work_folder
from evidence_store.problems import Problem
from evidence_store.rfc3161 import certs as tsa_certs
from evidence_store.store.staging import remove_tree
from evidence_store.trust.policy import TrustPolicy
from evidence_store.trust.verdict import CustodyEntry, Signer, TimeVerdict, iso_z, seal_signer

log = logging.getLogger(__name__)


@dataclass
class BundleResult:
    capture_id: str
    intact: bool
    problems: list[str]
    signer_fingerprint: str | None
    trusted_time: datetime | None
    custody_count: int
    custody_head: str | None
    manifest_sha256: str | None
    time: TimeVerdict = field(default_factory=lambda: TimeVerdict("none"))
    seal: Signer | None = None
    custody: list[CustodyEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def unknown_signers(self) -> list[CustodyEntry]:
        """Custody events signed by a key that is neither the sealer's nor one the verifier knows."""
        return [entry for entry in self.custody if entry.signer.kind == "unknown"]

    def as_json(self) -> dict[str, Any]:
        """One bundle of a zip, with the same answers as ``vidne verify BUNDLE --json`` gives."""
        return {
            "capture_id": self.capture_id, "intact": self.intact, "problems": list(self.problems),
            "trusted_time": iso_z(self.trusted_time), "time": self.time.as_json(),
            "signer_fingerprint": self.signer_fingerprint, "seal": self.seal.as_json() if self.seal else None,
            "custody_count": self.custody_count, "custody": [entry.as_json() for entry in self.custody],
            "unknown_signers": len(self.unknown_signers), "notes": list(self.notes),
        }


@dataclass
class ExportReport:
    path: Path
    zip_sha256: str
    problems: list[Problem] = field(default_factory=list)  # files named relative to the zip's top
    bundles: list[BundleResult] = field(default_factory=list)
    record: dict[str, Any] | None = None                     # export.json, when it is sound
    exporter_fingerprint: str | None = None
    exporter: Signer | None = None                           # export.json's signer: known or unknown
    notes: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def problem_text(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def verify_export(
    zip_path: Path,
    *,
    work_dir: Path | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    trust: TrustPolicy | None = None,
) -> ExportReport:
    """Check the export at ``zip_path``; see the module docstring. ``work_dir``: where bundles are
    unpacked one at a time (e.g. a store's staging folder); default, the system's temporary folder."""
    zip_path = Path(zip_path)
    try:
        digest = hash_file(Path(os.path.realpath(zip_path))).sha256
    except UnreadableFile:
        digest = ""                     # SafeZip.open says what is wrong with the file
    report = ExportReport(path=zip_path, zip_sha256=digest)
    try:
        safe = SafeZip.open(zip_path)
    except ZipRefused as exc:
        report.problems += _zip_problems(exc, zip_path.name)
        return report
    with safe, work_folder(work_dir, "verify") as work:
        check = check_top_files(safe, report, trust)
        policy = trust or TrustPolicy()
        listed = _vouched_roots(check, policy, report)
        total = len(safe.bundle_ids)
        for number, capture_id in enumerate(safe.bundle_ids, start=1):
            recorded = check.bundles.get(capture_id) if check.bundles is not None else None
            try:
                folder = safe.extract_bundle(capture_id, work)
                try:
                    check_bundle(folder, capture_id, recorded, report, _with_listed_roots(policy, folder, listed))
                finally:
                    remove_tree(folder)
            except ZipRefused as exc:
                report.problems += _zip_problems(exc, capture_id)
            if on_progress is not None:
                on_progress(Progress("check", number, total, capture_id))
    log.info("export %s verified: %s", zip_path, "intact" if report.intact else f"{len(report.problems)} problem(s)")
    return report


def _vouched_roots(check: RecordCheck, trust: TrustPolicy, report: ExportReport) -> frozenset[str]:
    """The sha256 of the roots a soundly signed export.json lists as the organisation's, when they
    count: only when ``trust`` already knows the exporter's key. Otherwise a note names them."""
    listed = _listed_roots(check)
    if not listed or trust.key(check.exporter_fingerprint) is not None:
        return listed
    report.notes.append(
        f"The export says the organisation trusts these time-stamp roots (sha256): {', '.join(sorted(listed))}. "
        "They count only once you have confirmed the exporter's key with the sender (by phone or in person) "
        "and trust it (vidne trust-key, or vidne verify --trust-key FINGERPRINT)."
    )
    return frozenset()


def _listed_roots(check: RecordCheck) -> frozenset[str]:
    """The sha256 of the roots a soundly signed export.json lists as the organisation's."""
    if check.record is None or not check.signature_ok or check.exporter_fingerprint is None:
        return frozenset()
    roots = check.record.get(ORGANISATION_ROOTS, [])
    return frozenset(roots) if isinstance(roots, list) and all(isinstance(r, str) for r in roots) else frozenset()


def _with_listed_roots(trust: TrustPolicy, folder: Path, listed: frozenset[str]) -> TrustPolicy:
    """``trust`` and the self-signed roots in the bundle's tsa-chain.pem that export.json lists."""
    if not listed:
        return trust
    try:
        certs = tsa_certs.load_pem_certificates(read_bundle_file(folder, TSA_CHAIN_FILE))
    except (UnreadableFile, ValueError):
        return trust            # the bundle's own check says what is wrong with the file
    roots = [c for c in certs if tsa_certs.sha256_fingerprint(c) in listed and tsa_certs.is_self_signed(c)]
    return trust.adding(roots=roots) if roots else trust


def check_top_files(safe: SafeZip, report: ExportReport, trust: TrustPolicy | None = None) -> RecordCheck:
    """export.json, its signature and key, the report and VERIFY.txt; problems go into ``report``. The
    exporter's key is attributed known or unknown by ``trust`` (default: nothing but Vidne's roots)."""
    problems = report.problems
    try:
        data = {name: safe.read(name, MAX_RECORD_BYTES if name == RECORD_FILE else MAX_SMALL_FILE)
                for name in (RECORD_FILE, RECORD_SIG_FILE, EXPORTER_KEY_FILE, VERIFY_FILE)
                if safe.has_file(name)}
    except ZipRefused as exc:
        problems += _zip_problems(exc, report.path.name)
        return RecordCheck()
    if RECORD_FILE not in data:
        for name in (RECORD_SIG_FILE, EXPORTER_KEY_FILE):
            if name in data:
                problems.append(Problem(RECORD_FILE, f"missing, but {name} is there: it was removed"))
        report.notes.append(
            "This zip has no export record (export.json), so it was not made by Vidne's export, or the record "
            "was removed. Each bundle was checked, but nothing shows whether events were removed from the end "
            "of a custody log: compare the number of events with the sender."
        )
        return RecordCheck(bundles=None)
    check = check_record(data[RECORD_FILE], data.get(RECORD_SIG_FILE), data.get(EXPORTER_KEY_FILE), problems)
    report.exporter_fingerprint = check.exporter_fingerprint
    if check.exporter_fingerprint is not None:
        report.exporter = seal_signer(check.exporter_fingerprint, trust or TrustPolicy())
    if check.record is None:
        return RecordCheck(bundles={})      # every bundle then lacks a record: said once, above
    report.record = check.record
    if check.record["damaged_included"]:
        report.notes.append("The exporter included captures that did not verify at export time; export.json "
                            "and the report name them.")
    _check_hashes(safe, report, check.record, data.get(VERIFY_FILE))
    recorded = check.bundles or {}
    for capture_id in sorted(set(recorded) - set(safe.bundle_ids)):
        problems.append(Problem(capture_id, "missing: export.json lists this capture, but its folder is not in "
                                            "the zip"))
    for capture_id in sorted(set(safe.bundle_ids) - set(recorded)):
        problems.append(Problem(capture_id, "is not listed in export.json (added to the zip after the export?)"))
    return check


def _check_hashes(safe: SafeZip, report: ExportReport, record: dict[str, Any], verify_txt: bytes | None) -> None:
    expected = record["report"].get("sha256")
    if not safe.has_file(REPORT_FILE):
        report.problems.append(Problem(REPORT_FILE, "missing: export.json records it"))
    else:
        try:
            if safe.sha256(REPORT_FILE) != expected:
                report.problems.append(Problem(REPORT_FILE, "its sha256 is not the one export.json records "
                                                            "(changed after the export)"))
        except ZipRefused as exc:
            report.problems += _zip_problems(exc, REPORT_FILE)
    if verify_txt is None:
        report.problems.append(Problem(VERIFY_FILE, "missing: export.json records it"))
    elif sha256_bytes(verify_txt) != record["verify_txt_sha256"]:
        report.problems.append(Problem(VERIFY_FILE, "its sha256 is not the one export.json records (changed "
                                                    "after the export)"))
    pinned = record.get(VERIFY_HTML_SHA256)          # absent in exports made before issue 17
    if pinned is None:
        if safe.has_file(VERIFY_HTML_FILE):
            report.problems.append(Problem(VERIFY_HTML_FILE, "is not recorded in export.json (added after the "
                                                             "export?)"))
    elif not safe.has_file(VERIFY_HTML_FILE):
        report.problems.append(Problem(VERIFY_HTML_FILE, "missing: export.json records it"))
    else:
        try:
            if safe.sha256(VERIFY_HTML_FILE) != pinned:
                report.problems.append(Problem(VERIFY_HTML_FILE, "its sha256 is not the one export.json records "
                                                                 "(changed after the export)"))
        except ZipRefused as exc:
            report.problems += _zip_problems(exc, VERIFY_HTML_FILE)


def check_bundle(folder: Path, capture_id: str, recorded: RecordedBundle | None, report: ExportReport,
                 trust: TrustPolicy | None = None) -> VerificationReport | None:
    """Verify one unpacked bundle, held to what export.json recorded; add the result to ``report``."""
    expected = None
    if recorded is not None:
        expected = ExpectedCustody(recorded.custody_count, recorded.custody_head_sha256, "export.json")
    try:
        verified = verify_bundle(folder, expected_custody=expected, trust=trust)
    except NotABundle as exc:
        report.problems.append(Problem(capture_id, str(exc).replace(str(folder), capture_id)))
        return None
    problems = list(verified.problems)
    if verified.capture_id is not None and verified.capture_id != capture_id:
        problems.append(Problem(MANIFEST_FILE, f"capture_id is {verified.capture_id}, but the folder is {capture_id}"))
    manifest_sha = _manifest_sha(folder)
    if recorded is not None:
        if verified.custody_count > recorded.custody_count:
            problems.append(Problem(custody.CUSTODY_FILE, f"has {verified.custody_count} events, but export.json "
                                    f"records {recorded.custody_count}: events were added after the export",
                                    recorded.custody_count + 1))
        if manifest_sha is not None and manifest_sha != recorded.manifest_sha256:
            problems.append(Problem(MANIFEST_FILE, "its sha256 is not the one export.json records"))
    report.problems += [Problem(f"{capture_id}/{p.file}", p.message, p.line) for p in problems]
    report.bundles.append(BundleResult(
        capture_id=capture_id, intact=not problems, problems=[str(p) for p in problems],
        signer_fingerprint=verified.signer_fingerprint, trusted_time=verified.trusted_time,
        custody_count=verified.custody_count, custody_head=verified.custody_head, manifest_sha256=manifest_sha,
        time=verified.time, seal=verified.seal, custody=verified.custody, notes=list(verified.notes),
    ))
    return verified


def _zip_problems(exc: ZipRefused, where: str) -> list[Problem]:
    """ZipRefused's lines ("<entry>: <what>") as problems, each against its entry."""
    problems = []
    for line in exc.problems or [f"{where}: {exc}"]:
        entry, sep, message = line.partition(": ")
        problems.append(Problem(entry, message) if sep else Problem(where, line))
    return problems


def _manifest_sha(folder: Path) -> str | None:
    try:
        return sha256_bytes(read_manifest(folder))
    except (UnreadableFile, StoreError):
        return None
