"""The one list of the words sites show instead of a post that was removed ("this content isn't available"),
in Danish and English, and the one function that looks for them in a page's visible text.

A page saying one of these, where the original capture did not, is "gone" even when the site answered
HTTP 200 (Facebook, Instagram, X, TikTok and YouTube do). Each phrase is matched after the same
normalisation as the page text (NFC, case folded, typographic apostrophes and dots made plain, runs of
white space one space), anywhere in the page's visible text. Add a phrase here, with a test in
tests/app/overtime/test_gone.py, when a site changes its wording.
"""

from __future__ import annotations

import re
import unicodedata

# (site, phrase) — the phrase as the site writes it; matching is case-insensitive (see fold()).
GONE_PHRASES: tuple[tuple[str, str], ...] = (
    # any site (and the wording the issue names)
    ("any", "This content isn't available"),
    ("any", "This content is not available"),
    ("any", "Dette indhold er ikke tilgængeligt"),
    # Facebook
    ("Facebook", "This content isn't available right now"),
    ("Facebook", "This page isn't available"),
    ("Facebook", "The link you followed may be broken, or the page may have been removed"),
    ("Facebook", "Dette indhold er ikke tilgængeligt lige nu"),
    ("Facebook", "Denne side er ikke tilgængelig"),
    ("Facebook", "Det link, du fulgte, kan være ugyldigt, eller siden kan være blevet fjernet"),
    # Instagram
    ("Instagram", "Sorry, this page isn't available"),
    ("Instagram", "Post isn't available"),
    ("Instagram", "Siden er desværre ikke tilgængelig"),
    ("Instagram", "Opslaget er ikke tilgængeligt"),
    # X (Twitter)
    ("X", "Hmm...this page doesn't exist"),
    ("X", "This post was deleted by the post author"),
    ("X", "This Tweet was deleted by the Tweet author"),
    ("X", "This post is unavailable"),
    ("X", "This Tweet is unavailable"),
    ("X", "This post is from an account that no longer exists"),
    ("X", "Hmm ... denne side findes ikke"),
    ("X", "Dette opslag blev slettet af forfatteren"),
    ("X", "Dette opslag er ikke tilgængeligt"),
    # TikTok
    ("TikTok", "Video currently unavailable"),
    ("TikTok", "This video is unavailable"),
    ("TikTok", "Couldn't find this account"),
    ("TikTok", "Videoen er ikke tilgængelig i øjeblikket"),
    ("TikTok", "Kunne ikke finde denne konto"),
    # YouTube
    ("YouTube", "Video unavailable"),
    ("YouTube", "This video isn't available anymore"),
    ("YouTube", "This video has been removed by the uploader"),
    ("YouTube", "This video is no longer available"),
    ("YouTube", "This video is private"),
    ("YouTube", "Videoen er ikke tilgængelig"),
    ("YouTube", "Denne video er ikke længere tilgængelig"),
    ("YouTube", "Denne video er blevet fjernet af uploaderen"),
    ("YouTube", "Denne video er privat"),
)

_SPACE = re.compile(r"\s+")
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2026": "...", "\u00a0": " "})


def fold(text: str) -> str:
    """Text as phrases are matched: NFC, plain apostrophes and dots, case folded, one space for any run."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_PLAIN).casefold())
    return text.replace("... ", "...").replace(" ...", "...")


_FOLDED = tuple((site, phrase, fold(phrase)) for site, phrase in GONE_PHRASES)


def gone_phrase(text: str, *, unless_in: str = "") -> tuple[str, str] | None:
    """(site, phrase) of the first removal notice in ``text`` that ``unless_in`` (the original's text) does
    not hold as well; None when there is none. The longest phrase wins, so a site's own wording is named
    rather than the short generic one inside it."""
    page, before = fold(text), fold(unless_in)
    found = [(site, phrase) for site, phrase, key in _FOLDED if key in page and key not in before]
    return max(found, key=lambda item: len(item[1])) if found else None
