"""The store: where it lives, its key, staging, the index, and several processes at once."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from evidence_store.errors import (
    AmbiguousCaptureId,
    BundleNotFound,
    ImportRefused,
    SigningKeyError,
    StoreError,
)
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from tests.evidence_store.conftest import Art, SealFn


def test_root_comes_from_argument_then_env(tmp_path: Path, vidne_home: Path) -> None:
    with Store.open() as s:
        assert s.root == vidne_home
    with Store.open(tmp_path / "elsewhere") as s:
        assert s.root == tmp_path / "elsewhere"
        assert (s.root / "bundles").is_dir() and (s.root / "staging").is_dir()
        assert (s.root / "index.sqlite3").is_file()


def test_default_root_is_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs

    from evidence_store.store.store import default_root

    monkeypatch.delenv("VIDNE_HOME")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda name, appauthor: str(tmp_path / name))
    assert default_root() == tmp_path / "Vidne"


def test_unusable_root_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot use the evidence store folder"):
        Store.open(tmp_path / "file" / "store")


def test_key_file_is_owner_only_and_reused(store: Store) -> None:
    key = store.signing_key()
    assert stat.S_IMODE(store.key_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.key_path.parent.stat().st_mode) == 0o700
    assert store.key_path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    with Store.open(store.root) as again:
        assert again.fingerprint() == key.fingerprint()
    assert [p.name for p in store.key_path.parent.iterdir()] == ["signing-key.pem"]


def test_key_is_created_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        with Store.open(tmp_path / "s") as s:
            s.signing_key()
            assert stat.S_IMODE(s.key_path.stat().st_mode) == 0o600
            assert stat.S_IMODE(s.key_path.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_loose_key_permissions_are_tightened(store: Store) -> None:
    store.signing_key()
    store.key_path.chmod(0o644)
    store.key_path.parent.chmod(0o755)
    with Store.open(store.root) as again:
        again.signing_key()
    assert stat.S_IMODE(store.key_path.stat().st_mode) == 0o600


def test_damaged_key_is_never_replaced_silently(store: Store) -> None:
    store.signing_key()
    store.key_path.write_bytes(b"-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n")
    with Store.open(store.root) as again, pytest.raises(SigningKeyError, match="will not replace it"):
        again.signing_key()


def test_key_creation_race_ends_with_one_key(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from evidence_store.bundle.keys import SigningKey

    path = tmp_path / "private" / "signing-key.pem"
    with ThreadPoolExecutor(8) as pool:
        keys = list(pool.map(lambda _: SigningKey.load_or_create(path).fingerprint(), range(16)))
    assert len(set(keys)) == 1
    assert [p.name for p in path.parent.iterdir()] == ["signing-key.pem"]


def test_list_search_and_cases(seal: SealFn, store: Store) -> None:
    a = seal(case="Sag A", title="Første opslag ÆØÅ")
    b = seal(case="Sag B", title="Andet opslag", note="nævner Lars")
    c = seal(case="Sag A", title="Tredje")
    assert [r.id for r in store.list_captures()] == sorted([a.id, b.id, c.id], reverse=True)
    assert {r.id for r in store.list_captures(case="Sag A")} == {a.id, c.id}
    assert [r.id for r in store.list_captures(text="æøå")] == [a.id]
    assert [r.id for r in store.list_captures(text="LARS")] == [b.id]
    assert [r.id for r in store.list_captures(text="100%_")] == []
    assert len(store.list_captures(limit=2)) == 2
    assert {(k.name, k.capture_count) for k in store.cases()} == {("Sag A", 2), ("Sag B", 1)}
    record = store.get(a.id)
    assert record.title == "Første opslag ÆØÅ" and record.http_status == 200
    assert record.url == "https://example.org/post/1" and record.final_url.endswith("?x=1")
    assert record.started_at == "2026-11-21T10:15:30.123Z"
    assert record.operator == "Mette Hansen" and record.organisation == "Aarhus Kommune"
    assert record.custody_count == 1 and record.custody_head and not record.has_timestamp


def test_get_by_prefix_and_clear_errors(seal: SealFn, store: Store) -> None:
    a = seal()
    assert store.get(a.id[:20]).id == a.id
    assert store.bundle_path(a.id) == store.bundles_dir / a.id
    with pytest.raises(BundleNotFound, match="There is no capture 'nope'"):
        store.get("nope")
    with pytest.raises(BundleNotFound, match="No capture id"):
        store.get("  ")
    b = seal()
    assert a.id[:4] == b.id[:4]          # the same year
    with pytest.raises(AmbiguousCaptureId, match="More than one"):
        store.get(a.id[:4])


def test_index_rebuild_equals_the_index(seal: SealFn, store: Store) -> None:
    records = [seal(case=f"Sag {i % 2}") for i in range(4)]
    store.append_custody(records[0].id, "exported", {"n": 1}, "x", "y")
    before = store.index.snapshot()
    assert store.rebuild_index() == 4
    assert store.index.snapshot() == before
    (store.root / "index.sqlite3").unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{store.root / 'index.sqlite3'}{suffix}").unlink(missing_ok=True)
    with Store.open(store.root) as fresh:
        assert fresh.index.snapshot() == before


def test_damaged_index_is_rebuilt(seal: SealFn, store: Store) -> None:
    a = seal()
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{store.root / 'index.sqlite3'}{suffix}").unlink(missing_ok=True)
    (store.root / "index.sqlite3").write_bytes(b"this is not a database" * 100)
    with Store.open(store.root) as fresh:
        assert [r.id for r in fresh.list_captures()] == [a.id]


def test_reconcile_adds_and_removes(seal: SealFn, store: Store, tmp_path: Path) -> None:
    a, b = seal(), seal()
    shutil.move(store.bundles_dir / a.id, tmp_path / a.id)            # gone from disk
    (store.bundles_dir / "not-a-capture-id").mkdir()                   # ignored
    (store.bundles_dir / "20261121T101530Z-0000000g").mkdir()          # not hex: ignored
    (store.bundles_dir / "20261121T101530Z-00000000").write_text("x")  # a file: ignored
    with Store.open(store.root) as again:
        assert [r.id for r in again.list_captures()] == [b.id]
    shutil.move(tmp_path / a.id, store.bundles_dir / a.id)             # back, unknown to the index
    with Store.open(store.root) as again:
        assert {r.id for r in again.list_captures()} == {a.id, b.id}
        assert again.verify(a.id).intact


def test_a_damaged_bundle_is_still_listed(seal: SealFn, store: Store) -> None:
    a = seal()
    (store.bundles_dir / a.id / "manifest.json").write_bytes(b"\x00garbage")
    store.rebuild_index()
    record = store.get(a.id)
    assert record.title == "" and record.started_at.startswith(a.id[:4])
    assert not store.verify(a.id).intact


def test_leftover_staging_is_removed_on_open_and_never_listed(store: Store) -> None:
    staging = store.begin_capture()
    (staging.artifacts_dir / "page.html").write_text("half a capture")
    leftover = staging.path
    staging._lock.release(remove=False)         # the process died: its lock is gone, its files stay
    (store.staging_dir / "stray-file").write_text("x")
    assert store.list_captures() == []
    with Store.open(store.root) as again:
        assert not leftover.exists()
        assert list(again.staging_dir.iterdir()) == []
        assert again.list_captures() == []


def test_interrupted_seal_leaves_no_bundle(store: Store) -> None:
    """Simulate a crash in the middle of sealing: some bundle files written, not yet renamed."""
    staging = store.begin_capture()
    (staging.artifacts_dir / "page.html").write_text("x")
    (staging.path / "manifest.json").write_text('{"format": "vidne-evidence-bundle", "forma')
    (staging.path / "VERIFY.txt").write_text("half")
    staging._lock.release(remove=False)
    with Store.open(store.root) as again:
        assert list(again.bundles_dir.iterdir()) == []
        assert list(again.staging_dir.iterdir()) == []
        assert again.list_captures() == []


def test_running_capture_in_another_store_is_left_alone(store: Store) -> None:
    with store.begin_capture() as staging:
        (staging.artifacts_dir / "page.html").write_text("x")
        with Store.open(store.root) as other:
            assert staging.path.exists()
            assert other.list_captures() == []
        record = store.seal(staging, facts={}, artifacts=[Art("page.html", "text/html")],
                            operator="o", organisation="x")
    assert store.verify(record.id).intact


def test_sealed_elsewhere_is_found_by_id(seal: SealFn, store: Store) -> None:
    with Store.open(store.root) as other:
        record = seal(target=other)
    assert store.get(record.id).id == record.id


def _worker(root: str, count: int) -> list[str]:
    from tests.evidence_store.conftest import Art as _Art

    ids = []
    with Store.open(Path(root)) as s:
        for _ in range(count):
            with s.begin_capture() as staging:
                (staging.artifacts_dir / "page.html").write_text(staging.capture_id)
                record = s.seal(staging, facts={}, artifacts=[_Art("page.html", "text/html")],
                                operator="o", organisation="x", case=f"pid {os.getpid()}")
            s.append_custody(record.id, "note", {}, "o", "x")
            s.list_captures()
            ids.append(record.id)
    return ids


def test_concurrent_opens_do_not_corrupt_the_index(tmp_path: Path) -> None:
    root = tmp_path / "shared"
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_worker, [(str(root), 3)] * 4)
    ids = {i for r in results for i in r}
    assert len(ids) == 12
    with Store.open(root) as s:
        assert {r.id for r in s.list_captures()} == ids
        assert all(r.custody_count == 2 for r in s.list_captures())
        assert all(s.verify(i).intact for i in ids)
        before = s.index.snapshot()
        s.rebuild_index()
        assert s.index.snapshot() == before
        assert len({s.fingerprint()} | {r.signer_fingerprint for r in s.list_captures()}) == 1
    conn = sqlite3.connect(root / "index.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_add_bundle_copies_a_verified_bundle(seal: SealFn, store: Store, tmp_path: Path) -> None:
    record = seal()
    received = tmp_path / "received" / record.id
    shutil.copytree(record.path, received)
    with Store.open(tmp_path / "hr-store") as hr:
        added = hr.add_bundle(received)
        assert added.id == record.id and added.custody_count == 1
        assert hr.verify(record.id).intact
        with pytest.raises(ImportRefused, match="already holds"):
            hr.add_bundle(received)
        assert list(hr.staging_dir.iterdir()) == []


def test_add_bundle_refuses_a_damaged_bundle(seal: SealFn, tmp_path: Path) -> None:
    record = seal()
    received = tmp_path / "received"
    shutil.copytree(record.path, received)
    (received / "artifacts" / "page.html").write_text("changed")
    with Store.open(tmp_path / "hr-store") as hr:
        with pytest.raises(ImportRefused, match=r"artifacts/page\.html"):
            hr.add_bundle(received)
        assert hr.list_captures() == []


def test_add_timestamp_places_files_and_records_the_event(sealed: CaptureRecord, store: Store) -> None:
    updated = store.add_timestamp(sealed.id, b"tsr bytes", b"chain", actor="Vidne", organisation="x",
                                  details={"tsa": "test"})
    assert updated.has_timestamp and updated.custody_count == 2
    assert (sealed.path / "timestamp.tsr").read_bytes() == b"tsr bytes"
    assert store.custody_events(sealed.id)[-1]["event"] == "timestamped"
    with pytest.raises(StoreError, match="already has a time-stamp"):   # only a re-stamp that records it
        store.add_timestamp(sealed.id, b"other", b"chain", actor="Vidne", organisation="x")
    assert (sealed.path / "timestamp.tsr").read_bytes() == b"tsr bytes"
    report = store.verify(sealed.id)
    assert all(p.file in ("timestamp.tsr", "tsa-chain.pem") for p in report.problems), report.problem_text()
    assert list(store.staging_dir.iterdir()) == []
