"""Prints the time of `vidne watch --run-due --no-tsa` over N due watches of local pages (N=50 by
default), against N separate cold captures of the same pages (`vidne capture --no-tsa URL`, one after
the other), and their ratio. Goal (issue 16): under 0.6x, by sharing one warm browser for the checks.

Set-up, not timed: the N pages (tests/support/pages.py on 127.0.0.1, `/lazy?page=I` by default) are
captured once with `vidne capture --from FILE`, and each capture is watched with its first check due now.
The cold captures and the run are measured in the same store and environment; the machine's load is
printed beside them. Every due check must have run (one JSON line each), or the script stops.

Usage: .venv/bin/python benchmarks/watch_bench.py [--count 50] [--path /lazy]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support import pages  # noqa: E402  (the local test site, served on 127.0.0.1)

VIDNE = str(ROOT / ".venv" / "bin" / "vidne")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50, help="how many due watches (and cold captures)")
    parser.add_argument("--path", default="/lazy", help="the local page (tests/support/pages.py)")
    args = parser.parse_args()
    server = pages.Server()
    with tempfile.TemporaryDirectory(prefix="vidne-watch-bench-") as folder:
        tmp = Path(folder)
        env = {**os.environ, "VIDNE_HOME": str(tmp / "store"), "VIDNE_CONFIG_DIR": str(tmp / "cfg"),
               "VIDNE_LOG_DIR": str(tmp / "log"), "VIDNE_OPERATOR": "bench", "PYTHONPATH": str(ROOT)}
        if "VIDNE_BROWSER" not in env and Path("/usr/bin/chromium").is_file():
            env["VIDNE_BROWSER"] = "/usr/bin/chromium"
        urls = [server.url(f"{args.path}?page={n}") for n in range(args.count)]
        listing = tmp / "urls.txt"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        made = subprocess.run([VIDNE, "capture", "--no-tsa", "--json", "--from", str(listing)], env=env, cwd=ROOT,
                              check=True, capture_output=True, text=True)
        ids = [json.loads(line)["id"] for line in made.stdout.splitlines()]
        assert len(ids) == args.count, made.stderr
        os.environ.update({k: env[k] for k in ("VIDNE_HOME", "VIDNE_CONFIG_DIR", "VIDNE_LOG_DIR")})
        from app.overtime.watches import add_watch
        from evidence_store import Store

        with Store.open(tmp / "store") as store:
            due = datetime.now(UTC) - timedelta(minutes=2)
            for capture_id in ids:
                add_watch(store, capture_id, 60, now=due)

        print(f"{args.count} pages at {server.url(args.path)}?page=N; {load()}")
        started = time.perf_counter()
        for url in urls:
            subprocess.run([VIDNE, "capture", "--no-tsa", url], env=env, cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        cold = time.perf_counter() - started
        print(f"cold: {args.count} x 'vidne capture --no-tsa URL': {cold:.1f} s ({cold / args.count:.2f} s each); "
              f"{load()}")
        started = time.perf_counter()
        ran = subprocess.run([VIDNE, "watch", "--run-due", "--no-tsa", "--json"], env=env, cwd=ROOT,
                             capture_output=True, text=True)
        run = time.perf_counter() - started
        checks = [json.loads(line) for line in ran.stdout.splitlines()]
        if ran.returncode != 0 or len(checks) != args.count:
            sys.exit(f"the run did not check every watch (exit {ran.returncode}, {len(checks)} checks): {ran.stderr}")
        outcomes = sorted({c["outcome"] for c in checks})
        print(f"watch: 'vidne watch --run-due --no-tsa' over {args.count} due watches: {run:.1f} s "
              f"({run / args.count:.2f} s each; outcomes: {', '.join(outcomes)}); {load()}")
        print(f"ratio: {run / cold:.2f}x the {args.count} cold captures (goal: under 0.6x)")
    server.close()


if __name__ == "__main__":
    main()
