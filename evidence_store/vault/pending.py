"""Which bundles wait for the vault ("vault pending"), without asking the vault.

``<store>/vault-pushed.jsonl`` holds one line per finished push: the vault (endpoint, bucket, prefix), the
capture id, and the sha256 of the custody log the vault was then seen to hold, read back. A bundle is
pending when its custody log now differs from the last one recorded for this vault (a new capture, a
time-stamp or hand-over event since, an interrupted push). The file is only a note of work done: lost,
every bundle is pending and the next push checks each in the vault and uploads nothing twice.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from evidence_store.bundle.read import UnreadableBundleFile, read_custody
from evidence_store.files.fsutil import write_all
from evidence_store.files.hashing import sha256_bytes
from evidence_store.files.locking import lock_fd, unlock_fd
from evidence_store.store.store import Store
from evidence_store.vault.layout import VaultConfig

log = logging.getLogger(__name__)

PUSHED_FILE = "vault-pushed.jsonl"
_MAX_BYTES = 256 << 20


def vault_identity(config: VaultConfig) -> str:
    return f"{config.endpoint or 'aws'}|{config.bucket}|{config.prefix}"


def custody_sha256(folder: Path) -> str | None:
    try:
        return sha256_bytes(read_custody(folder))
    except UnreadableBundleFile:
        return None


def confirmed(store: Store, config: VaultConfig) -> dict[str, str]:
    """Capture id -> the sha256 of the custody log last confirmed in this vault."""
    path, vault = store.root / PUSHED_FILE, vault_identity(config)
    try:
        if path.stat().st_size > _MAX_BYTES:
            log.warning("%s is larger than %d bytes; every bundle counts as pending", path, _MAX_BYTES)
            return {}
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        log.warning("%s cannot be read (%s); every bundle counts as pending", path, exc)
        return {}
    found: dict[str, str] = {}
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue                               # a torn last line: that push is simply pending
        if isinstance(item, dict) and item.get("vault") == vault and isinstance(item.get("id"), str) \
                and isinstance(item.get("custody_sha256"), str):
            found[item["id"]] = item["custody_sha256"]
    return found


def record_confirmed(store: Store, config: VaultConfig, capture_id: str, sha256: str) -> None:
    """Note (appended, flushed to disk) that the vault holds this custody log of the capture."""
    line = json.dumps({"vault": vault_identity(config), "id": capture_id, "custody_sha256": sha256},
                      sort_keys=True, ensure_ascii=False) + "\n"
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(store.root / PUSHED_FILE, flags, 0o600)
    try:
        lock_fd(fd)
        try:
            write_all(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            unlock_fd(fd)
    finally:
        os.close(fd)


def pending_ids(store: Store, config: VaultConfig) -> list[str]:
    """The store's captures whose custody log the vault is not known to hold, oldest first."""
    done = confirmed(store, config)
    waiting = []
    for record in store.list_captures():
        if done.get(record.id) != custody_sha256(Path(record.path)):
            waiting.append(record.id)
    return sorted(waiting)
