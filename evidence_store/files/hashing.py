"""SHA-256 of bytes and of files, streamed in large chunks.

Files are read with ``readinto`` into one reused 8 MiB buffer, so a 500 MB artifact hashes at about
the speed of ``sha256sum`` (hashlib releases the GIL and uses OpenSSL's SHA-256).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import NamedTuple

from evidence_store.files.fsutil import UnreadableFile, fsync_file, open_regular

CHUNK_SIZE = 8 * 1024 * 1024


class FileDigest(NamedTuple):
    sha256: str
    size: int


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_fd(fd: int) -> FileDigest:
    """Hash everything readable from ``fd``, from its current position."""
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK_SIZE)
    view = memoryview(buffer)
    size = 0
    with os.fdopen(fd, "rb", buffering=0, closefd=False) as stream:
        while True:
            count = stream.readinto(view)
            if not count:
                break
            digest.update(view[:count])
            size += count
    return FileDigest(digest.hexdigest(), size)


def hash_file(path: Path, *, fsync: bool = False) -> FileDigest:
    """SHA-256 and size of a regular file; never follows a symbolic link.

    With ``fsync`` the file's data is also flushed to disk (used when sealing, where the capture
    wrote the file and the store must know it is durable before renaming the bundle into place).
    Raises UnreadableFile for links, non-regular files and I/O errors.
    """
    fd = open_regular(path)
    try:
        result = hash_fd(fd)
        if fsync and sys.platform != "win32":
            os.fsync(fd)
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)
    if fsync and sys.platform == "win32":
        try:
            fsync_file(path)
        except OSError as exc:
            raise UnreadableFile(f"cannot be flushed to disk ({exc.strerror or exc})") from exc
    return result
