"""The one way to read a bundle: bounded, never through a link, tolerant where its callers need it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from evidence_store.bundle import custody, names
from evidence_store.bundle.read import (
    FILE_LIMITS,
    UnreadableBundleFile,
    read_bundle,
    read_bundle_file,
    read_custody,
    read_manifest,
)
from evidence_store.bundle.verify import OPTIONAL_FILES, REQUIRED_FILES, verify_bundle
from evidence_store.errors import StoreError
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.store.index import CaptureRecord
from evidence_store.store.rows import read_bundle_row
from evidence_store.store.stamping import stamp_capture, stamp_pending
from evidence_store.store.store import Store
from tests.evidence_store.conftest import SealFn, sample_facts
from tests.support.tsa_server import running_tsa

OVERSIZED = names.MAX_MANIFEST_BYTES + 1


def _oversize(path: Path, size: int = OVERSIZED) -> None:
    """Make ``path`` ``size`` bytes long without writing them (a sparse file)."""
    with path.open("r+b") as fh:
        fh.truncate(size)


def test_a_sealed_bundle_reads_as_a_typed_view(sealed: CaptureRecord) -> None:
    view = read_bundle(sealed.path)
    facts = sample_facts()
    assert view.problems == ()
    assert view.folder == sealed.path
    assert view.manifest_bytes == (sealed.path / "manifest.json").read_bytes()
    assert view.manifest_sha256 == sha256_bytes(view.manifest_bytes)
    assert view.capture_id == sealed.id
    assert (view.url, view.final_url, view.title) == (facts["url_requested"], facts["final_url"], facts["title"])
    assert (view.started_at, view.finished_at) == (facts["started_at"], facts["finished_at"])
    assert view.http_status == 200
    assert (view.case, view.note) == ("Facebook-gruppe oktober", "Set af Mette")
    assert (view.operator, view.organisation) == ("Mette Hansen", "Aarhus Kommune")
    assert view.facts["redirects"] == facts["redirects"]
    assert view.signer_fingerprint == verify_bundle(sealed.path).signer_fingerprint
    assert [a.path for a in view.artifacts] == ["artifacts/screenshot-full.png", "artifacts/page.html",
                                                "artifacts/parts/part-1.png"]
    for artifact in view.artifacts:
        digest = hash_file(sealed.path / artifact.path)
        assert (artifact.sha256, artifact.size) == (digest.sha256, digest.size)
    assert view.artifacts[1].media_type == "text/html"
    assert view.artifacts[1].description == "The rendered page"
    assert [e["event"] for e in view.custody_events] == ["captured"]
    assert view.custody_bytes == (sealed.path / custody.CUSTODY_FILE).read_bytes()
    assert view.custody_summary.count == 1
    assert view.has_timestamp is False


def test_every_file_the_verifier_reads_has_one_limit() -> None:
    assert set(FILE_LIMITS) == {*REQUIRED_FILES, *OPTIONAL_FILES}
    assert FILE_LIMITS["manifest.json"] == names.MAX_MANIFEST_BYTES == 64 << 20
    assert FILE_LIMITS[custody.CUSTODY_FILE] == custody.MAX_CUSTODY_BYTES == names.MAX_CUSTODY_BYTES


def test_an_oversized_manifest_is_refused_with_a_clear_error(sealed: CaptureRecord) -> None:
    _oversize(sealed.path / "manifest.json")
    too_big = f"is {OVERSIZED} bytes, more than the {OVERSIZED - 1} bytes"
    with pytest.raises(UnreadableBundleFile, match=too_big) as caught:
        read_manifest(sealed.path)
    assert caught.value.name == "manifest.json"
    assert caught.value.describe().startswith(f"manifest.json is {OVERSIZED} bytes")

    view = read_bundle(sealed.path)          # the tolerant reader: what could be read, and why not the rest
    assert view.manifest_bytes is None and view.manifest == {}
    assert view.problems == (f"manifest.json cannot be read: is {OVERSIZED} bytes, more than the "
                             f"{OVERSIZED - 1} bytes such a file may have",)
    assert [e["event"] for e in view.custody_events] == ["captured"]
    assert view.capture_id == "" and view.artifacts == () and view.http_status is None

    report = verify_bundle(sealed.path)
    assert f"manifest.json: is {OVERSIZED} bytes, more than the {OVERSIZED - 1} bytes such a file may have" \
        in report.problem_text()


def test_a_symlinked_manifest_is_refused(sealed: CaptureRecord, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.json"
    shutil.copyfile(sealed.path / "manifest.json", outside)
    (sealed.path / "manifest.json").unlink()
    os.symlink(outside, sealed.path / "manifest.json")
    with pytest.raises(UnreadableBundleFile, match="symbolic link"):
        read_manifest(sealed.path)
    view = read_bundle(sealed.path)
    assert view.manifest_bytes is None
    assert view.problems == ("manifest.json cannot be read: is a symbolic link (not followed)",)


def test_a_symlinked_or_missing_custody_log_is_said(sealed: CaptureRecord, store: Store, tmp_path: Path) -> None:
    log = sealed.path / custody.CUSTODY_FILE
    outside = tmp_path / "custody.jsonl"
    shutil.copyfile(log, outside)
    log.unlink()
    os.symlink(outside, log)
    with pytest.raises(UnreadableBundleFile, match="symbolic link"):
        read_custody(sealed.path)
    view = read_bundle(sealed.path)
    assert view.capture_id == sealed.id             # the manifest is still read
    assert view.custody_bytes == b"" and view.custody_events == []
    assert view.problems == ("custody.jsonl cannot be read: is a symbolic link (not followed)",)
    with pytest.raises(StoreError, match="symbolic link"):
        store.custody_events(sealed.id)
    log.unlink()
    assert read_bundle(sealed.path).problems[0].startswith("custody.jsonl cannot be read: cannot be read (")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "manifest.json cannot be read: Expecting value"),
        (b'{"format": "vidne-evidence-bundle", "capture', "manifest.json cannot be read: "),
        (b"\xff\xfe{}", "manifest.json cannot be read: 'utf-8' codec"),
        (b"[" * 200_000, "manifest.json cannot be read: "),
        (b"[1, 2, 3]", "manifest.json is not a JSON object"),
        (b'"text"', "manifest.json is not a JSON object"),
    ],
)
def test_a_truncated_or_garbage_manifest_gives_a_view_that_says_so(
    sealed: CaptureRecord, content: bytes, problem: str
) -> None:
    (sealed.path / "manifest.json").write_bytes(content)
    view = read_bundle(sealed.path)
    assert view.manifest_bytes == content
    assert view.manifest == {}
    assert len(view.problems) == 1 and view.problems[0].startswith(problem)
    assert (view.capture_id, view.url, view.title, view.artifacts, view.facts) == ("", "", "", (), {})
    assert view.custody_summary.count == 1
    row = read_bundle_row(sealed.path, sealed.id)   # the index still gets a row for it
    assert row.id == sealed.id and row.url == "" and row.custody_count == 1


def test_damaged_fields_read_as_empty_values(sealed: CaptureRecord) -> None:
    (sealed.path / "manifest.json").write_text(
        '{"capture_id": 7, "case": ["x"], "capture": {"url_requested": null, "title": "ok", "http_status": true},'
        ' "artifacts": [1, {"path": "artifacts/a", "size": "12", "sha256": null}, {"size": 3}]}',
        encoding="utf-8",
    )
    view = read_bundle(sealed.path)
    assert view.problems == ()
    assert (view.capture_id, view.case, view.url, view.title, view.http_status) == ("", "", "", "ok", None)
    assert [(a.path, a.size, a.sha256) for a in view.artifacts] == [("artifacts/a", None, ""), ("", 3, "")]


def test_only_the_files_of_a_bundle_are_read_this_way(sealed: CaptureRecord) -> None:
    with pytest.raises(KeyError):
        read_bundle_file(sealed.path, "artifacts/page.html")
    assert read_bundle_file(sealed.path, "SHA256SUMS").startswith(sha256_bytes(
        (sealed.path / "manifest.json").read_bytes()).encode("ascii"))


def test_stamping_an_oversized_manifest_is_refused_before_asking_a_tsa(
    sealed: CaptureRecord, store: Store
) -> None:
    _oversize(sealed.path / "manifest.json")
    with pytest.raises(StoreError, match=f"manifest.json is {OVERSIZED} bytes, more than") as caught:
        stamp_capture(store, sealed, ["http://127.0.0.1:9/tsr"], actor="Mette", organisation="Aarhus Kommune")
    assert "cannot be time-stamped" in str(caught.value)
    assert not (sealed.path / "timestamp.tsr").exists()
    assert len(read_custody(sealed.path).splitlines()) == 1


def test_stamping_a_symlinked_manifest_is_refused(sealed: CaptureRecord, store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "m.json"
    shutil.copyfile(sealed.path / "manifest.json", outside)
    (sealed.path / "manifest.json").unlink()
    os.symlink(outside, sealed.path / "manifest.json")
    with pytest.raises(StoreError, match="symbolic link"):
        stamp_capture(store, sealed, ["http://127.0.0.1:9/tsr"], actor="Mette", organisation="Aarhus Kommune")


def test_a_damaged_pending_capture_does_not_stop_the_others_being_stamped(
    seal: SealFn, store: Store, tmp_path: Path
) -> None:
    damaged, whole = seal(), seal()               # oldest first: the damaged one is asked about first
    _oversize(damaged.path / "manifest.json")
    with running_tsa(tmp_path / "tsa") as tsa:
        outcomes = stamp_pending(store, [tsa.url("with-root")], actor="Mette", organisation="Aarhus Kommune")
    by_id = {o.capture_id: o for o in outcomes}
    assert not by_id[damaged.id].stamped and "cannot be time-stamped" in by_id[damaged.id].message
    assert by_id[whole.id].stamped and (whole.path / "timestamp.tsr").is_file()
    assert not (damaged.path / "timestamp.tsr").exists()
