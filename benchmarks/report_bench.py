"""Prints two numbers for the chain-of-custody PDF, each measured in a fresh child process:

1. peak memory (resident set size) while rendering one capture whose full-page screenshot is
   1280 × 100,000 pixels (goal: well under 1 GB), and how long it takes;
2. the time to render a case of 100 small captures (1280 × 900 viewport, 1280 × 3,000 full page).

Usage: .venv/bin/python benchmarks/report_bench.py [--captures 100]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.evidence_store.report.fixtures import START, make_bundle, write_tall_png  # noqa: E402


def load_bundle(folder: Path):  # type: ignore[no-untyped-def]  # (kept free of test-only imports)
    """A ReportBundle read back from a bundle folder, as the export code would build it."""
    from evidence_store.report.render import ReportBundle

    manifest_bytes = (folder / "manifest.json").read_bytes()
    manifest = json.loads(manifest_bytes)
    events = [json.loads(line) for line in (folder / "custody.jsonl").read_text("utf-8").splitlines()]
    return ReportBundle(folder=folder, manifest=manifest, custody_events=events, intact=True,
                        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
                        signer_fingerprint=manifest["signer"]["public_key_sha256"],
                        trusted_time=START, tsa_name="Test TSA")


def child(root: Path, out: Path) -> None:
    from evidence_store.report.render import render_custody_report

    bundles = [load_bundle(folder) for folder in sorted(p for p in root.iterdir() if p.is_dir())]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    render_custody_report(out, case="Benchmark", organisation="Vidne", exported_by="bench",
                          exported_at=START, bundles=bundles)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "before_mb": before / 1024}))


def measure(root: Path, out: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--child", str(root), str(out)], check=True,
                            capture_output=True, text=True, cwd=ROOT)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def pages(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--captures", type=int, default=100)
    parser.add_argument("--child", nargs=2, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tall_root = Path(tmp, "tall")
        tall_root.mkdir()
        tall = write_tall_png(Path(tmp, "tall.png"), 1280, 100_000)
        make_bundle(tall_root, "20261121T101530Z-00000000", full_png=tall, full_size=(1280, 100_000))
        tall_pdf = Path(tmp, "tall.pdf")
        tall_result = measure(tall_root, tall_pdf)
        print(f"100,000 px screenshot: peak RSS {tall_result['peak_mb']:.0f} MB "
              f"(of which {tall_result['before_mb']:.0f} MB before rendering: Python, reportlab, Pillow), "
              f"{tall_result['seconds']:.1f} s, {pages(tall_pdf)} pages, "
              f"{tall_pdf.stat().st_size / 1e6:.1f} MB")

        many_root = Path(tmp, "many")
        many_root.mkdir()
        for number in range(args.captures):
            make_bundle(many_root, f"20261121T{number:06d}Z-{number:08x}", full_size=(1280, 3_000))
        many_pdf = Path(tmp, "many.pdf")
        many_result = measure(many_root, many_pdf)
        print(f"{args.captures} small captures: {many_result['seconds']:.1f} s, "
              f"peak RSS {many_result['peak_mb']:.0f} MB, {pages(many_pdf)} pages, "
              f"{many_pdf.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
