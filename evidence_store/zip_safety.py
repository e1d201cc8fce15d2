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
import re
import secrets
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, NoReturn

from evidence_store.errors import NotAnExport, NotAZip, StoreError, ZipRefused
from evidence_store.fsutil import write_all
from evidence_store.names import MAX_ARTIFACT_DEPTH, artifact_name_problem, is_capture_id
from evidence_store.staging import LOCK_SUFFIX, StagingLock, remove_tree

log = logging.getLogger(__name__)

MAX_ENTRIES = 20_000
MAX_CENTRAL_DIRECTORY = 32 << 20          # bytes; 20,000 entries need a few MB at most
MAX_ENTRY_BYTES = 4 << 30                 # one unpacked file
MAX_TOTAL_BYTES = 32 << 30                # everything unpacked
MAX_RATIO = 200                           # unpacked / packed; deflate can reach ~1000
RATIO_FLOOR = 1 << 20                     # smaller entries may compress as they like
MAX_NAME = 400
MAX_DEPTH = 2 + MAX_ARTIFACT_DEPTH        # <capture-id>/artifacts/<up to 8 parts>
MAX_LISTED = 20                           # problems spelled out in one message
TOP_FILES = ("VERIFY.txt", "export.json", "export.json.sig", "exporter.pub.pem", "chain-of-custody.pdf")

_DRIVE = re.compile(r"^[A-Za-z]:")
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
                NotImplementedError, RuntimeError, OSError)


@dataclass(frozen=True)
class ZipEntry:
    info: zipfile.ZipInfo
    parts: tuple[str, ...]     # the path split at "/", without a trailing empty part
    is_dir: bool

    @property
    def name(self) -> str:
        return "/".join(self.parts)


@dataclass(frozen=True)
class ZipInspection:
    """What a zip holds, once every entry passed the checks."""

    path: Path
    size: int                  # of the zip file
    entry_count: int
    unpacked_bytes: int        # declared, in all
    bundle_ids: tuple[str, ...]
    top_files: tuple[str, ...]


def shown(name: str, limit: int = 160) -> str:
    """An entry name as it may be printed: control characters become '?', long names are cut."""
    text = "".join(ch if ch.isprintable() else "?" for ch in name)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
            _check_directory_size(fh, os.fstat(fh.fileno()).st_size, path)
            try:
                zf = zipfile.ZipFile(fh)
            except _READ_ERRORS as exc:
                raise NotAZip(f"{label} cannot be read as a zip file: it is damaged ({exc}).") from exc
            try:
                entries = _checked_entries(zf.infolist(), label)
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
            _refuse_one(f"{name}: is {entry.info.file_size:,} bytes, more than such a file may have ({limit:,})")
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
                        _refuse_one(f"{shown(entry.name)}: unpacks to more bytes than the zip declares (a zip "
                                    "bomb?); unpacking stopped")
                    sink(chunk)
        except _READ_ERRORS as exc:
            _refuse_one(f"{damaged}: {shown(str(exc), 300)}")
        if count != declared:
            _refuse_one(f"{damaged}: it is shorter than declared")


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
                raise ZipRefused(f"{shown(str(folder.relative_to(root)))} is both a file and a folder in the zip.") \
                    from None
        except OSError as exc:
            raise StoreError(f"Vidne cannot create {folder} while unpacking: {exc.strerror or exc}.") from exc


# -- the checks ------------------------------------------------------------------------------------
def _check_directory_size(fh: BinaryIO, size: int, path: Path) -> None:
    """Read the end-of-central-directory record (and its zip64 form) and refuse absurd entry counts
    and directory sizes before zipfile reads the directory into memory."""
    label = shown(path.name)
    seek, read = fh.seek, fh.read
    seek(0)
    head = read(4)
    tail_len = min(size, _EOCD.size + 0xFFFF)
    seek(size - tail_len)
    tail = read(tail_len)
    pos = tail.rfind(b"PK\x05\x06")
    while pos >= 0 and pos + _EOCD.size > len(tail):
        pos = tail.rfind(b"PK\x05\x06", 0, pos)
    if pos < 0:
        if head == b"PK\x03\x04":
            raise NotAZip(f"{label} looks like a zip file that was cut off (an interrupted download or "
                          "copy?): its end is missing. Ask for the file again.")
        raise NotAZip(f"{label} is not a zip file. A Vidne export is a .zip file.")
    _sig, disk, cd_disk, _here, entries, cd_size, _cd_offset, _comment = _EOCD.unpack_from(tail, pos)
    if disk or cd_disk:
        _refuse_one(f"{label}: is one part of a zip split over several files; Vidne reads whole zips only")
    if (entries == 0xFFFF or cd_size == 0xFFFFFFFF) and pos >= _ZIP64_LOCATOR.size:
        sig, _d, offset, _n = _ZIP64_LOCATOR.unpack_from(tail, pos - _ZIP64_LOCATOR.size)
        if sig == b"PK\x06\x07" and 0 <= offset <= size - _ZIP64_EOCD.size:
            seek(offset)
            record = read(_ZIP64_EOCD.size)
            if record[:4] == b"PK\x06\x06":
                fields = _ZIP64_EOCD.unpack(record)
                entries, cd_size = fields[7], fields[8]
    if entries > MAX_ENTRIES:
        _refuse_one(f"{label}: declares {entries:,} entries; a Vidne export has at most {MAX_ENTRIES:,}")
    if cd_size > MAX_CENTRAL_DIRECTORY:
        _refuse_one(f"{label}: has a table of contents of {cd_size:,} bytes, far more than any Vidne export")


