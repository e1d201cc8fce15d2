"""The keys a person of this store confirmed out of band (``vidne trust-key``, the GUI's "Trust this
key"): ``<store>/private/confirmed-keys.json``, owner-only, replaced whole and flushed on each change.

A confirmation is a person's statement ("I read this fingerprint back with Jens by phone"), so it
records who confirmed it and when; removing one is possible and logged.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence_store.files.fsutil import UnreadableFile, fsync_dir, make_private_dir, read_limited, write_new_file
from evidence_store.trust.policy import CONFIRMED, KnownKey, TrustSettingError, parse_fingerprint

log = logging.getLogger(__name__)

FILE_NAME = "confirmed-keys.json"
MAX_FILE = 1024 * 1024
MAX_NAME = 200


def confirmed_path(store_root: Path) -> Path:
    return Path(store_root) / "private" / FILE_NAME


def read_confirmed(path: Path) -> dict[str, dict[str, str]]:
    """fingerprint -> {"name", "confirmed_at", "confirmed_by"}; {} when there is no file. A damaged file
    raises TrustSettingError: silently trusting nothing would hide that confirmations were lost."""
    if not os.path.lexists(path):
        return {}
    try:
        data = json.loads(read_limited(path, MAX_FILE).decode("utf-8"))
    except (UnreadableFile, OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise TrustSettingError(
            f"The list of confirmed keys {path} cannot be read ({exc}). Restore it from a backup, or remove "
            "it and confirm the keys again."
        ) from exc
    keys = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(keys, list):
        raise TrustSettingError(f"The list of confirmed keys {path} is not in Vidne's format.")
    out: dict[str, dict[str, str]] = {}
    for item in keys:
        if isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
            out[item["fingerprint"]] = {k: str(item.get(k, ""))[:MAX_NAME] for k in
                                        ("name", "confirmed_at", "confirmed_by")}
    return out


def known_keys(path: Path) -> list[KnownKey]:
    return [KnownKey(fp, item["name"] or fp[:16], CONFIRMED) for fp, item in read_confirmed(path).items()]


def confirm_key(path: Path, fingerprint: str, name: str, confirmed_by: str) -> KnownKey:
    """Record that ``confirmed_by`` confirmed the key ``fingerprint`` as ``name``'s."""
    fingerprint = parse_fingerprint(fingerprint)
    name = " ".join(name.split())[:MAX_NAME]
    if not name:
        raise TrustSettingError("Give the name of the person or office the key belongs to (--name).")
    current = read_confirmed(path)
    at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    current[fingerprint] = {"name": name, "confirmed_at": at, "confirmed_by": confirmed_by[:MAX_NAME]}
    _write(path, current)
    log.info("key %s confirmed as %r by %s", fingerprint, name, confirmed_by)
    return KnownKey(fingerprint, name, CONFIRMED)


def forget_key(path: Path, fingerprint: str) -> bool:
    """Remove a confirmation; False when the key was not confirmed."""
    fingerprint = parse_fingerprint(fingerprint)
    current = read_confirmed(path)
    if current.pop(fingerprint, None) is None:
        return False
    _write(path, current)
    log.info("confirmation of key %s removed", fingerprint)
    return True


def _write(path: Path, keys: dict[str, dict[str, str]]) -> None:
    make_private_dir(path.parent)
    body: dict[str, Any] = {"keys": [{"fingerprint": fp, **item} for fp, item in sorted(keys.items())]}
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if os.path.lexists(temp):
        os.unlink(temp)
    write_new_file(temp, json.dumps(body, indent=1, ensure_ascii=False).encode("utf-8") + b"\n", mode=0o600)
    os.replace(temp, path)
    fsync_dir(path.parent)
