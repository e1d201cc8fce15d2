"""One capture in the report: what was asked for and found, the check at export, the files."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from evidence_store.report.context import (
    HASH_LIMIT,
    MAX_FILES,
    MAX_LISTED,
    NAME_LIMIT,
    NOTE_LIMIT,
    SHORT_LIMIT,
    TITLE_LIMIT,
    Ctx,
    ReportBundle,
    as_dict,
    as_list,
)
from evidence_store.report.network import network_block, redactions_block
from evidence_store.report.screenshots import full_page_section, viewport_section
from evidence_store.report.sections import time_statement, unknown_signer_lines
from evidence_store.report.text import esc, from_epoch, local_text, parse_utc, utc_text


def capture_section(ctx: Ctx, bundle: ReportBundle, number: int, count: int) -> list[Flowable]:
    t = ctx.texts
    manifest = as_dict(bundle.manifest)
    capture = as_dict(manifest.get("capture"))
    story: list[Flowable] = [PageBreak()]
    story.append(ctx.para(esc(t.plain("capture_heading", number=str(number), count=str(count))), "h1"))
    story.append(ctx.label("label_capture_id"))
    story += ctx.exact(manifest.get("capture_id"), limit=NAME_LIMIT)
    story += verdict(ctx, bundle)
    story.append(ctx.label("label_title"))
    story.append(ctx.para(ctx.value(capture.get("title"), limit=TITLE_LIMIT)))
    story.append(ctx.label("label_url_requested"))
    story += ctx.exact(capture.get("url_requested"))
    story.append(ctx.label("label_final_url"))
    story += ctx.exact(capture.get("final_url"))
    story.append(ctx.label("label_redirects"))
    story += _redirects(ctx, as_list(capture.get("redirects")))
    story.append(Spacer(1, 6))
    story.append(ctx.facts_table(_facts(ctx, bundle, manifest, capture)))
    story.append(ctx.label("label_note"))
    note = manifest.get("note")
    story.append(ctx.para(ctx.value(note, limit=NOTE_LIMIT, multiline=True) if note
                          else esc(t.plain("no_note"))))
    warnings = as_list(capture.get("warnings"))
    if warnings:
        story.append(ctx.label("label_warnings"))
        story += _bullets(ctx, warnings, "body", "problems_cut")
    story += redactions_block(ctx, capture)
    story += network_block(ctx, capture)
    story += _files(ctx, bundle, manifest)
    story += viewport_section(ctx, bundle)
    story += full_page_section(ctx, bundle)
    return story


def verdict(ctx: Ctx, bundle: ReportBundle) -> list[Flowable]:
    """The verification result at export, as a coloured block: intact or not, then the time's status,
    any custody event by an unknown key, and whether the verifier knows the seal's key."""
    t = ctx.texts
    story: list[Flowable] = [ctx.label("check_title")]
    if bundle.intact and not bundle.problems:
        story.append(ctx.para(esc(t.plain("check_ok")), "ok"))
    else:
        story.append(ctx.para(esc(t.plain("check_bad")), "bad"))
        story += _bullets(ctx, list(bundle.problems), "bad_item", "problems_cut")
    trusted = bundle.time.status == "trusted" or bundle.time.status == "none"
    story.append(ctx.para(time_statement(ctx, bundle), "body" if trusted else "bad_item"))
    story += [ctx.para(line, "bad_item") for line in unknown_signer_lines(ctx, bundle)]
    seal = bundle.seal
    fingerprint = ctx.value(bundle.signer_fingerprint, limit=HASH_LIMIT)
    if seal is not None and seal.kind == "known":
        story.append(ctx.para(t.markup("seal_known", fingerprint=fingerprint, name=ctx.value(seal.name or ""),
                                       source=ctx.value(seal.source or "")), "body"))
    elif bundle.signer_fingerprint:
        story.append(ctx.para(t.markup("seal_unknown", fingerprint=fingerprint), "body"))
    return story


