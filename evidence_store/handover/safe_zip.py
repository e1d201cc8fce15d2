"""Opening a zip from outside as the hostile thing it may be.

A zip handed to Vidne (an export from an employee, a police copy) is checked entry by entry before
one byte of it is unpacked, and every problem is reported by the entry's name:

- not a zip, cut off, damaged (also found while unpacking: bad CRC, short data);
- encrypted entries, compression methods other than stored and deflate;
- absolute paths, drive letters, backslashes, ``.``/``..`` or empty path parts, control characters,
  over-long or over-deep names;
- symbolic links, devices and pipes (the Unix file type in ``external_attr``);
- the same name twice, also when only the letter case differs, and a file where a folder must be;
- more than ``MAX_ENTRIES`` entries (checked in the end-of-central-directory record before the
  central directory is even read), entries or a total that would unpack to absurd sizes, and
  compression ratios only a zip bomb has; while unpacking, the bytes are counted and unpacking stops
  at the declared size;
- anything but the export's own top-level files and folders named by a capture id, and in those
  folders anything but the portable names a bundle uses.

Unpacking writes only below the folder given, creating every file new (never following a link).
"""
from __future__ import annotations

import hashlib
import logging
import os
import secrets
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from evidence_store.bundle.names import is_capture_id
from evidence_store.errors import NotAnExport, NotAZip, StoreError, ZipRefused
from evidence_store.files.fsutil import write_all
from evidence_store.handover.entry_rules import (
    READ_ERRORS,
    TOP_FILES,
    ZipEntry,
    check_directory_size,
    checked_entries,
    refuse_one,
    shown,
)
from evidence_store.store.staging import LOCK_SUFFIX, StagingLock, remove_tree

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ZipInspection:
    """What a zip holds, once every entry passed the checks."""

    path: Path
    size: int                  # of the zip file
    entry_count: int
    unpacked_bytes: int        # declared, in all
    bundle_ids: tuple[str, ...]
    top_files: tuple[str, ...]


def inspect_zip(path: Path) -> ZipInspection:
    """Check a zip without unpacking anything. Raises NotAZip, NotAnExport or ZipRefused."""
    with SafeZip.open(path) as safe:
        return safe.inspection


