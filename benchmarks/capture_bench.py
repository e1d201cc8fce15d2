"""Prints, measured in one run on local pages and the same browser, rounds interleaved so the machine's
noise hits both sides alike, each figure as min / median / max:

- cold: a whole `vidne capture --no-tsa` (CLI start, capture child process, browser, sealing) against
  bare_playwright.py, a bare Playwright + warcio script making the same artifacts (its docstring says
  exactly what it leaves out). Goal: at most 1.3x. Also with --no-behaviors, the nearest to the bare
  script's work (the bare script runs no behaviours).
- batch: `vidne capture --no-tsa --from FILE` with 10 and with 100 local pages (one browser kept warm,
  each page in a fresh context): the time per capture, which must stay flat from 10 to 100, and its
  ratio to the cold bare script. Goal: at most 0.5x.
- app: the desktop app's path, `app.tasks.capture_to_store(..., warm=WarmBrowser)` on a browser already
  running: click to sealed bundle, per capture, against the cold bare script. Goal: at most 0.5x.
- memory: the idle warm browser's memory (`WarmBrowser.resident_bytes()`, PSS of its processes).
  Goal: under 300 MB.
- verify: benchmarks/verify_bench.py (`vidne verify` against sha256sum on a bundle with a 500 MB
  artifact), run at the end and its lines passed on.

The pages are served by tests/support/pages.py on 127.0.0.1 (`/lazy` by default: a 4,000 px post whose
comments load when scrolled to, and a lazy image); batch pages are the same page under distinct
addresses (`?page=N`). The browser: VIDNE_BROWSER, else /usr/bin/chromium when it exists.

Usage: .venv/bin/python benchmarks/capture_bench.py [--rounds 5] [--path /lazy] [--batch 10 100]
       [--app-rounds 10] [--parts cold batch app verify]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support import pages  # noqa: E402  (the local test site, served on 127.0.0.1)

VIDNE = str(ROOT / ".venv" / "bin" / "vidne")
MB = 1024 * 1024


def spread(times: list[float]) -> str:
    return (f"min {min(times):.2f} / median {statistics.median(times):.2f} / max {max(times):.2f} s"
            f"  (n={len(times)})")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


class Bench:
    """The server, the environment both sides run in, and the cold bare script's times so far."""

    def __init__(self, tmp: Path, path: str) -> None:
        self.tmp, self.path = tmp, path
        self.server = pages.Server()
        self.env = {**os.environ, "VIDNE_HOME": str(tmp / "store"), "VIDNE_CONFIG_DIR": str(tmp / "cfg"),
                    "VIDNE_LOG_DIR": str(tmp / "log"), "VIDNE_OPERATOR": "bench", "PYTHONPATH": str(ROOT)}
        if "VIDNE_BROWSER" not in self.env and Path("/usr/bin/chromium").is_file():
            self.env["VIDNE_BROWSER"] = "/usr/bin/chromium"
        self.bare_times: list[float] = []
        self.n = 0

    def url(self, query: str = "") -> str:
        return self.server.url(self.path + (f"?{query}" if query else ""))

    def timed(self, cmd: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(cmd, check=True, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started

    def bare(self) -> float:
        self.n += 1
        took = self.timed([sys.executable, str(ROOT / "benchmarks" / "bare_playwright.py"), self.url(),
                           str(self.tmp / f"bare{self.n}")])
        self.bare_times.append(took)
        return took

    def bare_median(self) -> float:
        return statistics.median(self.bare_times)


def cold(bench: Bench, rounds: int) -> None:
    url = bench.url()
    bench.timed([VIDNE, "capture", url, "--json", "--no-tsa"])   # warm-up: the store's key, disk caches
    bench.bare()
    bench.bare_times.pop()                                         # a warm-up too: not counted
    vidne, lean = [], []
    for _ in range(rounds):
        bare = bench.bare()
        vidne.append(bench.timed([VIDNE, "capture", url, "--json", "--no-tsa"]))
        lean.append(bench.timed([VIDNE, "capture", url, "--json", "--no-tsa", "--no-behaviors"]))
        print(f"  round: bare {bare:.2f} s, vidne {vidne[-1]:.2f} s, vidne --no-behaviors {lean[-1]:.2f} s",
              flush=True)
    bare_times = bench.bare_times[-rounds:]
    b = statistics.median(bare_times)
    print(f"cold, page {url}, {load()}")
    print(f"  bare Playwright + warcio script        : {spread(bare_times)}")
    print(f"  vidne capture --no-tsa                 : {spread(vidne)}")
    print(f"  vidne capture --no-tsa --no-behaviors  : {spread(lean)}")
    print(f"  ratio vidne/bare (medians)             : {statistics.median(vidne) / b:.2f}x  (goal <= 1.30x); "
          f"--no-behaviors {statistics.median(lean) / b:.2f}x", flush=True)


def batch(bench: Bench, count: int, extra: tuple[str, ...] = ()) -> None:
    """One `vidne capture --from FILE` of ``count`` addresses; each capture's time is the gap between
    its JSON line and the one before (the first from the command's start, so it holds the start-up)."""
    listing = bench.tmp / f"batch-{count}.txt"
    listing.write_text("".join(f"{bench.url(f'page={count}-{i}')}\n" for i in range(count)), encoding="utf-8")
    bench.bare()
    started = time.perf_counter()
    proc = subprocess.Popen([VIDNE, "capture", "--no-tsa", "--json", "--from", str(listing), *extra], env=bench.env,
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    arrived, sealed = [], 0
    for line in proc.stdout:
        arrived.append(time.perf_counter())
        sealed += bool(json.loads(line).get("id"))
    code = proc.wait()
    total = time.perf_counter() - started
    bench.bare()
    gaps = [b - a for a, b in zip([started, *arrived], arrived, strict=False)]
    later = gaps[1:] or gaps
    half = len(later) // 2
    b = bench.bare_median()
    print(f"batch of {count}{' ' + ' '.join(extra) if extra else ''}, {load()}: {sealed} sealed, exit code {code}, "
          f"{total:.1f} s in all")
    print(f"  {f'per capture (total / {count})':<39}: {total / count:.2f} s  = {total / count / b:.2f}x the cold "
          f"bare script's median {b:.2f} s  (goal <= 0.50x)")
    print(f"  first capture (start-up, browser)      : {gaps[0]:.2f} s")
    print(f"  each later capture                     : {spread(later)}")
    if half:
        print(f"  flat? median of the first half {statistics.median(later[:half]):.2f} s, of the second half "
              f"{statistics.median(later[half:]):.2f} s", flush=True)


def app(bench: Bench, rounds: int, behaviors: bool = True) -> None:
    """The app's warm path in this process: the store and settings as the app opens them (with the page's
    behaviours switched off when ``behaviors`` is False, as the bare script has none)."""
    for key in ("VIDNE_HOME", "VIDNE_CONFIG_DIR", "VIDNE_LOG_DIR", "VIDNE_OPERATOR", "VIDNE_BROWSER"):
        if key in bench.env:
            os.environ[key] = bench.env[key]
    from app import tasks
    from app.settings import load_settings

    store = tasks.open_store(bench.tmp / "store")
    settings = replace(load_settings(), run_behaviors=behaviors)
    times: list[float] = []
    memory: dict[str, Any] = {}
    with tasks.open_warm(store) as warm:
        tasks.warm_up(warm, store, settings)            # as the app does after its window is shown
        time.sleep(3)
        memory["started, idle"] = warm.resident_bytes()
        first_started = time.perf_counter()
        tasks.capture_to_store(store, tasks.CaptureRequest(url=bench.url("app=first"), use_tsa=False), settings,
                               warm=warm)
        first = time.perf_counter() - first_started
        for i in range(rounds):
            bench.bare()
            started = time.perf_counter()
            tasks.capture_to_store(store, tasks.CaptureRequest(url=bench.url(f"app={i}"), use_tsa=False), settings,
                                   warm=warm)
            times.append(time.perf_counter() - started)
        time.sleep(3)
        memory[f"after {rounds + 1} captures, idle 3 s"] = warm.resident_bytes()
    b = bench.bare_median()
    print(f"app (warm browser, click to sealed, no time-stamp{'' if behaviors else ', no behaviours'}), {load()}")
    print(f"  first capture after the browser's start: {first:.2f} s")
    print(f"  each capture on the warm browser       : {spread(times)}")
    print(f"  ratio warm/bare (medians)              : {statistics.median(times) / b:.2f}x  (goal <= 0.50x; "
          f"cold bare median {b:.2f} s)")
    for when, size in memory.items():
        shown = "unknown" if size is None else f"{size / MB:.0f} MB"
        print(f"  warm browser's memory (PSS), {when}: {shown}  (goal < 300 MB)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="cold rounds")
    parser.add_argument("--path", default="/lazy", help="page of the local test site to capture")
    parser.add_argument("--batch", type=int, nargs="*", default=[10, 100], help="batch sizes")
    parser.add_argument("--app-rounds", type=int, default=10)
    parser.add_argument("--verify-mb", type=int, default=500)
    parser.add_argument("--parts", nargs="*", default=["cold", "batch", "app", "verify"],
                        choices=["cold", "batch", "app", "verify"])
    args = parser.parse_args()
    print(f"capture_bench.py {' '.join(sys.argv[1:])}: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} cores, {load()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(Path(tmp), args.path)
        print(f"browser: {bench.env.get('VIDNE_BROWSER', 'as find_browser chooses')}", flush=True)
        try:
            if "cold" in args.parts:
                cold(bench, args.rounds)
            if "batch" in args.parts:
                for count in args.batch:
                    batch(bench, count)
                batch(bench, min(args.batch), ("--no-behaviors",))   # like for like: the bare script has none
            if "app" in args.parts:
                app(bench, args.app_rounds)
                app(bench, args.app_rounds, behaviors=False)
        finally:
            bench.server.close()
    print(f"cold bare script, every run in this benchmark: {spread(bench.bare_times)}" if bench.bare_times else "")
    if "verify" in args.parts:
        print("verify (benchmarks/verify_bench.py):", flush=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "verify_bench.py"), "--mb", str(args.verify_mb)],
                       check=True, cwd=ROOT)
    print(f"done, {load()}")


if __name__ == "__main__":
    main()
