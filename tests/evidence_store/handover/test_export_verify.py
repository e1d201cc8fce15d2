"""Verifying an export zip as a whole: every kind of change after the export is named."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from evidence_store.errors import NotAnExport, NotAZip
from evidence_store.handover.verify import verify_export
from evidence_store.store.store import Store
from tests.evidence_store.conftest import SealFn
from tests.evidence_store.handover.helpers import export, rewrite_zip


@pytest.fixture
def exported(store: Store, seal: SealFn, tmp_path: Path) -> Path:
    seal()
    seal()
    return export(store, tmp_path / "sag.zip").zip_path


def _ids(zip_path: Path) -> list[str]:
    report = verify_export(zip_path)
    return sorted(b.capture_id for b in report.bundles)


def test_an_untouched_export_is_intact(exported: Path, store: Store) -> None:
    report = verify_export(exported)
    assert report.intact, report.problem_text()
    assert report.exporter_fingerprint == store.fingerprint() and report.record is not None
    assert all(b.intact and b.custody_count == 2 for b in report.bundles) and len(report.bundles) == 2
    assert report.notes == []


def test_a_dropped_last_custody_line_is_caught_against_export_json(exported: Path, tmp_path: Path) -> None:
    def drop_last(name: str, data: bytes) -> bytes:
        if name.endswith("custody.jsonl"):
            return b"".join(data.splitlines(keepends=True)[:-1])
        return data

    report = verify_export(rewrite_zip(exported, tmp_path / "cut.zip", drop_last))
    assert not report.intact
    assert {p.file.split("/")[-1] for p in report.problems} == {"custody.jsonl"}
    assert "export.json says the log had 2 events" in report.problem_text()


def test_an_added_custody_line_is_caught(exported: Path, tmp_path: Path) -> None:
    def duplicate_last(name: str, data: bytes) -> bytes:
        return data + data.splitlines(keepends=True)[-1] if name.endswith("custody.jsonl") else data

    report = verify_export(rewrite_zip(exported, tmp_path / "more.zip", duplicate_last))
    assert not report.intact and "custody.jsonl line 3" in report.problem_text()


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("export.json", "export.json.sig: the signature does not verify"),
        ("chain-of-custody.pdf", "chain-of-custody.pdf: its sha256 is not the one export.json records"),
        ("VERIFY.txt", "VERIFY.txt: its sha256 is not the one export.json records"),
        ("export.json.sig", "export.json.sig: the signature does not verify"),
    ],
)
def test_changed_top_level_files_are_named(exported: Path, tmp_path: Path, target: str, expected: str) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name != target:
            return data
        if name == "export.json":
            record = json.loads(data)
            record["bundles"][0]["custody_count"] = 1
            return json.dumps(record, indent=2).encode()
        return data[:-1] + bytes([data[-1] ^ 1])

    report = verify_export(rewrite_zip(exported, tmp_path / "changed.zip", change))
    assert not report.intact
    assert expected in report.problem_text(), report.problem_text()


def test_a_replaced_exporter_key_is_caught(exported: Path, tmp_path: Path, store: Store) -> None:
    from evidence_store.bundle.keys import SigningKey

    other = SigningKey.generate().public_pem()
    report = verify_export(rewrite_zip(exported, tmp_path / "k.zip",
                                       lambda n, d: other if n == "exporter.pub.pem" else d))
    assert "exporter.pub.pem: its fingerprint" in report.problem_text()


def test_a_bundle_removed_or_added_is_named(exported: Path, tmp_path: Path, store: Store, seal: SealFn) -> None:
    ids = _ids(exported)
    removed = rewrite_zip(exported, tmp_path / "removed.zip", lambda n, d: None if n.startswith(ids[0]) else d)
    report = verify_export(removed)
    assert f"{ids[0]}: missing: export.json lists this capture" in report.problem_text()

    extra = seal(target=store)
    files = {f"{extra.id}/{p.relative_to(extra.path).as_posix()}": p.read_bytes()
             for p in extra.path.rglob("*") if p.is_file()}
    added = rewrite_zip(exported, tmp_path / "added.zip", lambda n, d: d, files)
    report = verify_export(added)
    assert f"{extra.id}: is not listed in export.json" in report.problem_text()
    assert next(b for b in report.bundles if b.capture_id == extra.id).intact


def test_a_tampered_artifact_is_named_by_its_path(exported: Path, tmp_path: Path) -> None:
    target = _ids(exported)[1]

    def change(name: str, data: bytes) -> bytes:
        return b"<html>other</html>" if name == f"{target}/artifacts/page.html" else data

    report = verify_export(rewrite_zip(exported, tmp_path / "t.zip", change))
    assert [p.file for p in report.problems] == [f"{target}/artifacts/page.html"]
    assert [b.intact for b in sorted(report.bundles, key=lambda b: b.capture_id)] == [True, False]


def test_bundles_zipped_by_hand_verify_with_a_note(exported: Path, tmp_path: Path) -> None:
    tops = ("export.json", "export.json.sig", "exporter.pub.pem", "chain-of-custody.pdf", "VERIFY.txt")
    bare = rewrite_zip(exported, tmp_path / "bare.zip", lambda n, d: None if n in tops else d)
    report = verify_export(bare)
    assert report.intact and len(report.bundles) == 2
    assert "no export record" in report.notes[0]

    only_record_gone = rewrite_zip(exported, tmp_path / "no-record.zip", lambda n, d: None if n == "export.json" else d)
    report = verify_export(only_record_gone)
    assert "export.json: missing, but export.json.sig is there" in report.problem_text()


def test_not_a_zip_and_a_zip_without_bundles(tmp_path: Path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(NotAZip):
        verify_export(text)
    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as empty:
        empty.writestr("VERIFY.txt", b"hi")
    with pytest.raises(NotAnExport, match="holds no evidence bundle"):
        verify_export(tmp_path / "empty.zip")
