"""The checks a zip from outside must pass before anything in it is unpacked (the list is in
evidence_store/handover/safe_zip.py). Each problem is one line, "<entry>: <what is wrong>"."""

from __future__ import annotations

import logging
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NoReturn

from evidence_store.bundle.names import MAX_ARTIFACT_DEPTH, artifact_name_problem, is_capture_id
from evidence_store.errors import NotAZip, ZipRefused
from evidence_store.safe_text import printable

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
TOP_FILES = ("VERIFY.txt", "export.json", "export.json.sig", "exporter.pub.pem", "chain-of-custody.pdf", "verify.html")

_DRIVE = re.compile(r"^[A-Za-z]:")
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
                NotImplementedError, RuntimeError, OSError)



@dataclass(frozen=True)
class ZipEntry:
    info: zipfile.ZipInfo
    parts: tuple[str, ...]     # the path split at "/", without a trailing empty part
    is_dir: bool

    @property
    def name(self) -> str:
        return "/".join(self.parts)



def shown(name: str, limit: int = 160) -> str:
    """An entry name as it may be printed: control characters become '?', long names are cut."""
    return printable(name, replacement="?", limit=limit)



def check_directory_size(fh: BinaryIO, size: int, path: Path) -> None:
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
        refuse_one(f"{label}: is one part of a zip split over several files; Vidne reads whole zips only")
    if (entries == 0xFFFF or cd_size == 0xFFFFFFFF) and pos >= _ZIP64_LOCATOR.size:
        sig, _d, offset, _n = _ZIP64_LOCATOR.unpack_from(tail, pos - _ZIP64_LOCATOR.size)
        if sig == b"PK\x06\x07" and 0 <= offset <= size - _ZIP64_EOCD.size:
            seek(offset)
            record = read(_ZIP64_EOCD.size)
            if record[:4] == b"PK\x06\x06":
                fields = _ZIP64_EOCD.unpack(record)
                entries, cd_size = fields[7], fields[8]
    if entries > MAX_ENTRIES:
        refuse_one(f"{label}: declares {entries:,} entries; a Vidne export has at most {MAX_ENTRIES:,}")
    if cd_size > MAX_CENTRAL_DIRECTORY:
        refuse_one(f"{label}: has a table of contents of {cd_size:,} bytes, far more than any Vidne export")


def checked_entries(infos: list[zipfile.ZipInfo], label: str) -> list[ZipEntry]:
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


def refuse_one(problem: str) -> NoReturn:
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