def _bullets(ctx: Ctx, items: list[Any], style: str, more_key: str) -> list[Flowable]:
    shown = [ctx.para("• " + ctx.value(item, limit=SHORT_LIMIT), style) for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        more = ctx.texts.number(len(items) - MAX_LISTED)
        shown.append(ctx.para(esc(ctx.texts.plain(more_key, count=more)), style))
    return shown


def _redirects(ctx: Ctx, hops: list[Any]) -> list[Flowable]:
    t = ctx.texts
    if not hops:
        return [ctx.para(esc(t.plain("no_redirects")))]
    story: list[Flowable] = []
    for index, hop in enumerate(hops[:MAX_LISTED], start=1):
        hop = as_dict(hop)
        status = ctx.plain(hop.get("status"), limit=20)
        story.append(ctx.para(esc(t.plain("redirect_hop", number=str(index), status=status)), "hop"))
        story += ctx.exact(hop.get("url"), indent=10)
        if hop.get("location") is not None:
            story.append(ctx.para(esc(t.plain("redirect_location")), "hop_to"))
            story += ctx.exact(hop.get("location"), indent=20)
    if len(hops) > MAX_LISTED:
        story.append(ctx.para(esc(t.plain("redirects_cut", shown=str(MAX_LISTED),
                                           total=t.number(len(hops)))), "muted"))
    return story


def _when(ctx: Ctx, value: object) -> str:
    moment = parse_utc(value)
    if moment is None:
        return ctx.value(value, limit=64) if value else esc(ctx.texts.plain("none"))
    return esc(utc_text(moment)) + "<br/>" + esc(local_text(moment, ctx.texts))


def _facts(ctx: Ctx, bundle: ReportBundle, manifest: dict[str, Any],
           capture: dict[str, Any]) -> list[tuple[str, str]]:
    t = ctx.texts
    none = esc(t.plain("none"))
    status = capture.get("http_status")
    if status is None:
        status_text = esc(t.plain("no_response"))
    else:
        status_text = ctx.value(f"{status} {capture.get('status_text') or ''}".strip(), limit=SHORT_LIMIT)
    server = as_dict(capture.get("server"))
    if server:
        ip = str(server.get("ip", ""))
        host = f"[{ip}]" if ":" in ip else ip
        server_text = ctx.value(f"{host}:{server.get('port', '')}", limit=SHORT_LIMIT)
    else:
        server_text = none
    trusted = time_statement(ctx, bundle, short=True)
    session = as_dict(capture.get("session"))
    sites = [str(s) for s in as_list(session.get("sites"))][:MAX_LISTED]
    if session.get("logged_in_session") and sites:
        logged_in = t.markup("session_sites", sites=ctx.value(", ".join(sites), limit=SHORT_LIMIT))
    else:
        logged_in = esc(t.plain("no_session"))
    steps = as_list(capture.get("steps"))
    return [
        ("label_http_status", status_text),
        ("label_server", server_text),
        ("label_tls", _tls(ctx, capture.get("tls"))),
        ("label_started", _when(ctx, capture.get("started_at"))),
        ("label_finished", _when(ctx, capture.get("finished_at"))),
        ("label_trusted_time", trusted),
        ("label_session", logged_in),
        ("label_operator", ctx.value(manifest.get("operator")) or none),
        ("label_organisation", ctx.value(manifest.get("organisation")) or none),
        ("label_case", ctx.value(manifest.get("case")) or esc(t.plain("no_case"))),
        ("label_tool", _tool(ctx, manifest, capture)),
        ("label_steps", esc(t.plain("steps_count", count=t.number(len(steps))))),
    ]


def _tls(ctx: Ctx, value: object) -> str:
    t = ctx.texts
    tls = as_dict(value)
    if not tls:
        return esc(t.plain("tls_none"))
    parts = {key: ctx.value(tls.get(key), limit=SHORT_LIMIT) or esc(t.plain("none"))
             for key in ("protocol", "subject", "issuer", "valid_from", "valid_to")}
    for key in ("valid_from", "valid_to"):
        moment = from_epoch(tls.get(key)) or parse_utc(tls.get(key))
        if moment is not None:
            parts[key] = esc(utc_text(moment))
    text = t.markup("tls_summary", **parts)
    if tls.get("errors_ignored"):
        text += "<br/><b>" + esc(t.plain("tls_errors_ignored")) + "</b>"
    return text


def _tool(ctx: Ctx, manifest: dict[str, Any], capture: dict[str, Any]) -> str:
    tool = as_dict(manifest.get("tool"))
    browser = as_dict(capture.get("browser"))
    lines = [
        f"{tool.get('name', 'Vidne')} {tool.get('version', '')}".strip(),
        f"{browser.get('name', '')} {browser.get('version', '')}".strip(),
        f"Playwright {capture.get('playwright_version')}" if capture.get("playwright_version") else "",
        str(capture.get("os") or ""),
    ]
    return "<br/>".join(ctx.value(line, limit=SHORT_LIMIT) for line in lines if line)


def _files(ctx: Ctx, bundle: ReportBundle, manifest: dict[str, Any]) -> list[Flowable]:
    t = ctx.texts
    story: list[Flowable] = [CondPageBreak(120), ctx.para(esc(t.plain("files_title")), "h2")]
    artifacts = as_list(manifest.get("artifacts"))
    for artifact in artifacts[:MAX_FILES]:
        artifact = as_dict(artifact)
        size = artifact.get("size")
        size_text = t.size(size) if isinstance(size, int) and size >= 0 else ctx.plain(size)
        line = "<b>" + ctx.value(artifact.get("path"), limit=SHORT_LIMIT) + "</b>  " + esc(
            t.plain("file_line", size=size_text, media_type=ctx.plain(artifact.get("media_type"))))
        story.append(KeepTogether([
            ctx.para(line, "hop"),
            *ctx.exact(artifact.get("sha256"), limit=HASH_LIMIT, indent=10, space_after=5),
        ]))
    if len(artifacts) > MAX_FILES:
        story.append(ctx.para(esc(t.plain("files_cut", shown=t.number(MAX_FILES),
                                           total=t.number(len(artifacts)))), "muted"))
    for name, digest in list(as_dict(manifest.get("bundle_files")).items())[:MAX_LISTED]:
        story.append(KeepTogether([
            ctx.para("<b>" + ctx.value(name, limit=SHORT_LIMIT) + "</b>", "hop"),
            *ctx.exact(digest, limit=HASH_LIMIT, indent=10, space_after=5),
        ]))
    story.append(KeepTogether([ctx.label("label_manifest_sha256"),
                               *ctx.exact(bundle.manifest_sha256, limit=HASH_LIMIT)]))
    story.append(KeepTogether([ctx.label("label_fingerprint"),
                               *ctx.exact(bundle.signer_fingerprint, limit=HASH_LIMIT)]))
    return story
