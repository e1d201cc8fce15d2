"""HR fetches a case from the vault into its own store, as an import takes in a zip.

Every bundle of the case is read back from its locked versions and verified first (vault/remote.py); if
any is not intact, the WHOLE fetch is refused naming every problem, and the store is not touched. Then
each bundle is added with :meth:`Store.add_bundle`, with a "received" event signed into the copy before it
takes its place (naming the vault, the bucket and the sha256 of the custody log read). A capture the store
already holds is never overwritten: the same manifest is skipped (said in the result), another manifest
under the same id refuses the fetch. Fetching again after an interruption adds the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evidence_store.bundle.read import UnreadableBundleFile, read_manifest
from evidence_store.errors import BundleNotFound, ImportRefused
from evidence_store.files.hashing import sha256_bytes
from evidence_store.safe_text import printable
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy
from evidence_store.vault.client import Vault
from evidence_store.vault.layout import VaultConfig
from evidence_store.vault.records import work_folder
from evidence_store.vault.remote import VaultBundle, read_bundle, select

log = logging.getLogger(__name__)


@dataclass
class FetchResult:
    case: str
    added: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)     # (capture id, why)
    bundles: list[VaultBundle] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"case": self.case, "added": self.added,
                "skipped": [{"id": i, "reason": why} for i, why in self.skipped],
                "captures": [b.as_json() for b in self.bundles]}


def fetch_case(store: Store, config: VaultConfig, case: str, *, actor: str, organisation: str,
               trust: TrustPolicy | None = None,
               on_progress: Callable[[str, int, int], None] | None = None) -> FetchResult:
    """Copy the case's bundles from the vault into ``store``; see the module docstring. Raises
    BundleNotFound (no such case), ImportRefused (a bundle does not verify; nothing added), VaultError."""
    progress = on_progress or (lambda _phase, _done, _total: None)
    vault = Vault(config)
    entries = select(vault, case=case)
    if not entries:
        raise BundleNotFound(f"The vault holds no case '{printable(case[:200])}' ({config.where()}).")
    trust = trust if trust is not None else store.trust_policy()
    result = FetchResult(case)
    with work_folder(store.staging_dir, "fetch") as work:
        problems: list[str] = []
        for number, entry in enumerate(entries, start=1):
            bundle = read_bundle(vault, entry, work / entry.capture_id, trust)
            result.bundles.append(bundle)
            problems.extend(f"{entry.capture_id}: {printable(p)}" for p in bundle.all_problems())
            progress("read", number, len(entries))
        skip = {b.entry.capture_id: _already_held(store, b, work, problems) for b in result.bundles}
        if problems:
            shown = "\n".join(f"  {p}" for p in problems[:40])
            more = f"\n  … and {len(problems) - 40} more" if len(problems) > 40 else ""
            raise ImportRefused(f"The case '{printable(case[:200])}' was not fetched from the vault: it does not "
                                f"verify, so nothing was added to the store. Ask IT to keep the vault as it is.\n"
                                f"{shown}{more}")
        for number, bundle in enumerate(result.bundles, start=1):
            capture_id = bundle.entry.capture_id
            why = skip[capture_id]
            if why is not None:
                result.skipped.append((capture_id, why))
            else:
                details = {"from": "vault", "endpoint": config.endpoint or "AWS S3", "bucket": config.bucket,
                           "prefix": bundle.entry.prefix, "custody_sha256": bundle.custody_sha256}
                store.add_bundle(work / capture_id, received=(details, actor, organisation))
                result.added.append(capture_id)
            progress("add", number, len(entries))
    log.info("fetched case %s from the vault: %d added, %d already held", printable(case[:80]),
             len(result.added), len(result.skipped))
    return result


def _already_held(store: Store, bundle: VaultBundle, work: Any, problems: list[str]) -> str | None:
    """None when the store does not hold the capture; else why the vault's copy is skipped. Another
    capture under the same id adds a problem (which refuses the fetch)."""
    capture_id = bundle.entry.capture_id
    try:
        held = store.get(capture_id)
    except BundleNotFound:
        return None
    if held.id != capture_id:
        return None
    try:
        ours, theirs = read_manifest(held.path), read_manifest(work / capture_id)
    except UnreadableBundleFile as exc:
        problems.append(f"{capture_id}: the store already holds this capture, and one of the two copies cannot "
                        f"be read to compare them ({exc})")
        return None
    if sha256_bytes(ours) != sha256_bytes(theirs):
        problems.append(f"{capture_id}: the store already holds a DIFFERENT capture with this id (its manifest.json "
                        "differs); neither is replaced")
        return None
    return "already in the store, which keeps its own copy"
