"""Hand-made evidence bundles for the report tests: a manifest as docs/bundle-format.md describes it,
screenshots drawn with Pillow (tall ones written row band by row band, so making a 100,000-pixel
image does not need 400 MB), and a custody log signed with a real Ed25519 key."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image, ImageDraw, ImageFont

import resources
from evidence_store.report.render import ReportBundle
from evidence_store.trust.verdict import TimeVerdict

HOSTILE_TITLE = "<b>Ayse & Birgitte</b> <script>"
DANISH = "Ærø Ødegård Åbenrå – blåbærgrød"
GREEK = "Ελληνικά"
CYRILLIC = "Кириллица"
ARABIC = "العربية"
LONG_URL = "https://example.org/" + "".join(f"seg{n:04d}-" for n in range(620))[:4980] + "?end=1"
START = datetime(2026, 11, 21, 10, 15, 30, tzinfo=UTC)

# What capture/finishing.py seal_secrets and capture/record/wacz.py save_network_record write.
REDACTIONS = {
    "removed": {"page_fields": ["csrf_token", "fb_dtsg"], "warc_request_headers": ["authorization", "cookie"],
                "url_parameters": ["sid"]},
    "counts": {"page_fields": 2, "warc_request_headers": 57, "url_parameters": 1},
    "replaced_with": "REDACTED",
    "secret_values_searched": 12,
    "values_replaced_in_files": {"page.html": 3, "page.mhtml": 1},
    "note": "Cookies, session tokens, ... 'removed' lists them by name; their values are not in this bundle.",
}
NETWORK = {
    "requests": 1234, "responses_recorded": 1230, "failed": 4, "not_finished": 0, "bodies_omitted_size": 2,
    "bodies_omitted_time": 3, "body_bytes": 5_432_100, "requests_not_recorded": 0,
    "page_recorded_at": "2026-11-21T10:15:31Z", "saved": True, "artifact": "page.wacz",
    "format": "WACZ, holding one WARC 1.0 file", "bodies": "decoded (after Content-Encoding)", "seconds": 1.5,
}


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resources.path("fonts", "DejaVuSans.ttf")), size)


def _band(width: int, first_row: int, rows: int, mode: str) -> Image.Image:
    """Rows ``first_row`` .. ``first_row + rows`` of a page-like test picture."""
    image = Image.new(mode, (width, rows), "white")
    draw = ImageDraw.Draw(image)
    font = _font(22)
    for y in range(first_row - first_row % 500, first_row + rows, 500):
        top = y - first_row
        shade = (235, 240, 250) if (y // 500) % 2 else (250, 245, 232)
        draw.rectangle((0, top, width, top + 499), fill=shade)
        draw.text((30, top + 20), f"row {y:,} px — Ærø Ødegård, <b>&", fill="black", font=font)
        for line in range(1, 9):
            draw.line((30, top + 40 + line * 48, width - 30 - (line * 97) % 400, top + 40 + line * 48),
                      fill=(90, 90, 90), width=6)
    return image


def write_tall_png(path: Path, width: int, height: int, *, mode: str = "RGB", band_rows: int = 2000) -> Path:
    """A ``width`` × ``height`` PNG written band by band (filter type 0), in little memory."""
    colour_type, channels = {"RGB": (2, 3), "RGBA": (6, 4)}[mode]
    squeeze = zlib.compressobj(1)
    stride = width * channels

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    with path.open("wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)))
        for first in range(0, height, band_rows):
            rows = min(band_rows, height - first)
            raw = _band(width, first, rows, mode).tobytes()
            filtered = b"".join(b"\x00" + raw[i * stride:(i + 1) * stride] for i in range(rows))
            data = squeeze.compress(filtered)
            if data:
                out.write(chunk(b"IDAT", data))
        out.write(chunk(b"IDAT", squeeze.flush()))
        out.write(chunk(b"IEND", b""))
    return path


def write_png(path: Path, width: int, height: int, *, mode: str = "RGB") -> Path:
    """A screenshot saved by Pillow's own encoder (which filters its rows adaptively)."""
    _band(width, 0, height, "RGB").convert(mode).save(path, "PNG")
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _canonical(event: dict[str, Any]) -> bytes:
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def make_bundle(
    root: Path,
    capture_id: str,
    *,
    title: str = "Opslag i gruppen",
    url: str = "https://example.org/group/123",
    final_url: str | None = None,
    full_png: Path | None = None,
    full_size: tuple[int, int] = (1280, 3000),
    note: str = "",
    intact: bool = True,
    problems: list[str] | None = None,
    extra_events: int = 0,
    trusted: bool = True,
    key: Ed25519PrivateKey | None = None,
    capture_facts: dict[str, Any] | None = None,
) -> ReportBundle:
    """A bundle folder under ``root`` and the ReportBundle the export code would build from it.

    ``capture_facts`` are added to the manifest's ``capture`` (e.g. ``redactions``, ``network``)."""
    folder = root / capture_id
    artifacts = folder / "artifacts"
    artifacts.mkdir(parents=True)
    if full_png is None:
        full = write_png(artifacts / "screenshot-full.png", *full_size)
    else:
        full = artifacts / "screenshot-full.png"
        os.link(full_png, full)          # the same big file in many bundles, without copying it
    viewport = write_png(artifacts / "screenshot-viewport.png", 1280, 900)
    html = artifacts / "page.html"
    html.write_text(f"<html><title>{title}</title></html>", encoding="utf-8")
    _width, height = Image.open(full).size if full_png is None else full_size
    final = final_url or url + "/"
    manifest: dict[str, Any] = {
        "format": "vidne-evidence-bundle",
        "format_version": 1,
        "capture_id": capture_id,
        "case": "Facebook-gruppe oktober",
        "note": note,
        "operator": "Mette Hansen",
        "organisation": "Aarhus Kommune",
        "capture": {
            "url_requested": url,
            "final_url": final,
            "redirects": [{"url": url, "status": 301, "location": final}],
            "http_status": 200,
            "status_text": "OK",
            "response_headers": [["content-type", "text/html"]],
            "server": {"ip": "2001:db8::7", "port": 443},
            "tls": {"protocol": "TLS 1.3", "subject": "example.org", "issuer": "R11",
                    "valid_from": 1790000000, "valid_to": 1797776000, "errors_ignored": False},
            "title": title,
            "started_at": "2026-11-21T10:15:30.125Z",
            "finished_at": "2026-11-21T10:15:41.900Z",
            "browser": {"name": "chromium", "version": "131.0.6778.33", "executable": "/x", "headless": True},
            "playwright_version": "1.49.0",
            "user_agent": "Mozilla/5.0",
            "viewport": {"width": 1280, "height": 900},
            "os": "Windows 11",
            "screenshot": {"page_height_px": height, "image_height_px": height, "method": "native",
                           "truncated": False, "cut_at_px": None, "parts": 1},
            "scroll": {"steps": 4, "reached_bottom": True, "stopped_because": "bottom"},
            "content_kind": "html",
            "warnings": [],
            "steps": [{"at": "2026-11-21T10:15:30.200Z", "action": "navigate", "detail": {"url": url}}],
            **(capture_facts or {}),
        },
        "tool": {"name": "Vidne", "version": "0.1.0"},
        "signer": {"algorithm": "Ed25519", "public_key_sha256": ""},
        "bundle_files": {},
        "artifacts": [
            {"path": f"artifacts/{p.name}", "media_type": media, "size": p.stat().st_size,
             "sha256": _sha256(p), "description": ""}
            for p, media in ((full, "image/png"), (viewport, "image/png"), (html, "text/html"))
        ],
    }
    key = key or Ed25519PrivateKey.generate()
    public_der = key.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    fingerprint = hashlib.sha256(public_der).hexdigest()
    manifest["signer"]["public_key_sha256"] = fingerprint
    manifest_path = folder / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    manifest_sha = _sha256(manifest_path)

    kinds = ["captured", "timestamped" if trusted else "note", "exported"] + ["received"] * extra_events
    events: list[dict[str, Any]] = []
    previous = manifest_sha
    for seq, kind in enumerate(kinds, start=1):
        event: dict[str, Any] = {
            "seq": seq, "event": kind, "at": (START + timedelta(minutes=seq * 7)).isoformat().replace(
                "+00:00", "Z"),
            "actor": "Mette Hansen" if seq < 3 else "HR – Birgitte Ølgaard",
            "organisation": "Aarhus Kommune",
            "details": {"to": "Østjyllands Politi"} if kind == "exported" else {},
            "prev_sha256": previous,
            "signer_public_key": base64.b64encode(public_der).decode(),
            "signer_fingerprint": fingerprint,
        }
        event["signature"] = base64.b64encode(key.sign(_canonical(event))).decode()
        line = _canonical(event)
        previous = hashlib.sha256(line).hexdigest()
        events.append(event)
    (folder / "custody.jsonl").write_bytes(b"".join(_canonical(e) + b"\n" for e in events))
    return ReportBundle(
        folder=folder, manifest=manifest, custody_events=events, intact=intact,
        problems=problems or [], manifest_sha256=manifest_sha, signer_fingerprint=fingerprint,
        time=TimeVerdict("trusted", START + timedelta(seconds=14), "Freetsa.org TSA") if trusted
        else TimeVerdict("none"),
    )
