"""Text from pages, bundles and the operator made safe to show: no Qt here.

Page titles, URLs and notes are hostile: they can hold markup, control characters, bidi overrides
and megabytes of text. Everything shown in the GUI passes through ``plain()`` and is then set as
plain text (Qt.PlainText), never as rich text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

ELLIPSIS = "…"
# Bidi overrides and isolates can make a URL read differently from what it is.
_BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
         "\u200e", "\u200f", "\u061c"}


def plain(value: object, limit: int = 300, *, keep_newlines: bool = False) -> str:
    """``value`` as one bounded line of visible text (or several, with ``keep_newlines``)."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if len(text) > limit * 4:          # never walk megabytes for a short label
        text = text[: limit * 4]
    out: list[str] = []
    for ch in text:
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch in "\t\r\n":
            out.append(" ")
        elif ch in _BIDI:
            continue
        else:
            kind = unicodedata.category(ch)
            if kind in ("Cc", "Cs"):
                out.append("\ufffd")
            elif kind == "Cf" and ch != "\u200d":     # the zero-width joiner keeps emoji whole
                continue
            else:
                out.append(ch)
    shown = "".join(out)
    if not keep_newlines:
        shown = " ".join(shown.split())
    return shown if len(shown) <= limit else shown[: limit - 1] + ELLIPSIS


def rich_escaped(value: object, limit: int = 300) -> str:
    """``plain()`` escaped for the rare place that must be rich text (never page text unescaped)."""
    return html.escape(plain(value, limit), quote=True)


def site_of(url: str) -> str:
    """The host a URL points at, for the list ("facebook.com"); the whole URL when it has none."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    if host.startswith("www."):
        host = host[4:]
    return plain(host or url, 80)


def grouped_fingerprint(fingerprint: str, group: int = 4) -> str:
    """A hex fingerprint in groups that can be read aloud over the phone."""
    clean = "".join(ch for ch in fingerprint.lower() if ch in "0123456789abcdef")
    return " ".join(clean[i:i + group] for i in range(0, len(clean), group))


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"


def tooltip_html(*lines: object, limit: int = 300) -> str:
    """A tooltip for hostile text. Qt guesses whether a tooltip is rich text, so it is always made rich
    text here, with every line escaped."""
    return "<p>" + "<br>".join(rich_escaped(line, limit) for line in lines if line) + "</p>"


def fill(template: str, *values: object) -> str:
    """Put ``values`` into a translated text's %1, %2, … in one pass (a value holding "%2" stays as it is)."""
    def put(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 0 < number <= len(values) else match.group(0)

    return re.sub(r"%([1-9])", put, template)
