"""What Vidne opens itself after browsertrix-behaviors: comments collapsed behind a Danish "Vis flere
kommentarer" (and the replies that then appear), each click in the step log, bounded in number, and never a
link or a button that takes the page elsewhere; and, with no autoscroll from the library, a button that only
Vidne's scroll-through brought (capture/page/whole/show_more.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from capture.page.whole import show_more
from tests.capture.whole import site
from tests.capture.whole.conftest import capture

# A post whose comments open behind a Danish button (after a moment, as if fetched); the replies that
# then appear open behind another. Beside it, the same words on things Vidne must not click: a link to
# another page, a form's submit button, and a button whose script goes to another page.
DANISH = """<!doctype html><html><head><meta charset="utf-8"><title>Opslag med kommentarer</title></head>
<body style="margin:0"><div id="post" style="height:300px">Opslaget</div>
<div id="comments"><div class="c">Kommentar 1</div></div>
<div role="button" tabindex="0" id="more" style="cursor:pointer">Vis 12 flere kommentarer</div>
<p><a href="/elsewhere" id="link">Vis flere kommentarer</a></p>
<form action="/elsewhere"><button id="submit">Vis mere</button></form>
<span role="button" tabindex="0" id="away" onclick="location.href = '/elsewhere'">Se mere</span>
<script>
const comments = document.getElementById('comments');
document.getElementById('more').addEventListener('click', function () {
  setTimeout(() => {
    for (let i = 2; i <= 13; i++) { const d = document.createElement('div'); d.className = 'c';
      d.textContent = 'SKJULT KOMMENTAR ' + i; comments.appendChild(d); }
    const replies = document.createElement('button'); replies.textContent = 'Se flere svar';
    replies.onclick = () => { const d = document.createElement('div'); d.textContent = 'SKJULT SVAR 1';
      comments.appendChild(d); replies.remove(); };
    comments.appendChild(replies);
    this.remove();
  }, 300);
});
</script></body></html>"""

# Every click brings one more comment and a new button: only the bound stops it.
ENDLESS = """<!doctype html><html><head><meta charset="utf-8"><title>Uendelig</title></head><body>
<div id="comments"></div><button id="more" onclick="more(this)">Vis flere kommentarer</button>
<script>
let n = 0;
function more(button) { const d = document.createElement('div'); d.textContent = 'KOMMENTAR ' + (++n);
  document.getElementById('comments').appendChild(d);
  const next = document.createElement('button'); next.textContent = 'Vis flere kommentarer';
  next.onclick = () => more(next); button.replaceWith(next); }
