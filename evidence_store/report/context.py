"""What the report is made from (:class:`ReportBundle`) and the small helpers every section uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from evidence_store.bundle.manifest import TIMESTAMP_FILE, TSA_CHAIN_FILE
from evidence_store.bundle.read import BundleView, read_bundle_file
from evidence_store.bundle.timestamp_check import check_timestamp_token, recorded_stamp_problems, time_verdict
from evidence_store.bundle.verify import VerificationReport
from evidence_store.files.fsutil import UnreadableFile
from evidence_store.report.pdf.flowables import ExactText
from evidence_store.report.pdf.style import FRAME_WIDTH, MONO_SIZE, RULE, SANS, Fonts, load_fonts, styles
from evidence_store.report.text import Texts, clean, esc
from evidence_store.trust.policy import TrustPolicy
from evidence_store.trust.verdict import CustodyEntry, Signer, TimeVerdict, attribute, seal_signer

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
    """One evidence bundle as the export saw it; the export code builds these from real bundles.

    Two answers are kept apart: ``intact`` (bytes, signatures, chain) and trust: ``time`` (is the
    time-stamp's time trusted, by the verifier's policy) and ``custody`` (who signed each event:
    the sealer, a known key, or an unknown one)."""

    folder: Path                            # the bundle folder (screenshots are read from it)
    manifest: dict[str, Any]                # manifest.json, parsed
    custody_events: list[dict[str, Any]]    # custody.jsonl, parsed, in order
    intact: bool                            # the verifier's verdict at export time
    manifest_sha256: str
    signer_fingerprint: str                 # sha256 of the signer's DER public key, hex
    problems: list[str] = field(default_factory=list)   # what the verifier found, if anything
    time: TimeVerdict = field(default_factory=lambda: TimeVerdict("none"))
    seal: Signer | None = None              # the seal's signer: known to the verifier or not
    custody: list[CustodyEntry] = field(default_factory=list)   # custody_events' signers, in order

    @classmethod
    def from_view(cls, view: BundleView, *, intact: bool, signer_fingerprint: str, problems: list[str],
                  verified: VerificationReport | None = None, trust: TrustPolicy | None = None) -> ReportBundle:
        """The report's account of a bundle as read (evidence_store.bundle.read) and verified.

        ``verified``: the bundle's VerificationReport; its time verdict and signers are used (events
        added after it, such as the export's own, are attributed with ``trust``). Without it the time
        is judged here from the bundle's own files. ``trust``: the verifier's policy (default: only the
        time-stamp roots Vidne ships, no keys); a time is trusted only by the policy, never because
        a caller says so."""
        policy = trust or TrustPolicy()
        sealer = signer_fingerprint or None
        if verified is not None:
            time, seal, known = verified.time, verified.seal, verified.custody
        else:
            time, seal, known = judge_time(view, policy), seal_signer(sealer, policy) if sealer else None, []
        return cls(folder=view.folder, manifest=view.manifest, custody_events=view.custody_events, intact=intact,
                   manifest_sha256=view.manifest_sha256 or "", signer_fingerprint=signer_fingerprint,
                   problems=problems, time=time, seal=seal,
                   custody=attributed(view.custody_events, known, sealer, policy))

    def signer_of(self, position: int, event: dict[str, Any]) -> Signer:
        """Who signed the custody event at ``position``: as attributed, else the sealer or unknown."""
        if position < len(self.custody):
            return self.custody[position].signer
        fingerprint = event.get("signer_fingerprint")
        fingerprint = fingerprint if isinstance(fingerprint, str) else None
        return attribute(fingerprint, self.signer_fingerprint or None, TrustPolicy())

    @property
    def unknown_signers(self) -> list[tuple[int, dict[str, Any]]]:
        """(position, event) of each custody event signed by a key that is neither the sealer's nor known."""
        return [(n, event) for n, event in enumerate(self.custody_events[:MAX_EVENTS])
                if isinstance(event, dict) and self.signer_of(n, event).kind == "unknown"]


def judge_time(view: BundleView, policy: TrustPolicy) -> TimeVerdict:
    """The time-stamp's verdict from the bundle's own files, as the verifier judges it."""
    if not view.has_timestamp:
        return TimeVerdict("none")
    try:
        tsr = read_bundle_file(view.folder, TIMESTAMP_FILE)
    except UnreadableFile:
        return TimeVerdict("broken", why="timestamp.tsr cannot be read, so it gives no time.")
    if view.manifest_bytes is None:
        return TimeVerdict("broken", why="manifest.json cannot be read, so the time-stamp gives no time.")
    try:
        chain: bytes | None = read_bundle_file(view.folder, TSA_CHAIN_FILE)
    except UnreadableFile:
        chain = None
    result = check_timestamp_token(view.manifest_bytes, tsr, chain, policy.tsa_roots)
    files = {TIMESTAMP_FILE: tsr, **({TSA_CHAIN_FILE: chain} if chain is not None else {})}
    return time_verdict(result, recorded_stamp_problems(view.custody_bytes, files))


def attributed(events: list[dict[str, Any]], known: list[CustodyEntry], sealer: str | None,
               policy: TrustPolicy) -> list[CustodyEntry]:
    """Each event's signer: as the verifier attributed it where it did, else by ``policy``."""
    shown: list[CustodyEntry] = []
    for position, event in enumerate(events[:MAX_EVENTS]):
        if not isinstance(event, dict):
            event = {}
        fingerprint = event.get("signer_fingerprint")
        fingerprint = fingerprint if isinstance(fingerprint, str) else None
        verified = known[position] if position < len(known) else None
        if verified is not None and verified.signer.fingerprint == fingerprint:
            signer = verified.signer
        else:
            signer = attribute(fingerprint, sealer, policy)
        seq = event.get("seq")
        shown.append(CustodyEntry(seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
                                  str(event.get("event", ""))[:100], str(event.get("at", ""))[:100],
                                  str(event.get("actor", ""))[:500], signer))
    return shown


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
