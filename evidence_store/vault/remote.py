"""Reading the vault: its cases and bundles (listed, never downloaded), and one bundle read back from its
locked versions and verified exactly as ``vidne verify`` verifies a bundle on disk.

Which version of each file is the bundle's:

- a sealed file (manifest, signature, key, SHA256SUMS, VERIFY.txt, an artifact): the FIRST version, the
  one locked when it was pushed. A newer version whose bytes differ is an attempt to overwrite it: it is
  reported naming the file, and the locked one is what is verified;
- custody.jsonl: the newest; every version must begin with the one before it (events are only added);
- timestamp.tsr, tsa-chain.pem: the newest; every version must be one a "timestamped" event names (a
  re-stamp replaces them and keeps the old ones in its event).

The last "vaulted" event's versions must be there with the bytes it recorded; each version used must be
held by Object Lock (its mode and retain-until are reported). A delete marker is noted: a delete without a
version id only hides the object, and the locked versions are what is read.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.names import MAX_CUSTODY_BYTES, is_capture_id
from evidence_store.bundle.verify import VerificationReport, verify_bundle
from evidence_store.errors import BundleNotFound
from evidence_store.files.hashing import sha256_bytes
from evidence_store.safe_text import printable
from evidence_store.trust.policy import TrustPolicy
from evidence_store.vault.client import Vault, Version
from evidence_store.vault.layout import CUSTODY, STAMP_FILES, VaultConfig, case_from_segment, file_problem
from evidence_store.vault.records import iso_z, last_vaulted, stamp_hashes

log = logging.getLogger(__name__)

MAX_VERSIONS_READ = 50          # newer versions of one file read to compare; more are reported unread


@dataclass(frozen=True)
class VaultEntry:
    """One bundle in the vault, as listed: its case, its id, where its objects are."""

    case: str
    shortened: bool                 # the case's name was too long for its folder and was cut
    capture_id: str
    prefix: str


@dataclass
class VaultBundle:
    entry: VaultEntry
    report: VerificationReport | None = None      # the bundle as read back, verified as on disk
    problems: list[str] = field(default_factory=list)   # the vault's own: overwrite attempts, unlocked versions
    notes: list[str] = field(default_factory=list)
    locks: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)   # file -> mode, retain-until
    custody_sha256: str | None = None

    @property
    def intact(self) -> bool:
        return self.report is not None and self.report.intact and not self.problems

    def all_problems(self) -> list[str]:
        return [*self.problems, *(str(p) for p in (self.report.problems if self.report else []))]

    def as_json(self) -> dict[str, Any]:
        base = self.report.as_json() if self.report is not None else {}
        return {**base, "id": self.entry.capture_id, "case": self.entry.case, "prefix": self.entry.prefix,
                "intact": self.intact, "problems": self.all_problems(), "vault_problems": self.problems,
                "notes": [*self.notes, *(self.report.notes if self.report else [])],
                "locks": {rel: {"mode": m, "retain_until": u} for rel, (m, u) in sorted(self.locks.items())}}


def list_bundles(vault: Vault, case: str | None = None) -> list[VaultEntry]:
    """Every bundle in the vault (or in one case), by case and id; read from the listing alone."""
    config = vault.config
    if case is not None:
        segments = [config.case_prefix(case)[len(config.cases_prefix()):].rstrip("/")]
    else:
        segments = vault.folders(config.cases_prefix())
    entries = []
    for segment in segments:
        named = case_from_segment(segment)
        if named is None:
            log.warning("vault: %s is not a case folder Vidne writes; ignored", printable(segment[:80]))
            continue
        for capture_id in vault.folders(config.cases_prefix() + segment + "/"):
            if is_capture_id(capture_id):
                entries.append(VaultEntry(named[0], named[1], capture_id,
                                          f"{config.cases_prefix()}{segment}/{capture_id}/"))
    return entries


def select(vault: Vault, capture_ids: Iterable[str] = (), case: str | None = None) -> list[VaultEntry]:
    """The bundles asked for: these ids (or unique id prefixes), a case's, or (neither) every one."""
    wanted = [i.strip() for i in capture_ids if i.strip()]
    entries = list_bundles(vault, case if not wanted else None)
    if case is not None and not entries:
        raise BundleNotFound(f"The vault holds no case '{printable(case[:200])}' ({vault.config.where()}).")
    if not wanted:
        return entries
    chosen = []
    for text in wanted:
        found = [e for e in entries if e.capture_id == text] or [e for e in entries if e.capture_id.startswith(text)]
        if len(found) != 1:
            raise BundleNotFound(f"The vault holds {'no' if not found else 'more than one'} capture "
                                 f"'{printable(text[:80])}' ({vault.config.where()}).")
        chosen.append(found[0])
    return chosen


def verify_entries(vault: Vault, entries: Iterable[VaultEntry], trust: TrustPolicy | None = None) -> list[VaultBundle]:
    """Read each bundle back into a private temporary folder and verify it there; see the module docstring."""
    results = []
    for entry in entries:
        with tempfile.TemporaryDirectory(prefix="vidne-vault-") as work:
            results.append(read_bundle(vault, entry, Path(work) / entry.capture_id, trust))
    return results


