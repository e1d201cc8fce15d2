"""The screenshots of one capture in the report: the visible window, and the whole page in strips.

The whole page is drawn from screenshot-full.png itself, decoded a strip at a time (files/png.py), so a
tall image needs no parts here; when the capture also kept it in parts (the manifest's
``screenshot.split``, for programs that cannot open a tall PNG), the section says so and names them,
and the file list gives each part with its sha256 like every artifact."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak

from evidence_store.files.fsutil import UnreadableFile
from evidence_store.files.hashing import hash_file
from evidence_store.files.png import PngError
from evidence_store.report.context import SHORT_LIMIT, Ctx, ReportBundle, as_dict, as_list
from evidence_store.report.pdf.flowables import Picture
from evidence_store.report.pdf.images import Strip, image_size, iter_strips
from evidence_store.report.pdf.style import FRAME_HEIGHT, FRAME_WIDTH
from evidence_store.report.text import esc

log = logging.getLogger(__name__)

FULL_PAGE = "artifacts/screenshot-full.png"
VIEWPORT = "artifacts/screenshot-viewport.png"
MAX_SCALE = 0.75              # points per pixel: a CSS pixel is 0.75 pt, never draw larger than that
MAX_SLICE_PAGES = 40          # a taller screenshot is cut, and the report says so
CAPTION_ROOM = 26.0           # two caption lines above every strip
VIEWPORT_MAX_HEIGHT = FRAME_HEIGHT * 0.55
VIEWPORT_MAX_ROWS = 8_000
_SLACK = 14.0                 # the introduction's height is measured with placeholder numbers


def _checked_file(ctx: Ctx, bundle: ReportBundle, wanted: str) -> tuple[Path | None, list[Flowable]]:
    """The screenshot's file if it may be shown: inside the bundle, no link, and matching its sha256."""
    t = ctx.texts
    artifact: dict[str, Any] | None = None
    for item in as_list(as_dict(bundle.manifest).get("artifacts")):
        if as_dict(item).get("path") == wanted:
            artifact = as_dict(item)
            break
    if artifact is None:
        return None, [ctx.para(esc(t.plain("image_none")), "muted")]
    shown_path = ctx.value(wanted, limit=SHORT_LIMIT)
    folder = bundle.folder.resolve()
    path = (folder / wanted).resolve()
    if not path.is_relative_to(folder / "artifacts"):
        return None, [ctx.para(t.markup("image_outside", path=shown_path), "bad_item")]
    if not path.is_file():
        return None, [ctx.para(t.markup("image_missing", path=shown_path), "bad_item")]
    expected = artifact.get("sha256")
    try:
        # The path as the bundle names it, not the resolved one: hash_file refuses a link.
        actual = hash_file(bundle.folder / wanted).sha256
    except UnreadableFile as exc:
        log.warning("report: %s of capture %s cannot be read: %s", wanted, bundle.folder.name, exc)
        return None, [_unreadable(ctx, bundle, wanted, exc)]
    if not isinstance(expected, str) or actual != expected.lower():
        log.warning("report: %s of capture %s does not match its sha256", wanted, bundle.folder.name)
        return None, [ctx.para(t.markup("image_mismatch", path=shown_path), "bad_item")]
    return path, []


def _unreadable(ctx: Ctx, bundle: ReportBundle, wanted: str, problem: PngError | UnreadableFile) -> Flowable:
    log.warning("report: cannot draw %s of capture %s: %s", wanted, bundle.folder.name, problem)
    return ctx.para(ctx.texts.markup("image_unreadable", path=ctx.value(wanted),
                                     reason=ctx.value(str(problem), limit=SHORT_LIMIT)), "bad_item")


def viewport_section(ctx: Ctx, bundle: ReportBundle) -> list[Flowable]:
    heading = ctx.para(esc(ctx.texts.plain("viewport_title")), "h2")
    path, notes = _checked_file(ctx, bundle, VIEWPORT)
    if path is None:
        return [CondPageBreak(80), heading, *notes]
    try:
        width, height = image_size(path)
        rows = min(height, VIEWPORT_MAX_ROWS)
        scale = min(FRAME_WIDTH / width, MAX_SCALE, VIEWPORT_MAX_HEIGHT / rows)
        strip = next(iter_strips(path, [rows]))
    except PngError as problem:
        return [CondPageBreak(80), heading, _unreadable(ctx, bundle, VIEWPORT, problem)]
    story: list[Flowable] = [heading, Picture(strip, width * scale, rows * scale)]
    if rows < height:
        t = ctx.texts
        story.append(ctx.para(esc(t.plain("viewport_cut", shown=t.number(rows), height=t.number(height))),
                              "bad_item"))
    return [KeepTogether(story)]


