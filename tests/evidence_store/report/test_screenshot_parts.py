"""A tall full-page screenshot that the capture also kept in parts (issue 13): the report draws the whole
image in strips as before, says the parts exist and names them, and lists each part with its sha256."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from PIL import Image

from evidence_store.report.render import render_custody_report
from tests.evidence_store.report.fixtures import START, make_bundle, write_png

WIDTH, HEIGHT, PART = 300, 17_000, 16_000


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_report_names_the_parts_and_lists_them_with_their_hashes(tmp_path: Path) -> None:
    full = write_png(tmp_path / "full.png", WIDTH, HEIGHT)
    bundle = make_bundle(tmp_path / "bundles", "20261121T101530Z-0000dddd", full_png=full, full_size=(WIDTH, HEIGHT))
    artifacts = bundle.folder / "artifacts"
    parts = []
    with Image.open(full) as image:
        for number, start in enumerate(range(0, HEIGHT, PART), start=1):
            end = min(start + PART, HEIGHT)
            path = artifacts / f"screenshot-full-part-{number:02d}.png"
            image.crop((0, start, WIDTH, end)).save(path)
            parts.append({"path": f"artifacts/{path.name}", "rows": [start, end]})
            bundle.manifest["artifacts"].append({
                "path": f"artifacts/{path.name}", "media_type": "image/png", "size": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "description": ""})
    bundle.manifest["capture"]["screenshot"]["split"] = {
        "of": "artifacts/screenshot-full.png", "max_part_height_px": PART, "parts": parts}
    texts = {}
    for language in ("da", "en"):
        out = tmp_path / f"report-{language}.pdf"
        render_custody_report(out, case="c", organisation="o", exported_by="e", exported_at=START,
                              bundles=[bundle], language=language)
        texts[language] = flat(subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True,
                                               capture_output=True, text=True).stdout)
    assert ("så det ligger også i bevispakken som 2 dele på højst 16.000 pixel hver, der tilsammen er præcis "
            "dette billede: artifacts/screenshot-full-part-01.png til artifacts/screenshot-full-part-02.png"
            ) in texts["da"]
    assert "so the bundle also holds it as 2 parts of at most 16,000 pixels each" in texts["en"]
    assert "Billedet er 300 × 17.000 pixel" in texts["da"]            # the whole image is still drawn
    for artifact in bundle.manifest["artifacts"][-2:]:                  # each part in the file list, hashed
        assert artifact["path"] in texts["da"] and artifact["sha256"] in texts["da"].replace(" ", "")
