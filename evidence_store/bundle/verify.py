"""Verifying a bundle: every hash, every signature, every line of the custody log, every file.

``verify_bundle`` never raises on a damaged or hostile folder (random files, truncated or binary
JSON, huge files, links): it reports problems. It raises NotABundle only for a path that is not a
folder, or a folder with none of manifest.json, manifest.json.sig and custody.jsonl. Symbolic links
inside a bundle are reported and never followed.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from evidence_store.bundle import custody
from evidence_store.bundle import timestamp_check as stamp_check
from evidence_store.bundle.custody import CUSTODY_FILE, ExpectedCustody
from evidence_store.bundle.keys import fingerprint_of_der, load_public_key, public_key_der, verify_signature
from evidence_store.bundle.manifest import (
    MANIFEST_FILE,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    SUMS_FILE,
    TIMESTAMP_FILE,
    TSA_CHAIN_FILE,
    VERIFY_FILE,
    ManifestInfo,
    check_manifest,
    parse_sha256sums,
    sha256sums_bytes,
)
from evidence_store.bundle.names import ARTIFACTS_DIR, MAX_ARTIFACT_DEPTH
from evidence_store.bundle.read import UnreadableBundleFile, read_bundle_file
from evidence_store.errors import InvalidPublicKey, NotABundle
from evidence_store.files.fsutil import UnreadableFile
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.problems import Problem
from evidence_store.safe_text import printable
from evidence_store.trust import verdict
from evidence_store.trust.policy import TrustPolicy
from evidence_store.trust.verdict import CustodyEntry, Signer, TimeVerdict

log = logging.getLogger(__name__)

REQUIRED_FILES = (MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE, SUMS_FILE, CUSTODY_FILE, VERIFY_FILE)
OPTIONAL_FILES = (TIMESTAMP_FILE, TSA_CHAIN_FILE)
MAX_ENTRIES = 100_000


@dataclass
class VerificationReport:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    capture_id: str | None = None
    manifest: dict[str, Any] | None = None
    signer_fingerprint: str | None = None      # of signer.pub.pem as found in the bundle
    trusted_time: datetime | None = None       # set only when time.status is "trusted"
    custody_count: int = 0
    custody_head: str | None = None            # sha256 of the last complete custody line
    notes: list[str] = field(default_factory=list)   # things not checked, said plainly
    time: TimeVerdict = field(default_factory=lambda: TimeVerdict("none"))
    seal: Signer | None = None                 # the manifest's signer: known or unknown to the verifier
    custody: list[CustodyEntry] = field(default_factory=list)   # each event with its signer attributed

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def unknown_signers(self) -> list[CustodyEntry]:
        """Custody events signed by a key that is neither the sealer's nor one the verifier knows."""
        return [entry for entry in self.custody if entry.signer.kind == "unknown"]

    def as_json(self) -> dict[str, Any]:
        """The answers of ``vidne verify --json`` (and each bundle's inside a zip's)."""
        return {
            "intact": self.intact, "problems": [str(p) for p in self.problems],
            "trusted_time": verdict.iso_z(self.trusted_time), "time": self.time.as_json(),
            "signer_fingerprint": self.signer_fingerprint,
            "seal": self.seal.as_json() if self.seal else None,
            "custody": [entry.as_json() for entry in self.custody],
            "unknown_signers": len(self.unknown_signers), "notes": list(self.notes),
        }

    def problem_text(self) -> str:
        """One problem per line, as shown to people."""
        return "\n".join(str(p) for p in self.problems)


def verify_bundle(
    path: Path, *, expected_custody: ExpectedCustody | None = None, trust: TrustPolicy | None = None
) -> VerificationReport:
    """Check everything about the bundle at ``path``; see the module docstring. ``trust``: the roots and
    keys this verifier trusts (default: only Vidne's shipped time-stamp roots, no keys)."""
    path = Path(path)
    if not path.is_dir():
        raise NotABundle(f"{path} is not a folder, so it cannot be an evidence bundle.")
    try:
        top = {entry.name for entry in os.scandir(path)}
    except OSError as exc:
        raise NotABundle(f"The folder {path} cannot be read ({exc.strerror or exc}).") from exc
    if not top & {MANIFEST_FILE, SIGNATURE_FILE, CUSTODY_FILE}:
        raise NotABundle(
            f"{path} is not a Vidne evidence bundle: it has no manifest.json, manifest.json.sig or "
            "custody.jsonl. Choose the folder named after the capture id."
        )
    report = VerificationReport(path=path)
    _Verifier(path, report, expected_custody, trust or TrustPolicy()).run()
    if report.intact:
        log.info("bundle %s verified: intact", report.capture_id or path)
    else:
        log.warning("bundle %s verified: %d problem(s)", report.capture_id or path, len(report.problems))
    return report


