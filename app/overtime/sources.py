"""What a re-check compares, read from a sealed bundle or a capture's artifacts folder: the visible text
(``page-text.txt``; for a bundle made before captures wrote it, derived from ``page.html`` here) and the
first-view screenshot. Every read is bounded and follows no link, and a sealed bundle's file is used only
when its bytes have the sha256 its signed manifest lists.
"""

from __future__ import annotations

import hashlib
import logging
from html.parser import HTMLParser
from pathlib import Path

from evidence_store import BundleView, UnreadableFile, read_limited

log = logging.getLogger(__name__)

TEXT_FILE = "page-text.txt"
HTML_FILE = "page.html"
FIRST_VIEW = "screenshot-viewport.png"
MAX_TEXT_BYTES = 32 << 20
MAX_HTML_BYTES = 100 << 20
MAX_PICTURE_BYTES = 32 << 20          # a first view is a few MB

_SKIPPED = frozenset({"head", "script", "style", "template", "noscript"})
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})


class _VisibleText(HTMLParser):
    """The text of an HTML document as a reader sees it, roughly: no head, script, style, template or
    noscript; a line break at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: bytes) -> str:
    """The visible text of a saved page.html (the standard library's html.parser)."""
    parser = _VisibleText()
    parser.feed(html.decode("utf-8", errors="replace"))
    parser.close()
    return "".join(parser.parts)


def listed_sha256(view: BundleView, name: str) -> str | None:
    """The sha256 the bundle's manifest lists for ``artifacts/<name>``; None when it lists none."""
    for artifact in view.artifacts:
        if artifact.path == f"artifacts/{name}" and artifact.sha256:
            return artifact.sha256
    return None


def bundle_file(view: BundleView, name: str, limit: int) -> bytes | None:
    """``artifacts/<name>`` of a sealed bundle when the manifest lists it and its bytes match the listed
    sha256; None (logged) otherwise, so nothing unsealed or altered is compared."""
    sha = listed_sha256(view, name)
    if sha is None:
        return None
    try:
        data = read_limited(view.folder / "artifacts" / name, limit)
    except UnreadableFile as exc:
        log.warning("re-check: %s of %s %s", name, view.capture_id, exc)
        return None
    if hashlib.sha256(data).hexdigest() != sha:
        log.warning("re-check: %s of %s does not match its manifest; not compared", name, view.capture_id)
        return None
    return data


def folder_file(folder: Path, name: str, limit: int) -> bytes | None:
    """A file the capture just wrote into its artifacts folder, or None when there is none."""
    try:
        return read_limited(folder / name, limit)
    except UnreadableFile as exc:
        log.info("re-check: %s: %s", name, exc)
        return None


def original_text(view: BundleView) -> tuple[str, str | None]:
    """(text, source) of a sealed bundle: source "page-text.txt", "page.html" (derived here: the bundle
    was made before captures wrote their visible text), or None when it has neither."""
    text = bundle_file(view, TEXT_FILE, MAX_TEXT_BYTES)
    if text is not None:
        return text.decode("utf-8", errors="replace"), TEXT_FILE
    html = bundle_file(view, HTML_FILE, MAX_HTML_BYTES)
    if html is not None:
        return html_text(html), HTML_FILE
    return "", None


def new_text(folder: Path, source: str | None) -> tuple[str, str | None]:
    """(text, source) of the re-check, from its artifacts folder and the same kind of source as the
    original's, so that both sides are read alike: page-text.txt, or page.html derived the same way."""
    order = (HTML_FILE,) if source == HTML_FILE else (TEXT_FILE, HTML_FILE) if source is None else (TEXT_FILE,)
    for name in order:
        data = folder_file(folder, name, MAX_HTML_BYTES if name == HTML_FILE else MAX_TEXT_BYTES)
        if data is not None:
            return (html_text(data) if name == HTML_FILE else data.decode("utf-8", errors="replace")), name
    return "", None
