"""The report's first page (issue 14, HR): each capture by title, address and time (in Danish time, the
app's default zone), with its check and its time's status in the trust model's words; the openssl
commands in an appendix at the end. pdftotext reads it as a recipient would (a missing tool fails)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from evidence_store.report.render import render_custody_report
from tests.evidence_store.report.fixtures import START, make_bundle


def page_text(path: Path, first: int, last: int | None = None) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(last or first), str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


@pytest.mark.parametrize(("language", "words"), [
    ("en", {"head": "Page (title and address)", "when": "Captured (Danish time)", "ok": "✓ intact",
            "trusted": "Trusted time", "none": "No time-stamp", "appendix": "Appendix: How to check the evidence"}),
    ("da", {"head": "Side (titel og adresse)", "when": "Optaget (dansk tid)", "ok": "intakt",
            "trusted": "Betroet tid", "none": "Intet tidsstempel", "appendix": "Bilag: Sådan kontrollerer du"}),
])
def test_the_first_page_names_each_capture_and_the_commands_are_in_an_appendix(
        tmp_path: Path, language: str, words: dict[str, str]) -> None:
    bundles = [make_bundle(tmp_path, "20261121T101530Z-3f9a1c2b", title="Krænkende opslag om Mette",
                           url="https://www.facebook.com/groups/123/posts/456"),
               make_bundle(tmp_path, "20261121T111530Z-00aa11bb", title="Billede delt i gruppen",
                           url="https://example.org/billede", trusted=False)]
    out = tmp_path / f"report-{language}.pdf"
    render_custody_report(out, case="Sag", organisation="Aarhus Kommune", exported_by="B. Ølgaard",
                          exported_at=START, bundles=bundles, language=language)
    first = page_text(out, 1)
    assert words["head"] in first and words["when"] in first
    assert "Krænkende opslag om Mette" in first and "Billede delt i gruppen" in first
    assert "https://www.facebook.com/groups/123/posts/456/" in first.replace(" ", "")  # wrapped, never changed
    assert "2026-11-21 11:15:30.125 CET" in first                 # 10:15:30 UTC in Danish time
    assert first.count(words["ok"]) >= 2
    assert words["trusted"] in first and words["none"] in first   # the trust model's words, per capture
    assert "openssl" not in first and "sha256sum" not in first
    last = page_text(out, page_count(out))
    assert words["appendix"] in last
    assert "openssl ts -verify -data manifest.json -in timestamp.tsr -CAfile tsa-chain.pem" in last