def read_bundle(vault: Vault, entry: VaultEntry, dest: Path, trust: TrustPolicy | None = None) -> VaultBundle:
    """Read ``entry``'s locked versions into the folder ``dest`` (created) and verify it."""
    result = VaultBundle(entry)
    dest.mkdir(mode=0o700, parents=True)
    listing = vault.listing(entry.prefix)
    by_file: dict[str, list[Version]] = {}
    for key, versions in sorted(listing.versions.items()):
        rel = key[len(entry.prefix):]
        why = file_problem(rel)
        if why is not None:
            result.problems.append(f"{printable(rel[:200])}: in the vault beside the bundle, but {why}")
        else:
            by_file[rel] = versions
    events = _custody(vault, entry, by_file.pop(CUSTODY, []), dest, result)
    stamps = stamp_hashes(events)
    recorded = last_vaulted(events, vault.config, entry.prefix)
    for rel, versions in by_file.items():
        key = entry.prefix + rel
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        chosen = versions[0] if rel in STAMP_FILES else versions[-1]
        sha, lock = vault.read_back_locked(key, chosen.version_id, dest / rel)
        _check_versions(vault, key, rel, versions, chosen, sha, stamps, result)
        rec = recorded.pop(rel, None)
        if rec is not None and rec["version_id"] not in {v.version_id for v in versions}:
            result.problems.append(f"{rel}: the version the 'vaulted' event records ({rec['version_id']}) is not in "
                                   "the vault")
        elif rec is not None and rec["version_id"] == chosen.version_id and rec["sha256"] != sha:
            result.problems.append(f"{rel}: the vault's version differs from the one the 'vaulted' event records")
        _lock(vault, key, rel, chosen.version_id, result, lock)
    for rel in sorted(recorded):
        result.problems.append(f"{printable(rel[:200])}: recorded by the 'vaulted' event, but not in the vault")
    for key, markers in sorted(listing.delete_markers.items()):
        result.notes.append(f"{printable(key[len(entry.prefix):][:200])}: a delete was asked for ({len(markers)} "
                            "delete marker(s)); the locked versions are kept, and they are what was verified")
    result.report = verify_bundle(dest, trust=trust)
    return result


def _custody(vault: Vault, entry: VaultEntry, versions: list[Version], dest: Path,
             result: VaultBundle) -> list[dict[str, Any]]:
    """Write the newest custody log to ``dest``, holding every version to the one before it; its events."""
    if not versions:
        result.problems.append(f"{CUSTODY}: not in the vault")
        return []
    key = entry.prefix + CUSTODY
    older = versions[:MAX_VERSIONS_READ][::-1]
    if len(versions) > MAX_VERSIONS_READ:
        result.problems.append(f"{CUSTODY}: {len(versions)} versions; only the newest {MAX_VERSIONS_READ} were "
                               "compared")
    previous = b""
    for version in older:
        data = vault.read_bytes(key, version.version_id, MAX_CUSTODY_BYTES)
        if not data.startswith(previous):
            result.problems.append(f"{CUSTODY}: version {version.version_id} does not begin with the version "
                                   "before it: events were changed or removed (an attempt to overwrite the log)")
        previous = data
    (dest / CUSTODY).write_bytes(previous)
    result.custody_sha256 = sha256_bytes(previous)
    _lock(vault, key, CUSTODY, versions[0].version_id, result)
    return custody.parse_events(previous)


def _check_versions(vault: Vault, key: str, rel: str, versions: list[Version], chosen: Version, sha: str,
                    stamps: set[str], result: VaultBundle) -> None:
    others = [v for v in versions if v.version_id != chosen.version_id]
    if len(others) > MAX_VERSIONS_READ:
        result.problems.append(f"{rel}: {len(versions)} versions in the vault; only {MAX_VERSIONS_READ} were compared")
    for version in others[:MAX_VERSIONS_READ]:
        other = vault.read_back(key, version.version_id)
        if rel in STAMP_FILES:
            if other not in stamps:
                result.problems.append(f"{rel}: version {version.version_id} is named by no 'timestamped' event "
                                       "(an attempt to overwrite the time-stamp, or a push not yet finished)")
        elif other != sha:
            result.problems.append(f"{rel}: a newer version ({version.version_id}) differs from the locked one: an "
                                   "attempt to overwrite it; the locked, first version is the one verified")
    if rel in STAMP_FILES and sha not in stamps:
        result.problems.append(f"{rel}: the newest version is named by no 'timestamped' event in the vault's "
                               "custody log (an overwrite attempt, or a push not yet finished)")


def _lock(vault: Vault, key: str, rel: str, version_id: str, result: VaultBundle, lock: Any = None) -> None:
    """The version's Object Lock (from the read's own answer when it gave it), a problem if it has none."""
    mode, until = lock if lock is not None else vault.retention(key, version_id)
    result.locks[rel] = (mode, iso_z(until) if until else None)
    if mode is None or until is None:
        result.problems.append(f"{rel}: the version in the vault is not held by Object Lock")


def list_cases(config: VaultConfig, case: str | None = None) -> dict[str, list[VaultEntry]]:
    """The vault's cases (name -> its bundles), for ``vidne vault list`` and the app's fetch window."""
    found: dict[str, list[VaultEntry]] = {}
    for entry in list_bundles(Vault(config), case):
        found.setdefault(entry.case, []).append(entry)
    return found


def verify_vault(config: VaultConfig, capture_ids: Iterable[str] = (), case: str | None = None,
                 trust: TrustPolicy | None = None) -> list[VaultBundle]:
    """``vidne vault verify``: the bundles asked for (ids, a case, or all), each read back and verified."""
    vault = Vault(config)
    return verify_entries(vault, select(vault, capture_ids, case), trust)
