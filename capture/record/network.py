"""The full network record: every request the page made and every response it got, as a WARC.

Requests and responses are collected from Playwright's events while the page loads; at the end of
the capture the records are written with warcio, responses as the browser received them (status,
headers, body), bounded in size and time, with the session's secrets redacted (see secrets.py).

Bodies are stored as the browser used them, that is after HTTP content decoding (gzip, br); the
headers that described the encoding on the wire are kept under ``X-Vidne-Orig-<name>`` and the
record's Content-Length is the stored body's. This is said in the WARC's warcinfo record and in
the manifest.
"""

from __future__ import annotations

import http
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from capture.privacy.secrets import Redactions
from capture.steplog import Deadline, bounded

if TYPE_CHECKING:
    from playwright.sync_api import Page, Request, Response

log = logging.getLogger(__name__)

MAX_REQUESTS = 5000
RENAMED_HEADERS = ("content-encoding", "transfer-encoding", "content-length")
DECODED_NOTE = ("Response bodies are stored as the browser used them, after HTTP content decoding; "
                "Content-Encoding, Transfer-Encoding and Content-Length as sent are kept as "
                "X-Vidne-Orig-<name>. Secret headers, URL parameters and form fields are replaced by "
                "REDACTED.")


@dataclass
class _Seen:
    request: Request
    response: Response | None = None
    finished: bool = False
    failure: str | None = None


