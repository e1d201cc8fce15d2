"""The local test web site: pages that behave like the hostile, slow and odd pages Vidne meets.

Served on 127.0.0.1 over HTTP and HTTPS (a self-signed certificate the fixture makes)."""

from __future__ import annotations

import http.server
import io
import secrets
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

from PIL import Image

STOP = threading.Event()   # set at teardown so handlers that hang let go

TITLE_HOSTILE = "<b>Ayse & Birgitte</b> <script>alert(1)</script> \x07\x1b[31m"
DANISH = "Sagsbehandleren Søren Ærø på Åbenrå Jobcenter 😡🔥 — «hængt ud»"


def _png(color: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


RED_PNG = _png((220, 0, 0))
TINY_PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _tall(height: int) -> str:
    return f"""<!doctype html><html><head><title>Tall page</title><style>body{{margin:0}}</style></head>
<body><div style="height:{height}px;background:linear-gradient(#ffffff,#8888ff)">top of a long thread</div>
<div id="bottom" style="height:300px;background:#00ff00">THE BOTTOM</div></body></html>"""


LAZY = """<!doctype html><html><head><title>Lazy comments</title></head><body style="margin:0">
<div style="height:4000px">post</div>
<div id="comments" style="min-height:200px">loading comments…</div>
<img id="lazyimg" loading="lazy" src="/img/lazy.png" width="64" height="48">
<script>
const io = new IntersectionObserver(entries => {
  if (entries.some(e => e.isIntersecting)) {
    fetch('/api/comments').then(r => r.text()).then(t => {
      document.getElementById('comments').textContent = t; io.disconnect(); });
  }
});
io.observe(document.getElementById('comments'));
</script></body></html>"""

ENDLESS = """<!doctype html><html><head><title>Endless</title></head><body style="margin:0">
<div id="feed"></div><script>
let n = 0; const feed = document.getElementById('feed');
function more() { for (let i = 0; i < 20; i++) { const d = document.createElement('div');
  d.style.height = '100px'; d.textContent = 'post ' + (n++); feed.appendChild(d); } }
more(); more();
window.addEventListener('scroll', () => {
  if (innerHeight + scrollY > document.body.scrollHeight - 500) more(); });
</script></body></html>"""

POPUPS = """<!doctype html><html><head><title>Pop-ups</title></head><body>
<h1>Page with pop-ups</h1><p id="after">not yet</p><script>
alert('Velkommen!'); const ok = confirm('Are you sure?'); window.open('/dansk', '_blank');
const a = document.createElement('a'); a.href = '/download'; a.download = 'x.bin';
document.body.appendChild(a); a.click();
document.getElementById('after').textContent = 'dialogs done: ' + ok;
</script></body></html>"""

DANISH_PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>{DANISH}</title></head>
<body><h1>{DANISH}</h1><p>Ærlig talt, ørkesløst åndssvagt. Привет. مرحبا</p></body></html>"""


# --- a site with a login: the secrets below must be in no file Vidne writes ------------------------
SESSION_SECRET = "sess-" + secrets.token_urlsafe(24)     # the session cookie's value
CSRF_SECRET = "csrf-" + secrets.token_hex(20)            # in a meta tag, a hidden field, a header, a form
API_SECRET = "bearer-" + secrets.token_urlsafe(24)       # an Authorization header the page's script sends
FORUM_SECRET = "forum-" + secrets.token_urlsafe(24)      # a forum whose log-in lasts "until the browser closes"
PRIVATE_TEXT = "PRIVAT OPSLAG: kun for gruppens medlemmer"
DATA = Path(__file__).parent.parent / "data"

LOGIN_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Log ind</title></head><body>
<h1>Log ind for at fortsætte</h1><form method="post" action="/login">
<label>Brugernavn <input name="username" id="username"></label>
<label>Adgangskode <input type="password" name="password" id="password"></label>
<button type="submit" id="submit">Log ind</button></form><p>Glemt adgangskode?</p></body></html>"""

PRIVATE_PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>Jobcentrets ofre (privat gruppe)</title>
<meta name="csrf-token" content="{CSRF_SECRET}"></head><body><h1>{PRIVATE_TEXT}</h1>
<form method="post" action="/api/post"><input type="hidden" name="csrf_token" value="{CSRF_SECRET}">
<textarea name="q"></textarea></form><p id="feed">loading…</p>
<script>window.__init = {{"DTSGInitialData": {{"token": "{CSRF_SECRET}"}}}};
fetch('/api/feed', {{headers: {{'X-CSRF-Token': '{CSRF_SECRET}', 'Authorization': 'Bearer {API_SECRET}'}}}})
  .then(r => r.text()).then(t => {{ document.getElementById('feed').textContent = t; }});
fetch('/api/post', {{method: 'POST', headers: {{'Content-Type': 'application/x-www-form-urlencoded'}},
  body: 'fb_dtsg={CSRF_SECRET}&q=hej'}});
</script></body></html>"""

ROBOT_PAGE = """<!doctype html><html><head><title>Sikkerhedstjek</title></head><body>
<h1>Bekræft, at du ikke er en robot</h1><div class="g-recaptcha" data-sitekey="x"></div></body></html>"""

MEDIA_PAGE = """<!doctype html><html><head><title>Optagelse fra mødet</title></head><body>
<h1>Optagelse fra borgermødet</h1>
<video id="v" controls muted preload="auto" width="320"><source src="/media/tiny.webm" type="video/webm"></video>
<audio controls preload="auto" src="/media/tone.wav"></audio>
<video controls src="/media/missing.webm"></video></body></html>"""

OG_VIDEO_PAGE = """<!doctype html><html><head><title>Nyhed med video</title>
<meta property="og:video" content="/media/tiny.webm"><meta property="og:video:type" content="video/webm">
</head><body><h1>Borgermødet</h1><div id="player">Klik for at afspille</div></body></html>"""

BLOB_VIDEO_PAGE = """<!doctype html><html><head><title>Stream</title></head><body>
<video id="v" muted></video><script>
const ms = new MediaSource(); document.getElementById('v').src = URL.createObjectURL(ms);
</script></body></html>"""

CONSENT_PAGE = """<!doctype html><html><head><title>Artikel</title><style>
#cookie-banner{position:fixed;inset:0;background:rgba(0,0,0,.85);color:#fff;padding:80px;font-size:24px}
</style></head><body><h1>Artikel om sagsbehandleren</h1><p>Brødtekst.</p>
<div id="cookie-banner"><p>Vi bruger cookies til statistik og markedsføring.</p>
<button id="accept" onclick="choose('accepted')">Tillad alle</button>
<button id="reject" onclick="choose('rejected')">Afvis alle</button></div>
<script>function choose(c){document.getElementById('cookie-banner').remove();document.body.dataset.consent=c;}
</script></body></html>"""


def _logged_in(h: Handler) -> bool:
    return f"session={SESSION_SECRET}" in (h.headers.get("Cookie") or "")


def _private(h: Handler) -> None:
    if not _logged_in(h):
        h.redirect("/login?next=/private")
        return
    h.html(PRIVATE_PAGE, headers={"Set-Cookie": f"session={SESSION_SECRET}; Path=/; Max-Age=86400; HttpOnly",
                                  "X-CSRF-Token": CSRF_SECRET})


def _feed(h: Handler) -> None:
    ok = _logged_in(h) and h.headers.get("Authorization") == f"Bearer {API_SECRET}"
    h.send_body(200 if ok else 403, "text/plain; charset=utf-8",
                b"KOMMENTAR: hun burde fyres" if ok else b"not allowed")


def _login_post(h: Handler) -> None:
    length = int(h.headers.get("Content-Length") or 0)
    form = parse_qs(h.rfile.read(length).decode("utf-8"))
    if form.get("username") and form.get("password") == ["hemmelig"]:
        h.send_body(303, "text/html", b"", {"Location": "/private",
                                            "Set-Cookie": f"session={SESSION_SECRET}; Path=/; Max-Age=86400; HttpOnly"})
    else:
        h.html(LOGIN_PAGE, 401)


def _forum_login(h: Handler) -> None:
    length = int(h.headers.get("Content-Length") or 0)
    form = parse_qs(h.rfile.read(length).decode("utf-8"))
    if form.get("password") == ["hemmelig"]:     # no Max-Age: a session cookie, gone when the browser closes
        h.send_body(303, "text/html", b"", {"Location": "/forum/private",
                                            "Set-Cookie": f"forum={FORUM_SECRET}; Path=/"})
    else:
        h.html(LOGIN_PAGE, 401)


def _forum_private(h: Handler) -> None:
    if f"forum={FORUM_SECRET}" not in (h.headers.get("Cookie") or ""):
        h.redirect("/forum/login")
        return
    h.html("<!doctype html><title>Forum: lukket tråd</title><h1>LUKKET TRÅD: kun for medlemmer</h1>")


def _post_echo(h: Handler) -> None:
    h.rfile.read(int(h.headers.get("Content-Length") or 0))
    h.send_body(200, "application/json", b'{"ok": true}')


def _media(h: Handler) -> None:
    name = urlsplit(h.path).path.rsplit("/", 1)[-1]
    path = DATA / name
    if not path.is_file():
        h.send_body(404, "text/plain", b"no such file")
        return
    kind = {"webm": "video/webm", "wav": "audio/wav"}.get(path.suffix.lstrip("."), "application/octet-stream")
    h.send_body(200, kind, path.read_bytes())


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: ClassVar[dict[str, Callable[[Handler], None]]] = {}

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_POST(self) -> None:
        route = POST_ROUTES.get(urlsplit(self.path).path)
        if route is None:
            self.send_body(405, "text/plain", b"no")
            return
        route(self)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        for prefix, route in sorted(self.routes.items(), key=lambda kv: -len(kv[0])):
            if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
                route(self)
                return
        self.send_body(404, "text/html; charset=utf-8", b"<html><title>Not found</title><h1>404 deleted</h1>")

    def send_body(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def html(self, text: str, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.send_body(status, "text/html; charset=utf-8", text.encode("utf-8"), headers)

    def redirect(self, to: str, status: int = 302) -> None:
        self.send_body(status, "text/html", b"", {"Location": to})


def _hang(h: Handler) -> None:
    STOP.wait(120)


def _slow_body(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(b"<html><title>Half a page</title><body><p>first part arrived</p>")
    h.wfile.flush()
    STOP.wait(120)


def _slow_image(h: Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "image/png")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(_png((0, 128, 0))[:20])          # its headers and a first piece; the rest never comes
    h.wfile.flush()
    STOP.wait(120)


def _slow_subresource(h: Handler) -> None:
    h.html("<html><title>A picture that never ends</title><body><p>The text is here.</p>"
           "<img src='/slowimage' alt='still loading'><script src='/hang' async></script></body></html>")


def _chain(h: Handler) -> None:
    n = int(h.path.rstrip("/").rsplit("/", 1)[-1])
    h.redirect(f"/chain/{n - 1}" if n > 1 else "/final", 301 if n % 2 else 302)


STATE_PAGE = """<!doctype html><title>State</title><p id=cookie></p><p id=storage></p>
<script>
document.getElementById('cookie').textContent = 'cookie=[' + document.cookie + ']';
document.getElementById('storage').textContent = 'storage=[' + (localStorage.getItem('mine') || '') + ']';
localStorage.setItem('mine', 'left-by-an-earlier-capture');
document.cookie = 'visit=left-by-an-earlier-capture; max-age=3600';
</script>"""


def _state(h: Handler) -> None:
    """Shows the cookies and storage the browser brought, then leaves some: a capture after it in the same
    browser must see none of them."""
    h.html(STATE_PAGE, headers={"Set-Cookie": "server=left-by-an-earlier-capture; Max-Age=3600"})


def _comments(h: Handler) -> None:
    time.sleep(0.2)
    h.send_body(200, "text/plain; charset=utf-8", b"KOMMENTAR: du er inkompetent")


Handler.routes = {
    "/": lambda h: h.html("<!doctype html><title>Forside</title><h1>Hej</h1><p>An ordinary page.</p>"),
    "/tall": lambda h: h.html(_tall(70_000)),
    "/huge": lambda h: h.html(_tall(200_000)),
    "/lazy": lambda h: h.html(LAZY),
    "/img/": lambda h: h.send_body(200, "image/png", RED_PNG),
    "/image.png": lambda h: h.send_body(200, "image/png", RED_PNG),
    "/api/comments": _comments,
    "/endless": lambda h: h.html(ENDLESS),
    "/chain/": _chain,
    "/final": lambda h: h.html("<!doctype html><title>Final</title><p>after redirects</p>"),
    "/loop": lambda h: h.redirect("/loop2"),
    "/loop2": lambda h: h.redirect("/loop"),
    "/gone": lambda h: h.html("<!doctype html><title>Gone</title><h1>This post was deleted</h1>", 404),
    "/error": lambda h: h.html("<!doctype html><title>Oops</title><h1>Server error</h1>", 500),
    "/hang": _hang,
    "/slowbody": _slow_body,
    "/slowimage": _slow_image,
    "/slowsub": _slow_subresource,
    "/popups": lambda h: h.html(POPUPS),
    "/download": lambda h: h.send_body(200, "application/octet-stream", b"\x00secret-ish bytes\xff" * 100,
                                       {"Content-Disposition": 'attachment; filename="report.bin"'}),
    "/doc.pdf": lambda h: h.send_body(200, "application/pdf", TINY_PDF,
                                      {"Content-Disposition": 'attachment; filename="doc.pdf"'}),
    "/dansk": lambda h: h.html(DANISH_PAGE),
    "/hostile": lambda h: h.html(f"<!doctype html><title>{TITLE_HOSTILE.replace('<', '&lt;')}</title><p>x</p>"),
    "/login": lambda h: h.html(LOGIN_PAGE),
    "/private": _private,
    "/api/feed": _feed,
    "/robot": lambda h: h.html(ROBOT_PAGE, 403),
    "/video": lambda h: h.html(MEDIA_PAGE),
    "/og-video": lambda h: h.html(OG_VIDEO_PAGE),
    "/forum/login": lambda h: h.html(LOGIN_PAGE.replace('action="/login"', 'action="/forum/login"')),
    "/forum/private": _forum_private,
    "/blob-video": lambda h: h.html(BLOB_VIDEO_PAGE),
    "/media/": _media,
    "/consent": lambda h: h.html(CONSENT_PAGE),
    "/state/": _state,
}
POST_ROUTES: dict[str, Callable[[Handler], None]] = {"/login": _login_post, "/api/post": _post_echo,
                                                      "/forum/login": _forum_login}


class Server:
    """A threaded HTTP(S) server on 127.0.0.1 with an ephemeral port."""

    def __init__(self, tls_context: ssl.SSLContext | None = None) -> None:
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls_context is not None:
            self.httpd.socket = tls_context.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls_context else "http"
        self.base = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
