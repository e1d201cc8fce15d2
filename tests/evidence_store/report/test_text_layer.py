"""The report's text layer is exact: pdftotext gives back characters beyond the Basic Multilingual Plane
(emoji, mathematical letters) as they were, and the metadata has no stray separators."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from evidence_store.report.pdf.style import load_fonts
from evidence_store.report.render import render_custody_report
from tests.evidence_store.report.fixtures import START, make_bundle

# Beyond the BMP, and drawn by the shipped DejaVu fonts (a character they lack is printed as U+FFFD).
ASTRAL = "😀 😉 𝔸𝕓"


def _run(*args: str) -> str:
    assert shutil.which(args[0]), f"{args[0]} is missing: run scripts/system-deps.sh"
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_characters_beyond_the_bmp_come_out_of_pdftotext_as_they_went_in(tmp_path: Path) -> None:
    fonts = load_fonts()
    drawable = "".join(ch for ch in ASTRAL if ch == " " or ord(ch) in fonts.sans)
    assert "😀" in drawable, "the shipped font draws no emoji any more: pick others for this test"
    bundle = make_bundle(tmp_path, "20261121T101530Z-3f9a1c2b", title=f"Titel {drawable}",
                         note=f"Note med {drawable} og æøå")
    out = tmp_path / "r.pdf"
    render_custody_report(out, case=f"Sag {drawable}", organisation="Aarhus Kommune", exported_by="Mette",
                          exported_at=START, bundles=[bundle])
    text = " ".join(_run("pdftotext", "-enc", "UTF-8", str(out), "-").split())
    assert f"Note med {drawable} og æøå" in text
    assert f"Sag {drawable}" in text
    assert "\u1f60" not in text          # "ὠ": what a 4-digit ToUnicode entry for U+1F600 made of it


def _author(path: Path) -> str:
    for line in _run("pdfinfo", "-enc", "UTF-8", str(path)).splitlines():
        key, _, value = line.partition(":")
        if key == "Author":
            return value.strip()
    raise AssertionError("no Author")


def test_the_author_is_the_exporter_and_the_organisation_without_a_stray_comma(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path, "20261121T101530Z-3f9a1c2b")
    for organisation, exported_by, author in (("", "Tester", "Tester"), ("Aarhus Kommune", "Tester",
                                              "Tester, Aarhus Kommune"), ("Aarhus Kommune", "", "Aarhus Kommune")):
        out = tmp_path / f"{len(organisation)}-{len(exported_by)}.pdf"
        render_custody_report(out, case="Sag", organisation=organisation, exported_by=exported_by,
                              exported_at=START, bundles=[bundle])
        assert _author(out) == author
