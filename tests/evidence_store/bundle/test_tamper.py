"""Any change to a sealed bundle is caught, and the problem names the file that changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from evidence_store.bundle.verify import VerificationReport, verify_bundle
from evidence_store.store.index import CaptureRecord
from tests.evidence_store.conftest import BUNDLE_FILES


def _flip_byte(path: Path, where: float = 0.5) -> None:
    data = bytearray(path.read_bytes())
    index = min(len(data) - 1, int(len(data) * where))
    data[index] ^= 0x01
    path.write_bytes(bytes(data))


def _names(report: VerificationReport, name: str) -> bool:
    return any(p.file == name or name in str(p) for p in report.problems)


@pytest.mark.parametrize("name", BUNDLE_FILES)
@pytest.mark.parametrize("where", [0.0, 0.5, 0.999])
def test_flipping_one_byte_anywhere_is_caught(sealed: CaptureRecord, name: str, where: float) -> None:
    _flip_byte(sealed.path / name, where)
    report = verify_bundle(sealed.path)
    assert not report.intact
    assert _names(report, name), report.problem_text()


@pytest.mark.parametrize("name", BUNDLE_FILES)
def test_deleting_any_file_is_caught(sealed: CaptureRecord, name: str) -> None:
    (sealed.path / name).unlink()
    report = verify_bundle(sealed.path)
    assert not report.intact
    assert any(p.file == name and "missing" in p.message for p in report.problems), report.problem_text()


@pytest.mark.parametrize("name", BUNDLE_FILES)
def test_replacing_a_file_by_a_symlink_is_caught_and_not_followed(
    sealed: CaptureRecord, name: str, tmp_path: Path
) -> None:
    target = sealed.path / name
    copy = tmp_path / "copy-of-the-file"
    shutil.copyfile(target, copy)          # same bytes: only the link itself is wrong
    target.unlink()
    target.symlink_to(copy)
    report = verify_bundle(sealed.path)
    assert not report.intact
    found = [p for p in report.problems if p.file == name and "symbolic link" in p.message]
    assert found, report.problem_text()


@pytest.mark.parametrize("name", ["extra.txt", "artifacts/extra.png", "artifacts/parts/extra.png",
                                  "artifacts/new-folder/x.png", "other/x.png"])
def test_adding_a_file_is_caught(sealed: CaptureRecord, name: str) -> None:
    path = sealed.path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"added later")
    report = verify_bundle(sealed.path)
    assert not report.intact
    assert _names(report, name.split("/")[0] if name.startswith("other/") else name), report.problem_text()


def test_adding_an_empty_folder_is_caught(sealed: CaptureRecord) -> None:
    (sealed.path / "artifacts" / "empty").mkdir()
    report = verify_bundle(sealed.path)
    assert [p.file for p in report.problems] == ["artifacts/empty"]


def test_symlinked_artifacts_folder_is_not_followed(sealed: CaptureRecord, tmp_path: Path) -> None:
    moved = tmp_path / "artifacts-elsewhere"
    shutil.move(sealed.path / "artifacts", moved)
    (sealed.path / "artifacts").symlink_to(moved, target_is_directory=True)
    report = verify_bundle(sealed.path)
    assert any(p.file == "artifacts" and "symbolic link" in p.message for p in report.problems)


def test_fifo_in_artifacts_does_not_hang(sealed: CaptureRecord) -> None:
    os.mkfifo(sealed.path / "artifacts" / "page.html.fifo")
    (sealed.path / "artifacts" / "page.html").unlink()
    os.mkfifo(sealed.path / "artifacts" / "page.html")
    report = verify_bundle(sealed.path)
    assert any(p.file == "artifacts/page.html" for p in report.problems)
    assert any(p.file == "artifacts/page.html.fifo" for p in report.problems)


def test_swapping_two_artifacts_is_caught(sealed: CaptureRecord) -> None:
    a, b = sealed.path / "artifacts/screenshot-full.png", sealed.path / "artifacts/parts/part-1.png"
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    report = verify_bundle(sealed.path)
    assert {p.file for p in report.problems} >= {a.relative_to(sealed.path).as_posix(),
                                                  b.relative_to(sealed.path).as_posix()}


def test_re_signing_with_another_key_is_caught(sealed: CaptureRecord) -> None:
    """A forger who edits the manifest, fixes SHA256SUMS and signs with their own key still fails:
    the manifest names the original key, and the custody log's first line is tied to the old bytes."""
    from evidence_store.bundle.keys import SigningKey
    from evidence_store.files.hashing import sha256_bytes

    forger = SigningKey.generate()
    manifest = sealed.path / "manifest.json"
    data = manifest.read_bytes().replace(b"Mette Hansen", b"Someone Else")
    manifest.write_bytes(data)
    (sealed.path / "manifest.json.sig").write_bytes(forger.sign(data))
    (sealed.path / "signer.pub.pem").write_bytes(forger.public_pem())
    sums = (sealed.path / "SHA256SUMS").read_text().splitlines()
    sums[0] = f"{sha256_bytes(data)}  manifest.json"
    (sealed.path / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    report = verify_bundle(sealed.path)
    assert any(p.file == "signer.pub.pem" for p in report.problems), report.problem_text()
    assert any(p.file == "custody.jsonl" and p.line == 1 for p in report.problems), report.problem_text()


def test_problems_read_as_one_line_each(sealed: CaptureRecord) -> None:
    _flip_byte(sealed.path / "artifacts/page.html")
    report = verify_bundle(sealed.path)
    text = report.problem_text()
    assert text.splitlines() == [str(p) for p in report.problems]
    assert str(report.problems[0]).startswith("artifacts/page.html: ")
