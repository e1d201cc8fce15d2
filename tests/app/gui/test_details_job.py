"""The detail view's job reads a bundle through evidence_store.bundle.read: bounded, never through a link,
and a damaged bundle still shows what could be read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app.gui.runtime.jobs import Details, DetailsJob
from evidence_store.bundle.names import MAX_MANIFEST_BYTES
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle


def _details(store: Store, capture_id: str) -> Details:
    return DetailsJob(store, capture_id).run(lambda _step: None)


def test_details_of_a_sealed_bundle(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        record = make_bundle(store, title="Forside", case="Sag 1")
        details = _details(store, record.id)
        assert details.problems == []
        assert details.record.id == record.id
        assert details.manifest["capture_id"] == record.id
        assert details.manifest["capture"]["title"] == "Forside"
        assert [e["event"] for e in details.custody] == ["captured"]


def test_details_of_an_oversized_or_linked_manifest_say_why(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        record = make_bundle(store)
        manifest = record.path / "manifest.json"
        outside = tmp_path / "outside.json"
        shutil.copyfile(manifest, outside)
        with manifest.open("r+b") as fh:
            fh.truncate(MAX_MANIFEST_BYTES + 1)
        details = _details(store, record.id)
        assert details.manifest == {}
        assert details.problems == [f"manifest.json cannot be read: is {MAX_MANIFEST_BYTES + 1} bytes, more than "
                                    f"the {MAX_MANIFEST_BYTES} bytes such a file may have"]
        assert [e["event"] for e in details.custody] == ["captured"]

        manifest.unlink()
        os.symlink(outside, manifest)
        details = _details(store, record.id)
        assert details.manifest == {}
        assert details.problems == ["manifest.json cannot be read: is a symbolic link (not followed)"]


def test_details_of_a_garbage_manifest_and_a_missing_log(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        record = make_bundle(store)
        (record.path / "manifest.json").write_bytes(b"[1, 2]")
        (record.path / "custody.jsonl").unlink()
        details = _details(store, record.id)
        assert details.manifest == {} and details.custody == []
        assert details.problems[0] == "manifest.json is not a JSON object"
        assert details.problems[1].startswith("custody.jsonl cannot be read: cannot be read (")