class NetworkRecorder:
    """Collects the page's traffic from Playwright events; writes it as a WARC on demand."""

    def __init__(self, page: Page) -> None:
        self._seen: list[_Seen] = []
        self._by_request: dict[int, _Seen] = {}
        self.dropped = 0
        self._stopped = False
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("requestfinished", self._on_finished)
        page.on("requestfailed", self._on_failed)

    def stop(self) -> None:
        self._stopped = True

    # -- events --------------------------------------------------------------------------------
    def _on_request(self, request: Request) -> None:
        if self._stopped or not request.url.startswith(("http:", "https:")):
            return
        if len(self._seen) >= MAX_REQUESTS:
            self.dropped += 1
            return
        seen = _Seen(request)
        self._seen.append(seen)
        self._by_request[id(request)] = seen

    def _on_response(self, response: Response) -> None:
        seen = self._by_request.get(id(response.request))
        if seen is not None:
            seen.response = response

    def _on_finished(self, request: Request) -> None:
        seen = self._by_request.get(id(request))
        if seen is not None:
            seen.finished = True

    def _on_failed(self, request: Request) -> None:
        seen = self._by_request.get(id(request))
        if seen is not None:
            seen.failure = bounded(request.failure or "failed", 300)

    # -- writing -------------------------------------------------------------------------------
    def write_warc(self, path: Path, redactions: Redactions, *, deadline: Deadline, max_body: int,
                   max_total: int, software: str, page_url: str = "",
                   progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
        """Write every recorded exchange to ``path`` (.warc.gz) and return the facts about it."""
        self.stop()
        seen = list(self._seen)
        # Pass 1: headers, URLs and request bodies, so every secret value is known before any
        # response body is written (a body may repeat a token sent in another request's header).
        prepared = [self._prepare(s, redactions) for s in seen]
        facts: dict[str, Any] = {"requests": len(seen) + self.dropped, "responses_recorded": 0,
                                 "failed": 0, "not_finished": 0, "bodies_omitted_size": 0,
                                 "bodies_omitted_time": 0, "body_bytes": 0,
                                 "requests_not_recorded": self.dropped}
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            writer.write_record(writer.create_warcinfo_record(path.name, {
                "software": software, "format": "WARC File Format 1.0",
                "description": DECODED_NOTE}))
            for n, (item, prep) in enumerate(zip(seen, prepared, strict=True)):
                if progress is not None and n % 25 == 0:
                    progress(n, len(seen))
                if item.response is None:
                    facts["failed"] += 1
                    continue
                body, truncated = self._body(item, facts, deadline, max_body, max_total)
                body, _ = redactions.scrub_bytes(body)
                when = self._write_pair(writer, item.response, prep, body, truncated, redactions)
                facts["responses_recorded"] += 1
                if item.request.url == page_url and "page_recorded_at" not in facts and \
                        not 300 <= item.response.status < 400:
                    facts["page_recorded_at"] = when
        if facts["requests_not_recorded"]:
            facts["warning"] = (f"The page made more than {MAX_REQUESTS} requests; only the first "
                                f"{MAX_REQUESTS} are in the network record.")
        return facts

    def _prepare(self, item: _Seen, redactions: Redactions) -> dict[str, Any]:
        request = item.request
        # The headers as sent and received ("raw") are waited for by Playwright until an exchange has ended:
        # for one still going (a resource that never ends), the headers it already has, at once.
        try:
            req_headers = ([(h["name"], h["value"]) for h in request.headers_array()] if item.finished
                           else list(request.headers.items()))
        except PlaywrightError:
            req_headers = list(request.headers.items())
        req_headers = redactions.headers(req_headers, "warc_request_headers")
        post = request.post_data_buffer or b""
        if post:
            kind = next((v for k, v in req_headers if k.lower() == "content-type"), "")
            post = redactions.body(post, kind)
        resp_headers: list[tuple[str, str]] = []
        if item.response is not None:
            try:
                raw = ([(h["name"], h["value"]) for h in item.response.headers_array()] if item.finished
                       else list(item.response.headers.items()))
            except PlaywrightError:
                raw = list(item.response.headers.items())
            resp_headers = redactions.headers(raw, "warc_response_headers")
        url = redactions.url(request.url)
        return {"url": url, "method": request.method, "req_headers": req_headers, "post": post,
                "resp_headers": resp_headers}

    def _body(self, item: _Seen, facts: dict[str, Any], deadline: Deadline, max_body: int,
              max_total: int) -> tuple[bytes, str | None]:
        response = item.response
        assert response is not None
        if 300 <= response.status < 400 or response.status in (204, 304) or item.request.method == "HEAD":
            return b"", None
        if not item.finished:
            facts["not_finished"] += 1
            return b"", "unspecified"
        length = response.header_value("content-length") if deadline.remaining() > 0 else None
        if length and length.isdigit() and (int(length) > max_body or facts["body_bytes"] + int(length) > max_total):
            facts["bodies_omitted_size"] += 1
            return b"", "length"
        if deadline.remaining() < 5:
            facts["bodies_omitted_time"] += 1
            return b"", "time"
        try:
            body = response.body()
        except PlaywrightError as err:
            log.debug("no body for %s: %s", bounded(item.request.url, 200), err)
            return b"", "unspecified"
        if len(body) > max_body or facts["body_bytes"] + len(body) > max_total:
            facts["bodies_omitted_size"] += 1
            return b"", "length"
        facts["body_bytes"] += len(body)
        return body, None

    def _write_pair(self, writer: WARCWriter, response: Response, prep: dict[str, Any], body: bytes,
                    truncated: str | None, redactions: Redactions) -> str:
        """Write the response and its request; returns the WARC-Date used."""
        url = prep["url"]
        status = response.status
        reason = response.status_text or _reason(status)
        headers: list[tuple[str, str]] = []
        for name, value in prep["resp_headers"]:
            if name.lower() in RENAMED_HEADERS:
                name = "X-Vidne-Orig-" + name
            headers.append((name, redactions.scrub_text(value)[0]))
        headers.append(("Content-Length", str(len(body))))
        when = _warc_date(_start_time(response))
        warc_headers = {"WARC-Date": when}
        addr = _server_ip(response)
        if addr:
            warc_headers["WARC-IP-Address"] = addr
        if truncated:
            warc_headers["WARC-Truncated"] = truncated
        resp_record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=None, warc_headers_dict=warc_headers,
            http_headers=StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1"))
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = [(k, redactions.scrub_text(v)[0]) for k, v in prep["req_headers"]
                       if not k.startswith(":")]
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", parts.netloc))
        post, _ = redactions.scrub_bytes(prep["post"])
        req_record = writer.create_warc_record(
            url, "request", payload=io.BytesIO(post), length=None, warc_headers_dict={"WARC-Date": when},
            http_headers=StatusAndHeaders(f"{prep['method']} {target} HTTP/1.1", req_headers,
                                          is_http_request=True))
        writer.write_request_response_pair(req_record, resp_record)
        return when


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _start_time(response: Response) -> float | None:
    try:
        start = response.request.timing.get("startTime")
    except PlaywrightError:
        return None
    return float(start) if start and start > 0 else None


def _warc_date(epoch_ms: float | None) -> str:
    when = datetime.fromtimestamp(epoch_ms / 1000, UTC) if epoch_ms else datetime.now(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _server_ip(response: Response) -> str | None:
    try:
        addr = response.server_addr()
    except PlaywrightError:
        return None
    return str(addr["ipAddress"]) if addr and addr.get("ipAddress") else None
