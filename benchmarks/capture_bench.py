"""Prints, measured in one run on the same page and browser: a whole `vidne capture` (CLI, child
process, sealing) against a bare Playwright script making the same artifacts. Goal: at most 1.3x.

Usage: .venv/bin/python benchmarks/capture_bench.py [--rounds N]
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

from tests.support import pages  # noqa: E402  (the local test site, served on 127.0.0.1)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--path", default="/lazy", help="page of the local test site to capture")
    args = parser.parse_args()
    server = pages.Server()
    url = server.url(args.path)
    vidne = str(ROOT / ".venv" / "bin" / "vidne")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "VIDNE_HOME": f"{tmp}/store", "VIDNE_CONFIG_DIR": f"{tmp}/cfg",
               "VIDNE_LOG_DIR": f"{tmp}/log", "VIDNE_OPERATOR": "bench", "PYTHONPATH": str(ROOT)}
        bare_cmd = [sys.executable, str(ROOT / "benchmarks" / "bare_playwright.py"), url]
        timed([vidne, "capture", url, "--json", "--no-tsa"] if _has_no_tsa(vidne) else [vidne, "capture", url],
              env)  # warm-up: first key creation, disk caches
        vidne_times, bare_times = [], []
        for i in range(args.rounds):   # interleaved, so machine noise hits both alike
            bare_times.append(timed([*bare_cmd, f"{tmp}/bare{i}"], env))
            cmd = [vidne, "capture", url, "--json"] + (["--no-tsa"] if _has_no_tsa(vidne) else [])
            vidne_times.append(timed(cmd, env))
    server.close()
    v, b = statistics.median(vidne_times), statistics.median(bare_times)
    print(f"page: {url}  rounds: {args.rounds}")
    print(f"bare Playwright script : median {b:.2f} s  ({', '.join(f'{t:.2f}' for t in bare_times)})")
    print(f"vidne capture (whole)  : median {v:.2f} s  ({', '.join(f'{t:.2f}' for t in vidne_times)})")
    print(f"ratio vidne/bare       : {v / b:.2f}x  (goal <= 1.30x)")


def _has_no_tsa(vidne: str) -> bool:
    help_text = subprocess.run([vidne, "capture", "--help"], capture_output=True, text=True).stdout
    return "--no-tsa" in help_text


if __name__ == "__main__":
    main()
