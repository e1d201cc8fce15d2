"""Prints how long verify.html takes to check an export of about 1 GB in Chromium, against
`vidne verify` on the same zip (goal: under 2x).

The export: BUNDLES captures, each with one incompressible artifact (stored in the zip, as
screenshots and videos are) and a small page.html, made by the project's own store and export code.
Chromium (/usr/bin/chromium, headless, Playwright) opens verify.html from disk with the network
blocked, is handed the zip, and the time runs until body[data-verdict] is set; the zip's own
SHA-256, every entry's CRC-32 and every artifact's SHA-256 are part of it, as in `vidne verify`
(which also hashes the zip, unpacks each bundle to disk and checks it). Rounds are interleaved; the
page cache is warm after the first. Each round also prints where the page's time went: the User
Timing measures verify.html records ("vidne:…": reading and listing the zip, the checks, the zip's
SHA-256 on a worker or on the page, and how long the page still waited for it after the checks).

Usage: .venv/bin/python benchmarks/verify_html_bench.py [--size-mb 1024] [--bundles 8] [--rounds 3]
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

from playwright.sync_api import sync_playwright  # noqa: E402

from capture.browser.find import launch_args  # noqa: E402
from evidence_store.handover.export import export_case  # noqa: E402
from evidence_store.handover.record import verify_html  # noqa: E402
from evidence_store.store.store import Store  # noqa: E402
from tests.evidence_store.conftest import Art, sample_facts  # noqa: E402

CASE = "Benchmark"


def make_export(folder: Path, size_mb: int, bundles: int) -> Path:
    per_bundle = size_mb * (1 << 20) // bundles
    with Store.open(folder / "store") as store:
        for _ in range(bundles):
            with store.begin_capture() as staging:
                with (staging.artifacts_dir / "recording.mp4").open("wb") as fh:
                    for _ in range(per_bundle // (1 << 20)):
                        fh.write(os.urandom(1 << 20))
                (staging.artifacts_dir / "page.html").write_text("<html><body>Hej</body></html>", encoding="utf-8")
                store.seal(staging, facts=sample_facts("Benchmark"), operator="Bench", organisation="Bench",
                           case=CASE, artifacts=[Art("recording.mp4", "video/mp4"), Art("page.html", "text/html")])
        return export_case(store, CASE, folder / "export.zip", exported_by="Bench", organisation="Bench").zip_path


def time_cli(zip_path: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "app.cli.main", "verify", str(zip_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=3600,
                          env={**os.environ, "VIDNE_HOME": str(zip_path.parent / "cli-home")})
    took = time.perf_counter() - start
    assert done.returncode == 0, done.stdout + done.stderr
    return took


def time_page(page_path: Path, zip_path: Path, browser: object) -> tuple[float, str]:
    context = browser.new_context()  # type: ignore[attr-defined]
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    page.goto(page_path.as_uri())
    start = time.perf_counter()
    page.set_input_files("#zip", str(zip_path))
    page.wait_for_selector("body:not([data-verdict=working]):not([data-verdict=waiting])", state="attached",
                           timeout=3_600_000)
    took = time.perf_counter() - start
    verdict = page.get_attribute("body", "data-verdict")
    assert verdict == "intact", verdict
    measures = page.evaluate("performance.getEntriesByType('measure').filter((m) => m.name.startsWith('vidne:'))"
                             ".map((m) => `${m.name.slice(6)} ${(m.duration / 1000).toFixed(2)} s`).join(', ')")
    context.close()
    return took, measures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--bundles", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vidne-verify-html-bench-") as tmp:
        folder = Path(tmp)
        made = time.perf_counter()
        zip_path = make_export(folder, args.size_mb, args.bundles)
        size = zip_path.stat().st_size
        print(f"export: {size / 1e6:,.0f} MB, {args.bundles} bundles (made in {time.perf_counter() - made:.1f} s)")
        page_path = folder / "verify.html"
        page_path.write_bytes(verify_html())
        cli, browser_times = [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=launch_args())
            for number in range(1, args.rounds + 1):
                cli.append(time_cli(zip_path))
                took, measures = time_page(page_path, zip_path, browser)
                browser_times.append(took)
                print(f"round {number}: vidne verify {cli[-1]:.2f} s, verify.html {took:.2f} s ({measures}); "
                      f"load average {os.getloadavg()[0]:.1f}")
            browser.close()
        c, b = statistics.median(cli), statistics.median(browser_times)
        print(f"median: vidne verify {c:.2f} s ({size / c / 1e6:,.0f} MB/s), verify.html in Chromium {b:.2f} s "
              f"({size / b / 1e6:,.0f} MB/s): {b / c:.2f}x (goal: under 2x)")


if __name__ == "__main__":
    main()
