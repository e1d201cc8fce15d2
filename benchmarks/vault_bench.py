"""Prints the vault's figures against a real SeaweedFS (``weed mini``, started here as the tests start it):

1. pushing a case of 200 bundles (each a 1280 x 900 and a 1280 x 3,000 screenshot, page.html and a 1 MB
   page.mhtml of random bytes) with ``push_captures`` (upload with Object Lock, read back, 'vaulted'
   event, custody log), against a plain boto3 upload of the same files, one put_object each, into a
   plain bucket (goal: within 2x);
2. fetching that case into a second store (every bundle read back and verified, then added);
3. listing 10,000 bundles (one small object each, in 20 cases) with ``list_cases`` (goal: under 2 s).

Usage: .venv/bin/python benchmarks/vault_bench.py [--bundles 200] [--listed 10000]
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidence_store.store.store import Store  # noqa: E402
from evidence_store.vault.fetch import fetch_case  # noqa: E402
from evidence_store.vault.layout import VaultConfig  # noqa: E402
from evidence_store.vault.push import push_captures  # noqa: E402
from evidence_store.vault.remote import list_cases  # noqa: E402
from tests.evidence_store.conftest import Art, png_bytes, sample_facts  # noqa: E402
from tests.support.seaweed import running_seaweed  # noqa: E402

CASE = "Benchmark"


def make_store(root: Path, count: int) -> list[str]:
    viewport, full = png_bytes(1280, 900), png_bytes(1280, 3000)
    ids = []
    with Store.open(root) as store:
        for _ in range(count):
            with store.begin_capture() as staging:
                out = staging.artifacts_dir
                (out / "screenshot-viewport.png").write_bytes(viewport)
                (out / "screenshot-full.png").write_bytes(full)
                (out / "page.html").write_text("<html><body>" + "Hej æøå " * 2000 + "</body></html>", encoding="utf-8")
                (out / "page.mhtml").write_bytes(os.urandom(1 << 20))
                record = store.seal(staging, facts=sample_facts("Opslag"), operator="Bench", organisation="Kommune",
                                    case=CASE, artifacts=[Art("screenshot-viewport.png", "image/png"),
                                                          Art("screenshot-full.png", "image/png"),
                                                          Art("page.html", "text/html"),
                                                          Art("page.mhtml", "multipart/related")])
            ids.append(record.id)
    return ids


def plain_upload(s3: object, bucket: str, root: Path) -> tuple[float, int]:
    started, size = time.perf_counter(), 0
    for path in sorted(p for p in (root / "bundles").rglob("*") if p.is_file()):
        data = path.read_bytes()
        size += len(data)
        s3.put_object(Bucket=bucket, Key=str(path.relative_to(root)), Body=data)  # type: ignore[attr-defined]
    return time.perf_counter() - started, size


def fill_listing(s3: object, bucket: str, config: VaultConfig, count: int) -> None:
    def put(n: int) -> None:
        key = config.bundle_prefix(f"Sag {n % 20:02d}", f"20260105T{n // 3600 % 24:02d}{n // 60 % 60:02d}{n % 60:02d}"
                                   f"Z-{n:08x}") + "manifest.json"
        s3.put_object(Bucket=bucket, Key=key, Body=b"{}")  # type: ignore[attr-defined]

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(put, range(count)))


def _time_ledger_reads(store: Store) -> list[float]:
    """Measure (only measure) the time the store spends reading its ledger: [seconds so far]."""
    spent = [0.0]
    read = store.ledger.read

    def timed() -> object:
        started = time.perf_counter()
        try:
            return read()
        finally:
            spent[0] += time.perf_counter() - started

    store.ledger.read = timed  # type: ignore[method-assign]
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundles", type=int, default=200)
    parser.add_argument("--listed", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vidne-vault-bench-") as tmp_name, running_seaweed(Path(tmp_name)) as weed:
        tmp = Path(tmp_name)
        os.environ.update(weed.env())
        s3 = weed.client()
        ids = make_store(tmp / "employee", args.bundles)
        plain = weed.make_bucket(f"plain-{secrets.token_hex(3)}", lock=False)
        plain_s, size = plain_upload(s3, plain, tmp / "employee")
        config = VaultConfig(bucket=weed.make_bucket(f"vault-{secrets.token_hex(3)}"), endpoint=weed.endpoint,
                             region="us-east-1", retention_days=3650)
        with Store.open(tmp / "employee") as store:
            ledger_s = _time_ledger_reads(store)
            started = time.perf_counter()
            outcomes = push_captures(store, config, ids, actor="Bench", organisation="Kommune")
            push_s = time.perf_counter() - started
        assert all(o.status == "pushed" for o in outcomes)
        mb = size / 1e6
        print(f"{args.bundles} bundles, {mb:.0f} MB: plain boto3 upload {plain_s:.1f} s ({mb / plain_s:.1f} MB/s); "
              f"vault push (locked, read back, recorded) {push_s:.1f} s ({mb / push_s:.1f} MB/s): "
              f"{push_s / plain_s:.2f}x (goal <= 2x)")
        print(f"  within the push, the store reading its ledger (every line's signature checked at each read, "
              f"two reads a bundle, one bundle at a time): {ledger_s[0]:.1f} s")
        with Store.open(tmp / "hr") as hr:
            started = time.perf_counter()
            result = fetch_case(hr, config, CASE, actor="HR", organisation="Kommune")
            fetch_s = time.perf_counter() - started
        assert len(result.added) == args.bundles
        print(f"fetch of the case (read back, verified, added with 'received'): {fetch_s:.1f} s "
              f"({mb / fetch_s:.1f} MB/s, {args.bundles / fetch_s:.1f} bundles/s)")
        listed = VaultConfig(bucket=weed.make_bucket(f"list-{secrets.token_hex(3)}"), endpoint=weed.endpoint,
                             region="us-east-1")
        started = time.perf_counter()
        fill_listing(s3, listed.bucket, listed, args.listed)
        print(f"(filling the listing bucket with {args.listed} bundles: {time.perf_counter() - started:.1f} s)")
        times = []
        for _ in range(3):
            started = time.perf_counter()
            cases = list_cases(listed)
            times.append(time.perf_counter() - started)
        assert sum(len(v) for v in cases.values()) == args.listed
        print(f"list {args.listed} bundles in {len(cases)} cases: {sorted(times)[1]:.2f} s median of 3 "
              f"(goal < 2 s)")


if __name__ == "__main__":
    main()
