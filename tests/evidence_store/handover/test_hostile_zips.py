"""Hostile zips: each is refused with a message naming what is wrong, and nothing is written outside
the store's staging folder (which is left empty).

Every zip is built here with zipfile (and, where zipfile cannot write the lie, by patching its
central directory), on top of a real export of one bundle.
"""

from __future__ import annotations

import io
import stat
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from evidence_store.errors import ImportRefused, NotAnExport, NotAZip, StoreError, ZipRefused
from evidence_store.handover import entry_rules, safe_zip
from evidence_store.handover.importing import import_zip, inspect_zip
from evidence_store.handover.verify import verify_export
from evidence_store.store.store import Store
from tests.evidence_store.handover.helpers import export, patch_central, seal_one, store_files, tree


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    """A real export of one bundle (its bytes) and the bundle's id."""
    folder = tmp_path_factory.mktemp("employee")
    with Store.open(folder / "store") as employee:
        capture_id = seal_one(employee)
        zip_bytes = export(employee, folder / "sag.zip").zip_path.read_bytes()
    return zip_bytes, capture_id


@pytest.fixture
def hr(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "hr-store")
    yield s
    s.close()


def with_entries(zip_bytes: bytes, *entries: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    buffer = io.BytesIO(zip_bytes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)          # "Duplicate name": that is the point
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return buffer.getvalue()


def unix_entry(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = mode << 16
    return info


EVIL = f"vidne-evil-{uuid.uuid4().hex}"
Case = Callable[[bytes, str], bytes]
CASES: dict[str, tuple[Case, str]] = {
    "traversal": (lambda z, i: with_entries(z, (f"../{EVIL}", b"x")), f"../{EVIL}: its path holds '..'"),
    "traversal-inside": (lambda z, i: with_entries(z, (f"{i}/../../{EVIL}", b"x")), "holds '..'"),
    "absolute": (lambda z, i: with_entries(z, (f"/tmp/{EVIL}", b"x")), f"/tmp/{EVIL}: is an absolute path"),
    "drive-letter": (lambda z, i: with_entries(z, (f"C:/{EVIL}", b"x")), "starts with a drive letter"),
    "backslash": (lambda z, i: with_entries(z, (f"{i}\\..\\..\\{EVIL}", b"x")), "uses backslashes"),
    "symlink": (lambda z, i: with_entries(z, (unix_entry(f"{i}/artifacts/passwd", stat.S_IFLNK | 0o777),
                                              b"/etc/passwd")), "artifacts/passwd: is a symbolic link"),
    "device": (lambda z, i: with_entries(z, (unix_entry(f"{i}/artifacts/dev", stat.S_IFCHR | 0o644), b"")),
               "is a device, pipe or socket"),
    "duplicate": (lambda z, i: with_entries(z, (f"{i}/manifest.json", b"{}")),
                  "manifest.json: appears more than once"),
    "case-duplicate": (lambda z, i: with_entries(z, (f"{i}/MANIFEST.JSON", b"{}")), "only in letter case"),
    "file-and-folder": (lambda z, i: with_entries(z, (f"{i}/manifest.json/x.txt", b"x")),
                        "which is a file in the zip"),
    "unknown-top-file": (lambda z, i: with_entries(z, ("evil.exe", b"MZ")), "evil.exe: is not part of a Vidne"),
    "macos-folder": (lambda z, i: with_entries(z, ("__MACOSX/._VERIFY.txt", b"x")),
                     "__MACOSX/._VERIFY.txt: was added by macOS Finder"),
    "ds-store": (lambda z, i: with_entries(z, (f"{i}/.DS_Store", b"x")), ".DS_Store: was added by macOS Finder"),
    "nested-bundle": (lambda z, i: with_entries(z, (f"sag/{i}/manifest.json", b"{}")),
                      "is in a folder that is not an evidence bundle"),
    "odd-name": (lambda z, i: with_entries(z, (f"{i}/artifacts/a b;rm -rf.png", b"x")),
                 "has a name no evidence bundle uses"),
    "control-char": (lambda z, i: with_entries(z, (f"{i}/artifacts/a\x1b[2J.png", b"x")), "control characters"),
    "too-deep": (lambda z, i: with_entries(z, (f"{i}/" + "d/" * 12 + "x.png", b"x")), "folders deep"),
    "long-name": (lambda z, i: with_entries(z, (f"{i}/artifacts/" + "a" * 450, b"x")), "longer than 400"),
    "bomb": (lambda z, i: with_entries(z, (f"{i}/artifacts/page.mhtml", bytes(8 << 20))), "a zip bomb"),
    "encrypted": (lambda z, i: patch_central(with_entries(z, (f"{i}/artifacts/x.png", b"x")),
                                             f"{i}/artifacts/x.png", 8, b"\x01\x00"), "is encrypted"),
    "lying-size": (lambda z, i: patch_central(z, f"{i}/artifacts/page.html", 24, (5).to_bytes(4, "little")),
                   "artifacts/page.html: is damaged in the zip"),
    "huge-declared": (lambda z, i: patch_central(z, f"{i}/artifacts/page.html", 24, b"\xf0\xff\xff\xff"),
                      "a zip bomb"),
    "tampered-bundle": (lambda z, i: _replace(z, f"{i}/artifacts/page.html", b"<html>forged</html>"),
                        "artifacts/page.html: is 19 bytes; manifest.json says"),
}


def _replace(zip_bytes: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == name else zin.read(info))
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_zip_is_refused_and_nothing_is_written(
    case: str, base: tuple[bytes, str], hr: Store, tmp_path: Path
) -> None:
    build, expected = CASES[case]
    hostile = tmp_path / f"{case}.zip"
    hostile.write_bytes(build(*base))
    before, store_before = tree(tmp_path), store_files(hr)

    with pytest.raises(ImportRefused) as err:
        import_zip(hr, hostile, actor="Hanne HR", organisation="Aarhus Kommune")
    assert expected in str(err.value), str(err.value)

    assert tree(tmp_path) == before and store_files(hr) == store_before
    assert list(hr.staging_dir.iterdir()) == [] and hr.list_captures() == []
    assert not Path("/tmp", EVIL).exists() and not (tmp_path / EVIL).exists()
    report = verify_export(hostile)
    assert not report.intact and expected in report.problem_text(), report.problem_text()


def test_more_entries_than_allowed_is_refused_from_the_end_record(base: tuple[bytes, str], tmp_path: Path) -> None:
    zip_bytes, capture_id = base
    many = with_entries(zip_bytes, *((f"{capture_id}/artifacts/n{k}.txt", b"") for k in range(20_001)))
    (tmp_path / "many.zip").write_bytes(many)
    with pytest.raises(ZipRefused, match=r"declares 20,0\d\d entries"):
        inspect_zip(tmp_path / "many.zip")


def test_an_end_record_that_understates_the_entries_is_caught_too(
    base: tuple[bytes, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zip_bytes, capture_id = base
    data = with_entries(zip_bytes, *((f"{capture_id}/artifacts/n{k}.txt", b"") for k in range(60)))
    end = data.rfind(b"PK\x05\x06")
    data = data[:end + 8] + (1).to_bytes(2, "little") * 2 + data[end + 12:]   # "1 entry"
    (tmp_path / "lie.zip").write_bytes(data)
    monkeypatch.setattr(entry_rules, "MAX_ENTRIES", 50)
    with pytest.raises(ZipRefused, match=r"holds \d+ entries; a Vidne export has at most 50"):
        inspect_zip(tmp_path / "lie.zip")


@pytest.mark.parametrize(("limit", "expected"), [("MAX_ENTRY_BYTES", "one file of an export may have"),
                                                  ("MAX_TOTAL_BYTES", "in all, more than")])
def test_size_limits(base: tuple[bytes, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     limit: str, expected: str) -> None:
    (tmp_path / "z.zip").write_bytes(base[0])
    monkeypatch.setattr(entry_rules, limit, 1000)
    with pytest.raises(ZipRefused, match=expected):
        inspect_zip(tmp_path / "z.zip")


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "is not a zip file"), (b"hello, this is text", "is not a zip file"),
     (b"\x89PNG\r\n\x1a\n" + bytes(100), "is not a zip file")],
)
def test_not_a_zip(content: bytes, expected: str, hr: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(content)
    with pytest.raises(NotAZip, match=expected):
        import_zip(hr, path, actor="Hanne HR", organisation="Aarhus Kommune")
    with pytest.raises(NotAZip):
        verify_export(path)
    assert list(hr.staging_dir.iterdir()) == []


def test_a_cut_off_zip_says_so(base: tuple[bytes, str], hr: Store, tmp_path: Path) -> None:
    path = tmp_path / "cut.zip"
    path.write_bytes(base[0][: len(base[0]) // 2])
    with pytest.raises(NotAZip, match="cut off"):
        import_zip(hr, path, actor="Hanne HR", organisation="Aarhus Kommune")


def test_a_folder_or_a_zip_without_bundles_is_no_export(hr: Store, tmp_path: Path) -> None:
    with pytest.raises(NotAZip):
        import_zip(hr, tmp_path, actor="Hanne HR", organisation="Aarhus Kommune")
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("VERIFY.txt", b"hello")
    with pytest.raises(NotAnExport, match="holds no evidence bundle"):
        import_zip(hr, path, actor="Hanne HR", organisation="Aarhus Kommune")


def test_a_full_disk_while_unpacking_is_a_store_error_and_cleans_up(
    base: tuple[bytes, str], hr: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "z.zip").write_bytes(base[0])

    def full(fd: int, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_zip, "write_all", full)
    with pytest.raises(StoreError, match="No space left") as err:
        import_zip(hr, tmp_path / "z.zip", actor="Hanne HR", organisation="Aarhus Kommune")
    assert not isinstance(err.value, ImportRefused)
    assert list(hr.staging_dir.iterdir()) == []
