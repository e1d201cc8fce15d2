"""HR receives an export: verified first, added with a 'received' event signed by HR's own key;
a capture the store holds already is never overwritten."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_store.bundle.verify import verify_bundle
from evidence_store.errors import ImportRefused
from evidence_store.handover.importing import import_zip
from evidence_store.store.store import Store
from tests.evidence_store.conftest import SealFn
from tests.evidence_store.handover.helpers import export, rewrite_zip, store_files


@pytest.fixture
def hr(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "hr-store")
    yield s
    s.close()


def _import(hr: Store, zip_path: Path) -> object:
    return import_zip(hr, zip_path, actor="Hanne HR", organisation="Aarhus Kommune")


def test_import_adds_every_bundle_with_a_received_event_by_the_receiver(
    store: Store, seal: SealFn, hr: Store, tmp_path: Path
) -> None:
    ids = sorted([seal().id, seal().id])
    exported = export(store, tmp_path / "sag.zip")
    result = import_zip(hr, exported.zip_path, actor="Hanne HR", organisation="Aarhus Kommune")

    assert result.added == ids and result.skipped == [] and result.zip_sha256 == exported.sha256
    assert result.exported_by == "Mette Hansen" and result.exporter_fingerprint == store.fingerprint()
    assert sorted(r.id for r in hr.list_captures()) == ids
    for capture_id in ids:
        events = hr.custody_events(capture_id)
        assert [e["event"] for e in events] == ["captured", "exported", "received"]
        received = events[-1]
        assert received["actor"] == "Hanne HR" and received["signer_fingerprint"] == hr.fingerprint()
        assert events[0]["signer_fingerprint"] == store.fingerprint() != hr.fingerprint()
        assert received["details"]["zip_sha256"] == exported.sha256
        assert received["details"]["exporter_fingerprint"] == store.fingerprint()
        assert received["details"]["export_id"] == exported.export_id
        assert hr.verify(capture_id).intact and verify_bundle(hr.get(capture_id).path).intact
    assert not list(hr.staging_dir.iterdir())


def test_one_tampered_bundle_refuses_the_whole_import(store: Store, seal: SealFn, hr: Store, tmp_path: Path) -> None:
    good, bad = seal(), seal()
    exported = export(store, tmp_path / "sag.zip").zip_path

    def tamper(name: str, data: bytes) -> bytes | None:
        if name == f"{bad.id}/artifacts/page.html":
            return b"<html>forged</html>"
        if name == f"{bad.id}/artifacts/parts/part-1.png":
            return None
        return data

    tampered = rewrite_zip(exported, tmp_path / "tampered.zip", tamper)
    before = store_files(hr)
    with pytest.raises(ImportRefused) as err:
        _import(hr, tampered)
    message = str(err.value)
    assert f"{bad.id}/artifacts/page.html" in message and f"{bad.id}/artifacts/parts/part-1.png" in message
    assert good.id not in message
    assert hr.list_captures() == [] and store_files(hr) == before
    assert not list(hr.staging_dir.iterdir())


def test_a_dropped_custody_line_refuses_the_import(store: Store, seal: SealFn, hr: Store, tmp_path: Path) -> None:
    seal()
    exported = export(store, tmp_path / "sag.zip").zip_path
    cut = rewrite_zip(exported, tmp_path / "cut.zip", lambda n, d: b"".join(d.splitlines(True)[:-1])
                      if n.endswith("custody.jsonl") else d)
    with pytest.raises(ImportRefused, match=r"custody\.jsonl"):
        _import(hr, cut)
    assert hr.list_captures() == []


def test_importing_again_skips_what_is_held(store: Store, seal: SealFn, hr: Store, tmp_path: Path) -> None:
    first = seal()
    exported = export(store, tmp_path / "sag.zip").zip_path
    _import(hr, exported)
    events_before = hr.custody_events(first.id)
    again = import_zip(hr, exported, actor="Hanne HR", organisation="Aarhus Kommune")
    assert again.added == [] and [s.capture_id for s in again.skipped] == [first.id]
    assert "nothing new" in again.skipped[0].reason
    assert hr.custody_events(first.id) == events_before

    # The employee adds a capture and exports the case again: the new one comes in, the held one
    # keeps its own log, and the later 'exported' event it missed is named.
    second = seal()
    later = export(store, tmp_path / "sag-2.zip").zip_path
    result = import_zip(hr, later, actor="Hanne HR", organisation="Aarhus Kommune")
    assert result.added == [second.id] and [s.capture_id for s in result.skipped] == [first.id]
    assert "1 custody event(s)" in result.skipped[0].reason and "exported" in result.skipped[0].reason
    assert hr.custody_events(first.id) == events_before and hr.verify(first.id).intact


def test_a_different_capture_under_a_held_id_refuses_the_import(
    store: Store, seal: SealFn, hr: Store, tmp_path: Path
) -> None:
    first = seal()
    exported = export(store, tmp_path / "sag.zip").zip_path
    _import(hr, exported)
    manifest = hr.get(first.id).path / "manifest.json"
    original = manifest.read_bytes()
    manifest.write_bytes(original.replace(b"Set af Mette", b"Set af Hanne"))
    with pytest.raises(ImportRefused, match="DIFFERENT capture"):
        _import(hr, exported)
    assert manifest.read_bytes() != original          # the store's copy was not touched either way


def test_a_zip_of_bare_bundles_imports_with_a_note(store: Store, seal: SealFn, hr: Store, tmp_path: Path) -> None:
    first = seal()
    exported = export(store, tmp_path / "sag.zip").zip_path
    bare = rewrite_zip(exported, tmp_path / "bare.zip", lambda n, d: d if n.startswith(first.id) else None)
    result = import_zip(hr, bare, actor="Hanne HR", organisation="Aarhus Kommune")
    assert result.added == [first.id] and result.exported_by is None and "no export record" in result.notes[0]
    received = hr.custody_events(first.id)[-1]
    assert received["event"] == "received" and "export_id" not in received["details"]


def test_import_of_an_export_made_by_hr_again(store: Store, seal: SealFn, hr: Store, tmp_path: Path) -> None:
    """Chains from several people: captured (employee) → exported (employee) → received (HR) →
    exported (HR) → received (a third store), each event signed by its own key."""
    capture_id = seal().id
    _import(hr, export(store, tmp_path / "sag.zip").zip_path)
    police_zip = export(hr, tmp_path / "politi.zip", by="Hanne HR").zip_path
    third = Store.open(tmp_path / "third")
    try:
        import_zip(third, police_zip, actor="Politi", organisation="Østjyllands Politi")
        events = third.custody_events(capture_id)
        assert [(e["event"], e["actor"]) for e in events] == [
            ("captured", "Mette Hansen"), ("exported", "Mette Hansen"), ("received", "Hanne HR"),
            ("exported", "Hanne HR"), ("received", "Politi")]
        fingerprints = [e["signer_fingerprint"] for e in events]
        assert fingerprints == [store.fingerprint()] * 2 + [hr.fingerprint()] * 2 + [third.fingerprint()]
        assert third.verify(capture_id).intact
        assert json.loads((third.get(capture_id).path / "custody.jsonl").read_text("utf-8").splitlines()[3])[
            "details"]["file"] == "politi.zip"
    finally:
        third.close()
