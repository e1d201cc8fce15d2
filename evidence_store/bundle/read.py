"""Reading a bundle: the one way to read its manifest, custody log and other files, and a typed view.

Every read here is bounded (the limits are in evidence_store.bundle.names, one per file, in
:data:`FILE_LIMITS`) and never follows a symbolic link, so a hostile or damaged bundle cannot make
Vidne read a huge file, a device, or a file outside the bundle.

- :func:`read_bundle_file` (and :func:`read_manifest`, :func:`read_custody`) return a file's bytes
  or raise :class:`UnreadableBundleFile`, for callers that cannot go on without the file.
- :func:`read_bundle` never raises on a damaged bundle: its :class:`BundleView` holds what could be
  read, and says in ``problems`` what could not.

Reading is not verifying: nothing here checks a hash, signature or custody line (that is
evidence_store.bundle.verify). Values in a view come from the bundle as they are: hostile text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from evidence_store.bundle.custody import CUSTODY_FILE, CustodySummary, parse_events, summarize
from evidence_store.bundle.manifest import (
    MANIFEST_FILE,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    SUMS_FILE,
    TIMESTAMP_FILE,
    TSA_CHAIN_FILE,
    VERIFY_FILE,
)
from evidence_store.bundle.names import (
    MAX_CUSTODY_BYTES,
    MAX_KEY_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    MAX_SUMS_BYTES,
    MAX_TOKEN_BYTES,
    MAX_VERIFY_TXT_BYTES,
)
from evidence_store.files.fsutil import UnreadableFile, read_limited
from evidence_store.files.hashing import sha256_bytes

FILE_LIMITS: dict[str, int] = {
    MANIFEST_FILE: MAX_MANIFEST_BYTES,
    SIGNATURE_FILE: MAX_SIGNATURE_BYTES,
    PUBLIC_KEY_FILE: MAX_KEY_BYTES,
    SUMS_FILE: MAX_SUMS_BYTES,
    CUSTODY_FILE: MAX_CUSTODY_BYTES,
    VERIFY_FILE: MAX_VERIFY_TXT_BYTES,
    TIMESTAMP_FILE: MAX_TOKEN_BYTES,
    TSA_CHAIN_FILE: MAX_TOKEN_BYTES,
}


class UnreadableBundleFile(UnreadableFile):
    """A file of a bundle that is not read: missing, a link, not a regular file, too big, or an I/O
    error. ``str()`` is the reason alone ("is a symbolic link (not followed)"), to follow the file's
    name in a sentence; :meth:`describe` gives both."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(reason)
        self.name = name
        self.reason = reason

    def describe(self) -> str:
        return f"{self.name} {self.reason}"


def read_bundle_file(folder: Path, name: str) -> bytes:
    """The bytes of one of the bundle's own files (a name in :data:`FILE_LIMITS`), bounded by its
    limit and never through a link; UnreadableBundleFile otherwise."""
    limit = FILE_LIMITS[name]
    try:
        return read_limited(Path(folder) / name, limit)
    except UnreadableFile as exc:
        raise UnreadableBundleFile(name, str(exc)) from exc


def read_manifest(folder: Path) -> bytes:
    """manifest.json's bytes exactly as they are (what is hashed, signed and time-stamped)."""
    return read_bundle_file(folder, MANIFEST_FILE)


def read_custody(folder: Path) -> bytes:
    """custody.jsonl's bytes exactly as they are."""
    return read_bundle_file(folder, CUSTODY_FILE)


def parse_manifest(data: bytes) -> tuple[dict[str, Any], str | None]:
    """The manifest as a JSON object and None, or ({}, why it cannot be used). Never raises."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return {}, f"{MANIFEST_FILE} cannot be read: {exc}"
    if not isinstance(parsed, dict):
        return {}, f"{MANIFEST_FILE} is not a JSON object"
    return parsed, None


@dataclass(frozen=True)
class Artifact:
    """One entry of the manifest's "artifacts", as far as it could be read ("" / None when not)."""

    path: str               # relative to the bundle: "artifacts/page.html"
    media_type: str
    size: int | None
    sha256: str
    description: str


