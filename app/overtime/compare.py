"""The comparison a re-check makes: the visible text of the original and of the page now, normalised and
diffed, and the verdict (unchanged, changed, gone, login_needed); beside it a second signal, a difference
hash of the two first-view screenshots, never the verdict alone.

Normalising: Unicode NFC, every run of white space one space, empty lines dropped. Lines are compared with
their numbers masked (a run of digits, with any . : , / - between digits, counts as one number: "5",
"12:04:33.120", "2026-12-03" alike), so a clock, "for 5 min. siden", a like counter or an ad id that
changes on every load is no change; a line that differs in anything else is
diffed word by word (difflib), and lines with nothing in common are reported whole. The text reported is
the page's own, digits and all.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, UnidentifiedImageError

from app.overtime.gone import gone_phrase

OUTCOMES = ("unchanged", "changed", "gone", "login_needed", "unreachable")
GONE_STATUSES = (404, 410)
MAX_ITEMS = 200                 # removed or added pieces kept in the signed facts (each list)
MAX_ITEM_CHARS = 2000           # one piece, cut with "…" beyond this
PAIR_RATIO = 0.5                # two lines this alike (0..1) are one line edited, diffed word by word
SIMILAR_BITS = 10               # first views whose hashes differ in at most this many of 64 bits look alike
MAX_PIXELS = 40_000_000         # a first-view screenshot larger than this is not hashed

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.:,/-]\d+)*")


@dataclass(frozen=True)
class Seen:
    """What one capture saw: its HTTP status, its visible text, and whether it was a log-in wall."""

    http_status: int | None
    text: str
    login_wall: bool = False


@dataclass(frozen=True)
class Verdict:
    """The re-check's outcome, why (one sentence), and what text went and came."""

    outcome: str
    reason: str
    changes: dict[str, list[str]] = field(default_factory=lambda: {"removed": [], "added": []})
    cut: bool = False           # more was removed or added than the lists keep


def normalise(text: str) -> list[str]:
    """The text's lines as compared: NFC, white space runs one space, no empty lines."""
    lines = (_SPACE.sub(" ", line).strip() for line in unicodedata.normalize("NFC", text).splitlines())
    return [line for line in lines if line]


def mask(text: str) -> str:
    """``text`` with every number (see the module's docstring) replaced by one 0: what is compared."""
    return _NUMBER.sub("0", text)


def diff_text(before: str, after: str) -> tuple[dict[str, list[str]], bool]:
    """({"removed": [...], "added": [...]}, cut): the lines or words of ``before`` not in ``after`` and the
    other way round, in page order; lines that differ only in digits are the same line."""
    old, new = normalise(before), normalise(after)
    matcher = difflib.SequenceMatcher(None, [mask(x) for x in old], [mask(x) for x in new], autojunk=False)
    removed: list[str] = []
    added: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        a, b = old[i1:i2], new[j1:j2]
        paired = 0
        if op == "replace":
            for x, y in zip(a, b, strict=False):
                if difflib.SequenceMatcher(None, mask(x), mask(y), autojunk=False).ratio() < PAIR_RATIO:
                    break
                gone, came = _diff_words(x, y)
                removed += gone
                added += came
                paired += 1
        removed += a[paired:]
        added += b[paired:]
    return _bounded(removed, added)


def _diff_words(before: str, after: str) -> tuple[list[str], list[str]]:
    """The runs of words removed from and added to one edited line."""
    a, b = before.split(" "), after.split(" ")
    matcher = difflib.SequenceMatcher(None, [mask(w) for w in a], [mask(w) for w in b], autojunk=False)
    removed, added = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            removed.append(" ".join(a[i1:i2]))
        if op in ("replace", "insert"):
            added.append(" ".join(b[j1:j2]))
    return removed, added


def _bounded(removed: list[str], added: list[str]) -> tuple[dict[str, list[str]], bool]:
    cut = len(removed) > MAX_ITEMS or len(added) > MAX_ITEMS
    pieces = {"removed": removed[:MAX_ITEMS], "added": added[:MAX_ITEMS]}
    for key, items in pieces.items():
        pieces[key] = [item if len(item) <= MAX_ITEM_CHARS else item[:MAX_ITEM_CHARS - 1] + "…" for item in items]
        cut = cut or any(len(item) > MAX_ITEM_CHARS for item in items)
    return pieces, cut


def classify(original: Seen, now: Seen) -> Verdict:
    """The outcome of a re-check that got an answer, in this order: gone (HTTP 404/410, or the site's own
    removal notice the original did not show), login_needed (a log-in wall or robot check, or HTTP 401,
    where the original was none), changed or unchanged (the visible text). ``changes`` is the text's
    difference whatever the outcome (for "gone", what the post said that is no longer there)."""
    changes, cut = diff_text(original.text, now.text)
    if now.http_status in GONE_STATUSES:
        return Verdict("gone", f"The site answered HTTP {now.http_status}.", changes, cut)
    notice = gone_phrase(now.text, unless_in=original.text)
    if notice is not None:
        site, phrase = notice
        whose = "" if site == "any" else f" ({site}'s wording)"
        return Verdict("gone", f"The page says “{phrase}”{whose}.", changes, cut)
    original_open = not original.login_wall and original.http_status != 401
    if original_open and (now.login_wall or now.http_status == 401):
        why = "The page asks to log in or to prove a person is there"
        return Verdict("login_needed", f"{why}, where the original capture showed the page.", changes, cut)
    if changes["removed"] or changes["added"]:
        return Verdict("changed", "The visible text differs from the original's.", changes, cut)
    return Verdict("unchanged", "The visible text is the same as the original's (differences in digits "
                   "only, such as clocks and counters, are not counted).", changes, cut)


def dhash(png: bytes) -> int | None:
    """A 64-bit difference hash of an image (brightness falling or rising between neighbours of a 9x8
    grey thumbnail); None when the bytes are not an image Vidne reads or it is too large."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return None
    pixels = small.tobytes()          # one byte per pixel, row by row
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = bits << 1 | int(pixels[row * 9 + col] > pixels[row * 9 + col + 1])
    return bits


def picture(original_png: bytes | None, now_png: bytes | None) -> dict[str, Any] | None:
    """The second signal: ``{"method", "distance", "similar"}`` of the two first views' difference
    hashes (distance: bits of 64 that differ), or None when either could not be hashed."""
    before = dhash(original_png) if original_png is not None else None
    after = dhash(now_png) if now_png is not None else None
    if before is None or after is None:
        return None
    distance = (before ^ after).bit_count()
    return {"method": "difference hash (64 bits) of screenshot-viewport.png", "distance": distance,
            "similar": distance <= SIMILAR_BITS}
