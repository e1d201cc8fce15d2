"""Staging folders: where a capture writes its files before they are sealed into a bundle.

``<store>/staging/<capture-id>/artifacts/`` plus a lock file ``<store>/staging/<capture-id>.lock``
held for as long as the capture runs. A staging folder whose lock nobody holds is left over from an
interrupted capture (a crash, a power cut) and is removed when the store is next opened; a folder
whose lock is held belongs to a capture running in another process and is left alone.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sys
from pathlib import Path
from types import TracebackType

from evidence_store.bundle.names import ARTIFACTS_DIR
from evidence_store.files.fsutil import fsync_dir, write_new_file
from evidence_store.files.locking import lock_fd, unlock_fd

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"


class StagingLock:
    """An exclusive lock on ``<staging>/<name>.lock``, guaranteed to be the file at that path."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def acquire(cls, path: Path, *, blocking: bool) -> StagingLock | None:
        """The lock, or None when ``blocking`` is False and another process holds it."""
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            try:
                if not lock_fd(fd, blocking=blocking):
                    os.close(fd)
                    return None
                # Another process may have removed the file between our open and our lock; then we
                # hold a lock on a name nobody can find, so try again with the current file.
                try:
                    on_disk = os.stat(path)
                except FileNotFoundError:
                    os.close(fd)
                    continue
                mine = os.fstat(fd)
                if (on_disk.st_dev, on_disk.st_ino) != (mine.st_dev, mine.st_ino):
                    os.close(fd)
                    continue
            except BaseException:
                os.close(fd)
                raise
            return cls(fd, path)

    def release(self, *, remove: bool) -> None:
        """Unlock; with ``remove`` also delete the lock file (before unlocking, where possible)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if remove and sys.platform != "win32":
                self.path.unlink(missing_ok=True)
            unlock_fd(fd)
        finally:
            os.close(fd)
        if remove and sys.platform == "win32":
            self.path.unlink(missing_ok=True)


class Staging:
    """A capture in progress. Use as a context manager: unless sealed, its folder is removed on exit."""

    def __init__(self, capture_id: str, path: Path, lock: StagingLock) -> None:
        self.capture_id = capture_id
        self.path = path
        self.artifacts_dir = path / ARTIFACTS_DIR
        self._lock = lock
        self.sealed = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def mark_sealed(self) -> None:
        """Called by the store once the folder has been renamed into the bundles folder."""
        self.sealed = True
        self._lock.release(remove=True)

    def close(self) -> None:
        """Discard the folder unless it was sealed, and release the lock."""
        if not self.sealed and os.path.lexists(self.path):
            log.info("capture %s: not sealed; removing its staging folder", self.capture_id)
            remove_tree(self.path)
        self._lock.release(remove=True)


def remove_tree(path: Path) -> None:
    """Remove a file, link or folder (links are removed, never followed)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def clean_leftovers(staging_dir: Path) -> list[str]:
    """Remove staging folders of interrupted captures; return their names. Skips those in use."""
    removed = []
    names = {n[: -len(LOCK_SUFFIX)] if n.endswith(LOCK_SUFFIX) else n for n in os.listdir(staging_dir)}
    for name in sorted(names):
        lock = StagingLock.acquire(staging_dir / (name + LOCK_SUFFIX), blocking=False)
        if lock is None:
            log.debug("staging folder %s is in use by a running capture; left alone", name)
            continue
        try:
            target = staging_dir / name
            if os.path.lexists(target):
                log.warning("capture %s was interrupted before sealing; removing its staging folder", name)
                try:
                    remove_tree(target)
                except OSError as exc:
                    log.error("capture %s: staging folder %s could not be removed: %s", name, target, exc)
                    continue
                removed.append(name)
        finally:
            lock.release(remove=True)
    return removed


def place_file(staging_dir: Path, dest: Path, data: bytes, *, replace: bool = False) -> None:
    """Write ``data`` to a locked file in ``staging_dir``, flush it, then link it to ``dest``: the file
    appears whole or not at all, and an existing ``dest`` is never replaced (FileExistsError) unless
    ``replace``: then it is swapped for the new file in one step (os.replace), never left half written."""
    name = f"place-{secrets.token_hex(6)}"
    lock = StagingLock.acquire(staging_dir / (name + LOCK_SUFFIX), blocking=True)
    if lock is None:  # pragma: no cover - a blocking acquire always returns a lock
        raise OSError(f"cannot lock {staging_dir / name}")
    tmp = staging_dir / name
    try:
        write_new_file(tmp, data)
        if replace:
            os.replace(tmp, dest)
        else:
            os.link(tmp, dest)
        fsync_dir(dest.parent)
    finally:
        tmp.unlink(missing_ok=True)
        lock.release(remove=True)