@dataclass(frozen=True)
class BundleView:
    """What a bundle holds, as read (not verified). ``manifest`` is {} and ``manifest_bytes`` None
    when manifest.json could not be read; ``custody_bytes`` is b"" when custody.jsonl could not."""

    folder: Path
    manifest_bytes: bytes | None
    manifest: dict[str, Any]
    custody_bytes: bytes
    has_timestamp: bool
    problems: tuple[str, ...] = ()      # what could not be read, one sentence each

    # -- the manifest ------------------------------------------------------------------------------
    @property
    def manifest_sha256(self) -> str | None:
        return sha256_bytes(self.manifest_bytes) if self.manifest_bytes is not None else None

    @property
    def capture_id(self) -> str:
        return _text(self.manifest.get("capture_id"))

    @property
    def case(self) -> str:
        return _text(self.manifest.get("case"))

    @property
    def note(self) -> str:
        return _text(self.manifest.get("note"))

    @property
    def operator(self) -> str:
        return _text(self.manifest.get("operator"))

    @property
    def organisation(self) -> str:
        return _text(self.manifest.get("organisation"))

    @property
    def signer_fingerprint(self) -> str:
        return _text(_dict(self.manifest.get("signer")).get("public_key_sha256"))

    @property
    def facts(self) -> dict[str, Any]:
        """The manifest's "capture" object: what the capture recorded."""
        return _dict(self.manifest.get("capture"))

    @property
    def url(self) -> str:
        return _text(self.facts.get("url_requested"))

    @property
    def final_url(self) -> str:
        return _text(self.facts.get("final_url"))

    @property
    def title(self) -> str:
        return _text(self.facts.get("title"))

    @property
    def http_status(self) -> int | None:
        status = self.facts.get("http_status")
        return status if isinstance(status, int) and not isinstance(status, bool) else None

    @property
    def started_at(self) -> str:
        return _text(self.facts.get("started_at"))

    @property
    def finished_at(self) -> str:
        return _text(self.facts.get("finished_at"))

    @cached_property
    def artifacts(self) -> tuple[Artifact, ...]:
        items = self.manifest.get("artifacts")
        if not isinstance(items, list):
            return ()
        return tuple(
            Artifact(
                path=_text(item.get("path")),
                media_type=_text(item.get("media_type")),
                size=_whole(item.get("size")),
                sha256=_text(item.get("sha256")),
                description=_text(item.get("description")),
            )
            for item in items
            if isinstance(item, dict)
        )

    # -- the custody log ---------------------------------------------------------------------------
    @cached_property
    def custody_events(self) -> list[dict[str, Any]]:
        """The events of the log's complete lines that parse (not verified)."""
        return parse_events(self.custody_bytes)

    @property
    def custody_summary(self) -> CustodySummary:
        return summarize(self.custody_bytes)


def bundle_view(folder: Path, manifest_bytes: bytes | None, custody_bytes: bytes,
                problems: tuple[str, ...] = ()) -> BundleView:
    """The view of a bundle whose manifest and custody log were already read."""
    folder = Path(folder)
    manifest: dict[str, Any] = {}
    if manifest_bytes is not None:
        manifest, problem = parse_manifest(manifest_bytes)
        if problem is not None:     # the manifest's problem comes first, as its file is read first
            problems = (problem, *problems)
    return BundleView(folder=folder, manifest_bytes=manifest_bytes, manifest=manifest, custody_bytes=custody_bytes,
                      has_timestamp=(folder / TIMESTAMP_FILE).is_file(), problems=problems)


def read_bundle(folder: Path) -> BundleView:
    """The bundle in ``folder`` as far as it can be read; never raises on a damaged bundle."""
    problems: list[str] = []
    manifest_bytes: bytes | None = None
    try:
        manifest_bytes = read_manifest(folder)
    except UnreadableBundleFile as exc:
        problems.append(f"{MANIFEST_FILE} cannot be read: {exc}")
    try:
        custody_bytes = read_custody(folder)
    except UnreadableBundleFile as exc:
        problems.append(f"{CUSTODY_FILE} cannot be read: {exc}")
        custody_bytes = b""
    return bundle_view(folder, manifest_bytes, custody_bytes, tuple(problems))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
