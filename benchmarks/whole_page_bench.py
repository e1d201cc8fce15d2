"""Prints what capturing the whole page costs (issue 13), each capture in a fresh child process:

1. capture time with and without browsertrix-behaviors on the local pages of tests/capture/whole
   (an inner scroller, a full-size frame, collapsed comments, many scripts, a plain tall document),
   rounds interleaved, medians;
2. peak memory of a capture of a page that scrolls 100,000 px inside an element (goal: under 1.5 GB, as
   for the document scroller), beside a 100,000 px document: the capturing process's own peak (the
   stitching canvas lives there), and the peak of the whole process tree (that process, Playwright's
   driver and the browser's processes), sampled every 0.1 s as the sum of their proportional set sizes
   (PSS: memory shared between the browser's processes counted once, not once per process).

Usage: .venv/bin/python benchmarks/whole_page_bench.py [--rounds N] [--no-memory]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.capture.whole import site  # noqa: E402  (the local pages, served on 127.0.0.1)

PAGES = ("/inner", "/framed", "/comments", "/scripts", "/tall-document")
BIG_INNER = site.INNER.replace(site.posts(20_000), site.posts(100_000))


def child(url: str, out: Path, behaviors: bool) -> None:
    from capture.engine import capture_page
    from capture.result import CaptureOptions

    out.mkdir(parents=True)
    started = time.perf_counter()
    result = capture_page(CaptureOptions(url=url, run_behaviors=behaviors, timeout_s=300), out)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024,
                      "image_height_px": result.facts["screenshot"]["image_height_px"],
                      "behavior_seconds": (result.facts.get("behaviors") or {}).get("seconds")}))


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss_mb(root: int) -> float:
    """Proportional memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo += children.get(pid, [])
    return total / 1024


def measure(url: str, out: Path, behaviors: bool) -> dict[str, float]:
    proc = subprocess.Popen([sys.executable, __file__, "--child", url, str(out), "1" if behaviors else "0"],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    peak_tree = 0.0

    def sample() -> None:
        nonlocal peak_tree
        while proc.poll() is None:
            peak_tree = max(peak_tree, _tree_pss_mb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"capture of {url} failed")
    result = dict(json.loads(stdout.strip().splitlines()[-1]))
    result["peak_tree_mb"] = peak_tree
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--memory-only", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("URL", "OUT", "BEHAVIORS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.child[2] == "1")
        return
    server = site.Site({"/inner": site.INNER, "/framed": site.FRAMED, "/tall-document": site.TALL_DOCUMENT,
                        "/comments": site.COMMENTS, "/scripts": site.SCRIPTS, "/big-inner": BIG_INNER,
                        "/big-document": site.TALL_DOCUMENT.replace(site.posts(20_000), site.posts(100_000))})
    try:
        with tempfile.TemporaryDirectory() as tmp:
            times: dict[tuple[str, bool], list[float]] = {}
            behaving: dict[str, list[float]] = {}
            n = 0
            for _ in range(0 if args.memory_only else args.rounds):
                for path in PAGES:
                    for behaviors in (True, False):
                        n += 1
                        got = measure(server.url(path), Path(tmp) / str(n), behaviors)
                        times.setdefault((path, behaviors), []).append(got["seconds"])
                        if behaviors:
                            behaving.setdefault(path, []).append(got["behavior_seconds"] or 0.0)
            if times:
                print(f"capture time, median of {args.rounds} (each in a fresh process; behaviours' own share):")
            for path in PAGES if times else ():
                on, off = statistics.median(times[(path, True)]), statistics.median(times[(path, False)])
                print(f"  {path:15} with behaviours {on:5.1f} s, without {off:5.1f} s "
                      f"(+{on - off:4.1f} s; behaviours ran {statistics.median(behaving[path]):4.1f} s)")
            if not args.no_memory:
                for label, path in (("inner scroller", "/big-inner"), ("document", "/big-document")):
                    got = measure(server.url(path), Path(tmp) / path.strip("/"), False)
                    print(f"100,000 px {label} ({got['image_height_px']} px image), without behaviours: "
                          f"{got['seconds']:.1f} s, peak RSS of the capturing process {got['peak_mb']:.0f} MB, "
                          f"peak PSS of the whole tree (with the browser) {got['peak_tree_mb']:.0f} MB "
                          "(goal: under 1,500 MB)")
    finally:
        server.close()


if __name__ == "__main__":
    main()