def full_page_section(ctx: Ctx, bundle: ReportBundle) -> list[Flowable]:
    t = ctx.texts
    heading = ctx.para(esc(t.plain("full_title")), "h2")
    path, notes = _checked_file(ctx, bundle, FULL_PAGE)
    if path is None:
        return [CondPageBreak(80), heading, *notes]
    try:
        width, height = image_size(path)
    except PngError as problem:
        return [CondPageBreak(80), heading, _unreadable(ctx, bundle, FULL_PAGE, problem)]
    if width < 1 or height < 1:
        return [CondPageBreak(80), heading, _unreadable(ctx, bundle, FULL_PAGE, PngError("the image is empty"))]
    scale = min(FRAME_WIDTH / width, MAX_SCALE)
    page_rows = max(1, int((FRAME_HEIGHT - CAPTION_ROOM) / scale))
    screenshot = as_dict(as_dict(as_dict(bundle.manifest).get("capture")).get("screenshot"))

    # The first strip shares its page with the heading and introduction: measure them first, with
    # the widest numbers they can hold, then fill the rest of the page with pixels.
    may_cut = height > page_rows * (MAX_SLICE_PAGES - 1)
    worst = _intro(ctx, width, height, pages=MAX_SLICE_PAGES, shown=height - 1 if may_cut else None,
                   screenshot=screenshot)
    intro_height = sum(f.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] + f.getSpaceAfter() + f.getSpaceBefore()
                       for f in [heading, *worst])
    first_rows = max(1, int((FRAME_HEIGHT - CAPTION_ROOM - intro_height - _SLACK) / scale))
    plan = [first_rows] + [page_rows] * (MAX_SLICE_PAGES - 1)
    if height > sum(plan):
        # Cut: the last strip leaves room under it to say so.
        note = ctx.para(_cut_markup(ctx, height, height - 1, MAX_SLICE_PAGES), "bad_item")
        note_height = note.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] + note.getSpaceBefore() + note.getSpaceAfter()
        plan[-1] = max(1, plan[-1] - int((note_height + _SLACK) / scale))
    planned = sum(plan)
    shown_rows = min(height, planned)
    pages = len([1 for first in _starts(plan) if first < height])

    story: list[Flowable] = [PageBreak(), heading]
    story += _intro(ctx, width, height, pages=pages, shown=shown_rows if height > planned else None,
                    screenshot=screenshot)
    try:
        for number, strip in enumerate(iter_strips(path, plan), start=1):
            story.append(_slice(ctx, strip, number, pages, height, width * scale, scale))
    except PngError as problem:
        story.append(_unreadable(ctx, bundle, FULL_PAGE, problem))
    if height > planned:
        story.append(ctx.para(_cut_markup(ctx, height, shown_rows, pages), "bad_item"))
    return story


def _starts(plan: list[int]) -> list[int]:
    starts, first = [], 0
    for rows in plan:
        starts.append(first)
        first += rows
    return starts


def _cut_markup(ctx: Ctx, height: int, shown: int, pages: int) -> str:
    t = ctx.texts
    return "<b>" + esc(t.plain("full_cut_report", shown=t.number(shown), height=t.number(height),
                               pages=str(pages), path=FULL_PAGE)) + "</b>"


def _intro(ctx: Ctx, width: int, height: int, *, pages: int, shown: int | None,
           screenshot: dict[str, Any]) -> list[Flowable]:
    t = ctx.texts
    story: list[Flowable] = [ctx.para(esc(t.plain("full_intro", width=t.number(width),
                                                  height=t.number(height), pages=str(pages))))]
    parts = [as_dict(part).get("path") for part in as_list(as_dict(screenshot.get("split")).get("parts"))]
    if parts:
        # The parts themselves are artifacts: the file list gives each with its sha256.
        most = as_dict(screenshot.get("split")).get("max_part_height_px")
        story.append(ctx.para(t.markup("full_parts", count=esc(t.number(len(parts))),
                                       max=esc(t.number(most) if isinstance(most, int) else ctx.plain(most)),
                                       first=ctx.value(parts[0], limit=SHORT_LIMIT),
                                       last=ctx.value(parts[-1], limit=SHORT_LIMIT))))
    if shown is not None:
        story.append(ctx.para(_cut_markup(ctx, height, shown, pages), "bad_item"))
    if screenshot.get("truncated"):
        cut = screenshot.get("cut_at_px")
        page_height = screenshot.get("page_height_px")
        story.append(ctx.para("<b>" + esc(t.plain(
            "full_cut_capture",
            cut=t.number(cut) if isinstance(cut, int) else ctx.plain(cut),
            page_height=t.number(page_height) if isinstance(page_height, int) else ctx.plain(page_height),
        )) + "</b>", "bad_item"))
    return story


def _slice(ctx: Ctx, strip: Strip, number: int, count: int, height: int, draw_width: float,
           scale: float) -> Flowable:
    t = ctx.texts
    caption = t.plain("slice_caption", number=str(number), count=str(count),
                      first=t.number(strip.first_row + 1), last=t.number(strip.first_row + strip.rows),
                      height=t.number(height))
    return KeepTogether([ctx.para(esc(caption), "caption"),
                         Picture(strip, draw_width, strip.rows * scale)])

