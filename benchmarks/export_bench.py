"""Prints the time and peak memory of the hand-over, each measured in a fresh child process:

1. exporting a case of 100 small captures (1280 × 900 viewport and 1280 × 3,000 full-page
   screenshots, page.html), report and self-check included (goal: under 30 s);
2. importing that export into a second store (verify, unpack, add, 'received' events);
3. verifying the export as a whole (`vidne verify FILE.zip`);
4. exporting a case of one capture whose full-page screenshot is 1280 × 100,000 px (goal: peak
   memory under 1.5 GB).

Usage: .venv/bin/python benchmarks/export_bench.py [--captures 100] [--no-tall]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from evidence_store.store.store import Store  # noqa: E402
from tests.evidence_store.conftest import Art, sample_facts  # noqa: E402
from tests.evidence_store.report.fixtures import write_png, write_tall_png  # noqa: E402

CASE = "Benchmark"


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        write_png(Path(tmp, "x.png"), width, height)
        Image.open(Path(tmp, "x.png")).save(buffer, "PNG")
    return buffer.getvalue()


def make_store(root: Path, count: int, *, tall: Path | None = None) -> None:
    viewport, full = _png(1280, 900), None if tall else _png(1280, 3000)
    with Store.open(root) as store:
        for _ in range(count):
            with store.begin_capture() as staging:
                (staging.artifacts_dir / "screenshot-viewport.png").write_bytes(viewport)
                if tall is not None:
                    (staging.artifacts_dir / "screenshot-full.png").write_bytes(tall.read_bytes())
                else:
                    (staging.artifacts_dir / "screenshot-full.png").write_bytes(full or b"")
                (staging.artifacts_dir / "page.html").write_text("<html><body>" + "Hej æøå " * 2000 + "</body></html>",
                                                                 encoding="utf-8")
                facts = sample_facts("Opslag om medarbejderen")
                if tall is not None:
                    facts["screenshot"] = {"page_height_px": 100_000, "image_height_px": 100_000, "method": "stitched",
                                           "truncated": False, "cut_at_px": None, "parts": 10}
                store.seal(staging, facts=facts, operator="Mette", organisation="Bench Kommune", case=CASE,
                           artifacts=[Art("screenshot-viewport.png", "image/png"),
                                      Art("screenshot-full.png", "image/png"), Art("page.html", "text/html")])


def child(action: str, store_root: Path, target: Path) -> None:
    started = time.perf_counter()
    if action == "export":
        from evidence_store.handover.export import export_case

        with Store.open(store_root) as store:
            export_case(store, CASE, target, exported_by="bench", organisation="Bench Kommune", language="da")
    elif action == "import":
        from evidence_store.handover.importing import import_zip

        with Store.open(store_root) as store:
            import_zip(store, target, actor="HR", organisation="Bench Kommune")
    else:
        from evidence_store.handover.verify import verify_export

        assert verify_export(target).intact
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024}))


def measure(action: str, store_root: Path, target: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--child", action, str(store_root), str(target)],
                            check=True, capture_output=True, text=True, cwd=ROOT)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--captures", type=int, default=100)
    parser.add_argument("--no-tall", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("ACTION", "STORE", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        employee, zip_path = Path(tmp, "employee"), Path(tmp, "case.zip")
        make_store(employee, args.captures)
        exported = measure("export", employee, zip_path)
        print(f"export of {args.captures} captures: {exported['seconds']:.1f} s, peak RSS "
              f"{exported['peak_mb']:.0f} MB, zip {zip_path.stat().st_size / 1e6:.1f} MB (goal: under 30 s)")
        imported = measure("import", Path(tmp, "hr"), zip_path)
        print(f"import of that zip: {imported['seconds']:.1f} s, peak RSS {imported['peak_mb']:.0f} MB")
        verified = measure("verify", Path(tmp, "unused"), zip_path)
        print(f"verify of that zip: {verified['seconds']:.1f} s, peak RSS {verified['peak_mb']:.0f} MB")
        if not args.no_tall:
            tall = write_tall_png(Path(tmp, "tall.png"), 1280, 100_000)
            make_store(Path(tmp, "tall-store"), 1, tall=tall)
            result = measure("export", Path(tmp, "tall-store"), Path(tmp, "tall.zip"))
            print(f"export of one capture with a 1280 x 100,000 px screenshot: {result['seconds']:.1f} s, "
                  f"peak RSS {result['peak_mb']:.0f} MB (goal: under 1,500 MB)")


if __name__ == "__main__":
    main()
