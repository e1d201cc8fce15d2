"""What the report is made from (:class:`ReportBundle`) and the small helpers every section uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from evidence_store.bundle.read import BundleView
from evidence_store.report.pdf.flowables import ExactText
from evidence_store.report.pdf.style import FRAME_WIDTH, MONO_SIZE, RULE, SANS, Fonts, load_fonts, styles
from evidence_store.report.text import Texts, clean, esc

# How much of any one value is printed; the rest is in the bundle, and the cut is said.
URL_LIMIT = 10_000
TITLE_LIMIT = 2_000
NOTE_LIMIT = 5_000
NAME_LIMIT = 300
SHORT_LIMIT = 500
HASH_LIMIT = 200
MAX_LISTED = 50            # redirects, problems, warnings
MAX_FILES = 500
MAX_EVENTS = 5_000


@dataclass
class ReportBundle:
    """One evidence bundle as the export saw it; the export code builds these from real bundles."""

    folder: Path                            # the bundle folder (screenshots are read from it)
    manifest: dict[str, Any]                # manifest.json, parsed
    custody_events: list[dict[str, Any]]    # custody.jsonl, parsed, in order
    intact: bool                            # the verifier's verdict at export time
    manifest_sha256: str
    signer_fingerprint: str                 # sha256 of the signer's DER public key, hex
    problems: list[str] = field(default_factory=list)   # what the verifier found, if anything
    trusted_time: datetime | None = None    # genTime of the RFC 3161 token, if there is one
    tsa_name: str | None = None             # who issued that token

    @classmethod
    def from_view(cls, view: BundleView, *, intact: bool, signer_fingerprint: str, problems: list[str],
                  trusted_time: datetime | None = None, tsa_name: str | None = None) -> ReportBundle:
        """The report's account of a bundle as read (evidence_store.bundle.read) and verified."""
        return cls(folder=view.folder, manifest=view.manifest, custody_events=view.custody_events, intact=intact,
                   manifest_sha256=view.manifest_sha256 or "", signer_fingerprint=signer_fingerprint,
                   problems=problems, trusted_time=trusted_time, tsa_name=tsa_name)


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


class Ctx:
    """The language, fonts and styles of one report, and ways to print hostile values safely."""

    def __init__(self, texts: Texts) -> None:
        self.texts = texts
        self.fonts: Fonts = load_fonts()
        self.styles: dict[str, ParagraphStyle] = styles()

    def value(self, value: object, *, limit: int = NAME_LIMIT, multiline: bool = False) -> str:
        """Any value as Paragraph markup: cleaned, escaped, and cut with a note if too long."""
        shown = clean(value, self.fonts.sans, limit=limit, multiline=multiline)
        return esc(shown.text) + self.texts.cut_note(shown)

    def plain(self, value: object, *, limit: int = NAME_LIMIT) -> str:
        """Any value as plain text for the canvas or metadata: cleaned, cut with …"""
        shown = clean(value, self.fonts.sans, limit=limit)
        return shown.text + ("…" if shown.cut else "")

    def para(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, self.styles[style])

    def label(self, key: str) -> Paragraph:
        return self.para(esc(self.texts.plain(key)), "label")

    def exact(self, value: object, *, limit: int = URL_LIMIT, size: float = MONO_SIZE,
              indent: float = 0.0, group: int = 1, space_after: float = 2.0) -> list[Flowable]:
        """A value that must be copied exactly (URL, hash): ExactText, plus a note if it was cut."""
        if value is None or value == "":
            return [self.para(esc(self.texts.plain("none")), "muted")]
        shown = clean(value, self.fonts.mono, limit=limit)
        flowables: list[Flowable] = [ExactText(shown.text, size=size, indent=indent, group=group,
                                               space_after=space_after)]
        if shown.cut:
            flowables.append(self.para("… " + self.texts.truncation(shown), "muted"))
        return flowables

    def facts_table(self, rows: list[tuple[str, str]]) -> Table:
        """Label/value rows; ``rows`` holds (text key of the label, value markup)."""
        data = [[self.para(esc(self.texts.plain(key)), "cell_head"), self.para(markup, "cell")]
                for key, markup in rows]
        table = Table(data, colWidths=[130, FRAME_WIDTH - 130], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), SANS),      # else reportlab adds an unembedded Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        return table
