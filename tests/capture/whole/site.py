"""Local pages for the whole page people see: an inner scroller, a framed page, a frame from another
site, collapsed comments, text in many scripts, a very tall page. Two servers on 127.0.0.1, so that a
frame from the second is from another site (origin) than the page of the first."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable

GREEN = (0, 192, 0)         # the last post of every tall page: the screenshot must show it at its bottom
LAST = '<div id="last" style="height:300px;background:rgb(0,192,0);color:#fff">LAST POST</div>'


def posts(height: int) -> str:
    """``height`` px of posts, then the green last post."""
    count = height // 200
    body = "".join(f'<div class="post" style="height:200px;border-bottom:1px solid #ccc;box-sizing:border-box">'
                   f"Opslag {i}</div>" for i in range(count))
    return body + LAST


# The two rules as it wrote them; the rest only places the header and the feed's sides.
INNER = f"""<!doctype html><html><head><meta charset="utf-8"><title>Inner feed</title><style>
html,body{{height:100%;overflow:hidden}}
#feed{{position:absolute;top:60px;bottom:0;overflow-y:auto}}
body{{margin:0}} #feed{{left:0;right:0}}
#top{{position:absolute;top:0;left:0;right:0;height:60px;background:#3b5998;color:#fff}}
</style></head><body><div id="top">Gruppen</div><div id="feed">{posts(20_000)}</div></body></html>"""

# A feed that snaps to every post (1,000 px each) in a 900 px box: asked to scroll 900 px, it jumps to 1,000.
SNAPPING = """<!doctype html><html><head><meta charset="utf-8"><title>Snapping</title><style>
html,body{height:100%;overflow:hidden;margin:0}
#feed{position:absolute;top:0;bottom:0;left:0;right:0;overflow-y:auto;scroll-snap-type:y mandatory}
.snap{height:1000px;scroll-snap-align:start;border-bottom:1px solid #ccc;box-sizing:border-box}
</style></head><body><div id="feed">""" + "".join(f'<div class="snap">Opslag {i}</div>' for i in range(6)) + """
</div></body></html>"""

# A page whose own script breaks what Vidne's search for the scroller relies on (it runs in the page's world).
HOSTILE_SEARCH = INNER.replace("</body>", """<script>
Element.prototype.getBoundingClientRect = () => { throw new Error('no boxes here'); };
</script></body>""")

TWO_SCROLLERS = f"""<!doctype html><html><head><meta charset="utf-8"><title>Feed and chat</title><style>
html,body{{height:100%;overflow:hidden;margin:0}}
#feed{{position:absolute;top:0;bottom:0;left:0;width:900px;overflow-y:auto}}
#chat{{position:absolute;top:0;bottom:0;left:900px;right:0;overflow-y:auto;background:#eef}}
</style></head><body><div id="feed">{posts(6_000)}</div><div id="chat">{posts(4_000)}</div></body></html>"""

FRAMED = """<!doctype html><html><head><meta charset="utf-8"><title>Framed</title><style>
html,body{height:100%;margin:0;overflow:hidden}</style></head>
<body><iframe src="/tall-document" style="width:100%;height:100%;border:0;display:block"></iframe></body></html>"""

TALL_DOCUMENT = f"""<!doctype html><html><head><meta charset="utf-8"><title>Tall document</title>
<style>body{{margin:0}}</style></head><body>{posts(20_000)}</body></html>"""


def cross_origin(other_base: str) -> str:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>With a frame from elsewhere</title></head>
<body style="margin:0"><p>Opslaget</p>
<iframe src="{other_base}/tall-document" style="width:600px;height:400px;border:0"></iframe>
<div style="height:1500px">kommentarer</div></body></html>"""


# A feed that loads more posts as it is scrolled, with comments collapsed behind "Show more comments",
# like the social sites browsertrix-behaviors' autoscroll is made for.
COMMENTS = """<!doctype html><html><head><meta charset="utf-8"><title>Post with comments</title></head>
<body style="margin:0"><div id="post" style="height:700px">Opslaget</div>
<div id="comments"><div class="c">Kommentar 1</div></div>
<button id="more" style="font-size:20px" onclick="
  for (let i = 2; i <= 40; i++) { const d = document.createElement('div'); d.className = 'c';
    d.style.height = '60px'; d.textContent = 'HIDDEN COMMENT ' + i;
    document.getElementById('comments').appendChild(d); }
  this.remove();">Show more comments</button>
<div id="feed"></div>
<script>
let n = 0;
function more() { for (let i = 0; i < 5 && n < 40; i++, n++) { const d = document.createElement('div');
  d.style.height = '150px'; d.textContent = 'post ' + n; document.getElementById('feed').appendChild(d); } }
more();
addEventListener('scroll', () => {
  if (scrollY + innerHeight > document.documentElement.scrollHeight - 400) more(); });
</script></body></html>"""

# An image whose 2x version comes after 4 s: browsertrix-behaviors' autofetch fetches it and waits, so a
# shorter time for the behaviours ends them.
BUSY = """<!doctype html><html><head><meta charset="utf-8"><title>Busy</title></head>
<body><p>Et billede</p><img src="/not-here.png" srcset="/slow-image 2x" width="10" height="10"></body></html>"""

# A lazy image far down that comes after 4 s: Vidne's scroll-through waits for it (bounded) far longer than
# the behaviours take.
SLOW_LAZY = """<!doctype html><html><head><meta charset="utf-8"><title>Slow image</title></head>
<body style="margin:0"><div style="height:2500px">Opslaget</div>
<img loading="lazy" src="/slow-image?lazy" width="10" height="10"></body></html>"""


def slow_image() -> str:
    time.sleep(4)
    return "too late"


SCRIPTS_TEXT = ("Hello Ærø · Καλημέρα · Здравствуйте · مرحبا بالعالم · שלום עולם · 你好世界 · こんにちは · "
                "안녕하세요 세계 · नमस्ते दुनिया · হ্যালো বিশ্ব · வணக்கம் · สวัสดีชาวโลก · 😡🔥👍")
SCRIPTS = f"""<!doctype html><html><head><meta charset="utf-8"><title>Many scripts</title></head>
<body style="font-size:24px"><p>{SCRIPTS_TEXT}</p></body></html>"""


def no_font(chars: str) -> str:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>No font</title></head>
<body style="font-size:24px"><p>Almindelig tekst og så: {chars}</p></body></html>"""


def tall(height: int) -> str:
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Very tall</title><style>body{{margin:0}}
</style></head><body><div style="height:{height - 300}px;background:linear-gradient(#ffffff,#8888ff)">top</div>
{LAST}</body></html>"""


class Site:
    """One server: path -> HTML (or a function of the other server's base address)."""

    def __init__(self, pages: dict[str, str | Callable[[], str]]) -> None:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:
                page = site.pages.get(self.path.split("?", 1)[0])
                body = (page() if callable(page) else page or "not here").encode("utf-8")
                self.send_response(200 if page is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.pages = pages
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