class SafeZip:
    """A zip whose every entry passed the checks in the module docstring."""

    def __init__(self, path: Path, fh: BinaryIO, zf: zipfile.ZipFile, entries: list[ZipEntry]) -> None:
        self.path = path
        self._fh = fh
        self._zf = zf
        self._entries = entries
        self._by_name = {e.name: e for e in entries if not e.is_dir}
        bundle_ids = sorted({e.parts[0] for e in entries if is_capture_id(e.parts[0])})
        self.inspection = ZipInspection(
            path=path, size=os.fstat(fh.fileno()).st_size, entry_count=len(entries),
            unpacked_bytes=sum(e.info.file_size for e in entries),
            bundle_ids=tuple(bundle_ids),
            top_files=tuple(n for n in TOP_FILES if n in self._by_name),
        )

    @classmethod
    def open(cls, path: Path) -> SafeZip:
        path = Path(path)
        label = shown(path.name)
        if not path.is_file():
            raise NotAZip(f"{path} is not a file, so it cannot be a Vidne export (a .zip file).")
        try:
            fh = path.open("rb")
        except OSError as exc:
            raise NotAZip(f"{path} cannot be read ({exc.strerror or exc}).") from exc
        try:
            check_directory_size(fh, os.fstat(fh.fileno()).st_size, path)
            try:
                zf = zipfile.ZipFile(fh)
            except READ_ERRORS as exc:
                raise NotAZip(f"{label} cannot be read as a zip file: it is damaged ({exc}).") from exc
            try:
                entries = checked_entries(zf.infolist(), label)
                safe = cls(path, fh, zf, entries)
                if not safe.inspection.bundle_ids:
                    raise NotAnExport(
                        f"{label} holds no evidence bundle (no folder named by a capture id), so it is "
                        "not a Vidne export."
                    )
            except BaseException:
                zf.close()
                raise
        except BaseException:
            fh.close()
            raise
        return safe

    def close(self) -> None:
        try:
            self._zf.close()
        finally:
            self._fh.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def bundle_ids(self) -> tuple[str, ...]:
        return self.inspection.bundle_ids

    def has_file(self, name: str) -> bool:
        return name in self._by_name

    def file_size(self, name: str) -> int:
        return self._by_name[name].info.file_size

    # -- reading and unpacking -------------------------------------------------------------------
    def read(self, name: str, limit: int) -> bytes:
        """All bytes of the top-level file ``name`` (at most ``limit``; ZipRefused when larger)."""
        entry = self._by_name[name]
        if entry.info.file_size > limit:
            refuse_one(f"{name}: is {entry.info.file_size:,} bytes, more than such a file may have ({limit:,})")
        chunks: list[bytes] = []
        self._copy(entry, chunks.append)
        return b"".join(chunks)

    def sha256(self, name: str) -> str:
        digest = hashlib.sha256()
        self._copy(self._by_name[name], digest.update)
        return digest.hexdigest()

    def extract_bundle(self, capture_id: str, dest_parent: Path) -> Path:
        """Unpack the folder ``capture_id`` to ``dest_parent/capture_id`` (which must not exist)."""
        root = Path(dest_parent) / capture_id
        try:
            root.mkdir(mode=0o700)
        except OSError as exc:
            raise StoreError(f"Vidne cannot unpack {capture_id} into {dest_parent}: {exc.strerror or exc}.") \
                from exc
        base = os.path.realpath(root)
        for entry in self._entries:
            if entry.parts[0] != capture_id or len(entry.parts) == 1:
                continue
            rel = entry.parts[1:]
            _make_dirs(root, rel if entry.is_dir else rel[:-1])
            if entry.is_dir:
                continue
            target = root.joinpath(*rel)
            if os.path.commonpath([base, os.path.realpath(target.parent)]) != base:  # pragma: no cover
                raise ZipRefused(f"{shown(entry.name)} would be unpacked outside its folder.")
            self._extract_file(entry, target)
        return root

    def _extract_file(self, entry: ZipEntry, target: Path) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(target, flags, 0o600)
        except OSError as exc:
            raise StoreError(f"Vidne cannot unpack {shown(entry.name)}: {exc.strerror or exc}.") from exc
        try:
            self._copy(entry, lambda chunk: _write(fd, chunk, entry))
        finally:
            os.close(fd)

    def _copy(self, entry: ZipEntry, sink: Callable[[bytes], object]) -> None:
        """Stream one entry into ``sink``, counting bytes: never more than the declared size."""
        declared = entry.info.file_size
        count = 0
        damaged = f"{shown(entry.name)}: is damaged in the zip (its data do not match what the zip declares)"
        try:
            with self._zf.open(entry.info) as src:
                while chunk := src.read(1 << 20):
                    count += len(chunk)
                    if count > declared:
                        refuse_one(f"{shown(entry.name)}: unpacks to more bytes than the zip declares (a zip "
                                    "bomb?); unpacking stopped")
                    sink(chunk)
        except READ_ERRORS as exc:
            refuse_one(f"{damaged}: {shown(str(exc), 300)}")
        if count != declared:
            refuse_one(f"{damaged}: it is shorter than declared")


def _write(fd: int, chunk: bytes, entry: ZipEntry) -> None:
    try:
        write_all(fd, chunk)
    except OSError as exc:
        raise StoreError(f"Vidne could not write {shown(entry.name)} while unpacking "
                           f"({exc.strerror or exc}); is the disk full?") from exc


def _make_dirs(root: Path, parts: tuple[str, ...]) -> None:
    folder = root
    for part in parts:
        folder = folder / part
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if folder.is_symlink() or not folder.is_dir():
                refuse_one(f"{shown(folder.relative_to(root).as_posix())}: is both a file and a folder in the zip")
        except OSError as exc:
            raise StoreError(f"Vidne cannot create {folder} while unpacking: {exc.strerror or exc}.") from exc


# -- a work folder inside the store's staging folder -------------------------------------------
@contextmanager
def work_folder(staging_dir: Path | None, prefix: str) -> Iterator[Path]:
    """A fresh folder for unpacking, removed (with everything in it) on the way out.

    Inside ``staging_dir`` it is held under a staging lock, so that a store opened meanwhile by
    another process does not take it for a leftover; with ``None`` it is a system temporary folder.
    """
    if staging_dir is None:
        with tempfile.TemporaryDirectory(prefix=f"vidne-{prefix}-") as tmp:
            yield Path(tmp)
        return
    name = f"{prefix}-{secrets.token_hex(6)}"
    lock = StagingLock.acquire(staging_dir / (name + LOCK_SUFFIX), blocking=True)
    if lock is None:  # pragma: no cover - a blocking acquire always returns a lock
        raise StoreError("Vidne could not lock its staging folder.")
    path = staging_dir / name
    try:
        try:
            path.mkdir(mode=0o700)
        except OSError as exc:
            raise StoreError(f"Vidne cannot use its staging folder {staging_dir}: {exc.strerror or exc}.") \
                from exc
        yield path
    finally:
        try:
            if os.path.lexists(path):
                remove_tree(path)
        finally:
            lock.release(remove=True)
