"""The facts of a capture as rows for the detail view: a readable summary first, then every field of
the manifest as recorded. All values are made safe and bounded here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.gui.text import grouped_fingerprint, plain
from app.gui.timefmt import local_and_utc, local_time
from evidence_store import CaptureRecord

translate = QCoreApplication.translate
MAX_VALUE = 2000
MAX_CHILDREN = 500
MAX_DEPTH = 10


@dataclass
class Fact:
    label: str
    value: str = ""
    children: list[Fact] = field(default_factory=list)
    technical: bool = False            # shown only in the "Details" view


def _get(mapping: object, *keys: str) -> Any:
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def summary(manifest: dict[str, Any], record: CaptureRecord, technical: bool = False) -> list[Fact]:
    """The facts a reader asks for first, in plain words; with ``technical``, also the technical ones (and
    every time with its UTC time as recorded)."""
    cap = manifest.get("capture") if isinstance(manifest.get("capture"), dict) else {}
    when = local_and_utc if technical else local_time
    facts = [
        Fact(translate("Facts", "Page title"), plain(_get(cap, "title"), MAX_VALUE)),
        Fact(translate("Facts", "Address asked for"), plain(_get(cap, "url_requested"), MAX_VALUE)),
        Fact(translate("Facts", "Address shown"), plain(_get(cap, "final_url"), MAX_VALUE)),
        Fact(translate("Facts", "HTTP status"),
             plain(f"{_get(cap, 'http_status') or '–'} {_get(cap, 'status_text') or ''}", 100), technical=True),
        Fact(translate("Facts", "Capture started"), when(str(_get(cap, "started_at") or ""))),
        Fact(translate("Facts", "Capture finished"), when(str(_get(cap, "finished_at") or ""))),
        Fact(translate("Facts", "Captured by"), plain(manifest.get("operator"), 200)),
        Fact(translate("Facts", "Organisation"), plain(manifest.get("organisation"), 200)),
        Fact(translate("Facts", "Case"), plain(manifest.get("case"), 200) or translate("Facts", "(none)")),
        Fact(translate("Facts", "Note"), plain(manifest.get("note"), MAX_VALUE, keep_newlines=True)),
        Fact(translate("Facts", "Capture id"), plain(manifest.get("capture_id") or record.id, 100), technical=True),
        Fact(translate("Facts", "Signing key fingerprint"),
             grouped_fingerprint(str(_get(manifest, "signer", "public_key_sha256") or "")), technical=True),
    ]
    redirects = _get(cap, "redirects")
    if isinstance(redirects, list) and redirects:
        facts.append(Fact(translate("Facts", "Redirects"), str(len(redirects)),
                          [Fact(str(n), plain(f"{_get(hop, 'status') or ''} {_get(hop, 'url') or ''}",
                                              MAX_VALUE))
                           for n, hop in enumerate(redirects[:MAX_CHILDREN], start=1)], technical=True))
    server = _get(cap, "server")
    if isinstance(server, dict):
        facts.append(Fact(translate("Facts", "Server address"),
                          plain(f"{server.get('ip', '')} port {server.get('port', '')}", 100), technical=True))
    tls = _get(cap, "tls")
    if isinstance(tls, dict):
        facts.append(Fact(translate("Facts", "Secure connection (TLS)"), plain(tls.get("protocol"), 100),
                          [Fact(plain(k, 60), plain(v, MAX_VALUE))
                           for k, v in list(tls.items())[:MAX_CHILDREN]], technical=True))
    browser = _get(cap, "browser")
    if isinstance(browser, dict):
        facts.append(Fact(translate("Facts", "Browser"),
                          plain(f"{browser.get('name', '')} {browser.get('version', '')}", 200), technical=True))
    shot = _get(cap, "screenshot")
    if isinstance(shot, dict):
        height = shot.get("image_height_px")
        cut = translate("Facts", " (cut: the page was longer)") if shot.get("truncated") else ""
        facts.append(Fact(translate("Facts", "Whole-page picture"), plain(f"{height} px{cut}", 200),
                          technical=True))
    warnings = _get(cap, "warnings")
    if isinstance(warnings, list) and warnings:
        facts.append(Fact(translate("Facts", "Warnings"), str(len(warnings)),
                          [Fact(str(n), plain(w, MAX_VALUE))
                           for n, w in enumerate(warnings[:MAX_CHILDREN], 1)]))
    return facts if technical else [fact for fact in facts if not fact.technical]


def as_tree(value: object, label: str, depth: int = 0) -> Fact:
    """Any JSON value as a tree of facts, bounded in depth, breadth and length."""
    if depth >= MAX_DEPTH:
        return Fact(plain(label, 100), plain(json.dumps(value, ensure_ascii=False)[:MAX_VALUE], MAX_VALUE))
    if isinstance(value, dict):
        items = list(value.items())
        node = Fact(plain(label, 100), f"{{{len(items)}}}")
        node.children = [as_tree(v, str(k), depth + 1) for k, v in items[:MAX_CHILDREN]]
        if len(items) > MAX_CHILDREN:
            node.children.append(Fact("…", translate("Facts", "%1 more not shown").replace(
                "%1", str(len(items) - MAX_CHILDREN))))
        return node
    if isinstance(value, list):
        node = Fact(plain(label, 100), f"[{len(value)}]")
        node.children = [as_tree(v, str(i), depth + 1) for i, v in enumerate(value[:MAX_CHILDREN])]
        if len(value) > MAX_CHILDREN:
            node.children.append(Fact("…", translate("Facts", "%1 more not shown").replace(
                "%1", str(len(value) - MAX_CHILDREN))))
        return node
    if value is None:
        return Fact(plain(label, 100), "null")
    if isinstance(value, bool):
        return Fact(plain(label, 100), "true" if value else "false")
    return Fact(plain(label, 100), plain(value, MAX_VALUE, keep_newlines=True))