</script></body></html>"""


# A post whose comments are fetched only when scrolled to, and the "Vis flere kommentarer" button comes with
# them; what it opens makes the page taller and ends in a part that is fetched only when scrolled to (green).
LATE = """<!doctype html><html><head><meta charset="utf-8"><title>Opslag med sene kommentarer</title></head>
<body style="margin:0"><div id="post" style="height:3000px">Opslaget</div>
<div id="comments" style="min-height:50px">Indlæser kommentarer…</div>
<script>
const box = document.getElementById('comments');
function whenSeen(el, then) {
  const io = new IntersectionObserver(es => { if (es.some(e => e.isIntersecting)) { io.disconnect(); then(); } });
  io.observe(el);
}
whenSeen(box, () => fetch('/late-comments').then(r => r.text()).then(html => {
  box.innerHTML = html;
  document.getElementById('more').addEventListener('click', function () {
    for (let i = 2; i <= 10; i++) { const d = document.createElement('div'); d.style.height = '150px';
      d.textContent = 'SEN KOMMENTAR ' + i; box.appendChild(d); }
    const tail = document.createElement('div'); tail.style.height = '300px'; tail.textContent = 'Indlæser svar…';
    box.appendChild(tail);
    whenSeen(tail, () => fetch('/late-reply').then(r => r.text()).then(t => {
      tail.textContent = t; tail.style.background = 'rgb(0,192,0)'; }));
    this.remove();
  });
}));
</script></body></html>"""
LATE_COMMENTS = '<div>SEN KOMMENTAR 1</div><div role="button" tabindex="0" id="more">Vis 9 flere kommentarer</div>'


class Pages(site.Site):
    def __init__(self) -> None:
        self.elsewhere = 0
        super().__init__({"/danish": DANISH, "/endless": ENDLESS, "/elsewhere": self._elsewhere, "/late": LATE,
                          "/late-comments": LATE_COMMENTS, "/late-reply": "SENT SVAR"})

    def _elsewhere(self) -> str:
        self.elsewhere += 1
        return "<!doctype html><title>Elsewhere</title><p>ANOTHER PAGE</p>"


@pytest.fixture(scope="module")
def pages() -> Iterator[Pages]:
    server = Pages()
    yield server
    server.close()


def test_danish_comments_are_opened_and_nothing_takes_the_page_elsewhere(pages: Pages, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = capture(pages.url("/danish"), out)
    html = (out / "page.html").read_text("utf-8")
    assert "SKJULT KOMMENTAR 13" in html and "SKJULT SVAR 1" in html
    assert "ANOTHER PAGE" not in html and 'href="/elsewhere" id="link">Vis flere kommentarer</a>' in html
    assert result.facts["final_url"] == pages.url("/danish") and pages.elsewhere == 0
    clicked = [s.detail for s in result.steps if s.action == "show_more_clicked"]
    assert sorted((c["text"], c["element"]) for c in clicked) == [
        ("Se flere svar", "button"), ("Se mere", "span[role=button]"),
        ("Vis 12 flere kommentarer", "div[role=button]")]                 # not the link, not the form's button
    blocked = [s.detail["url"] for s in result.steps if s.action == "show_more_navigation_blocked"]
    assert blocked == [pages.url("/elsewhere")]
    record = result.facts["behaviors"]["show_more"]
    assert record["clicks"] == 3 and record["navigations_blocked"] == 1 and record["stopped_because"] == "none_left"
    assert "vis flere kommentarer" in record["labels"]
    actions = [s.action for s in result.steps]
    assert actions.index("screenshot_viewport") < actions.index("show_more_clicked")
    assert actions.index("show_more_end") < actions.index("behaviors_end") < actions.index("screenshot_full")


def test_the_clicks_are_bounded(pages: Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(show_more, "MAX_CLICKS", 3)
    out = tmp_path / "artifacts"
    result = capture(pages.url("/endless"), out)
    assert [s.action for s in result.steps].count("show_more_clicked") == 3
    assert result.facts["behaviors"]["show_more"]["stopped_because"] == "max_clicks"
    html = (out / "page.html").read_text("utf-8")
    assert "KOMMENTAR 3" in html and "KOMMENTAR 4" not in html


def test_a_button_in_a_part_loaded_by_scrolling_is_opened_and_scrolled_through(pages: Pages, tmp_path: Path) -> None:
    """Without the library's autoscroll: Vidne's scroll-through loads the comments, its clicks after the
    scroll-through open the button that came with them, and, as that made the page taller, it scrolls again
    so that the part at the end loads too; all of it in the DOM and the full-page screenshot."""
    out = tmp_path / "artifacts"
    result = capture(pages.url("/late"), out)
    html = (out / "page.html").read_text("utf-8")
    assert "SEN KOMMENTAR 10" in html and "SENT SVAR" in html and "Vis 9 flere kommentarer" not in html
    shot = result.facts["screenshot"]
    assert shot["image_height_px"] == shot["page_height_px"] >= 3000 + 9 * 150 + 300
    with Image.open(out / "screenshot-full.png") as img:
        rgb = img.convert("RGB")
        assert rgb.getpixel((640, rgb.height - 150)) == site.GREEN       # the part loaded by scrolling again
    steps = [(s.action, s.detail) for s in result.steps]
    actions = [a for a, _ in steps]
    clicked = actions.index("show_more_clicked")
    assert actions.index("scroll") < clicked < actions.index("scroll_again") < actions.index("behaviors_end")
    assert actions.index("behaviors_end") < actions.index("screenshot_full")
    assert [d["after"] for a, d in steps if a == "show_more_end"] == ["first_view", "scroll_through", "scroll_again"]
    assert steps[clicked][1] == {"text": "Vis 9 flere kommentarer", "element": "div[role=button]"}
    record = result.facts["behaviors"]
    assert record["options"]["autoscroll"] is False
    assert record["show_more"]["clicks"] == 1 and [p["clicks"] for p in record["show_more"]["passes"]] == [0, 1, 0]
    scroll = result.facts["scroll"]
    assert scroll["again_after_show_more"] == 1 and scroll["stopped_because"] == "reached_bottom"
