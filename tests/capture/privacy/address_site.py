"""A site that puts secrets in the address: a log-in that redirects to ``/cb?code=…&access_token=…``
(OAuth's code flow) and a page whose script sets ``#access_token=…`` (the implicit flow) and then
writes its own address into the page, its title and a request of its own."""

from __future__ import annotations

import html
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

CODE = "SECRETCODE1234567"
TOKEN = "SECRETTOKEN7654321"
FRAGMENT = "FRAGSECRET99999999"
SECRETS = [CODE, TOKEN, FRAGMENT]
CALLBACK = f"/cb?code={CODE}&access_token={TOKEN}&x=1"

# The server writes the address it was asked for into the page (what many callback pages do); the
# script adds the implicit flow's fragment, then shows the whole address, and sends it to /seen.
_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Callback</title></head><body>
<h1>Signed in</h1><p id="asked">asked for: {asked}</p><p id="here">…</p>
<script>
location.hash = '#access_token={fragment}&state=abc';
document.getElementById('here').textContent = 'this page is ' + location.href;
document.title = 'Callback ' + location.href;
fetch('/seen', {{method: 'POST', body: location.href}});
</script></body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/login":
            self._send(302, b"", {"Location": CALLBACK, "Content-Type": "text/html"})
        elif path == "/cb":
            page = _PAGE.format(asked=html.escape(self.path), fragment=FRAGMENT)
            self._send(200, page.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})
        else:
            self._send(404, b"not here", {"Content-Type": "text/plain"})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(204, b"", {})


@contextmanager
def address_site() -> Iterator[str]:
    """The site on 127.0.0.1; yields its base address (``http://127.0.0.1:PORT``)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
