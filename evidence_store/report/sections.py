"""The report's cover page and its chain-of-custody table."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from evidence_store.report.context import (
    HASH_LIMIT,
    MAX_EVENTS,
    NAME_LIMIT,
    Ctx,
    ReportBundle,
    as_dict,
    as_list,
)
from evidence_store.report.pdf.flowables import ExactText
from evidence_store.report.pdf.style import (
    FRAME_WIDTH,
    MONO,
    RULE,
    SANS,
    SHADE,
    SMALL_MONO_SIZE,
)
from evidence_store.report.text import clean, esc, local_short, local_text, moment_text, parse_utc, utc_text
from evidence_store.trust.verdict import Signer

DETAIL_LIMIT = 300
OVERVIEW_TITLE_LIMIT = 160      # the first page lists every capture: long titles and addresses are cut there
OVERVIEW_URL_LIMIT = 200        # (in full in the capture's own section)
_CUSTODY_COLUMNS = (24.0, 112.0, 92.0, 147.0, FRAME_WIDTH - 24.0 - 112.0 - 92.0 - 147.0)


def cover(ctx: Ctx, *, case: str, organisation: str, exported_by: str, exported_at: datetime,
          bundles: list[ReportBundle], version: str) -> list[Flowable]:
    t = ctx.texts
    count = t.number(len(bundles))
    story: list[Flowable] = [
        ctx.para(esc(t.plain("cover_title")), "title"),
        ctx.para(esc(t.plain("cover_subtitle")), "subtitle"),
        ctx.facts_table([
            ("label_case", ctx.value(case) or esc(t.plain("no_case"))),
            ("label_organisation", ctx.value(organisation)),
            ("label_exported_by", ctx.value(exported_by)),
            ("label_exported_at", esc(utc_text(exported_at)) + "<br/>" + esc(local_text(exported_at, t))),
            ("label_capture_count", count),
            ("label_software", esc(f"Vidne {version}")),
        ]),
        Spacer(1, 10),
        ctx.para(esc(t.plain("cover_intro", count=count))),
        ctx.para(esc(t.plain("overview_title")), "h2"),
        _overview(ctx, bundles),
        KeepTogether([ctx.para(esc(t.plain("reading_title")), "h2"), ctx.para(esc(t.plain("reading_text")))]),
    ]
    return story


def appendix(ctx: Ctx) -> list[Flowable]:
    """How to check the evidence without Vidne: the openssl commands, at the end of the report (its first
    page is for the reader who wants to know what was captured and whether it can be relied on)."""
    t = ctx.texts
    story: list[Flowable] = [PageBreak(), ctx.para(esc(t.plain("appendix_title")), "h1"),
                             ctx.para(esc(t.plain("verify_intro")))]
    for step, command in (("verify_step_files", "cmd_files"), ("verify_step_signature", "cmd_signature"),
                          ("verify_step_timestamp", "cmd_timestamp"),
                          ("verify_step_fingerprint", "cmd_fingerprint")):
        story.append(KeepTogether([
            ctx.para(t.markup(step)),
            ExactText(t.plain(command), size=7.5, indent=12, space_before=2, space_after=7,
                      background=SHADE),
        ]))
    story.append(ctx.para(t.markup("verify_step_custody")))
    return story


def _overview(ctx: Ctx, bundles: list[ReportBundle]) -> Table:
    """Per capture, what it is and both answers: the page's title and address, when it was captured (in
    Danish time; UTC is in the capture's own section), intact or not, and under it the time's status
    and any custody event signed by an unknown key (in a row of its own across the table)."""
    t = ctx.texts
    head = [ctx.para(esc(t.plain(key)), "cell_head")
            for key in ("col_number", "col_capture", "col_when_local", "col_check")]
    rows: list[list[Any]] = [head]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    for number, bundle in enumerate(bundles, start=1):
        manifest = as_dict(bundle.manifest)
        capture = as_dict(manifest.get("capture"))
        started = parse_utc(capture.get("started_at"))
        ok = bundle.intact and not bundle.problems
        title = ctx.value(capture.get("title"), limit=OVERVIEW_TITLE_LIMIT) or esc(t.plain("none"))
        address = capture.get("final_url") or capture.get("url_requested")
        page: list[Flowable] = [ctx.para("<b>" + title + "</b>", "cell"),
                                *ctx.exact(address, limit=OVERVIEW_URL_LIMIT, size=7.0, space_after=1),
                                ExactText(clean(manifest.get("capture_id"), ctx.fonts.mono, limit=80).text,
                                          size=6.5, space_after=0)]
        when = (local_short(started) or utc_text(started)) if started else t.plain("none")
        rows.append([
            ctx.para(str(number), "cell"),
            page,
            ctx.para(esc(when), "cell"),
            ctx.para(esc(t.plain("check_ok_short" if ok else "check_bad_short")), "ok" if ok else "bad"),
        ])
        trust = [ctx.para(time_statement(ctx, bundle, short=True), "cell")]
        trust += [ctx.para(line, "cell") for line in unknown_signer_lines(ctx, bundle)]
        rows.append(["", trust, "", ""])
        spans.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
    table = Table(rows, colWidths=[24, 275, 110, FRAME_WIDTH - 409], repeatRows=1, hAlign="LEFT")
    style = _grid()
    for span in spans:
        style.add(*span)
    table.setStyle(style)
    return table


def time_statement(ctx: Ctx, bundle: ReportBundle, *, short: bool = False) -> str:
    """The time's status in plain words, as markup: trusted (when, from whom), not trusted (why),
    none, or broken."""
    t = ctx.texts
    time = bundle.time
    tsa = ctx.value(time.authority or t.plain("unknown_tsa"))
    when = esc(moment_text(time.at, t)) if time.at is not None else esc(t.plain("none"))
    if time.status == "trusted":
        return "<b>" + t.markup("time_trusted", when=when, tsa=tsa) + "</b>"
    if time.status == "untrusted":
        if short:
            return "<b>" + t.markup("time_untrusted_short", tsa=tsa) + "</b>"
        root = ctx.value(time.root_name or t.plain("none"))
        text = "<b>" + t.markup("time_untrusted", tsa=tsa, when=when, root=root) + "</b>"
        if time.root_sha256:
            text += "<br/>" + t.markup("time_untrusted_root", root=root, sha256=ctx.value(time.root_sha256))
        return text
    if time.status == "broken":
        return "<b>" + esc(t.plain("time_broken")) + "</b>"
    return esc(t.plain("time_none"))


def signer_text(ctx: Ctx, kind: str, name: str | None) -> str:
    """A custody event's signer as markup: the sealer, a known key by name, or an unknown key."""
    t = ctx.texts
    if kind == "sealer":
        return esc(t.plain("signer_sealer"))
    if kind == "known":
        return t.markup("signer_known", name=ctx.value(name or ""))
    return "<b>" + esc(t.plain("signer_unknown")) + "</b>"