class _Verifier:
    def __init__(
        self, root: Path, report: VerificationReport, expected: ExpectedCustody | None, trust: TrustPolicy
    ) -> None:
        self.root = root
        self.report = report
        self.expected = expected
        self.trust = trust
        self.entries: dict[str, str] = {}        # relative path -> "file" | "dir" | "link" | "other"
        self.data: dict[str, bytes] = {}
        self.key: Ed25519PublicKey | None = None

    def problem(self, file: str, message: str, line: int | None = None) -> None:
        self.report.problems.append(Problem(_printable(file), message, line))

    def run(self) -> None:
        self.inventory()
        for name in (*REQUIRED_FILES, *OPTIONAL_FILES):
            self.read(name)
        manifest_data = self.data.get(MANIFEST_FILE, b"")
        info = self.check_manifest(manifest_data)
        self.check_unexpected(info)
        key_ok = self.check_signer(info)
        sig_ok = self.check_signature(manifest_data) if key_ok else None
        actual = self.check_artifacts(info)
        self.check_sums(info, manifest_data, actual, sig_ok)
        self.check_custody(info, manifest_data)
        self.check_timestamp(manifest_data)
        self.attribute_signers(info)

    # -- the files that are there ------------------------------------------------------------
    def inventory(self) -> None:
        pending: list[tuple[Path, str, int]] = [(self.root, "", 0)]
        while pending:
            folder, prefix, depth = pending.pop()
            try:
                listing = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                self.problem(prefix.rstrip("/") or ".", f"folder cannot be read ({exc.strerror or exc})")
                continue
            for entry in listing:
                if len(self.entries) >= MAX_ENTRIES:
                    self.problem(".", f"holds more than {MAX_ENTRIES} files; the rest was not examined")
                    return
                name = prefix + entry.name
                try:
                    mode = entry.stat(follow_symlinks=False).st_mode
                except OSError:
                    mode = 0
                kind = "link" if stat.S_ISLNK(mode) else "dir" if stat.S_ISDIR(mode) else (
                    "file" if stat.S_ISREG(mode) else "other")
                self.entries[name] = kind
                if kind == "link":
                    self.problem(name, "is a symbolic link; a bundle never holds links (not followed)")
                elif kind == "other":
                    self.problem(name, "is not a regular file or folder")
                elif kind == "dir" and (name == ARTIFACTS_DIR or prefix):
                    if depth >= MAX_ARTIFACT_DEPTH:
                        self.problem(name, "folders nest deeper than a bundle can; not examined")
                    else:
                        pending.append((Path(entry.path), name + "/", depth + 1))

    def read(self, name: str) -> None:
        kind = self.entries.get(name)
        if kind is None:
            if name in REQUIRED_FILES:
                self.problem(name, "missing")
            return
        if kind != "file":
            if kind == "dir":
                self.problem(name, "is a folder, not a file")
            return
        try:
            self.data[name] = read_bundle_file(self.root, name)
        except UnreadableBundleFile as exc:
            self.problem(name, exc.reason)

    def check_unexpected(self, info: ManifestInfo) -> None:
        declared = {a.path for a in info.artifacts}
        needed_dirs = {ARTIFACTS_DIR} | {
            "/".join(p.split("/")[:i]) for p in declared for i in range(2, p.count("/") + 1)
        }
        if ARTIFACTS_DIR not in self.entries:
            self.problem(ARTIFACTS_DIR, "the artifacts folder is missing")
        elif self.entries[ARTIFACTS_DIR] == "file":
            self.problem(ARTIFACTS_DIR, "is a file, not the artifacts folder")
        for name, kind in self.entries.items():
            if name in (*REQUIRED_FILES, *OPTIONAL_FILES, ARTIFACTS_DIR) or kind in ("link", "other"):
                continue
            if not name.startswith(ARTIFACTS_DIR + "/"):
                self.problem(name, "is not part of a Vidne bundle (added after sealing?)")
            elif kind == "dir" and name not in needed_dirs:
                self.problem(name, "is a folder manifest.json does not account for (added after sealing?)")
            elif kind == "file" and info.supported and name not in declared:
                self.problem(name, "is not listed in manifest.json (added after sealing?)")
        has_tsr, has_chain = TIMESTAMP_FILE in self.entries, TSA_CHAIN_FILE in self.entries
        if has_tsr != has_chain:
            missing = TSA_CHAIN_FILE if has_tsr else TIMESTAMP_FILE
            self.problem(missing, f"missing: {TIMESTAMP_FILE} and {TSA_CHAIN_FILE} come together")

    # -- manifest, key, signature ------------------------------------------------------------
    def check_manifest(self, data: bytes) -> ManifestInfo:
        if MANIFEST_FILE not in self.data:
            return ManifestInfo()
        try:
            parsed = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            self.problem(MANIFEST_FILE, "is not UTF-8 text")
            return ManifestInfo()
        except (ValueError, RecursionError):
            self.problem(MANIFEST_FILE, "is not valid JSON (damaged or cut off)")
            return ManifestInfo()
        if isinstance(parsed, dict):
            self.report.manifest = parsed
        info, problems = check_manifest(parsed)
        self.report.problems.extend(problems)
        self.report.capture_id = info.capture_id
        return info

    def check_signer(self, info: ManifestInfo) -> bool:
        pem = self.data.get(PUBLIC_KEY_FILE)
        for name in (VERIFY_FILE, PUBLIC_KEY_FILE):
            recorded = info.bundle_files.get(name)
            if name in self.data and recorded and sha256_bytes(self.data[name]) != recorded:
                self.problem(name, "its sha256 is not the one in manifest.json (changed after sealing)")
        if pem is None:
            return False
        try:
            self.key = load_public_key(pem)
        except InvalidPublicKey as exc:
            self.problem(PUBLIC_KEY_FILE, str(exc))
            return False
        fingerprint = fingerprint_of_der(public_key_der(self.key))
        self.report.signer_fingerprint = fingerprint
        if info.signer_fingerprint and fingerprint != info.signer_fingerprint:
            self.problem(
                PUBLIC_KEY_FILE,
                f"the key's fingerprint {fingerprint} is not the one manifest.json names "
                f"({info.signer_fingerprint}): the key was changed or replaced",
            )
            return False
        return True

    def check_signature(self, manifest_data: bytes) -> bool | None:
        """True/False: the signature does/does not verify; None: it could not be checked (the reason
        is reported where it lies: a missing or unusable file)."""
        signature = self.data.get(SIGNATURE_FILE)
        if signature is None or self.key is None or MANIFEST_FILE not in self.data:
            return None
        if len(signature) != 64:
            self.problem(SIGNATURE_FILE, f"is {len(signature)} bytes; an Ed25519 signature is 64")
            return None
        return verify_signature(self.key, signature, manifest_data)

    # -- artifacts and SHA256SUMS ------------------------------------------------------------
    def check_artifacts(self, info: ManifestInfo) -> dict[str, str]:
        """Check each declared artifact against the manifest; return the sha256 of each hashed."""
        actual: dict[str, str] = {}
        for artifact in info.artifacts:
            kind = self.entries.get(artifact.path)
            if kind is None:
                self.problem(artifact.path, "missing: manifest.json lists it but it is not in the bundle")
                continue
            if kind != "file":
                if kind == "dir":
                    self.problem(artifact.path, "is a folder, but manifest.json lists a file")
                continue
            file_path = self.root.joinpath(*artifact.path.split("/"))
            try:
                size = file_path.lstat().st_size
                if size != artifact.size:
                    self.problem(artifact.path, f"is {size} bytes; manifest.json says {artifact.size} "
                                                "(changed after sealing)")
                    continue
                digest = hash_file(file_path)
            except UnreadableFile as exc:
                self.problem(artifact.path, str(exc))
                continue
            except OSError as exc:
                self.problem(artifact.path, f"cannot be read ({exc.strerror or exc})")
                continue
            actual[artifact.path] = digest.sha256
            if digest.sha256 != artifact.sha256:
                self.problem(artifact.path, "its sha256 is not the one in manifest.json (changed after "
                                            "sealing)")
        return actual

    def check_sums(
        self, info: ManifestInfo, manifest_data: bytes, actual: dict[str, str], sig_ok: bool | None
    ) -> None:
        sums = self.data.get(SUMS_FILE)
        manifest_sha = sha256_bytes(manifest_data)
        entries, problems = parse_sha256sums(sums) if sums is not None else ([], [])
        self.report.problems.extend(problems)
        listed: dict[str, str] = {}
        declared = {a.path: a.sha256 for a in info.artifacts}
        for number, sha, name in entries:
            if name in listed:
                self.problem(SUMS_FILE, f"names {_printable(name)} more than once", number)
                continue
            listed[name] = sha
            if name == MANIFEST_FILE:
                if MANIFEST_FILE not in self.data or sha == manifest_sha:
                    pass
                elif sig_ok:
                    self.problem(SUMS_FILE, "the sha256 for manifest.json is wrong", number)
                else:
                    extra = " and its signature does not verify" if sig_ok is False else ""
                    self.problem(MANIFEST_FILE, f"was changed after sealing: its sha256 is not the one in "
                                                f"SHA256SUMS line {number}{extra}")
            elif name in declared:
                if name in actual and sha != actual[name] and actual[name] == declared[name]:
                    self.problem(SUMS_FILE, f"the sha256 for {name} is wrong", number)
            elif info.supported:
                self.problem(SUMS_FILE, f"names {_printable(name)}, which is not part of the bundle", number)

        if sig_ok is False and listed.get(MANIFEST_FILE, manifest_sha) == manifest_sha:
            self.problem(SIGNATURE_FILE, "the signature does not verify over manifest.json: one of the "
                                         "two was changed after sealing")
        if sums is None or not info.supported:
            return
        for name in (MANIFEST_FILE, *declared):
            if name not in listed:
                self.problem(SUMS_FILE, f"has no line for {name}")
        # The manifest's own line was judged above; here the rest must be exactly as the manifest says.
        expected = sha256sums_bytes(
            listed.get(MANIFEST_FILE, manifest_sha), ((a.path, a.sha256) for a in info.artifacts)
        )
        already = any(p.file == SUMS_FILE for p in self.report.problems)
        if sums != expected and not already:
            self.problem(SUMS_FILE, "is not exactly what manifest.json says it should be "
                                    "(lines changed, added, removed or reordered)")

    # -- custody log ---------------------------------------------------------------------------
    def check_custody(self, info: ManifestInfo, manifest_data: bytes) -> None:
        data = self.data.get(CUSTODY_FILE)
        if data is None:
            return
        self.report.problems.extend(custody.verify_chain(manifest_data, data))
        summary = custody.summarize(data)
        self.report.custody_count, self.report.custody_head = summary.count, summary.head_sha256
        events = custody.parse_events(data[: data.find(b"\n") + 1]) if summary.count else []
        signer = info.signer_fingerprint
        if events and signer and events[0].get("signer_fingerprint") != signer:
            self.problem(CUSTODY_FILE, "the 'captured' event is not signed by the key that signed "
                                       "manifest.json", 1)
        if self.expected is not None:
            self.report.problems.extend(custody.check_expected(data, self.expected))

    # -- time-stamp --------------------------------------------------------------------------
    def check_timestamp(self, manifest_data: bytes) -> None:
        time, problems, notes = stamp_check.judge_stamp(manifest_data, self.data, set(self.entries),
                                                        self.trust.tsa_roots)
        self.report.time, self.report.notes = time, [*self.report.notes, *notes]
        self.report.problems.extend(problems)
        self.report.trusted_time = time.at if time.trusted else None

    # -- who signed ----------------------------------------------------------------------------
    def attribute_signers(self, info: ManifestInfo) -> None:
        sealer = self.report.signer_fingerprint or info.signer_fingerprint
        self.report.seal = verdict.seal_signer(sealer, self.trust) if sealer else None
        events = custody.parse_events(self.data.get(CUSTODY_FILE, b""))
        self.report.custody = verdict.entries(events, sealer, self.trust)


def _printable(text: str, limit: int = 200) -> str:
    """A file name as it may be shown: control characters and undecodable bytes become '?'."""
    return printable(text, replacement="?", limit=limit)
