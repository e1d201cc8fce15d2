"""Helpers for the export / import / hostile-zip tests: exporting a case from a test store,
rewriting a zip entry by entry, and listing every path under a folder."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from evidence_store.handover.export import ExportResult, export_case
from evidence_store.store.store import Store

CASE = "Facebook-gruppe oktober"
BUNDLE_ID = "20261121T101530Z-3f9a1c2b"


def export(store: Store, out: Path, *, case: str = CASE, by: str = "Mette Hansen",
           **kwargs: object) -> ExportResult:
    return export_case(store, case, out, exported_by=by, organisation="Aarhus Kommune", language="da",
                       **kwargs)  # type: ignore[arg-type]


Edit = Callable[[str, bytes], "bytes | None"]


def rewrite_zip(src: Path, dst: Path, edit: Edit, extra: dict[str, bytes] | None = None) -> Path:
    """Copy ``src`` to ``dst`` entry by entry; ``edit(name, data)`` returns new data or None to drop."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def member(zip_path: Path, suffix: str) -> str:
    """The one entry name ending in ``suffix``."""
    with zipfile.ZipFile(zip_path) as zf:
        names = [n for n in zf.namelist() if n.endswith(suffix)]
    assert names, suffix
    return names[0]


def tree(root: Path) -> set[str]:
    """Every file and folder under ``root`` (links not followed), relative to it."""
    found = set()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def store_files(store: Store) -> set[str]:
    """What a refused import must leave exactly as it was: everything but the index's own files."""
    return {p for p in tree(store.root) if not p.startswith("index.sqlite3")}


def seal_one(store: Store, case: str = CASE) -> str:
    """Seal one small capture into ``store`` (for module-scoped fixtures); return its id."""
    from tests.evidence_store.conftest import Art, png_bytes, sample_facts

    with store.begin_capture() as staging:
        (staging.artifacts_dir / "screenshot-full.png").write_bytes(png_bytes())
        (staging.artifacts_dir / "page.html").write_text("<html><body>Hej æøå</body></html>", encoding="utf-8")
        record = store.seal(staging, facts=sample_facts(), operator="Mette Hansen", organisation="Aarhus Kommune",
                            case=case, artifacts=[Art("screenshot-full.png", "image/png"),
                                                  Art("page.html", "text/html")])
    return record.id


def patch_central(data: bytes, name: str, offset: int, value: bytes) -> bytes:
    """``data`` (a zip) with ``value`` written at ``offset`` into the central directory header of
    entry ``name`` (offsets as in APPNOTE 4.3.12: 8 flags, 20 compressed size, 24 size, 38 external
    attributes)."""
    encoded = name.encode("utf-8")
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        length = int.from_bytes(data[pos + 28:pos + 30], "little")
        if data[pos + 46:pos + 46 + length] == encoded:
            at = pos + offset
            return data[:at] + value + data[at + len(value):]
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"no central directory entry {name}")