def unknown_signer_lines(ctx: Ctx, bundle: ReportBundle) -> list[str]:
    """One line (markup) for each custody event signed by an unknown key."""
    t = ctx.texts
    lines = []
    for position, event in bundle.unknown_signers:
        kind = event.get("event")
        name = t.event_name(kind) if isinstance(kind, str) else None
        seq = event.get("seq")
        fingerprint = clean(event.get("signer_fingerprint"), ctx.fonts.sans, limit=HASH_LIMIT).text
        lines.append("<b>" + t.markup(
            "unknown_signer", seq=ctx.value(seq if seq is not None else position + 1, limit=12),
            event=esc(name) if name else ctx.value(kind, limit=80),
            fingerprint=esc(fingerprint[:16] + "…" if len(fingerprint) > 16 else fingerprint)) + "</b>")
    return lines


def _grid() -> TableStyle:
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),          # else reportlab adds an unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ])


def custody_section(ctx: Ctx, bundles: list[ReportBundle]) -> list[Flowable]:
    t = ctx.texts
    story: list[Flowable] = [PageBreak(), ctx.para(esc(t.plain("custody_title")), "h1"),
                             ctx.para(esc(t.plain("custody_intro")))]
    for number, bundle in enumerate(bundles, start=1):
        capture_id = ctx.value(as_dict(bundle.manifest).get("capture_id"), limit=NAME_LIMIT)
        story.append(CondPageBreak(90))
        story.append(ctx.para(t.markup("custody_capture", number=str(number), capture_id=capture_id),
                              "h2"))
        events = as_list(bundle.custody_events)
        if not events:
            story.append(ctx.para(esc(t.plain("custody_none")), "muted"))
            continue
        story.append(_custody_table(ctx, bundle, events[:MAX_EVENTS]))
        if len(events) > MAX_EVENTS:
            story.append(ctx.para(esc(t.plain("custody_cut", shown=t.number(MAX_EVENTS),
                                               total=t.number(len(events)))), "muted"))
    return story + appendix(ctx)


