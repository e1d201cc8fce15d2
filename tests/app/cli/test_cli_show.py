"""``vidne show`` reads the bundle through evidence_store.bundle.read: bounded, never through a link, and
a damaged manifest is said on stderr with exit 1 instead of a traceback."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from app.cli.main import main
from evidence_store.bundle.names import MAX_MANIFEST_BYTES
from evidence_store.files.hashing import hash_file
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, CaptureRecord]:
    root = tmp_path / "store"
    with Store.open(root) as store:
        return root, make_bundle(store, title="Forside", case="Sag 1")


def _show(root: Path, capture_id: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["--store", str(root), "show", capture_id, *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_show_lists_the_capture_and_its_files(made: tuple[Path, CaptureRecord],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    root, record = made
    code, out, err = _show(root, record.id, capsys)
    assert code == 0 and err == ""
    assert f"{'id':>14}: {record.id}" in out and f"{'title':>14}: Forside" in out
    full = hash_file(record.path / "artifacts" / "screenshot-full.png")
    assert (f"{'artifact':>14}: artifacts/screenshot-full.png  {full.size} bytes  sha256 {full.sha256}"
            in out.splitlines())

    code, out, err = _show(root, record.id, capsys, "--json")
    shown = json.loads(out)
    assert code == 0 and "problems" not in shown
    assert shown["manifest"] == json.loads((record.path / "manifest.json").read_bytes())


def test_show_of_an_oversized_manifest_says_so_and_exits_1(made: tuple[Path, CaptureRecord],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root, record = made
    with (record.path / "manifest.json").open("r+b") as fh:
        fh.truncate(MAX_MANIFEST_BYTES + 1)
    code, out, err = _show(root, record.id, capsys)
    assert code == 1
    assert f"{'id':>14}: {record.id}" in out and "artifact" not in out
    assert err == (f"vidne: manifest.json cannot be read: is {MAX_MANIFEST_BYTES + 1} bytes, more than the "
                   f"{MAX_MANIFEST_BYTES} bytes such a file may have\n")
    code, out, _err = _show(root, record.id, capsys, "--json")
    shown = json.loads(out)
    assert code == 1 and shown["manifest"] == {} and shown["problems"][0].startswith("manifest.json cannot be")


def test_show_does_not_follow_a_linked_manifest(made: tuple[Path, CaptureRecord], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root, record = made
    outside = tmp_path / "outside.json"
    shutil.copyfile(record.path / "manifest.json", outside)
    (record.path / "manifest.json").unlink()
    os.symlink(outside, record.path / "manifest.json")
    code, _out, err = _show(root, record.id, capsys)
    assert code == 1 and "symbolic link (not followed)" in err


def test_show_of_garbage_manifest_exits_1_without_a_traceback(made: tuple[Path, CaptureRecord],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root, record = made
    (record.path / "manifest.json").write_bytes(b'{"artifacts": [{"path": "\x1b[31mred"}')
    code, out, err = _show(root, record.id, capsys)
    assert code == 1 and err.startswith("vidne: manifest.json cannot be read: ") and "\x1b" not in out + err


def test_show_prints_hostile_artifact_names_safely(made: tuple[Path, CaptureRecord],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root, record = made
    (record.path / "manifest.json").write_text('{"artifacts": [{"path": "\\u001b[31mred", "size": "1"}, 7]}',
                                               encoding="utf-8")
    code, out, err = _show(root, record.id, capsys)
    assert code == 0 and err == "" and "\x1b" not in out
    assert f"{'artifact':>14}: \ufffd[31mred  ? bytes  sha256 " in out
