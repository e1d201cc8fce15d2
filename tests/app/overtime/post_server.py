"""A local post on 127.0.0.1 that a test edits, deletes and takes down between re-checks. Every load shows
a different clock, "for N min. siden", like counter and ad id (in the HTML and from the page's script),
as real social media pages do."""

from __future__ import annotations

import http.server
import itertools
import threading
from typing import ClassVar
from urllib.parse import urlsplit

ORIGINAL = "Sagsbehandleren Søren Ærø er inkompetent og burde fyres med det samme."
EDITED = "Sagsbehandleren Søren Ærø burde tage en snak med sin chef."

LOGIN = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Log ind</title></head><body>
<h1>Log ind for at fortsætte</h1><form method="post" action="/login">
<label>Brugernavn <input name="username"></label><label>Adgangskode <input type="password" name="password"></label>
<button type="submit">Log ind</button></form><p>Glemt adgangskode?</p></body></html>"""


def _post(body: str, load: int) -> str:
    return f"""<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Opslag i gruppen</title></head>
<body><article><h1>Hans Jensen</h1>
<p>for {load * 7 % 59 + 1} min. siden · kl. <span id="clock">12:{load % 60:02d}:{load * 13 % 60:02d}</span></p>
<p id="body">{body}</p>
<p>{load * 31 + 4} synes godt om · <span id="ad">Annonce ad-{load * 7919 % 100000}</span></p>
</article><script>
document.getElementById('clock').textContent = new Date().toISOString().slice(11, 23);
document.getElementById('ad').textContent = 'Annonce ad-' + Math.floor(Math.random() * 1e9);
</script></body></html>"""


class PostHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    loads: ClassVar[itertools.count[int]] = itertools.count(1)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        mode = self.server.mode     # type: ignore[attr-defined]
        if path == "/login":
            self._send(200, LOGIN)
        elif path != "/post":
            self._send(404, "<!doctype html><title>Not found</title><h1>Not found</h1>")
        elif mode == "original":
            self._send(200, _post(ORIGINAL, next(self.loads)))
        elif mode == "edited":
            self._send(200, _post(EDITED, next(self.loads)))
        elif mode == "deleted":
            self._send(404, "<!doctype html><title>Siden findes ikke</title><h1>Siden findes ikke</h1>")
        elif mode == "notice_en":
            self._send(200, "<!doctype html><title>Facebook</title><h2>This content isn't available right now</h2>"
                       "<p>When this happens, it's usually because the owner only shared it with a small group "
                       "of people.</p>")
        elif mode == "notice_da":
            self._send(200, "<!doctype html><title>Facebook</title><h2>Dette indhold er ikke tilgængeligt lige "
                       "nu</h2><p>Det sker som regel, fordi ejeren kun har delt det med en lille gruppe.</p>")
        elif mode == "login":
            self.send_response(302)
            self.send_header("Location", "/login?next=/post")
            self.send_header("Content-Length", "0")
            self.end_headers()

    def _send(self, status: int, html: str) -> None:
        body = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class PostServer:
    """The post's server; ``mode`` says what /post shows now; ``close()`` takes it off the network."""

    def __init__(self) -> None:
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PostHandler)
        self.httpd.daemon_threads = True
        self.httpd.mode = "original"       # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/post"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.closed = False

    def show(self, mode: str) -> None:
        self.httpd.mode = mode             # type: ignore[attr-defined]

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.httpd.shutdown()
            self.httpd.server_close()
