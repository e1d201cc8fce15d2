"""Webrecorder's browsertrix-behaviors in the page: scroll it, play its media, fetch its responsive
images, and run the site's own behaviour (X, Instagram, TikTok, Telegram), which opens what hides behind
"Show more". The library is the one browsertrix-crawler runs in every page it archives, vendored at a
pinned version (resources/behaviors/, checked against its sha256 before use; never fetched at capture).

It runs after the first-view screenshot, in the page and each of its frames, bounded by the capture's
time limit; every message it reports goes into the step log (bounded in number, a cut is recorded). It
runs in the page's own JavaScript world, as in browsertrix-crawler: the messages are what was reported
there, and a page's own script could add to them.
Its "autoclick" (following links) stays off: the capture stays on the page it was asked for.

After the library, within the same time (it leaves a quarter of it, at most SHOW_MORE_SECONDS, for this),
Vidne itself opens what hides behind "Vis flere kommentarer", "Se mere", "Show more replies" and the like
(SHOW_MORE_LABELS, Danish and English; ``open_collapsed``). Vidne does this itself because the library
cannot be told to: its only "show more" is autoscroll's English XPath (``contains(text(), 'show more')``,
hard-coded in src/autoscroll.ts of 0.8.4), and its other knobs do not fit — ``clickSelector`` is a CSS
selector (no text) for autoclick, which clicks every match, follows links and goes back in history;
custom behaviours are per-site main behaviours that replace autoscroll. The step is bounded (MAX_CLICKS,
the time left), clicks only buttons (``button``, ``role=button``, ``summary``, an ``a`` without ``href``;
never inside a link, never a form's submit button) whose whole text is one of the labels, and blocks any
navigation of the page while it runs; each click and each blocked navigation is a step in the step log.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import resources
from capture.steplog import Deadline, StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page, Route

    from capture.privacy.secrets import Redactions

log = logging.getLogger(__name__)

OPTIONS = {"autoscroll": True, "autoplay": True, "autofetch": True, "siteSpecific": True, "autoclick": False}
MAX_FRAMES = 20
MAX_MESSAGES = 1000      # behaviour messages kept in the step log; beyond it they are counted
POLL_MS = 250
_URL = re.compile(r"https?://[^\s\"'<>]+")

START_JS = """({opts}) => {
  self.__vidne_bx = {logs: [], dropped: 0, done: false, error: null};
  const text = v => { try { return (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 1000); }
                      catch (err) { return String(v).slice(0, 1000); } };
  self.__vidne_bx_log = e => { const b = self.__vidne_bx;
    if (b.logs.length >= 2000) { b.dropped++; return; }
    b.logs.push(e && typeof e === 'object' ? {type: text(e.type).slice(0, 20), data: text(e.data)} : text(e)); };
  const bx = self.__bx_behaviors;
  bx.init(Object.assign({}, opts, {log: '__vidne_bx_log'}));
  bx.run().then(() => { self.__vidne_bx.done = true; },
                e => { self.__vidne_bx.done = true; self.__vidne_bx.error = String(e); });
  return true;
}"""
SCROLLS_JS = """() => { const d = document.scrollingElement || document.documentElement;
  return !!d && d.scrollHeight > window.innerHeight + 1; }"""
POLL_JS = """() => { const b = self.__vidne_bx; if (!b) return null;
  const logs = b.logs.splice(0), dropped = b.dropped; b.dropped = 0;
  const bx = self.__bx_behaviors, main = bx && bx.mainBehaviorClass;
  return {logs, dropped, done: b.done, error: b.error, main: main ? String(main.id || main.name || '') : ''}; }"""
STOP_JS = """() => { const bx = self.__bx_behaviors; if (!bx) return;
  try { bx.behaviors.forEach(x => x.pause && x.pause()); } catch (e) {}
  const m = bx.mainBehavior; if (m) { m.canScrollMore = () => false; } }"""


# What Vidne clicks itself after the library: a button's whole text, lower case, without digits, punctuation
# and symbols ("Vis 12 flere kommentarer…" is "vis flere kommentarer").
SHOW_MORE_LABELS = (
    "vis flere kommentarer", "se flere kommentarer", "vis alle kommentarer", "se alle kommentarer",
    "vis tidligere kommentarer", "se tidligere kommentarer", "vis flere svar", "se flere svar",
    "vis alle svar", "se alle svar", "vis mere", "se mere",
    "show more", "see more", "show more comments", "see more comments", "view more comments",
    "view all comments", "load more comments", "view previous comments", "show more replies",
    "see more replies", "view more replies", "view all replies",
)
SHOW_MORE_SECONDS = 10.0     # the most the library leaves for these clicks (it leaves a quarter of its time)
MAX_CLICKS = 25
CLICK_WAIT_MS = 2000         # after a click, wait at most this long for the page to change, then SETTLE_MS
SETTLE_MS = 300
CLICK_JS = r"""({labels}) => {
  const s = self.__vidne_more || (self.__vidne_more = {seen: new WeakSet(), changed: false});
  if (!s.observer) {
    s.observer = new MutationObserver(() => { s.changed = true; });
    s.observer.observe(document.documentElement, {childList: true, subtree: true, characterData: true});
  }
  const norm = t => (t || '').toLowerCase().replace(/[\d\p{P}\p{S}\s]+/gu, ' ').trim();
  const wanted = new Set(labels);
  for (const el of document.querySelectorAll('button, [role=button], summary, a:not([href])')) {
    if (s.seen.has(el) || (el.textContent || '').length > 200) continue;
    const text = el.innerText || el.textContent || '';
    if (!wanted.has(norm(text)) || el.closest('a[href]')) continue;         // inside a link: it navigates
    if (el.tagName === 'BUTTON' && el.form && el.type === 'submit') continue;   // it would send a form
    if (el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
    if (el.getAttribute('aria-expanded') === 'true') continue;                  // open already: it would close
    const outer = el.parentElement && el.parentElement.closest('button, [role=button]');
    if (outer && norm(outer.innerText) === norm(text)) continue;              // the outer one is the button
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) continue;
    s.seen.add(el);
    el.scrollIntoView({block: 'center'});
    s.changed = false;
    el.click();
    return {text: text.trim().slice(0, 200), element: el.tagName.toLowerCase() +
            (el.getAttribute('role') ? '[role=' + String(el.getAttribute('role')).slice(0, 20) + ']' : '')};
  }
  return null;
}"""


class BehaviorsMissing(Exception):
    """resources/behaviors/ is missing or not the file it says it is."""


def load_script() -> tuple[str, dict[str, Any]]:
    """The vendored behaviors.js, checked against about.json: (script, about)."""
    try:
        about = json.loads(resources.read_text("behaviors", "about.json"))
        data = resources.path("behaviors", "behaviors.js").read_bytes()
    except (OSError, ValueError) as err:
        raise BehaviorsMissing(f"this installation has no browsertrix-behaviors ({err})") from err
    digest = hashlib.sha256(data).hexdigest()
    if digest != about.get("sha256"):
        raise BehaviorsMissing(f"behaviors.js is not the file about.json describes (sha256 {digest})")
    return data.decode("utf-8"), {"package": about.get("package"), "version": about.get("version"),
                                  "sha256": digest}


def run_behaviors(page: Page, *, budget_s: float, deadline: Deadline, steps: StepLog,
                  redactions: Redactions) -> tuple[dict[str, Any], list[str]]:
    """Run the behaviours in the page and its frames for at most ``budget_s``; return (record, warnings)."""
    try:
        script, about = load_script()
    except BehaviorsMissing as err:
        steps.add("behaviors_not_run", reason=str(err))
        return ({"ran": False, "reason": "missing"},
                [f"The page's behaviours (scrolling, \"see more\", media) were not run: {err}."])
    started = time.monotonic()
    url_before = page.url
    library_s = budget_s - min(SHOW_MORE_SECONDS, budget_s / 4)      # the rest is for open_collapsed
    budget_ms = max(int(library_s * 1000), 1000)
    steps.add("behaviors_start", library=f"browsertrix-behaviors {about['version']}", seconds=round(budget_s, 1),
              **{k: v for k, v in OPTIONS.items()})
    frames, still = _start(page, script, budget_ms, steps)
    messages, dropped, main, reason = 0, 0, "", "finished"
    running = dict(frames)
    while running:
        for name, frame in list(running.items()):
            state = _poll(frame)
            if state is None:
                running.pop(name)
                continue
            main = state["main"] or main if name == "main" else main
            for entry in state["logs"]:
                if messages < MAX_MESSAGES:
                    steps.add("behavior", frame=name, **_message(entry, redactions))
                messages += 1
            dropped += int(state["dropped"])
            if state["error"]:
                steps.add("behavior_error", frame=name, error=bounded(str(state["error"]), 500))
            if state["done"]:
                running.pop(name)
        if not running:
            break
        if time.monotonic() - started >= library_s or deadline.remaining() < 5:
            reason = "time_limit"
            break
        deadline.check("running the page's behaviours")
        page.wait_for_timeout(POLL_MS)
    for frame in frames.values():
        _stop(frame)
    show_more = open_collapsed(page, seconds=budget_s - (time.monotonic() - started), deadline=deadline,
                               steps=steps, redactions=redactions)
    page.evaluate("() => window.scrollTo(0, 0)")      # autoscroll leaves the page at its bottom
    steps.add("scroll_to_top", after="behaviors")
    if messages > MAX_MESSAGES or dropped:
        steps.add("behavior_log_cut", kept=min(messages, MAX_MESSAGES),
                  left_out=max(0, messages - MAX_MESSAGES) + dropped)
    seconds = round(time.monotonic() - started, 2)
    steps.add("behaviors_end", stopped_because=reason, seconds=seconds, messages=messages + dropped)
    record = {"ran": True, "library": about, "options": dict(OPTIONS), "frames": len(frames),
              "autoscroll_skipped": still,
              "main_behavior": bounded(main, 100), "stopped_because": reason, "seconds": seconds,
              "messages": messages + dropped, "show_more": show_more}
    warnings = []
    if page.url != url_before:
        warnings.append("The page's behaviours moved the page to another address; the capture shows the page "
                        "at the address it ended on (final_url).")
        steps.add("behaviors_moved_page", url=redactions.url(page.url))
    return record, warnings


def _start(page: Page, script: str, budget_ms: int, steps: StepLog) -> tuple[dict[str, Frame], list[str]]:
    """Load the library into the page and its frames (http and https ones), and start it in each; and
    the frames whose document does not scroll, where autoscroll is left out (it would only probe for half
    a second, find nothing to scroll and say so)."""
    frames: dict[str, Frame] = {}
    still: list[str] = []
    wrapped = "() => {\n" + script + "\n}"       # evaluated by the browser's debugger: no eval, no CSP
    for index, frame in enumerate(page.frames[: MAX_FRAMES + 1]):
        if index and not frame.url.startswith(("http:", "https:")):
            continue
        name = "main" if index == 0 else f"frame {index}"
        try:
            scrolls = bool(frame.evaluate(SCROLLS_JS))
            frame.evaluate(wrapped)
            frame.evaluate(START_JS, {"opts": {**OPTIONS, "autoscroll": OPTIONS["autoscroll"] and scrolls,
                                               "timeout": budget_ms}})
        except PlaywrightError as err:
            steps.add("behaviors_not_started", frame=name, error=bounded(str(err).splitlines()[0], 300))
            continue
        frames[name] = frame
        if not scrolls:
            still.append(name)
            steps.add("behavior_autoscroll_skipped", frame=name, reason="the document does not scroll")
    return frames, still


def _poll(frame: Frame) -> dict[str, Any] | None:
    try:
        state: dict[str, Any] | None = frame.evaluate(POLL_JS)
    except PlaywrightError as err:       # the frame went away or navigated
        log.info("behaviours: frame gone: %s", err)
        return None
    return state


def _stop(frame: Frame) -> None:
    try:
        frame.evaluate(STOP_JS)
    except PlaywrightError as err:
        log.info("behaviours: could not stop in a frame: %s", err)


def _message(entry: Any, redactions: Redactions) -> dict[str, Any]:
    """One message the library reported: its type and text, bounded, addresses without secrets."""
    kind = entry.get("type", "") if isinstance(entry, dict) else ""
    data = entry.get("data", entry) if isinstance(entry, dict) else entry
    if isinstance(data, str):
        text = data
    else:
        try:
            text = json.dumps(data, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            text = str(data)
    text = _URL.sub(lambda m: redactions.url(m.group(0)), bounded(text, 500))
    return {"type": bounded(str(kind), 20), "message": text}


def open_collapsed(page: Page, *, seconds: float, deadline: Deadline, steps: StepLog,
                   redactions: Redactions) -> dict[str, Any]:
    """Click, in the page (not its frames), the visible buttons whose text is one of SHOW_MORE_LABELS, one
    at a time and each once, waiting for the page to change after each; at most MAX_CLICKS, for at most
    ``seconds``. Any navigation of the page meanwhile is aborted (the capture stays on its page) and
    recorded. Returns the record for the manifest (why Vidne does this itself: see the module's docstring)."""
    started = time.monotonic()
    url_before = page.url
    clicks, blocked, reason = 0, [], "none_left"

    def no_navigation(route: Route) -> None:
        request = route.request
        if request.is_navigation_request() and request.frame == page.main_frame:
            blocked.append(request.url)
            steps.add("show_more_navigation_blocked", url=redactions.url(request.url))
            route.abort("aborted")         # ERR_ABORTED: the navigation is dropped, no error page replaces the page
        else:
            route.fallback()

    page.route("**/*", no_navigation)
    try:
        while True:
            left = seconds - (time.monotonic() - started)
            if clicks >= MAX_CLICKS:
                reason = "max_clicks"
                break
            if left <= 0 or deadline.remaining() < 5:
                reason = "time_limit"
                break
            clicked = page.evaluate(CLICK_JS, {"labels": list(SHOW_MORE_LABELS)})
            if not clicked:
                break
            clicks += 1
            text = _URL.sub(lambda m: redactions.url(m.group(0)), redactions.scrub_text(str(clicked["text"]))[0])
            steps.add("show_more_clicked", text=bounded(" ".join(text.split()), 100),
                      element=bounded(str(clicked["element"]), 40))
            try:
                page.wait_for_function("() => self.__vidne_more && self.__vidne_more.changed",
                                       timeout=max(min(CLICK_WAIT_MS, left * 1000), 1))
            except PlaywrightTimeout:
                pass                          # nothing changed: the next button, if any
            page.wait_for_timeout(SETTLE_MS)
            if page.url != url_before:        # moved within the page (history.pushState): stop here
                reason = "moved"
                break
    except PlaywrightError as err:
        reason = "error"
        steps.add("show_more_error", error=bounded(str(err).splitlines()[0] if str(err) else "", 300))
    finally:
        page.unroute("**/*", no_navigation)
    record = {"labels": list(SHOW_MORE_LABELS), "clicks": clicks, "navigations_blocked": len(blocked),
              "stopped_because": reason, "seconds": round(time.monotonic() - started, 2)}
    steps.add("show_more_end", clicks=clicks, navigations_blocked=len(blocked), stopped_because=reason)
    return record