def _custody_table(ctx: Ctx, bundle: ReportBundle, events: list[Any]) -> Table:
    t = ctx.texts
    head = [ctx.para(esc(t.plain(key)), "cell_head")
            for key in ("col_seq", "col_when", "col_who", "col_what", "col_signer")]
    rows: list[list[Any]] = [head]
    for position, event in enumerate(events):
        if not isinstance(event, dict):
            rows.append([ctx.para("", "cell"), ctx.para("", "cell"), ctx.para("", "cell"),
                         ctx.para(esc(t.plain("event_unreadable")), "cell"), ctx.para("", "cell")])
            continue
        rows.append(_custody_row(ctx, event, bundle.signer_of(position, event)))
    table = Table(rows, colWidths=list(_CUSTODY_COLUMNS), repeatRows=1, hAlign="LEFT")
    table.setStyle(_grid())
    return table


def _custody_row(ctx: Ctx, event: dict[str, Any], signer: Signer) -> list[Any]:
    t = ctx.texts
    moment = parse_utc(event.get("at"))
    if moment is not None:
        when = esc(utc_text(moment)) + "<br/><font color='#5a5a5a'>" + esc(local_short(moment)) + "</font>"
    else:
        when = ctx.value(event.get("at"), limit=64)
    who = ctx.value(event.get("actor"))
    if event.get("organisation"):
        who += "<br/><font color='#5a5a5a'>" + ctx.value(event.get("organisation")) + "</font>"
    kind = event.get("event")
    name = t.event_name(kind) if isinstance(kind, str) else None
    what = "<b>" + (esc(name) if name else ctx.value(kind, limit=80)) + "</b>"
    details = details_text(event.get("details"))
    if details:
        what += "<br/>" + ctx.value(details, limit=DETAIL_LIMIT)
    fingerprint = clean(event.get("signer_fingerprint"), ctx.fonts.mono, limit=HASH_LIMIT)
    return [
        ctx.para(ctx.value(event.get("seq"), limit=12), "cell"),
        ctx.para(when, "cell"),
        ctx.para(who, "cell"),
        ctx.para(what, "cell"),
        [ctx.para(signer_text(ctx, signer.kind, signer.name), "cell"),
         ExactText(fingerprint.text + ("…" if fingerprint.cut else ""), font=MONO, size=SMALL_MONO_SIZE,
                   group=16, space_after=0)],
    ]


def details_text(details: object) -> str:
    """A custody event's details as one line: ``key: value; key: value`` (cut later, when shown)."""
    if details in (None, "", [], {}):
        return ""
    if isinstance(details, dict):
        return "; ".join(f"{key}: {_short(value)}" for key, value in details.items())
    return _short(details)


def _short(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
