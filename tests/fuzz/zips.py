"""Fuzz targets "export-zip" (evidence_store.verify_export) and "import-zip" (evidence_store.import_zip)
on changed zips: the real export tests/data/before-issue-10/export.zip and a zip of bundle folders
without export.json (corpus/export-zip/hand-zipped.zip), changed blindly (bytes), in their headers
(a field of a local, central or end record set to a telling value) and entry by entry (dropped,
doubled, renamed, links, folders, other compression, a bomb, data changed, moved to another bundle).

An input is the zip's bytes. Property: verify_export raises nothing but NotAnExport (NotAZip is one);
import_zip nothing but NotAnExport and ImportRefused; neither leaves anything in its work folder; a
refused import leaves the store empty; and "intact" (or an import) only for a zip whose every file is
byte for byte one of the real export's, all of them when export.json is there (without it, a bundle
may lack events at the end of its log: nothing records them, and a note says so).
"""

from __future__ import annotations

import io
import os
import struct
import warnings
import zipfile
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.errors import ImportRefused, NotAnExport
from evidence_store.handover.importing import import_zip
from evidence_store.handover.verify import verify_export
from evidence_store.store.store import Store
from tests.fuzz import bundle
from tests.fuzz import mutate as m
from tests.fuzz.harness import CORPUS, MAX_INPUT, OLD_DATA, Target, Violation, cached, expect, shape
from tests.fuzz.mutate import Chooser, pick

EXPORT = OLD_DATA / "export.zip"
HAND_ZIPPED = CORPUS / "export-zip" / "hand-zipped.zip"
STAMP_FILES = ("timestamp.tsr", "tsa-chain.pem")
# (record signature, its length, offsets of its fields that matter, each with its width)
_RECORDS = (
    (b"PK\x03\x04", 30, ((4, 2), (6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2))),
    (b"PK\x01\x02", 46, ((8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2), (30, 2), (32, 2), (34, 2),
                         (38, 4), (42, 4))),
    (b"PK\x05\x06", 22, ((4, 2), (6, 2), (8, 2), (10, 2), (12, 4), (16, 4), (20, 2))),
)
_NAME_TOKENS = ("../", "/", "\\", "C:", "./", "//", "\x1b[2J", "\u202e", "CON", "aux.txt", "x" * 130, " ", ".",
                "Manifest.json", "artifacts/", "\u00e6", "\ufeff")


@cached
def bases() -> list[bytes]:
    return [EXPORT.read_bytes(), HAND_ZIPPED.read_bytes()]


def reference() -> dict[str, bytes]:
    """Every file of the real export, by name."""
    with zipfile.ZipFile(EXPORT) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}


_REFERENCE = reference()


# -- mutations ------------------------------------------------------------------------------------
def _entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [(i, zf.read(i)) for i in zf.infolist()]
    except Exception:          # noqa: BLE001 — a zip already broken is mutated as bytes
        return None


def _write(entries: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as zf:
        warnings.simplefilter("ignore")          # duplicate names are wanted here
        for info, data in entries:
            try:
                zf.writestr(info, data)
            except (ValueError, OSError, RuntimeError, NotImplementedError, zipfile.LargeZipFile):
                continue
    return out.getvalue()


def _info(name: str, like: zipfile.ZipInfo | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 12, 3, 13, 31, 0))
    info.compress_type = like.compress_type if like else zipfile.ZIP_DEFLATED
    info.external_attr = like.external_attr if like else 0o600 << 16
    return info


