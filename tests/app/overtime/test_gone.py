"""The one list of removal notices (app/overtime/gone.py): every site's phrases are found in a page's
text however it is spaced, cased or typed, in Danish and English, and only where the original lacked them."""

from __future__ import annotations

import re

from app.overtime.gone import GONE_PHRASES, fold, gone_phrase


def test_every_site_the_issue_names_has_danish_and_english_phrases() -> None:
    danish = re.compile(r"\b(ikke|findes|kunne|slettet)\b", re.IGNORECASE)
    sites = {site for site, _ in GONE_PHRASES}
    assert {"Facebook", "Instagram", "X", "TikTok", "YouTube"} <= sites
    for site in sites:
        phrases = [p for s, p in GONE_PHRASES if s == site]
        assert any(danish.search(p) for p in phrases), site
        assert any(not danish.search(p) for p in phrases), site


def test_every_phrase_is_found_in_a_page_around_it() -> None:
    for site, phrase in GONE_PHRASES:
        page = f"Menu\nSøg\n  {phrase.upper()}  \nGå til forsiden"
        found = gone_phrase(page)
        assert found is not None, phrase
        assert fold(found[1]) in fold(page)
        assert site in {s for s, _ in GONE_PHRASES}


def test_typographic_apostrophes_dots_and_spacing_match() -> None:
    assert gone_phrase("This content isn\u2019t\u00a0available right now") == (
        "Facebook", "This content isn't available right now")
    assert gone_phrase("Hmm\u2026 this page doesn’t exist. Try searching for something else.") == (
        "X", "Hmm...this page doesn't exist")
    assert gone_phrase("Dette indhold er ikke tilgængeligt") == ("any", "Dette indhold er ikke tilgængeligt")


def test_a_notice_the_original_held_as_well_is_not_a_removal() -> None:
    assert gone_phrase("Video unavailable\nmore", unless_in="He wrote: video unavailable") is None
    assert gone_phrase("An ordinary post about the weather") is None
