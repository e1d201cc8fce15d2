"""Receiving an export: HR takes in the zip an employee sent (or any Vidne export).

The zip is treated as hostile (evidence_store.handover.safe_zip): every entry is checked before anything is
unpacked, and everything is unpacked into one work folder inside the store's staging folder, which
is removed afterwards whatever happens. Then every bundle is verified, held to the custody count and
head export.json records; if any bundle is not intact, or export.json does not check out, the WHOLE
import is refused, naming every problem, and the store is not touched. Trust is a separate answer:
each bundle's time verdict, signers and notes are kept in ``ImportResult.bundles`` (an intact bundle
may have a time from an untrusted authority, or an event by an unknown key) for the receiver to see.

Then each bundle is added with :meth:`Store.add_bundle` and a "received" custody event is signed onto
it with the receiver's own key (the event carries that key and its fingerprint, so events by several
people live in one chain).

A capture the store already holds is never overwritten:

- the same manifest, and the zip's custody log holds nothing the store's lacks (an import repeated,
  or finished after an interruption): it is skipped, and the result says so;
- the same manifest, but the zip's log has events the store's has not (it was exported again after
  the store received it): the store's copy is kept as it is and the capture is skipped, with the
  events not taken in listed in the result; keep the zip if they matter;
- another manifest under the same id: the whole import is refused, naming the capture.

Bundles are added one by one: an import stopped half-way (power cut, full disk) leaves whole bundles,
each with its "received" event; importing the same zip again adds the rest.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.read import UnreadableBundleFile, read_custody, read_manifest
from evidence_store.errors import BundleNotFound, ImportRefused
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.handover.record import Progress
from evidence_store.handover.safe_zip import SafeZip, ZipInspection, inspect_zip, work_folder
from evidence_store.handover.verify import BundleResult, ExportReport, check_bundle, check_top_files
from evidence_store.problems import Problem
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy
from evidence_store.trust.verdict import Signer

log = logging.getLogger(__name__)

__all__ = ["ImportResult", "SkippedBundle", "ZipInspection", "import_zip", "inspect_zip"]


@dataclass(frozen=True)
class SkippedBundle:
    capture_id: str
    reason: str


@dataclass
class ImportResult:
    zip_path: Path
    zip_sha256: str
    added: list[str] = field(default_factory=list)             # capture ids, now in the store
    skipped: list[SkippedBundle] = field(default_factory=list)  # already held (see module docstring)
    exported_by: str | None = None                              # from export.json, when present
    exporter_fingerprint: str | None = None
    exporter: Signer | None = None                              # export.json's signer: known or unknown
    case: str | None = None
    notes: list[str] = field(default_factory=list)
    bundles: list[BundleResult] = field(default_factory=list)  # each bundle's check: time, signers, notes


def import_zip(
    store: Store,
    path: Path,
    *,
    actor: str,
    organisation: str,
    trust: TrustPolicy | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> ImportResult:
    """Take the export at ``path`` into ``store``; see the module docstring. ``trust``: the roots and
    keys each bundle's time and signers are judged by (default: the store's, see Store.trust_policy).

    Raises NotAZip / NotAnExport (no export at all), ImportRefused (with every problem; ZipRefused
    for an unsafe zip) and StoreError (the store cannot be written).
    """
    progress = on_progress or (lambda _p: None)
    path = Path(path)
    trust = trust if trust is not None else store.trust_policy()
    with SafeZip.open(path) as safe, work_folder(store.staging_dir, "import") as work:
        report = ExportReport(path=path, zip_sha256=hash_file(Path(os.path.realpath(path))).sha256)
        check = check_top_files(safe, report, trust)
        total = len(safe.bundle_ids)
        folders: dict[str, Path] = {}
        for number, capture_id in enumerate(safe.bundle_ids, start=1):
            folders[capture_id] = safe.extract_bundle(capture_id, work)
            recorded = check.bundles.get(capture_id) if check.bundles is not None else None
            check_bundle(folders[capture_id], capture_id, recorded, report, trust)
            progress(Progress("unpack", number, total, capture_id))
        decisions = {cid: _already_held(store, cid, folders[cid], report) for cid in safe.bundle_ids}
        if report.problems:
            raise ImportRefused(_refusal(path, report.problems))

        result = ImportResult(zip_path=path, zip_sha256=report.zip_sha256, notes=list(report.notes),
                              exporter_fingerprint=report.exporter_fingerprint, exporter=report.exporter,
                              bundles=list(report.bundles))
        record = report.record or {}
        result.exported_by, result.case = record.get("exported_by"), record.get("case")
        details = _received_details(path, report)
        for number, capture_id in enumerate(safe.bundle_ids, start=1):
            skip = decisions[capture_id]
            if skip is not None:
                result.skipped.append(skip)
                log.info("capture %s: not imported from %s: %s", capture_id, path.name, skip.reason)
            else:
                store.add_bundle(folders[capture_id], received=(details, actor, organisation))
                result.added.append(capture_id)
            progress(Progress("add", number, total, capture_id))
    log.info("imported %s: %d added, %d already held", path, len(result.added), len(result.skipped))
    return result


def _received_details(path: Path, report: ExportReport) -> dict[str, Any]:
    record = report.record or {}
    details: dict[str, Any] = {"file": _bounded(path.name), "zip_sha256": report.zip_sha256}
    if report.record is not None:
        details.update({"export_id": _bounded(record.get("export_id")),
                        "exported_by": _bounded(record.get("exported_by")),
                        "exporter_organisation": _bounded(record.get("organisation")),
                        "exporter_fingerprint": report.exporter_fingerprint})
    return details


def _bounded(value: object, limit: int = 500) -> str:
    """Text from the zip, as much of it as a custody event keeps (the zip holds the rest)."""
    text = value if isinstance(value, str) else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _already_held(store: Store, capture_id: str, folder: Path, report: ExportReport) -> SkippedBundle | None:
    """None when the store does not hold ``capture_id``; else why the zip's copy is skipped. A
    different capture under the same id is a problem added to ``report`` (it refuses the import)."""
    try:
        held = store.get(capture_id)
    except BundleNotFound:
        return None
    if held.id != capture_id:          # get() also matches prefixes; ids have a fixed length
        return None
    try:
        ours_manifest = read_manifest(held.path)
        ours = read_custody(held.path)
        theirs = read_custody(folder)
        their_manifest = read_manifest(folder)
    except UnreadableBundleFile as exc:
        report.problems.append(Problem(capture_id, f"the store already holds this capture, and one of the two "
                                                   f"copies cannot be read to compare them ({exc})"))
        return None
    if sha256_bytes(ours_manifest) != sha256_bytes(their_manifest):
        report.problems.append(Problem(capture_id, "the store already holds a DIFFERENT capture with this id "
                                                   "(its manifest.json differs); neither is replaced"))
        return None
    our_lines, their_lines = custody.split_lines(ours)[0], custody.split_lines(theirs)[0]
    common = 0
    while common < min(len(our_lines), len(their_lines)) and our_lines[common] == their_lines[common]:
        common += 1
    extra = their_lines[common:]
    if not extra:
        return SkippedBundle(capture_id, "already in the store; the zip's copy holds nothing new")
    events = [e.get("event", "?") for e in custody.parse_events(b"\n".join(extra) + b"\n")]
    return SkippedBundle(
        capture_id,
        f"already in the store, which keeps its own copy; the zip's copy has {len(extra)} custody event(s) "
        f"the store's has not ({', '.join(str(e) for e in events)}, from line {common + 1}), and they were "
        "not taken in. Keep the zip if they matter.",
    )


def _refusal(path: Path, problems: list[Problem]) -> str:
    shown = problems[:40]
    more = f"\n  … and {len(problems) - 40} more" if len(problems) > 40 else ""
    return (f"{path.name} was not imported: it does not verify, so nothing in it was added to the store. "
            "Keep the file as it is and ask the sender about it.\n"
            + "\n".join(f"  {p}" for p in shown) + more)
