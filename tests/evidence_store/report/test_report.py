"""The chain-of-custody PDF, checked with the tools a recipient has: qpdf, pdfinfo, pdftotext."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from evidence_store.report.render import ReportBundle, ReportError, render_custody_report
from evidence_store.version import vidne_version
from tests.evidence_store.report.fixtures import (
    ARABIC,
    CYRILLIC,
    DANISH,
    GREEK,
    HOSTILE_TITLE,
    LONG_URL,
    NETWORK,
    REDACTIONS,
    START,
    make_bundle,
    write_png,
    write_tall_png,
)


@pytest.fixture(autouse=True)
def _tools() -> None:
    """A missing tool fails these tests (scripts/system-deps.sh installs them), never skips them."""
    missing = [tool for tool in ("qpdf", "pdftotext", "pdfinfo") if shutil.which(tool) is None]
    assert not missing, f"missing {missing} (qpdf, poppler-utils): run scripts/system-deps.sh"

TITLE_1 = f"{HOSTILE_TITLE} {DANISH} {GREEK} {CYRILLIC} {ARABIC} 中文 \u202e\x07"


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path) -> str:
    return run("pdftotext", "-enc", "UTF-8", str(path), "-")


def flat(text: str) -> str:
    """Text with every run of white space made one space: paragraphs wrap where they like."""
    return " ".join(text.split())


def pdf_info(path: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", "-enc", "UTF-8", str(path)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


@pytest.fixture(scope="module")
def tall_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tall_png(tmp_path_factory.mktemp("tall") / "tall.png", 1280, 100_000)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory, tall_png: Path) -> list[ReportBundle]:
    root = tmp_path_factory.mktemp("bundles")
    return [
        make_bundle(root, "20261121T101530Z-3f9a1c2b", title=TITLE_1, url=LONG_URL,
                    full_size=(1280, 20_000), note="Linje 1\nLinje 2 <i>x</i> & y"),
        make_bundle(root, "20261121T111530Z-00aa11bb", full_png=tall_png, full_size=(1280, 100_000),
                    intact=False, problems=["artifacts/page.html: sha256 does not match",
                                            "<script>alert(1)</script>"], trusted=False),
        make_bundle(root, "20261121T121530Z-deadbeef", title="x" * 100_000, extra_events=30),
    ]


@pytest.fixture(scope="module")
def danish_pdf(tmp_path_factory: pytest.TempPathFactory, bundles: list[ReportBundle]) -> Path:
    out = tmp_path_factory.mktemp("report") / "rapport.pdf"
    render_custody_report(out, case="Sag <1> & Ærø", organisation="Aarhus Kommune",
                          exported_by="Birgitte Ølgaard", exported_at=START, bundles=bundles)
    return out


@pytest.fixture(scope="module")
def danish_text(danish_pdf: Path) -> str:
    return pdf_text(danish_pdf)


def test_the_pdf_is_well_formed(danish_pdf: Path) -> None:
    out = run("qpdf", "--check", str(danish_pdf))
    assert "No syntax or stream encoding errors found" in out


def test_every_hash_and_address_extracts_exactly(danish_text: str, bundles: list[ReportBundle]) -> None:
    lines = set(danish_text.splitlines())
    for bundle in bundles:
        capture = bundle.manifest["capture"]
        for artifact in bundle.manifest["artifacts"]:
            assert artifact["sha256"] in lines, artifact["path"]
        assert bundle.manifest_sha256 in lines
        assert bundle.signer_fingerprint in lines
        for url in (capture["url_requested"], capture["final_url"], capture["redirects"][0]["url"]):
            assert url in lines, url[:80]
    assert LONG_URL in lines                       # 5,000 characters, wrapped over ~50 lines on paper


def test_hostile_and_foreign_text_is_printed_literally(danish_text: str) -> None:
    assert HOSTILE_TITLE in danish_text
    assert "<script>alert(1)</script>" in danish_text
    assert "Linje 2 <i>x</i> & y" in danish_text
    assert DANISH in danish_text
    assert GREEK in danish_text
    assert CYRILLIC in danish_text
    assert set(ARABIC) <= set(danish_text)         # letters present (not shaped: see report docs)
    assert "[U+202E][U+0007]" in danish_text        # invisible characters made visible
    assert "\ufffd\ufffd" in danish_text            # CJK: not in the font, shown as a replacement
    assert "中" not in danish_text


def test_a_huge_title_is_cut_and_says_so(danish_text: str) -> None:
    joined = flat(re.sub(r"(?<=x)\n(?=x)", "", danish_text))
    assert "x" * 2_000 + " … [afkortet: 100.000 tegn i alt; hele teksten står i bevispakken]" in joined
    assert 2_000 <= danish_text.count("x") < 3_000


def test_pages_are_numbered_and_carry_the_case(danish_pdf: Path, danish_text: str) -> None:
    pages = int(pdf_info(danish_pdf)["Pages"])
    assert 30 < pages < 100
    for number in range(1, pages + 1):
        assert f"Side {number} af {pages}" in danish_text
    assert danish_text.count("Sag: Sag <1> & Ærø") == pages
    exported = "Eksporteret 2026-11-21 10:15:30 UTC · 2026-11-21 11:15:30 CET dansk tid"
    assert danish_text.count(exported) == pages


def test_a_tall_screenshot_is_shown_whole_in_readable_slices(danish_text: str) -> None:
    assert "Billedet er 1.280 × 20.000 pixel" in danish_text
    assert re.search(r"del 12 af 12 · pixel [\d.]+–20\.000 af 20\.000", danish_text)


def test_a_100000_pixel_screenshot_is_capped_and_the_cut_is_stated(danish_text: str) -> None:
    assert "del 40 af 40" in danish_text
    assert "af 40" in danish_text and "del 41 af" not in danish_text
    cut = re.findall(r"rapporten viser kun de øverste ([\d.]+) af 100\.000 pixel \(40 sider\)",
                     flat(danish_text))
    assert cut and all(60_000 < int(shown.replace(".", "")) < 100_000 for shown in cut)
    assert "artifacts/screenshot-full.png" in danish_text


def test_strips_of_a_100000_pixel_screenshot_stay_small_in_memory(tall_png: Path) -> None:
    # A fresh interpreter, so that its peak memory is the strips' alone (Pillow's pixels are not
    # seen by tracemalloc: the resident set size is what counts).
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from evidence_store.report.pdf.images import iter_strips\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "rows = sum(s.rows for s in iter_strips(Path(sys.argv[1]), [1778] * 40))\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(rows, (after - before) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(tall_png)], check=True, capture_output=True,
                         text=True).stdout.split()
    rows, grown_mb = int(out[0]), int(out[1])
    assert rows == 71_120
    assert grown_mb < 150, f"decoding the strips grew the process by {grown_mb} MB"


def test_the_check_at_export_and_the_custody_log_are_shown(danish_text: str,
                                                           bundles: list[ReportBundle]) -> None:
    assert "Bevispakken var IKKE intakt ved eksporten" in danish_text
    assert "artifacts/page.html: sha256 does not match" in danish_text
    assert danish_text.count("Bevispakken var intakt ved eksporten") == 2
    assert "Intet tidsstempel" in danish_text                  # no time-stamp for capture 2
    assert "2026-11-21 10:15:44 UTC · 2026-11-21 11:15:44 CET dansk tid, fra Freetsa.org TSA" in danish_text
    assert "Sporbarhedslog (chain of custody)" in danish_text
    assert "to: Østjyllands Politi" in danish_text
    assert danish_text.count("Modtaget") == 30
    custody = danish_text[danish_text.index("Sporbarhedslog (chain of custody)\n"):]
    for bundle in bundles:
        assert custody.count(bundle.signer_fingerprint) == len(bundle.custody_events)


def test_the_cover_says_how_to_verify(danish_text: str) -> None:
    for command in ("sha256sum -c SHA256SUMS",
                    "openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in manifest.json "
                    "-sigfile manifest.json.sig",
                    "openssl ts -verify -data manifest.json -in timestamp.tsr -CAfile tsa-chain.pem",
                    "openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum"):
        assert command in danish_text.splitlines()
    assert "Antal optagelser" in danish_text


def test_document_metadata(danish_pdf: Path) -> None:
    info = pdf_info(danish_pdf)
    assert info["Title"] == "Bevisrapport med sporbarhedslog (chain of custody) – Sag <1> & Ærø"
    assert info["Author"] == "Birgitte Ølgaard, Aarhus Kommune"
    assert info["Subject"].startswith("Websider sikret som bevis med Vidne: 3 optagelse(r)")
    assert info["Creator"] == f"Vidne {vidne_version()}"
    fonts = run("pdffonts", str(danish_pdf))
    assert "DejaVu" in fonts or "VidneSans" in fonts
    assert all(re.search(r" yes +yes +yes ", line) for line in fonts.splitlines()[2:])  # all embedded


def test_pages_render_as_pictures(danish_pdf: Path, tmp_path: Path) -> None:
    run("pdftoppm", "-r", "20", "-f", "1", "-l", "2", "-png", str(danish_pdf), str(tmp_path / "page"))
    assert len(list(tmp_path.glob("page-*.png"))) == 2


def test_english_report(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path, "20261121T101530Z-0000aaaa", title=HOSTILE_TITLE, trusted=False)
    viewport = write_png(bundle.folder / "artifacts" / "screenshot-viewport.png", 60, 9_000)
    bundle.manifest["artifacts"][1]["sha256"] = hashlib.sha256(viewport.read_bytes()).hexdigest()
    out = tmp_path / "report.pdf"
    render_custody_report(out, case="", organisation="Aarhus Municipality", exported_by="B. Olgaard",
                          exported_at=START, bundles=[bundle], language="en")
    text = pdf_text(out)
    pages = int(pdf_info(out)["Pages"])
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Case: (no case given)" in text
    assert "No time-stamp: the times come from the capturing computer's clock." in text
    assert "2026-11-21 11:15:30 CET Danish time" in text
    assert "The bundle was intact at export" in text
    assert HOSTILE_TITLE in text
    assert "Only the top 8,000 of the image's 9,000 pixels are shown" in flat(text)
    assert pdf_info(out)["Title"] == "Evidence report with chain of custody – (no case given)"


def test_a_hostile_bundle_is_reported_not_trusted(tmp_path: Path) -> None:
    huge_url = "https://example.org/" + "a" * 25_000
    bundle = make_bundle(tmp_path, "20261121T101530Z-0000bbbb", url=huge_url, intact=False,
                         problems=["p"] * 80)
    artifacts = bundle.folder / "artifacts"
    # The full screenshot was changed after sealing, the viewport one is truncated and has a fixed
    # hash, and a third artifact points outside the bundle.
    write_png(artifacts / "screenshot-full.png", 1280, 500)
    data = (artifacts / "screenshot-viewport.png").read_bytes()[:3000]
    (artifacts / "screenshot-viewport.png").write_bytes(data)
    manifest = bundle.manifest
    manifest["capture"]["final_url"] = "https://example.org/\u0000x\ud800y"   # JSON can hold both
    manifest["artifacts"][1]["sha256"] = hashlib.sha256(data).hexdigest()
    manifest["artifacts"].append({"path": "../../etc/passwd", "media_type": "text/plain", "size": -1,
                                  "sha256": "<b>not a hash</b>"})
    manifest["capture"]["redirects"] = [{"url": None, "status": "<301>"}, "garbage"]
    manifest["capture"]["tls"] = "not a dict"
    manifest["capture"]["started_at"] = "yesterday<b>"
    custody: list[Any] = [*bundle.custody_events, "not an event",
                          {"seq": "x", "at": 5, "details": [1, {"a": None}]}]
    hostile = replace(bundle, manifest=manifest, custody_events=custody,
                      time=replace(bundle.time, authority="<TSA & co>"), signer_fingerprint="f" * 500)
    out = tmp_path / "report.pdf"
    render_custody_report(out, case="c" * 1000, organisation="\x1b[31mred", exported_by="a\u202eb",
                          exported_at=datetime.fromisoformat("2026-06-01T12:00:00+02:00"),
                          bundles=[hostile])
    run("qpdf", "--check", str(out))
    text = pdf_text(out)
    assert "Billedet vises ikke, fordi filen artifacts/screenshot-full.png ikke svarer til sin sha256" in text
    assert "Billedet artifacts/screenshot-viewport.png kunne ikke vises" in text
    assert "<b>not a hash</b>" in text
    assert "og 30 problemer mere" in text
    # 10,000 of the 25,020 characters, over two pages, each part extracting as one line
    parts = [line for line in text.splitlines() if re.fullmatch(r"(https://example\.org/)?a{50,}", line)]
    assert len(parts) == 2 and "".join(parts) == huge_url[:10_000]
    assert "[afkortet: 25.020 tegn i alt" in text
    assert "https://example.org/[U+0000]x[U+D800]y" in text
    assert "HTTP <301> fra:" in text
    assert "(ulæselig hændelse)" in text
    assert "fra <TSA & co>" in text
    assert "2026-06-01 10:00:00 UTC" in text        # exported_at given in +02:00, printed in UTC
    assert "[U+001B][31mred" in text


def test_bad_arguments_and_unwritable_places(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path, "20261121T101530Z-0000cccc")
    kwargs: dict[str, Any] = {"case": "c", "organisation": "o", "exported_by": "e", "bundles": [bundle]}
    with pytest.raises(ValueError, match="timezone"):
        render_custody_report(tmp_path / "a.pdf", exported_at=datetime(2026, 1, 1), **kwargs)
    with pytest.raises(ValueError, match="language"):
        render_custody_report(tmp_path / "a.pdf", exported_at=START, language="sv", **kwargs)
    empty = tmp_path / "empty.pdf"
    render_custody_report(empty, exported_at=START, **{**kwargs, "bundles": []})
    assert "Antal optagelser 0" in flat(pdf_text(empty))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReportError, match="could not be written"):
        render_custody_report(blocker / "a.pdf", exported_at=START, **kwargs)
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o500)
    try:
        if sys.platform != "win32" and not _is_root():
            with pytest.raises(ReportError):
                render_custody_report(tmp_path / "ro" / "a.pdf", exported_at=START, **kwargs)
            assert list((tmp_path / "ro").iterdir()) == []
    finally:
        (tmp_path / "ro").chmod(0o700)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def test_report_texts_exist_in_both_languages() -> None:
    import resources

    texts = json.loads(resources.read_text("report", "texts.json"))
    assert set(texts["da"]) == set(texts["en"])
    assert set(texts["da"]["events"]) == set(texts["en"]["events"]) == {
        "captured", "timestamped", "exported", "received", "note", "handed_over", "vaulted", "rechecked"}
    from evidence_store.bundle.custody import EVENTS
    assert set(texts["en"]["events"]) == set(EVENTS)       # every event Vidne writes has its words


def test_a_logged_in_capture_says_so_by_site_never_by_secret(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path, "20261121T101530Z-0000cccc")
    bundle.manifest["capture"]["session"] = {"logged_in_session": True, "sites": ["facebook.com"],
                                             "cookie_names": ["c_user", "xs"], "cookie_count": 2}
    plain_bundle = make_bundle(tmp_path, "20261121T101530Z-0000dddd")
    out = tmp_path / "report.pdf"
    render_custody_report(out, case="Sag", organisation="Aarhus Municipality", exported_by="B. Olgaard",
                          exported_at=START, bundles=[bundle, plain_bundle], language="en")
    text = flat(pdf_text(out))
    assert "yes, with Vidne's own browser profile, on: facebook.com" in text
    assert "no (a browser without log-ins)" in text


def _render(tmp_path: Path, bundles: list[ReportBundle], language: str) -> str:
    out = tmp_path / f"report-{language}.pdf"
    render_custody_report(out, case="Sag", organisation="Aarhus Kommune", exported_by="B. Ølgaard",
                          exported_at=START, bundles=bundles, language=language)
    run("qpdf", "--check", str(out))
    return flat(pdf_text(out))


def test_secrets_removed_and_the_network_record_are_stated_by_name_and_number(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path, "20261121T101530Z-0000eeee",
                         capture_facts={"redactions": REDACTIONS, "network": NETWORK})
    english = _render(tmp_path, [bundle], "en")
    assert "Secrets removed before saving" in english
    assert "replaced by REDACTED wherever a saved file would have held them" in english
    assert "their values are not in the bundle" in english
    assert ("hidden fields and meta tags in the saved page (page.html, page.mhtml): 2 removed – names: "
            "csrf_token, fb_dtsg") in english
    assert "parameters in web addresses: 1 removed – names: sid" in english
    assert ("HTTP headers of the requests, in the network record: 57 removed – names: authorization, cookie"
            in english)
    assert "replaced by REDACTED where found: page.html (3×), page.mhtml (1×)." in english
    assert "Network record Saved in the bundle as page.wacz: every request the browser made" in english
    assert ("1,234 requests made by the page; 1,230 responses recorded, with 5,432,100 bytes (5.4 MB) of "
            "content in all") in english
    assert "2 responses recorded without their content, because it was larger than the size limit" in english
    assert "3 responses recorded without their content, because the capture's time limit was near" in english
    assert "4 requests got no response" in english
    assert "0 responses had not finished arriving" in english
    assert "0 requests not recorded, because the page made more requests than Vidne records" in english
    assert "Not recorded" not in english
    danish = _render(tmp_path, [bundle], "da")
    assert "Hemmeligheder fjernet før gemning" in danish
    assert "parametre i webadresser: 1 fjernet – navne: sid" in danish
    assert "HTTP-headere i forespørgslerne, i netværksoptagelsen: 57 fjernet – navne: authorization, cookie" in danish
    assert "Netværksoptagelse Gemt i bevispakken som page.wacz" in danish
    assert "1.234 forespørgsler fra siden; 1.230 svar registreret med 5.432.100 byte (5,4 MB) indhold i alt" in danish
    assert "2 svar registreret uden indhold, fordi indholdet var større end størrelsesgrænsen" in danish
    assert "0 forespørgsler blev ikke registreret" in danish


def test_a_capture_without_these_facts_says_they_were_not_recorded(tmp_path: Path) -> None:
    older = make_bundle(tmp_path, "20261121T101530Z-0000ffff")          # no redactions, no network
    assert not {"redactions", "network"} & set(older.manifest["capture"])
    nothing = make_bundle(tmp_path, "20261121T101530Z-00001111", capture_facts={
        "redactions": {"removed": {}, "counts": {}, "replaced_with": "REDACTED", "secret_values_searched": 5,
                       "values_replaced_in_files": {}},
        "network": {"saved": False, "reason": "the capture's time limit was reached"},
    })
    english = _render(tmp_path, [older, nothing], "en")
    assert ("Secrets removed before saving Not recorded: this capture's manifest does not say whether or which "
            "secrets were removed.") in english
    assert "Network record Not recorded: this capture's manifest holds no facts about a network record." in english
    assert "Secrets removed before saving None: Vidne found no cookies, session tokens" in english
    assert "were also searched for 5 secret values (such as the browser's cookie values); none of them" in english
    assert ("Network record Not saved. The reason given in manifest.json: the capture's time limit was "
            "reached") in english
    assert "requests made by the page" not in english and "removed – names" not in english
    danish = _render(tmp_path, [older], "da")
    assert "Ikke registreret: manifestet for denne optagelse siger ikke, om eller hvilke hemmeligheder" in danish
    assert ("Ikke registreret: manifestet for denne optagelse indeholder ingen oplysninger om en "
            "netværksoptagelse") in danish


def test_hostile_names_of_secrets_print_literally_and_bounded(tmp_path: Path) -> None:
    long_name = "n" * 5_000
    many_places = {f"<place {n}>": [f"name{n}"] for n in range(40)}
    bundle = make_bundle(tmp_path, "20261121T101530Z-00002222", capture_facts={
        "redactions": {
            "removed": {"page_fields": ["<b>csrf</b> & \x07bell", long_name, *[f"f{n}" for n in range(100)]],
                        "url_parameters": ["\x1b[31m" * 300], **many_places},
            "counts": {"page_fields": "<i>lots</i>", "url_parameters": 1},
            "values_replaced_in_files": {"<script>x</script>.html": True},
        },
        "network": {"saved": True, "artifact": "<b>page.wacz</b>", "requests": "many<br/>", "responses_recorded": -1,
                    "body_bytes": True, "bodies_omitted_size": 10**12},
    })
    text = _render(tmp_path, [bundle], "en")
    assert "page.html, page.mhtml): <i>lots</i> removed – names: <b>csrf</b> & [U+0007]bell, nnnn" in text
    assert "[cut: " in text and "and 72 more (all are in manifest.json)" in text
    assert "[U+001B][31m[U+001B][31m" in text
    assert "<place 0> (as named in manifest.json) – names: name0" in text
    assert "… and 30 more places; all are in manifest.json." in text
    assert "where found: <script>x</script>.html (True×)." in text
    assert "Saved in the bundle as <b>page.wacz</b>:" in text
    assert "many<br/> requests made by the page; -1 responses recorded" in text
    assert "1,000,000,000,000 responses recorded without their content" in text
