"""Sealing: turn a staging folder the capture filled into a signed bundle, renamed into place.

Everything is written inside the staging folder, flushed to disk (files, then folders), and the
folder is renamed to ``<bundles>/<capture-id>`` in one step, so a crash or power loss leaves either
no bundle or a whole one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import resources
from evidence_store.bundle import custody
from evidence_store.bundle.keys import SigningKey
from evidence_store.bundle.manifest import (
    MANIFEST_FILE,
    PUBLIC_KEY_FILE,
    SIGNATURE_FILE,
    SUMS_FILE,
    VERIFY_FILE,
    ArtifactEntry,
    ArtifactLike,
    build_manifest,
    manifest_bytes,
    sha256sums_bytes,
)
from evidence_store.bundle.names import ARTIFACTS_DIR, artifact_name_problem, artifact_path
from evidence_store.errors import SealError
from evidence_store.files.fsutil import UnreadableFile, fsync_dir, make_owner_only, write_new_file
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.version import vidne_version

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SealedBundle:
    capture_id: str
    path: Path
    manifest: dict[str, Any]
    custody_line: bytes          # the first line of custody.jsonl, with its \n


def verify_text(capture_id: str, fingerprint: str) -> bytes:
    """VERIFY.txt for one bundle, from the template in resources/texts."""
    template = resources.read_text("texts", "VERIFY.txt")
    text = template.replace("{{capture_id}}", capture_id).replace("{{fingerprint}}", fingerprint)
    return text.encode("utf-8")


def seal_bundle(
    staging_dir: Path,
    bundles_dir: Path,
    *,
    capture_id: str,
    facts: dict[str, Any],
    artifacts: Sequence[ArtifactLike],
    operator: str,
    organisation: str,
    case: str,
    note: str,
    key: SigningKey,
) -> SealedBundle:
    """Seal ``staging_dir`` (which holds only ``artifacts/``, every file of it declared in
    ``artifacts``) and rename it to ``bundles_dir/<capture_id>``. Raises SealError."""
    try:
        return _seal(staging_dir, bundles_dir, capture_id, facts, artifacts, operator, organisation, case,
                     note, key)
    except OSError as exc:
        raise SealError(
            f"Vidne could not write the evidence bundle for capture {capture_id}: {exc.strerror or exc}. "
            "Nothing was saved for this capture. Check that there is free disk space and that the "
            "store folder can be written, then capture the page again."
        ) from exc


def _seal(
    staging_dir: Path,
    bundles_dir: Path,
    capture_id: str,
    facts: dict[str, Any],
    artifacts: Sequence[ArtifactLike],
    operator: str,
    organisation: str,
    case: str,
    note: str,
    key: SigningKey,
) -> SealedBundle:
    target = bundles_dir / capture_id
    if os.path.lexists(target):
        raise SealError(f"A bundle named {capture_id} already exists in the store; nothing was overwritten.")
    if not isinstance(facts, dict):
        raise SealError(f"Capture {capture_id}: the capture's facts are not a JSON object.")
    for label, value in (("operator", operator), ("organisation", organisation), ("case", case),
                         ("note", note)):
        if not isinstance(value, str):
            raise SealError(f"Capture {capture_id}: the {label} must be text.")
    files = _declared_files(staging_dir, artifacts)

    entries = []
    for artifact, path in files:
        try:
            digest = hash_file(path, fsync=True)
        except UnreadableFile as exc:
            raise SealError(f"Capture {capture_id}: the file artifacts/{artifact.name} {exc}.") from exc
        entries.append(
            ArtifactEntry(
                path=artifact_path(artifact.name),
                media_type=artifact.media_type,
                size=digest.size,
                sha256=digest.sha256,
                description=artifact.description,
            )
        )

    verify_bytes = verify_text(capture_id, key.fingerprint())
    public_pem = key.public_pem()
    manifest = build_manifest(
        capture_id=capture_id,
        case=case,
        note=note,
        operator=operator,
        organisation=organisation,
        facts=facts,
        tool_version=vidne_version(),
        signer_fingerprint=key.fingerprint(),
        bundle_files={VERIFY_FILE: sha256_bytes(verify_bytes), PUBLIC_KEY_FILE: sha256_bytes(public_pem)},
        artifacts=entries,
    )
    try:
        manifest_data = manifest_bytes(manifest)
    except (TypeError, ValueError) as exc:
        raise SealError(
            f"Capture {capture_id}: what the capture recorded cannot be written as JSON ({exc})."
        ) from exc
    first = custody.first_event(
        manifest_data,
        actor=operator,
        organisation=organisation,
        details={"tool": f"Vidne {vidne_version()}", "artifacts": len(entries)},
        key=key,
    )
    first_line = custody.event_line(first)

    write_new_file(staging_dir / VERIFY_FILE, verify_bytes)
    write_new_file(staging_dir / PUBLIC_KEY_FILE, public_pem)
    write_new_file(staging_dir / MANIFEST_FILE, manifest_data)
    write_new_file(staging_dir / SIGNATURE_FILE, key.sign(manifest_data))
    write_new_file(
        staging_dir / SUMS_FILE,
        sha256sums_bytes(sha256_bytes(manifest_data), ((e.path, e.sha256) for e in entries)),
    )
    write_new_file(staging_dir / custody.CUSTODY_FILE, first_line)

    make_owner_only(staging_dir)        # what the capture wrote under any umask: owner-only
    for folder in sorted({p.parent for _, p in files}, key=lambda p: len(p.parts), reverse=True):
        fsync_dir(folder)
    fsync_dir(staging_dir / ARTIFACTS_DIR)
    fsync_dir(staging_dir)
    if os.path.lexists(target):
        raise SealError(f"A bundle named {capture_id} already exists in the store; nothing was overwritten.")
    os.rename(staging_dir, target)
    fsync_dir(bundles_dir)
    log.info("capture %s: sealed %d artifact(s) into %s", capture_id, len(entries), target)
    return SealedBundle(capture_id=capture_id, path=target, manifest=manifest, custody_line=first_line)


def _declared_files(staging_dir: Path, artifacts: Sequence[ArtifactLike]) -> list[tuple[ArtifactLike, Path]]:
    """Check that ``staging_dir`` holds exactly ``artifacts/`` with exactly the declared files."""
    artifacts_dir = staging_dir / ARTIFACTS_DIR
    if not artifacts:
        raise SealError("The capture produced no files, so there is nothing to seal.")
    for entry in os.scandir(staging_dir):
        if entry.name != ARTIFACTS_DIR or not entry.is_dir(follow_symlinks=False):
            raise SealError(
                f"The capture left {entry.name!r} in its folder; only the artifacts folder may be sealed."
            )

    declared: dict[str, ArtifactLike] = {}
    for artifact in artifacts:
        problem = artifact_name_problem(artifact.name)
        if problem is not None:
            raise SealError(f"Cannot seal: {problem}.")
        if not isinstance(artifact.media_type, str) or not artifact.media_type:
            raise SealError(f"Cannot seal: artifacts/{artifact.name} has no media type.")
        if not isinstance(artifact.description, str):
            raise SealError(f"Cannot seal: the description of artifacts/{artifact.name} is not text.")
        if artifact.name.casefold() in {name.casefold() for name in declared}:
            raise SealError(f"Cannot seal: artifacts/{artifact.name} is declared twice.")
        declared[artifact.name] = artifact

    found_files, found_dirs = _walk(artifacts_dir)
    missing = [name for name in declared if name not in found_files]
    if missing:
        shown = ", ".join(missing[:5])
        raise SealError(f"Cannot seal: the capture declared files it did not write: {shown}.")
    extra = sorted(found_files - set(declared))
    if extra:
        shown = ", ".join(extra[:5])
        raise SealError(f"Cannot seal: the artifacts folder holds undeclared files: {shown}.")
    needed_dirs = {"/".join(name.split("/")[:i]) for name in declared for i in range(1, name.count("/") + 1)}
    empty = sorted(found_dirs - needed_dirs)
    if empty:
        raise SealError(f"Cannot seal: the artifacts folder holds empty folders: {', '.join(empty[:5])}.")
    return [(artifact, artifacts_dir.joinpath(*name.split("/"))) for name, artifact in declared.items()]


def _walk(root: Path) -> tuple[set[str], set[str]]:
    """Files and folders under ``root`` as '/'-joined relative names; SealError on links or devices."""
    files: set[str] = set()
    dirs: set[str] = set()
    if not root.is_dir() or root.is_symlink():
        raise SealError("The capture's artifacts folder is missing.")
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        for entry in os.scandir(folder):
            name = prefix + entry.name
            if entry.is_symlink():
                raise SealError(f"Cannot seal: artifacts/{name} is a symbolic link.")
            if entry.is_dir(follow_symlinks=False):
                dirs.add(name)
                pending.append((Path(entry.path), name + "/"))
            elif entry.is_file(follow_symlinks=False):
                files.add(name)
            else:
                raise SealError(f"Cannot seal: artifacts/{name} is not a regular file.")
    return files, dirs