def _mutate_entries(c: Chooser, entries: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    if not entries:
        entries = [(_info(f"{bundle.BASES[1]}/manifest.json"), c.blob(16))]
    n = len(entries)
    i = c.below(n)
    info, data = entries[i]
    op = c.below(11)
    if op == 0 and entries:
        del entries[i]
    elif op == 1:                                                   # the same entry twice, maybe in other case
        name = info.filename if c.below(2) else info.filename.swapcase()
        entries.insert(c.below(n + 1), (_info(name, info), data))
    elif op == 2:                                                   # renamed
        name = info.filename
        at = c.below(len(name) + 1)
        entries[i:i + 1] = [(_info(name[:at] + pick(c, _NAME_TOKENS) + name[at:], info), data)]
    elif op == 3:                                                   # a link, a pipe, a device
        link = _info(info.filename, info)
        link.external_attr = pick(c, (0o120777, 0o10644, 0o20644, 0o60644, 0o40755, 0o104755)) << 16
        entries[i:i + 1] = [(link, pick(c, (b"/etc/passwd", b"../../x", data)))]
    elif op == 4:                                                   # a folder entry
        entries.insert(c.below(n + 1), (_info(info.filename.rsplit("/", 1)[0] + "/"), b""))
    elif op == 5:                                                   # stored, bzip2, lzma
        other = _info(info.filename, info)
        other.compress_type = pick(c, (zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))
        entries[i:i + 1] = [(other, data)]
    elif op == 6:                                                   # a bomb beside the bundle's files
        folder = info.filename.split("/", 1)[0]
        entries.append((_info(f"{folder}/artifacts/bomb.bin"), bytes(pick(c, (1 << 20, 4 << 20)))))
    elif op == 7 and n > 1:                                         # another bundle's file, or data swapped
        j = c.below(n)
        entries[i] = (info, entries[j][1])
    elif op == 8:                                                   # moved to the other bundle's folder
        ids = [b for b in bundle.BASES if b != info.filename.split("/", 1)[0]]
        rest = info.filename.split("/", 1)[-1]
        entries[i] = (_info(f"{pick(c, ids)}/{rest}", info), data)
    elif op == 9 and info.filename.endswith(".jsonl"):
        entries[i] = (info, m.mutate_lines(c, data))
    else:                                                           # the data changed
        entries[i] = (info, m.mutate_bytes(c, data))
    return _write(entries)


def _poke(c: Chooser, data: bytes) -> bytes:
    """One field of a zip record set to a telling value."""
    sig, _size, fields = pick(c, _RECORDS)
    found: list[int] = []
    at = data.find(sig)
    while at >= 0 and len(found) < 400:
        found.append(at)
        at = data.find(sig, at + 1)
    if not found:
        return m.mutate_bytes(c, data)
    at = pick(c, found)
    offset, width = pick(c, fields)
    fmt = "<H" if width == 2 else "<I"
    if at + offset + width > len(data):
        return data
    old = struct.unpack_from(fmt, data, at + offset)[0]
    top = (1 << (8 * width)) - 1
    value = pick(c, (0, 1, top, top - 1, (old + 1) & top, (old - 1) & top, old ^ 1, old ^ 0x0800, old * 2 & top))
    return data[:at + offset] + struct.pack(fmt, value) + data[at + offset + width:]


def mutate(c: Chooser, data: bytes) -> bytes:
    for _ in range(1 + c.below(2)):
        op = c.below(4)
        entries = _entries(data) if op >= 2 else None
        if entries is not None:
            data = _mutate_entries(c, entries)
        elif op == 1:
            data = _poke(c, data)
        else:
            data = m.mutate_bytes(c, data)
    return data[:MAX_INPUT]


# -- the checks -----------------------------------------------------------------------------------
def _files(path: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            names = [i.filename for i in infos]
            expect(len(set(names)) == len(names), f"a zip naming a file twice was accepted: {names}")
            return {i.filename: zf.read(i) for i in infos}
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError) as exc:
        raise Violation(f"accepted as intact, but the zip cannot be read: {exc!r}") from exc


def check_accepted(path: Path, notes: list[str]) -> None:
    """A zip found intact (or imported) holds only the real export's files, unchanged."""
    files = _files(path)
    changed = sorted(n for n, d in files.items() if _REFERENCE.get(n) != d)
    if "export.json" in files:
        changed += sorted(set(_REFERENCE) - set(files))
    else:
        expect(any("export.json" in n for n in notes), "no note says that the zip has no export record")
        changed = [n for n in changed if not _shorter_log(n, files[n])]
        for capture_id in {n.split("/", 1)[0] for n in files if "/" in n}:
            wanted = {n for n in _REFERENCE if n.startswith(capture_id + "/")} - \
                {f"{capture_id}/{s}" for s in STAMP_FILES}
            changed += sorted(wanted - set(files))
    if changed:
        raise Violation(f"accepted, but these are not the export's own: {changed}")


def _shorter_log(name: str, data: bytes) -> bool:
    """A custody log cut after a complete line: without export.json nothing can tell (a note says so)."""
    old = _REFERENCE.get(name, b"")
    return name.endswith("/custody.jsonl") and old.startswith(data) and data.endswith(b"\n") and \
        custody.summarize(data).count >= 1


def _zip_file(data: bytes, scratch: Path) -> Path:
    path = scratch / "in.zip"
    path.write_bytes(data)
    return path


def check_verify(data: bytes, scratch: Path) -> Hashable:
    path, work = _zip_file(data, scratch), scratch / "work"
    work.mkdir()
    try:
        report = verify_export(path, work_dir=work, trust=bundle.policy())
    except NotAnExport as exc:
        return ("not an export", type(exc).__name__)
    finally:
        expect(os.listdir(work) == [], f"verify_export left {os.listdir(work)} in its work folder")
    if report.intact:
        check_accepted(path, report.notes)
    return shape([str(p) for p in report.problems])


def check_import(data: bytes, scratch: Path) -> Hashable:
    path = _zip_file(data, scratch)
    store = Store.open(scratch / "store")
    try:
        result: Any = import_zip(store, path, actor="Fuzz Receiver", organisation="Fuzz", trust=bundle.policy())
    except (NotAnExport, ImportRefused) as exc:
        expect(store.list_captures() == [], "a refused import left captures in the store")
        expect(os.listdir(store.bundles_dir) == [], "a refused import left bundles on disk")
        return ("refused", type(exc).__name__, shape(str(exc).splitlines()[1:]))
    finally:
        left = [n for n in os.listdir(store.staging_dir)]
        store.close()
        expect(left == [], f"import_zip left {left} in the staging folder")
    check_accepted(path, result.notes)
    return ("imported", len(result.added))


EXPORT_TARGET = Target("export-zip", ".zip", bases, mutate, check_verify, examples=40)
IMPORT_TARGET = Target("import-zip", ".zip", bases, mutate, check_import, examples=15,
                       also=("export-zip",))