def _checked_entries(infos: list[zipfile.ZipInfo], label: str) -> list[ZipEntry]:
    problems: list[str] = []
    if len(infos) > MAX_ENTRIES:
        problems.append(f"{label}: holds {len(infos):,} entries; a Vidne export has at most {MAX_ENTRIES:,}")
        _refuse(label, problems)
    entries: list[ZipEntry] = []
    for info in infos:
        message = _entry_problem(info)
        if message:
            problems.append(f"{shown(info.orig_filename)}: {message}")
            continue
        stripped = info.filename[:-1] if info.filename.endswith("/") else info.filename
        entries.append(ZipEntry(info, tuple(stripped.split("/")), info.filename.endswith("/")))
    problems += _duplicate_problems(entries)
    problems += _size_problems(entries)
    if problems:
        _refuse(label, problems)
    return entries


def _refuse_one(problem: str) -> NoReturn:
    raise ZipRefused(f"{problem}. Nothing from this zip was added to the store.", [problem])


def _refuse(label: str, problems: list[str]) -> NoReturn:
    listed = "\n".join(f"  - {p}" for p in problems[:MAX_LISTED])
    more = f"\n  … and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
    log.warning("zip %s refused: %d problem(s)", label, len(problems))
    raise ZipRefused(f"{label} was refused; nothing in it was unpacked into the store:\n{listed}{more}", problems)


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    name, raw = info.filename, info.orig_filename
    if any(not ch.isprintable() for ch in raw) or "\x00" in raw:
        return "its name holds control characters"
    if len(raw) > MAX_NAME:
        return f"its name is longer than {MAX_NAME} characters"
    if "\\" in raw:
        return "its path uses backslashes (\\); zip paths use '/', and Vidne will not guess"
    if raw.startswith("/"):
        return "is an absolute path (starts with '/'); it would be unpacked outside the folder"
    if _DRIVE.match(raw):
        return "starts with a drive letter; it would be unpacked outside the folder"
    is_dir = name.endswith("/")
    parts = (name[:-1] if is_dir else name).split("/")
    if ".." in parts:
        return "its path holds '..', which would leave the folder it is unpacked into"
    if "" in parts or "." in parts:
        return "its path has empty or '.' parts"
    if len(parts) > MAX_DEPTH:
        return f"its path is more than {MAX_DEPTH} folders deep"
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if stat.S_ISLNK(mode):
        return "is a symbolic link; an export never holds links"
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        return "is a device, pipe or socket, not a file"
    if kind == stat.S_IFDIR and not is_dir:
        return "is marked as a folder but named like a file"
    if info.flag_bits & 0x1:
        return "is encrypted; Vidne exports are never encrypted"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"is compressed with method {info.compress_type}; Vidne unpacks only stored and deflated entries"
    if is_dir and info.file_size:
        return "is a folder entry that holds data"
    return _place_problem(parts, is_dir)


def _place_problem(parts: list[str], is_dir: bool) -> str | None:
    top = parts[0]
    if top == "__MACOSX" or parts[-1] in (".DS_Store", "Thumbs.db", "desktop.ini"):
        return ("was added by macOS Finder or Windows Explorer, so the zip was not made by Vidne's export; "
                "ask the sender for the zip Vidne made")
    if len(parts) == 1 and not is_dir:
        if top in TOP_FILES:
            return None
        return "is not part of a Vidne export (an unknown file at the top of the zip)"
    if not is_capture_id(top):
        return ("is in a folder that is not an evidence bundle (a bundle's folder is named by its capture "
                "id, e.g. 20261121T101530Z-3f9a1c2b, and sits at the top of the zip)")
    for part in parts[1:]:
        if artifact_name_problem(part) is not None:
            return "has a name no evidence bundle uses (letters, digits, '.', '_' and '-' only)"
    return None


def _duplicate_problems(entries: list[ZipEntry]) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    files = {e.name.lower() for e in entries if not e.is_dir}
    for entry in entries:
        key = entry.name.lower()
        if key in seen:
            other = seen[key]
            problems.append(f"{shown(entry.name)}: appears more than once in the zip" if other == entry.name
                            else f"{shown(entry.name)}: differs from {shown(other)} only in letter case, which "
                                 "is the same file on Windows and macOS")
            continue
        seen[key] = entry.name
        for depth in range(1, len(entry.parts)):
            parent = "/".join(entry.parts[:depth]).lower()
            if parent in files:
                problems.append(f"{shown(entry.name)}: is inside {shown(parent)}, which is a file in the zip")
                break
    return problems


def _size_problems(entries: list[ZipEntry]) -> list[str]:
    problems: list[str] = []
    total = packed = 0
    for entry in entries:
        size, compressed = entry.info.file_size, entry.info.compress_size
        total += size
        packed += compressed
        if size > MAX_ENTRY_BYTES:
            problems.append(f"{shown(entry.name)}: would unpack to {size:,} bytes, more than the "
                            f"{MAX_ENTRY_BYTES:,} one file of an export may have")
        elif size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
            problems.append(f"{shown(entry.name)}: would unpack {compressed:,} bytes into {size:,} "
                            f"(more than {MAX_RATIO} times): a zip bomb, not evidence")
    if total > MAX_TOTAL_BYTES:
        problems.append(f"the zip would unpack to {total:,} bytes in all, more than the {MAX_TOTAL_BYTES:,} "
                        "Vidne accepts")
    elif total > 16 * RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
        problems.append(f"the zip would unpack {packed:,} bytes into {total:,} (more than {MAX_RATIO} times): "
                        "a zip bomb, not evidence")
    return problems


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
