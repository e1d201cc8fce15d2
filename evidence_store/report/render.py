"""The chain-of-custody report: one PDF that lets a reader who has never heard of Vidne follow and
check a case. It holds a cover (what this is, who exported it, how to check it without Vidne), one
section per capture (addresses, server, times, files with their full sha256, the check at export,
the screenshots) and the custody log of every capture, on numbered pages.

The PDF is a readable account of the bundles, not the evidence itself; it says so on its cover.
It is a plain PDF 1.4 with embedded fonts, not PDF/A: nothing here can show that it conforms.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from evidence_store.report.capture import capture_section
from evidence_store.report.context import Ctx, ReportBundle
from evidence_store.report.pdf.flowables import NumberedCanvas, PageFurniture
from evidence_store.report.pdf.style import (
    FRAME_HEIGHT,
    FRAME_PADDING,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SANS,
)
from evidence_store.report.pdf.timeline import TimelineEvent, has_rechecks, timeline_section
from evidence_store.report.sections import cover, custody_section
from evidence_store.report.text import DANISH_ZONE, REPORT_ZONE, Texts, clean, moment_text, require_aware
from evidence_store.version import vidne_version

log = logging.getLogger(__name__)

__all__ = ["ReportBundle", "ReportError", "render_custody_report"]

_ANY_CHARACTER = range(0x110000)


class ReportError(Exception):
    """The report could not be written; the message says what happened and what to do."""


def render_custody_report(
    out_path: Path,
    *,
    case: str,
    organisation: str,
    exported_by: str,
    exported_at: datetime,
    bundles: list[ReportBundle],
    language: str = "da",
    time_zone: str = DANISH_ZONE,
    timeline: Sequence[TimelineEvent] = (),
) -> None:
    """Write the chain-of-custody PDF for ``bundles`` to ``out_path``, whole or not at all.

    ``exported_at`` must be timezone-aware. ``language`` is ``"da"`` or ``"en"``; ``time_zone`` the
    organisation's zone people's times are shown in (beside UTC). ``timeline``: the case's events in time
    order (report.timeline's case_timeline); with a re-check among them the report has a Timeline section.
    Raises :class:`ReportError` when the file cannot be written.
    """
    zone = REPORT_ZONE.set(time_zone)
    try:
        _render(out_path, case=case, organisation=organisation, exported_by=exported_by,
                exported_at=exported_at, bundles=bundles, language=language, timeline=timeline)
    finally:
        REPORT_ZONE.reset(zone)


def _render(out_path: Path, *, case: str, organisation: str, exported_by: str, exported_at: datetime,
            bundles: list[ReportBundle], language: str, timeline: Sequence[TimelineEvent]) -> None:
    texts = Texts(language)
    exported_at = require_aware(exported_at, "exported_at")
    ctx = Ctx(texts)
    version = vidne_version()
    story: list[Flowable] = cover(ctx, case=case, organisation=organisation, exported_by=exported_by,
                                  exported_at=exported_at, bundles=bundles, version=version)
    if has_rechecks(timeline):
        story += timeline_section(texts, timeline)
    for number, bundle in enumerate(bundles, start=1):
        story += capture_section(ctx, bundle, number, len(bundles))
    story += custody_section(ctx, bundles)

    case_plain = ctx.plain(case) if case else texts.plain("no_case")
    furniture = PageFurniture(
        header_left=texts.plain("header_left"),
        header_right=f"{texts.plain('label_case')}: {case_plain}",
        footer_left=texts.plain("footer_exported", when=moment_text(exported_at, texts)),
        page_of=texts.raw("page_of"),
    )

    def meta(value: str, limit: int = 300) -> str:
        shown = clean(value, _ANY_CHARACTER, limit=limit)
        return shown.text + ("…" if shown.cut else "")

    out_path = Path(out_path)
    # Written beside the target and renamed into place: a reader never sees half a report.
    temp_path = out_path.with_name(f".{out_path.name}.{secrets.token_hex(4)}.part")
    try:
        doc = BaseDocTemplate(
            str(temp_path),
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=meta(f"{texts.plain('doc_title')} – {case_plain}"),
            author=meta(", ".join(part for part in (exported_by.strip(), organisation.strip()) if part)),
            subject=meta(texts.plain("doc_subject", count=str(len(bundles)), case=case_plain)),
            creator=meta(f"Vidne {version}"),
            keywords=["Vidne", "chain of custody", meta(case_plain, 100)],
            lang=language,
            pageCompression=1,
            initialFontName=SANS,
            initialFontSize=9,
        )
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body",
                      leftPadding=FRAME_PADDING, rightPadding=FRAME_PADDING,
                      topPadding=FRAME_PADDING, bottomPadding=FRAME_PADDING)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        with _binary_streams():
            doc.build(story, canvasmaker=partial(NumberedCanvas, furniture=furniture))
        os.replace(temp_path, out_path)
    except OSError as exc:
        raise ReportError(
            f"The report could not be written to {out_path}: {exc.strerror or exc}. "
            "Check that the folder exists, that you may write there and that the disk is not full."
        ) from exc
    except LayoutError as exc:
        raise ReportError(
            f"The report could not be laid out ({exc}). This is a fault in Vidne: please report it "
            "together with the case's bundles."
        ) from exc
    finally:
        if temp_path.exists():
            temp_path.unlink()
    log.info("wrote custody report %s (%d captures, %s)", out_path, len(bundles), language)


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """reportlab writes streams as ASCII85 by default, 25% larger; binary is fine in any PDF."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before
