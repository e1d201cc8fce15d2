"""What the custody log says about the vault: the objects the last "vaulted" event records, and the
time-stamp files the "timestamped" events name (a re-stamp may replace them, so their newer versions are
justified). Also the owner-only work folders in the store's staging area that pushing and fetching use."""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence_store.store.staging import LOCK_SUFFIX, StagingLock, remove_tree
from evidence_store.vault.errors import VaultError
from evidence_store.vault.layout import VaultConfig

_SHA256 = re.compile(r"[0-9a-f]{64}")


def iso_z(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def last_vaulted(events: list[dict[str, Any]], config: VaultConfig, prefix: str) -> dict[str, dict[str, str]]:
    """The objects (path in the bundle -> key, version id, sha256, retain-until) the last "vaulted" event
    for this bucket and place records; {} when there is none. Entries of the wrong shape are left out."""
    for event in reversed(events):
        details = event.get("details")
        if event.get("event") != "vaulted" or not isinstance(details, dict):
            continue
        if details.get("bucket") != config.bucket or details.get("prefix") != prefix:
            continue
        objects = details.get("objects")
        found: dict[str, dict[str, str]] = {}
        for rel, item in (objects.items() if isinstance(objects, dict) else []):
            if isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("version_id", "sha256")) \
                    and _SHA256.fullmatch(item["sha256"]):
                found[rel] = {k: str(v) for k, v in item.items() if isinstance(v, str)}
        return found
    return {}


def stamp_hashes(events: list[dict[str, Any]]) -> set[str]:
    """The sha256 of every time-stamp file a "timestamped" event names, in "files" or "replaces"."""
    found: set[str] = set()
    for event in events:
        details = event.get("details")
        if event.get("event") != "timestamped" or not isinstance(details, dict):
            continue
        for group in (details.get("files"), details.get("replaces")):
            for item in (group.values() if isinstance(group, dict) else []):
                sha = item.get("sha256") if isinstance(item, dict) else item
                if isinstance(sha, str) and _SHA256.fullmatch(sha):
                    found.add(sha)
    return found


@contextlib.contextmanager
def work_folder(staging_dir: Path, what: str) -> Iterator[Path]:
    """A fresh owner-only folder in the store's staging area, locked while in use (so a store opened
    meanwhile does not clear it away) and removed afterwards, whatever happens."""
    name = f"vault-{what}-{secrets.token_hex(6)}"
    lock = StagingLock.acquire(staging_dir / (name + LOCK_SUFFIX), blocking=True)
    if lock is None:  # pragma: no cover - a blocking acquire always returns a lock
        raise VaultError("Vidne could not lock its staging folder.")
    folder = staging_dir / name
    try:
        folder.mkdir(mode=0o700)
        yield folder
    finally:
        if folder.exists():
            remove_tree(folder)
        lock.release(remove=True)
