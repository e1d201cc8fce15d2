"""Exporting a case: what the zip holds, the custody events and logs it leaves, and what it refuses."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from evidence_store.errors import ExportError, ExportPathInvalid, UnknownCase
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.handover import export as export_module
from evidence_store.handover.export import export_log
from evidence_store.handover.record import Progress, verify_html
from evidence_store.handover.verify import verify_export
from evidence_store.report.render import ReportError
from evidence_store.store.store import Store
from tests.evidence_store.conftest import SealFn
from tests.evidence_store.handover.helpers import CASE, export


def test_export_holds_every_bundle_report_record_and_verify_txt(store: Store, seal: SealFn, tmp_path: Path) -> None:
    first, second = seal(), seal()
    seal(case="another case")
    progress: list[Progress] = []
    result = export(store, tmp_path / "sag.zip", on_progress=progress.append)

    assert result.zip_path == tmp_path / "sag.zip" and result.sha256 == hash_file(result.zip_path).sha256
    assert sorted(b.capture_id for b in result.bundles) == sorted([first.id, second.id])
    with zipfile.ZipFile(result.zip_path) as zf:
        names = zf.namelist()
        record = json.loads(zf.read("export.json"))
        assert sha256_bytes(zf.read("chain-of-custody.pdf")) == record["report"]["sha256"] == result.report_sha256
        assert zf.read("chain-of-custody.pdf").startswith(b"%PDF-")
        verify_txt = zf.read("VERIFY.txt").decode("utf-8")
        custody_lines = zf.read(f"{first.id}/custody.jsonl").decode("utf-8").splitlines()
        page = zf.read("verify.html")
    assert names[:6] == ["verify.html", "VERIFY.txt", "export.json", "export.json.sig", "exporter.pub.pem",
                         "chain-of-custody.pdf"]
    assert {n.split("/")[0] for n in names[6:]} == {first.id, second.id}
    assert page == verify_html() and record["verify_html_sha256"] == sha256_bytes(page)
    assert record["organisation_tsa_roots"] == []
    assert "DANSK" in verify_txt and "ENGLISH" in verify_txt and first.id in verify_txt
    assert record["case"] == CASE and record["exporter"]["public_key_sha256"] == store.fingerprint()
    assert [b["custody_count"] for b in record["bundles"]] == [2, 2]

    # The zip holds the "exported" event, naming the file; the store holds the same log.
    exported = json.loads(custody_lines[-1])
    assert exported["event"] == "exported" and exported["actor"] == "Mette Hansen"
    assert exported["details"]["file"] == "sag.zip" and exported["details"]["export_id"] == result.export_id
    assert store.custody_events(first.id)[-1] == exported
    assert store.verify(first.id).intact

    assert export_log(store)[-1]["sha256"] == result.sha256
    assert export_log(store)[-1]["file"] == str(result.zip_path)
    assert {p.phase for p in progress} == {"verify", "record", "report", "zip", "check"}
    assert [p.capture_id for p in progress if p.phase == "zip"] == [b.capture_id for b in result.bundles]
    assert verify_export(result.zip_path).intact
    assert not list(store.staging_dir.iterdir())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_case_with_a_damaged_bundle_is_refused_naming_it(store: Store, seal: SealFn, tmp_path: Path) -> None:
    good, bad = seal(), seal()
    (bad.path / "artifacts" / "page.html").write_bytes(b"<html>changed</html>")
    with pytest.raises(ExportError) as err:
        export(store, tmp_path / "sag.zip")
    message = str(err.value)
    assert bad.id in message and "artifacts/page.html" in message and good.id not in message
    assert "--include-damaged" in message
    assert not (tmp_path / "sag.zip").exists()
    assert [e["event"] for e in store.custody_events(good.id)] == ["captured"]     # nothing recorded
    assert export_log(store) == []


def test_include_damaged_exports_and_says_so(store: Store, seal: SealFn, tmp_path: Path) -> None:
    seal()
    bad = seal()
    (bad.path / "artifacts" / "page.html").write_bytes(b"<html>changed</html>")
    result = export(store, tmp_path / "sag.zip", include_damaged=True)
    assert result.damaged == [bad.id]
    with zipfile.ZipFile(result.zip_path) as zf:
        record = json.loads(zf.read("export.json"))
    listed = {b["capture_id"]: b for b in record["bundles"]}
    assert record["damaged_included"] is True and listed[bad.id]["intact"] is False
    assert any("page.html" in p for p in listed[bad.id]["problems"])
    check = verify_export(result.zip_path)
    assert not check.intact and {p.file.split("/")[0] for p in check.problems} == {bad.id}


def test_unknown_case_and_unusable_paths(store: Store, seal: SealFn, tmp_path: Path) -> None:
    seal()
    with pytest.raises(UnknownCase):
        export(store, tmp_path / "x.zip", case="no such case")
    (tmp_path / "exists.zip").write_bytes(b"keep me")
    for bad in (tmp_path / "exists.zip", tmp_path / "missing-folder" / "x.zip", tmp_path / "x.pdf",
                store.root / "x.zip", store.bundles_dir / "x.zip"):
        with pytest.raises(ExportPathInvalid):
            export(store, bad)
    assert (tmp_path / "exists.zip").read_bytes() == b"keep me"
    assert [e["event"] for e in store.custody_events(store.list_captures()[0].id)] == ["captured"]


def test_a_failed_export_leaves_no_zip_and_no_part_file(
    store: Store, seal: SealFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seal()

    def broken_zip(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_add_bundle", broken_zip)
    with pytest.raises(ExportError, match="No space left"):
        export(store, tmp_path / "sag.zip")
    assert not (tmp_path / "sag.zip").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert not list(store.staging_dir.iterdir())
    assert export_log(store) == []


def test_a_report_failure_is_an_export_error(
    store: Store, seal: SealFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seal()

    def broken(*args: object, **kwargs: object) -> None:
        raise ReportError("The report could not be laid out.")

    monkeypatch.setattr(export_module, "render_custody_report", broken)
    with pytest.raises(ExportError, match="laid out"):
        export(store, tmp_path / "sag.zip")
    assert not (tmp_path / "sag.zip").exists() and not list(store.staging_dir.iterdir())


def test_a_case_of_captures_without_a_case_name_can_be_exported(store: Store, seal: SealFn, tmp_path: Path) -> None:
    seal(case="")
    result = export(store, tmp_path / "ingen-sag.zip", case="")
    assert len(result.bundles) == 1 and verify_export(result.zip_path).intact
