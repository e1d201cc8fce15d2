"""Small file-system helpers: open without following links, bounded reads, durable writes."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

_IS_WINDOWS = sys.platform == "win32"
_O_BINARY = getattr(os, "O_BINARY", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class UnreadableFile(Exception):
    """A file the verifier or the store will not read: a link, a device, too big, or an I/O error."""


def open_regular(path: Path) -> int:
    """Open ``path`` read-only as a raw fd, refusing symbolic links, folders, pipes and devices.

    O_NOFOLLOW makes a link swapped in after an ``lstat`` fail instead of being followed, and
    O_NONBLOCK keeps a named pipe from blocking the open.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _O_BINARY | _O_NOFOLLOW | _O_NONBLOCK)
    except OSError as exc:
        if os.path.islink(path):
            raise UnreadableFile("is a symbolic link (not followed)") from exc
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UnreadableFile("is not a regular file")
    return fd


def read_limited(path: Path, limit: int) -> bytes:
    """All bytes of a regular file no bigger than ``limit``; UnreadableFile otherwise."""
    fd = open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise UnreadableFile(f"is {size} bytes, more than the {limit} bytes such a file may have")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise UnreadableFile(f"grew beyond {limit} bytes while being read")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


def read_from_start(fd: int, limit: int) -> bytes | None:
    """Every byte of the open file ``fd`` from its start, or None when it is larger than ``limit``."""
    if os.fstat(fd).st_size > limit:
        return None
    os.lseek(fd, 0, os.SEEK_SET)
    chunks: list[bytes] = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (os.write may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_new_file(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Create ``path`` (which must not exist) with ``data`` and flush it to disk (owner-only by default)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | _O_NOFOLLOW, mode)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush a file's data to disk (Windows can only flush a file opened for writing)."""
    fd = os.open(path, (os.O_RDWR if _IS_WINDOWS else os.O_RDONLY) | _O_BINARY | _O_NOFOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk. Windows has no such call; NTFS
    journals its metadata, so there it is a no-op."""
    if _IS_WINDOWS:
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by its owner only; tighten it if it exists."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _IS_WINDOWS and stat.S_IMODE(path.stat().st_mode) != 0o700:
        os.chmod(path, 0o700)


def make_owner_only(root: Path) -> None:
    """Make every file under ``root`` 0600 and every folder 0700 (and ``root`` itself), whatever the
    umask was when they were written. Links are neither followed nor changed. POSIX only; on Windows
    the files inherit the user's own folder's ACL."""
    if _IS_WINDOWS:
        return
    pending = [root]
    while pending:
        folder = pending.pop()
        _tighten(folder, 0o700)
        for entry in os.scandir(folder):
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                _tighten(Path(entry.path), 0o600)


def _tighten(path: Path, mode: int) -> None:
    """chmod ``path`` (never a link: callers skip those) to ``mode`` unless it already is."""
    if stat.S_IMODE(os.lstat(path).st_mode) != mode:
        os.chmod(path, mode)
