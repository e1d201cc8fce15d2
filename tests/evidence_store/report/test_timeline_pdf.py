"""The case's timeline in the chain-of-custody PDF, checked with pdftotext and drawn with pdftoppm: the
section, the events in order with their outcomes in words and Danish time, hostile text as text, and the
removed and added words."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from evidence_store import TimelineEvent
from evidence_store.handover.export import export_case
from evidence_store.report.render import ReportBundle, render_custody_report
from evidence_store.store.store import Store
from tests.evidence_store.report.fixtures import START, make_bundle

HOSTILE = "<b>x</b>&amp;"
FIRST, SECOND, THIRD, FOURTH, FIFTH = (f"20261121T1{n}1530Z-0000000{n}" for n in range(5))


@pytest.fixture(autouse=True)
def _tools() -> None:
    """A missing tool fails these tests (scripts/system-deps.sh installs them), never skips them."""
    missing = [tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None]
    assert not missing, f"missing {missing} (poppler-utils): run scripts/system-deps.sh"


def event(at: str, capture_id: str, outcome: str, *, of: str | None = FIRST, removed: list[str] | None = None,
          added: list[str] | None = None, status: int | None = 200, title: str = HOSTILE) -> TimelineEvent:
    return TimelineEvent(at=at, id=capture_id, url="https://example.org/post/1?<i>q</i>", title=title,
                         outcome=outcome, of=of, changes={"removed": removed or [], "added": added or []},
                         http_status=status)


FIVE = [
    event("2026-11-21T10:15:30Z", FIRST, "captured", of=None),
    event("2026-11-21T11:15:30Z", SECOND, "unchanged"),
    event("2026-11-21T12:15:30Z", THIRD, "changed", removed=["borgmesteren er <i>inkompetent</i> & doven"],
          added=["borgmesteren er uenig med os"]),
    event("2026-11-22T09:00:00Z", FOURTH, "login_needed", status=200),
    event("2026-11-23T09:00:00Z", FIFTH, "gone", status=404),
]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> list[ReportBundle]:
    root = tmp_path_factory.mktemp("bundles")
    return [make_bundle(root, capture_id, title=HOSTILE) for capture_id in (FIRST, SECOND)]


def render(path: Path, bundles: list[ReportBundle], timeline: list[TimelineEvent], language: str) -> Path:
    render_custody_report(path, case="Opslag om borgmesteren", organisation="Aarhus Kommune",
                          exported_by="Mette Hansen", exported_at=START.replace(day=24),
                          bundles=bundles, language=language, timeline=timeline)
    return path


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def section(text: str, title: str, next_title: str) -> str:
    """The timeline section's text: from its heading to the first capture's section."""
    start = text.index(f"\n{title}\n")
    return text[start:text.index(next_title, start)]


def test_the_timeline_section_tells_the_story_in_order(tmp_path: Path, bundles: list[ReportBundle]) -> None:
    text = pdf_text(render(tmp_path / "da.pdf", bundles, FIVE, "da"))
    part = section(text, "Tidslinje", "Optagelse 1 af 2")
    flat = " ".join(part.split())
    # the events in time order, numbered, in Danish time (10:15 UTC in November is 11:15 CET), with words
    heads = re.findall(r"(\d)\. (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (CET) – ([^\n·]+?)(?: ·|\n)", part)
    assert [(n, when, words.strip()) for n, when, _zone, words in heads] == [
        ("1", "2026-11-21 11:15:30", "Gemt første gang"),
        ("2", "2026-11-21 12:15:30", "Uændret"),
        ("3", "2026-11-21 13:15:30", "Ændret"),
        ("4", "2026-11-22 10:00:00", "Kræver log-ind"),
        ("5", "2026-11-23 10:00:00", "Forsvundet"),
    ]
    positions = [flat.index(capture_id) for capture_id in (FIRST, SECOND, THIRD, FOURTH, FIFTH)]
    assert positions == sorted(positions)
    assert "HTTP-status 404" in flat
    assert f"genkontrol af {FIRST}" in flat
    # hostile text comes out as the characters it is, never as markup
    assert flat.count(HOSTILE) == 5
    assert "https://example.org/post/1?<i>q</i>" in flat
    # the removed and the added words, literally, under their labels
    assert "Fjernet tekst (overstreget): borgmesteren er <i>inkompetent</i> & doven" in flat
    assert "Tilføjet tekst (understreget): borgmesteren er uenig med os" in flat
    # the legend names the outcomes shown
    for words in ("Gemt første gang", "Uændret", "Ændret", "Kræver log-ind", "Forsvundet"):
        assert flat.count(words) >= 2, words
    assert "logget ind som Vidnes browserprofil var" in flat


def test_in_english_and_drawn(tmp_path: Path, bundles: list[ReportBundle]) -> None:
    path = render(tmp_path / "en.pdf", bundles, FIVE, "en")
    flat = " ".join(section(pdf_text(path), "Timeline", "Capture 1 of 2").split())
    for words in ("First captured", "Unchanged", "Changed", "Log-in needed", "Gone", "HTTP status 404",
                  "Removed text (struck through): borgmesteren er <i>inkompetent</i> & doven",
                  "Added text (underlined): borgmesteren er uenig med os", f"re-check of {FIRST}"):
        assert words in flat, words
    # the drawing is there: pdftoppm renders the page, and the marks' colours are on it
    page = timeline_page(path, "Timeline")
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), str(path), str(prefix)],
                   check=True, capture_output=True)
    (picture,) = tmp_path.glob("page*.png")
    colours: set[tuple[int, ...]] = {tuple(pixel) for _count, pixel in  # type: ignore[arg-type]
                                     Image.open(picture).convert("RGB").getcolors(1 << 20) or []}
    for wanted in ((0x1F, 0x5F, 0xA8), (0x2E, 0x7D, 0x32), (0xC2, 0x41, 0x0C), (0xB9, 0x1C, 0x1C),
                   (0x7C, 0x3A, 0xED)):
        assert any(sum(abs(a - b) for a, b in zip(pixel, wanted, strict=True)) < 30 for pixel in colours), wanted


def timeline_page(path: Path, title: str) -> int:
    """The number of the page the timeline starts on."""
    pages = pdf_text(path).split("\f")
    return next(n for n, page in enumerate(pages, start=1) if f"\n{title}\n" in f"\n{page}")


def test_no_section_without_a_recheck(tmp_path: Path, bundles: list[ReportBundle]) -> None:
    text = pdf_text(render(tmp_path / "only.pdf", bundles, FIVE[:1], "da"))
    assert "\nTidslinje\n" not in f"\n{text}"
    assert "Gemt første gang" not in text


def test_times_in_the_organisations_zone_stay_whole(tmp_path: Path, bundles: list[ReportBundle]) -> None:
    """A time that cannot be read is printed as it is (cleaned), not dropped."""
    odd = [FIVE[0], event("not a time <b>", SECOND, "unchanged")]
    flat = " ".join(pdf_text(render(tmp_path / "odd.pdf", bundles, odd, "en")).split())
    assert "2. not a time <b> – Unchanged" in flat


@dataclass(frozen=True)
class Art:
    name: str
    media_type: str
    description: str = ""


def seal(store: Store, hours: int, recheck: dict[str, object] | None) -> str:
    """A real sealed bundle of the case (made without a browser); ``recheck``: its signed recheck facts."""
    started = START + timedelta(hours=hours)
    iso = started.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with store.begin_capture(started) as staging:
        (staging.artifacts_dir / "page.html").write_text("<html></html>", encoding="utf-8")
        facts: dict[str, object] = {"url_requested": "https://social.example/post/1", "title": HOSTILE,
                                    "final_url": "https://social.example/post/1", "http_status": 200,
                                    "started_at": iso, "finished_at": iso, "content_kind": "html", "steps": []}
        if recheck is not None:
            facts["recheck"] = recheck
        return store.seal(staging, facts=facts, artifacts=[Art("page.html", "text/html")], operator="Test",
                          organisation="Testkommune", case="Borgmesteren").id


def test_an_exported_case_tells_its_timeline(tmp_path: Path) -> None:
    """The export draws the report with the case's timeline (case_timeline, as `vidne timeline` lists it)."""
    store = Store.open(tmp_path / "store")
    try:
        first = seal(store, 0, None)
        changed = seal(store, 1, {"of": first, "outcome": "changed",
                                  "changes": {"removed": ["ikke <b>længere</b> &amp; her"], "added": ["ny"]}})
        gone = seal(store, 2, {"of": first, "outcome": "gone", "changes": {"removed": [], "added": []}})
        out = tmp_path / "case.zip"
        export_case(store, "Borgmesteren", out, exported_by="Mette", organisation="Aarhus Kommune", language="en")
    finally:
        store.close()
    with zipfile.ZipFile(out) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith("chain-of-custody.pdf")]
        (tmp_path / "report.pdf").write_bytes(zf.read(name))
    flat = " ".join(section(pdf_text(tmp_path / "report.pdf"), "Timeline", "Capture 1 of 3").split())
    assert [flat.index(capture_id) for capture_id in (first, changed, gone)] == sorted(
        flat.index(capture_id) for capture_id in (first, changed, gone))
    assert "– First captured" in flat and "– Changed" in flat and "– Gone" in flat
    assert "Removed text (struck through): ikke <b>længere</b> &amp; her" in flat
    assert "Added text (underlined): ny" in flat


def test_an_outcome_this_version_does_not_know_is_printed_as_text(tmp_path: Path,
                                                                  bundles: list[ReportBundle]) -> None:
    odd = [FIVE[0], event("2026-11-21T11:15:30Z", SECOND, "<b>new</b>\x07")]
    flat = " ".join(pdf_text(render(tmp_path / "new.pdf", bundles, odd, "en")).split())
    assert "2. 2026-11-21 12:15:30 CET – <b>new</b>[U+0007]" in flat
