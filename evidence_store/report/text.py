"""Text for the chain-of-custody report: the report's own texts, and hostile text made safe to print.

Everything that came from a web page or a person (titles, URLs, notes, names, file names in a
manifest) goes through :func:`clean` before it is printed: control and invisible format characters
become a visible ``[U+XXXX]``, characters the font has no glyph for become ``�``, and very long text
is cut, with the cut said out loud. :func:`esc` then escapes it for reportlab's Paragraph markup.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Container
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import resources

log = logging.getLogger(__name__)

REPLACEMENT = "\ufffd"
LANGUAGES = ("da", "en")
DANISH_ZONE = "Europe/Copenhagen"

# General categories printed as [U+XXXX]: controls, invisible format characters (bidi overrides,
# zero-width joiners, soft hyphens), line/paragraph separators, and lone surrogates.
_VISIBLE_CODE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


@dataclass(frozen=True)
class Shown:
    """Text ready to print (cleaned, not yet escaped) and whether it was cut."""

    text: str
    total: int          # length of the original text, in characters
    cut: bool


def clean(value: object, covered: Container[int], *, limit: int, multiline: bool = False) -> Shown:
    """Make any value printable and bounded: see the module docstring.

    ``covered`` holds the code points the font can draw. With ``multiline`` newlines are kept
    (as ``\\n``) and tabs become four spaces; otherwise they are shown as ``[U+000A]`` and so on.
    """
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value
    else:
        text = str(value)
    total = len(text)
    cut = total > limit
    if cut:
        text = text[:limit]
    if multiline:
        text = text.replace("\r\n", "\n")
    out: list[str] = []
    for ch in text:
        if multiline and ch == "\n":
            out.append("\n")
        elif multiline and ch == "\t":
            out.append("    ")
        elif unicodedata.category(ch) in _VISIBLE_CODE_CATEGORIES:
            out.append(f"[U+{ord(ch):04X}]")
        elif ord(ch) in covered:
            out.append(ch)
        else:
            out.append(REPLACEMENT)
    return Shown("".join(out), total, cut)


def esc(text: str) -> str:
    """Escape text for reportlab Paragraph markup; newlines become line breaks."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br/>")


class Texts:
    """The report's texts in one language, from ``resources/report/texts.json``."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown report language {language!r}; expected one of {LANGUAGES}")
        everything = _load_texts()
        self.language = language
        self._texts: dict[str, Any] = {**everything["shared"], **everything[language]}

    def raw(self, key: str) -> str:
        """A text as written in the file (may hold markup such as ``<font>``). The texts speak of Danish
        time; a report rendered for another zone (REPORT_ZONE) names that zone instead."""
        value = self._texts[key]
        if not isinstance(value, str):
            raise TypeError(f"report text {key!r} is not a string")
        zone = REPORT_ZONE.get()
        if zone != DANISH_ZONE:
            local = {"da": "lokal tid", "en": "local time"}[self.language]
            value = value.replace(f"({DANISH_ZONE})", f"({zone})").replace(
                {"da": "dansk tid", "en": "Danish time"}[self.language], f"{local} ({zone})")
        return value

    def markup(self, key: str, **values: str) -> str:
        """A text as Paragraph markup, with ``values`` (already escaped markup) filled in."""
        return self.raw(key).format(**values)

    def plain(self, key: str, **values: str) -> str:
        """A text as plain characters (for canvas drawing and metadata), values filled in."""
        return self.raw(key).format(**values)

    def event_name(self, event: str) -> str | None:
        names = self._texts["events"]
        name = names.get(event) if isinstance(names, dict) else None
        return name if isinstance(name, str) else None

    def number(self, value: int) -> str:
        return f"{value:,}".replace(",", self.raw("thousands_sep"))

    def size(self, size: int) -> str:
        """``1.234.567 byte (1,2 MB)``: the exact count, and a rounded one for people."""
        exact = self.plain("bytes", count=self.number(size))
        if size < 1000:
            return exact
        for unit, factor in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
            if size >= factor:
                rounded = f"{size / factor:.1f}".replace(".", self.raw("decimal_sep"))
                return f"{exact} ({rounded} {unit})"
        return exact

    def cut_note(self, shown: Shown) -> str:
        """`` … [cut: N characters …]`` as markup, to follow cut text; ``""`` when nothing was cut."""
        return " … " + self.truncation(shown) if shown.cut else ""

    def truncation(self, shown: Shown) -> str:
        """``[cut: N characters in all; …]`` as markup."""
        return esc(self.plain("truncated", total=self.number(shown.total)))


@cache
def _load_texts() -> dict[str, dict[str, Any]]:
    data = json.loads(resources.read_text("report", "texts.json"))
    if not isinstance(data, dict):
        raise TypeError("resources/report/texts.json must hold an object")
    return data


REPORT_ZONE: ContextVar[str] = ContextVar("report_zone", default=DANISH_ZONE)   # set by render


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("time zone %s not found; the report shows UTC only", name)
        return None


def danish_zone() -> ZoneInfo | None:
    """The zone people's times are shown in (the organisation's, Europe/Copenhagen unless set), or None
    where the system has no time zone data (Windows without tzdata)."""
    return _zone(REPORT_ZONE.get())


def parse_utc(value: object) -> datetime | None:
    """An ISO 8601 time from a manifest or custody line, as an aware datetime; None if unreadable."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(UTC)


def from_epoch(value: object) -> datetime | None:
    """Seconds since 1970 (as Playwright gives certificate validity) as UTC; None for anything else."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 1e11:
        return datetime.fromtimestamp(value, UTC)
    return None


def require_aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return value.astimezone(UTC)


def _clock(moment: datetime) -> str:
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond // 1000:03d}"
    return text


def utc_text(moment: datetime) -> str:
    """``2026-11-21 10:15:42.123 UTC``"""
    return f"{_clock(moment.astimezone(UTC))} UTC"


def local_text(moment: datetime, texts: Texts) -> str:
    """``2026-11-21 11:15:42.123 CET dansk tid``, or a note that Danish time cannot be shown."""
    zone = danish_zone()
    if zone is None:
        return texts.plain("no_local_time")
    local = moment.astimezone(zone)
    return f"{_clock(local)} {local.tzname()} {texts.plain('local_time')}"


def local_short(moment: datetime) -> str:
    """``2026-11-21 11:15:42 CET``: Danish time without words, for narrow table cells."""
    zone = danish_zone()
    if zone is None:
        return ""
    local = moment.astimezone(zone)
    return f"{_clock(local)} {local.tzname()}"


def moment_text(moment: datetime, texts: Texts) -> str:
    """UTC and Danish time on one line, plain text."""
    return f"{utc_text(moment)} · {local_text(moment, texts)}"
