"""Two parts of one capture in the report: which secrets were removed before saving (by name and
count, never a value: the manifest holds no values), and what the network record (page.wacz) holds.

Both come from the manifest's ``capture.redactions`` and ``capture.record.network`` (docs/bundle-format.md).
Names in them may come from a web page, so they are printed through :meth:`Ctx.value` like every
other hostile text. They are printed as paragraphs, not table rows: a paragraph can continue on the
next page, so no amount of names can make the report fail to lay out.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from evidence_store.report.context import NAME_LIMIT, SHORT_LIMIT, Ctx, as_dict, as_list
from evidence_store.report.text import esc

# The places capture/privacy/secrets.py removes secrets from, in the order a reader meets them.
REDACTION_PLACES = ("page_fields", "url_parameters", "manifest_response_headers", "warc_request_headers",
                    "warc_response_headers", "request_body_fields")
MAX_PLACES = 12              # a manifest can name any place; more than this is said, not listed
MAX_NAMES = 30               # names per place; the rest is counted
MAX_FILES_LISTED = 20
COUNT_LIMIT = 40             # a count that is not a number is printed as text, this long at most


def redactions_block(ctx: Ctx, capture: dict[str, Any]) -> list[Flowable]:
    """"Secrets removed before saving": where, how many, by which names; or that it is not recorded."""
    t = ctx.texts
    label = ctx.label("label_redactions")
    if "redactions" not in capture:
        return [label, ctx.para(esc(t.plain("redactions_not_recorded")))]
    redactions = as_dict(capture.get("redactions"))
    removed = as_dict(redactions.get("removed"))
    counts = as_dict(redactions.get("counts"))
    in_files = as_dict(redactions.get("values_replaced_in_files"))
    places = [p for p in REDACTION_PLACES if p in removed or p in counts]
    places += [p for p in {**removed, **counts} if p not in REDACTION_PLACES]
    mark = ctx.value(redactions.get("replaced_with") or "REDACTED", limit=COUNT_LIMIT)
    story: list[Flowable] = [label]
    if places or in_files:
        story.append(ctx.para(t.markup("redactions_intro", mark=mark)))
    else:
        story.append(ctx.para(esc(t.plain("redactions_none"))))
    for place in places[:MAX_PLACES]:
        names = _names(ctx, as_list(removed.get(place)))
        if place in counts:
            line = t.markup("redaction_line", place=_place(ctx, place), count=_count(ctx, counts[place]),
                            names=names)
        else:
            line = t.markup("redaction_line_uncounted", place=_place(ctx, place), names=names)
        story.append(ctx.para("• " + line))
    if len(places) > MAX_PLACES:
        story.append(ctx.para(esc(t.plain("redaction_places_cut",
                                          count=t.number(len(places) - MAX_PLACES))), "muted"))
    searched = redactions.get("secret_values_searched")
    if in_files:
        files = ", ".join(t.markup("redaction_file", file=ctx.value(name, limit=NAME_LIMIT),
                                   count=_count(ctx, n))
                          for name, n in list(in_files.items())[:MAX_FILES_LISTED])
        if len(in_files) > MAX_FILES_LISTED:
            files += " " + esc(t.plain("redaction_more", count=t.number(len(in_files) - MAX_FILES_LISTED)))
        story.append(ctx.para(t.markup("redaction_files", files=files, mark=mark)))
    elif "values_replaced_in_files" in redactions and searched:
        # The capture searched the saved files for the values and recorded finding none.
        story.append(ctx.para(t.markup("redaction_searched", count=_count(ctx, searched))))
    return story


def network_block(ctx: Ctx, capture: dict[str, Any]) -> list[Flowable]:
    """"Network record": whether page.wacz was saved, and what it holds and leaves out, in numbers."""
    t = ctx.texts
    label = ctx.label("label_network")
    if "network" not in capture:
        return [label, ctx.para(esc(t.plain("network_not_recorded")))]
    network = as_dict(capture.get("network"))
    saved = network.get("saved")
    if saved is True:
        artifact = ctx.value(network.get("artifact") or "page.wacz", limit=NAME_LIMIT)
        head = ctx.para(t.markup("network_saved", artifact=artifact))
    elif network.get("reason"):
        head = ctx.para(t.markup("network_not_saved_because",
                                 reason=ctx.value(network.get("reason"), limit=SHORT_LIMIT)))
    elif saved is False:
        head = ctx.para(esc(t.plain("network_not_saved")))
    else:
        head = ctx.para(esc(t.plain("network_saved_unknown")), "muted")
    story: list[Flowable] = [label, head]
    lines: list[str] = []
    if "requests" in network:
        line = t.markup("network_requests", requests=_count(ctx, network.get("requests")),
                        responses=_count(ctx, network.get("responses_recorded")))
        size = network.get("body_bytes")
        if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
            line += t.markup("network_content", size=esc(t.size(size)))
        lines.append(line)
    for key in ("bodies_omitted_size", "bodies_omitted_time", "failed", "not_finished",
                "requests_not_recorded"):
        if key in network:
            lines.append(t.markup(f"network_{key}", count=_count(ctx, network.get(key))))
    story += [ctx.para("• " + line) for line in lines]
    return story


def _place(ctx: Ctx, place: object) -> str:
    if isinstance(place, str) and place in REDACTION_PLACES:
        return esc(ctx.texts.plain(f"redaction_place_{place}"))
    return ctx.texts.markup("redaction_place_other", place=ctx.value(place, limit=NAME_LIMIT))


def _names(ctx: Ctx, names: list[Any]) -> str:
    if not names:
        return esc(ctx.texts.plain("none"))
    shown = ctx.value(", ".join(str(name) for name in names[:MAX_NAMES]), limit=SHORT_LIMIT)
    if len(names) > MAX_NAMES:
        shown += " " + esc(ctx.texts.plain("redaction_more", count=ctx.texts.number(len(names) - MAX_NAMES)))
    return shown


def _count(ctx: Ctx, value: object) -> str:
    """A count from the manifest: grouped as numbers are in the report, or literally if not a count."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return esc(ctx.texts.number(value))
    return ctx.value(value, limit=COUNT_LIMIT) or esc(ctx.texts.plain("none"))
