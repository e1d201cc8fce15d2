"""Prints `vidne verify` against `sha256sum` over the same files, for a bundle with a 500 MB
artifact, measured in one run. Goal: vidne at least 0.8x sha256sum's throughput.

Usage: .venv/bin/python benchmarks/verify_bench.py [--mb 500] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from capture.result import Artifact  # noqa: E402
from evidence_store.store.store import Store  # noqa: E402


def make_bundle(store_dir: Path, megabytes: int) -> Path:
    store = Store.open(store_dir)
    with store.begin_capture() as staging:
        staging.artifacts_dir.mkdir(parents=True, exist_ok=True)
        big = staging.artifacts_dir / "video.bin"
        chunk = os.urandom(1 << 20)
        with big.open("wb") as fh:
            for _ in range(megabytes):
                fh.write(chunk)
        (staging.artifacts_dir / "page.html").write_text("<html><title>bench</title></html>")
        record = store.seal(staging, facts={"url_requested": "http://127.0.0.1/", "title": "bench"},
                            artifacts=[Artifact("video.bin", "application/octet-stream"),
                                       Artifact("page.html", "text/html")],
                            operator="bench", organisation="bench", case="bench", note="")
    return Path(record.path)


def timed(cmd: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundle = make_bundle(Path(tmp) / "store", args.mb)
        total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
        vidne = [str(ROOT / ".venv" / "bin" / "vidne"), "verify", str(bundle)]
        sums = ["sha256sum", "-c", "--quiet", "SHA256SUMS"]
        timed(sums, bundle)   # warm the page cache, so both read from memory alike
        v_times, s_times = [], []
        for _ in range(args.rounds):
            s_times.append(timed(sums, bundle))
            v_times.append(timed(vidne, bundle))
    v, s = statistics.median(v_times), statistics.median(s_times)
    mb = total / 1e6
    print(f"bundle: {mb:.0f} MB in all  rounds: {args.rounds}")
    print(f"sha256sum -c SHA256SUMS : median {s:.2f} s  {mb / s:.0f} MB/s")
    print(f"vidne verify            : median {v:.2f} s  {mb / v:.0f} MB/s")
    print(f"throughput vidne/sha256sum: {s / v:.2f}x  (goal >= 0.80x)")


if __name__ == "__main__":
    main()
