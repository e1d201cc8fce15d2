"""Hashing speed and safety, capture ids and artifact names, and the index at 10,000 captures."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evidence_store.bundle.names import artifact_name_problem, capture_id_time, is_capture_id, new_capture_id
from evidence_store.files.fsutil import UnreadableFile
from evidence_store.files.hashing import CHUNK_SIZE, hash_file, sha256_bytes
from evidence_store.store.rows import CustodyRow, IndexRow
from evidence_store.store.store import Store


def test_hash_file_matches_hashlib(tmp_path: Path) -> None:
    for size in (0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE + 17):
        data = os.urandom(size)
        path = tmp_path / f"f{size}"
        path.write_bytes(data)
        digest = hash_file(path, fsync=True)
        assert digest.sha256 == hashlib.sha256(data).hexdigest() == sha256_bytes(data)
        assert digest.size == size


def test_hash_file_refuses_links_folders_and_pipes(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    os.mkfifo(tmp_path / "pipe")
    for name, message in (("link", "symbolic link"), ("pipe", "not a regular file"), (".", "regular file")):
        with pytest.raises(UnreadableFile, match=message):
            hash_file(tmp_path / name)
    with pytest.raises(UnreadableFile, match="cannot be read"):
        hash_file(tmp_path / "missing")


@pytest.mark.slow
def test_hashing_500_mb_keeps_up_with_sha256sum(tmp_path: Path) -> None:
    assert shutil.which("sha256sum"), "sha256sum is missing: run scripts/system-deps.sh"
    path = tmp_path / "big.bin"
    block = os.urandom(1 << 20)
    with open(path, "wb") as f:
        for _ in range(500):
            f.write(block)
    subprocess.run(["sha256sum", str(path)], check=True, capture_output=True)     # warm the page cache
    start = time.perf_counter()
    expected = subprocess.run(["sha256sum", str(path)], check=True, capture_output=True, text=True)
    tool_seconds = time.perf_counter() - start
    start = time.perf_counter()
    digest = hash_file(path)
    our_seconds = time.perf_counter() - start
    assert digest.sha256 == expected.stdout.split()[0]
    assert our_seconds <= tool_seconds / 0.8, (our_seconds, tool_seconds)


def test_capture_ids() -> None:
    when = datetime(2026, 11, 21, 10, 15, 30, tzinfo=UTC)
    capture_id = new_capture_id(when)
    assert capture_id.startswith("20261121T101530Z-") and len(capture_id) == 25
    assert is_capture_id(capture_id) and capture_id_time(capture_id) == when
    assert new_capture_id(when) != capture_id
    for bad in ("20261121T101530Z-3F9A1C2B", "20261321T101530Z-3f9a1c2b", "20261121T101530Z-3f9a1c2",
                "x20261121T101530Z-3f9a1c2b", "20261121T101530Z-3f9a1c2b\n", "",
                "\u0662\u0660\u0662\u0666\u0661\u0661\u0662\u0661T101530Z-3f9a1c2b"):
        assert not is_capture_id(bad), bad


@pytest.mark.parametrize("name", ["screenshot-full.png", "page.mhtml", "parts/part-01.png", "a_b-c.d.e",
                                  "x/y/z/w.bin", "Page.HTML"])
def test_good_artifact_names(name: str) -> None:
    assert artifact_name_problem(name) is None


@pytest.mark.parametrize("name", ["", ".", "..", "../x", "x/..", "/x", "x/", "x//y", ".hidden", "-x",
                                  "x.", "a b", "æ.png", "a:b", "a*b", "nul", "com1.txt", "x" * 256,
                                  "/".join("a" * 9), "a\x00b", "a\\b"])
def test_bad_artifact_names(name: str) -> None:
    assert artifact_name_problem(name) is not None


def _row(i: int) -> IndexRow:
    capture_id = f"2026{(i // 28) % 12 + 1:02d}{i % 28 + 1:02d}T{i % 24:02d}0000Z-{i:08x}"
    return IndexRow(
        id=capture_id, case=f"Sag {i % 50}", url=f"https://example.org/{i}", final_url=f"https://example.org/{i}",
        title=f"Opslag nummer {i} æøå", http_status=200, started_at=capture_id[:4] + "-01-01T00:00:00.000Z",
        finished_at="", operator="Mette", organisation="Aarhus", note="", signer_fingerprint="0" * 64,
        has_timestamp=False,
        custody=(CustodyRow(1, "captured", "2026-01-01T00:00:00Z", "Mette", "Aarhus", "f" * 64),),
    )


def test_index_answers_fast_with_10000_captures(store: Store) -> None:
    store.index.add_missing(_row(i) for i in range(10_000))
    start = time.perf_counter()
    newest = store.list_captures(limit=50)
    in_case = store.list_captures(case="Sag 7")
    found = store.list_captures(text="NUMMER 4242 ÆØÅ")
    cases = store.cases()
    one = store.get(_row(1234).id)
    elapsed = time.perf_counter() - start
    assert len(newest) == 50 and len(in_case) == 200
    assert [r.title for r in found] == ["Opslag nummer 4242 æøå"]
    assert len(cases) == 50 and one.id == _row(1234).id
    assert elapsed < 1.0, elapsed
    plan = store.index._read(
        "EXPLAIN QUERY PLAN SELECT id FROM captures WHERE case_id = 1 ORDER BY started_at DESC"
    )
    assert any("captures_by_case" in str(row) for row in plan)
