"""Taking a bundle from outside (a folder received from an employee) into the store's bundles."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from evidence_store.bundle.custody import ExpectedCustody
from evidence_store.bundle.verify import verify_bundle
from evidence_store.errors import ImportRefused, StoreError
from evidence_store.files.fsutil import fsync_dir, fsync_file, make_owner_only
from evidence_store.store.staging import LOCK_SUFFIX, StagingLock, remove_tree

log = logging.getLogger(__name__)


def copy_verified_bundle(folder: Path, staging_dir: Path, bundles_dir: Path,
                         before_placing: Callable[[Path, str], None] | None = None) -> str:
    """Verify ``folder``, copy it via staging into ``bundles_dir`` (owner-only), verify the copy, call
    ``before_placing(copy, capture_id)`` (e.g. to sign a 'received' event into it), rename it into place;
    return its capture id. ImportRefused if it does not verify or the store has it already."""
    report = verify_bundle(folder)
    if not report.intact or report.capture_id is None:
        raise ImportRefused(
            f"The bundle in {folder} does not verify, so it was not added to the store:\n"
            f"{report.problem_text()}"
        )
    capture_id = report.capture_id
    already = ImportRefused(f"The store already holds capture {capture_id}; it was not added again.")
    if os.path.lexists(bundles_dir / capture_id):
        raise already
    name = f"import-{capture_id}-{secrets.token_hex(4)}"
    lock = StagingLock.acquire(staging_dir / (name + LOCK_SUFFIX), blocking=True)
    if lock is None:  # pragma: no cover - a blocking acquire always returns a lock
        raise StoreError("Vidne could not lock its staging folder.")
    dest = staging_dir / name
    try:
        shutil.copytree(folder, dest, symlinks=True, copy_function=shutil.copyfile)
        _fsync_tree(dest)
        head = report.custody_head or ""
        expected = ExpectedCustody(report.custody_count, head, "the bundle before copying")
        again = verify_bundle(dest, expected_custody=expected)
        if not again.intact or again.capture_id != capture_id:
            raise ImportRefused(
                f"The bundle in {folder} changed while it was copied; it was not added.\n"
                f"{again.problem_text()}"
            )
        if os.path.lexists(bundles_dir / capture_id):
            raise already
        if before_placing is not None:
            before_placing(dest, capture_id)
        make_owner_only(dest)
        os.rename(dest, bundles_dir / capture_id)
        fsync_dir(bundles_dir)
    except OSError as exc:
        raise StoreError(
            f"The bundle {capture_id} could not be copied into the store: {exc.strerror or exc}."
        ) from exc
    finally:
        if os.path.lexists(dest):
            remove_tree(dest)
        lock.release(remove=True)
    log.info("capture %s: added to the store from %s", capture_id, folder)
    return capture_id


def _fsync_tree(root: Path) -> None:
    for folder, _dirs, files in os.walk(root):
        for name in files:
            fsync_file(Path(folder) / name)
        fsync_dir(Path(folder))
