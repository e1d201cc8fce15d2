"""The baseline for capture_bench.py: what a person could write in an afternoon with Playwright and
warcio to keep a page, making the artifacts a Vidne capture makes.

It writes: the first view and the whole page as PNG screenshots (after scrolling through once, so
lazy content loads), the DOM (page.html), the page's visible text (page-text.txt), an MHTML snapshot,
and a gzipped WARC of every response the page got (a request and a response record each, status,
headers and body as the browser received them), written with warcio as Vidne's network record is.

What it leaves out, compared with `vidne capture`: no WACZ packaging of the WARC (no CDXJ index, no
pages list, no datapackage.json: py-wacz), no browsertrix-behaviors (opening "see more", playing
media), no cookie-banner handling, no media downloads, no redaction of secrets, no manifest, hashes,
signature, custody log, fsync or atomic rename, no separate process with a hard time limit. The
browser is the same (find_browser: settings, VIDNE_BROWSER, Playwright's, then an installed one) with
the same launch flags and viewport.

Usage: python benchmarks/bare_playwright.py URL OUT_DIR
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Response, sync_playwright
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from capture.browser.find import find_browser, launch_args


def main(url: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    responses: list[Response] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(pw).executable, args=launch_args())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("response", lambda r: responses.append(r))
        cdp = page.context.new_cdp_session(page)
        response = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=out / "screenshot-viewport.png")
        height = page.evaluate("document.documentElement.scrollHeight")
        for y in range(0, height, 810):
            page.evaluate("y => window.scrollTo(0, y)", y)
            page.wait_for_timeout(30)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=out / "screenshot-full.png", full_page=True)
        (out / "page.html").write_text(page.content(), encoding="utf-8")
        (out / "page-text.txt").write_text(page.evaluate("document.body.innerText"), encoding="utf-8")
        (out / "page.mhtml").write_text(cdp.send("Page.captureSnapshot", {"format": "mhtml"})["data"])
        assert response is not None
        _ = (response.status, response.headers_array(), response.server_addr(), response.security_details())
        write_warc(responses, out / "page.warc.gz")
        browser.close()


def write_warc(responses: list[Response], path: Path) -> None:
    """Every response as a WARC request + response pair; a body the browser no longer has (a redirect,
    a cancelled load) is written empty."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for response in responses:
            try:
                body = response.body()
            except PlaywrightError:
                body = b""
            request = response.request
            headers = [(h["name"], h["value"]) for h in response.headers_array()   # the body is decoded
                       if h["name"].lower() not in ("content-encoding", "content-length", "transfer-encoding")]
            headers.append(("Content-Length", str(len(body))))
            http = StatusAndHeaders(f"{response.status} {response.status_text}", headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(response.url, "response", payload=io.BytesIO(body),
                                               http_headers=http)
            target = request.url.split("/", 3)[-1] if "://" in request.url else request.url
            request_http = StatusAndHeaders(f"{request.method} /{target} HTTP/1.1",
                                            list(request.headers.items()), is_http_request=True)
            request_record = writer.create_warc_record(request.url, "request", payload=io.BytesIO(b""),
                                                       http_headers=request_http)
            writer.write_request_response_pair(request_record, record)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
