"""The page's behaviours, after the first view: Webrecorder's browsertrix-behaviors (play the page's
media, fetch its responsive images, and run the site's own behaviour — X, Instagram, TikTok, Telegram —
which opens what hides behind "Show more"), and Vidne's own clicks on "Vis flere kommentarer" and the
like (capture/page/whole/show_more.py). The library is the one browsertrix-crawler runs in every page it
archives, vendored at a pinned version (resources/behaviors/, checked against its sha256 before use;
never fetched at capture). It runs in the page and each of its frames, bounded by the capture's time
limit; every message it reports goes into the step log (bounded in number, a cut is recorded). It runs
in the page's own JavaScript world, as in browsertrix-crawler: the messages are what was reported there,
and a page's own script could add to them.

Two of the library's behaviours stay off. "autoclick" (following links): the capture stays on the page
it was asked for. "autoscroll": Vidne scrolls the page itself (capture/page/scrolling.py, and
capture/page/whole/inner.py for a page that scrolls inside an element), step by step while the page
grows, bounded and with the reason it stopped recorded, so the library's autoscroll only repeated that
work, and first probed every page for half a second (scroll to the end, wait 500 ms, see whether it grew).

The order (capture/engine.py): the library is started; when a site's own behaviour was chosen (it
scrolls and clicks by itself) Vidne waits for it first, as before; otherwise the library's background
behaviours (media, images) go on while Vidne works, and their end is waited for (bounded) before the
full-page screenshot. Then the "show more" clicks on the page as it opened, Vidne's scroll-through, the
clicks again for buttons that only the scrolling brought, and the scroll-through again while those
clicks made the page taller (at most MAX_AGAIN times).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import resources
from capture.page.whole.show_more import SHOW_MORE_SECONDS, ShowMore
from capture.steplog import Deadline, StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

    from capture.page.watcher import PageWatcher
    from capture.privacy.secrets import Redactions

log = logging.getLogger(__name__)

OPTIONS = {"autoscroll": False, "autoplay": True, "autofetch": True, "siteSpecific": True, "autoclick": False}
MAX_FRAMES = 20
MAX_MESSAGES = 1000      # behaviour messages kept in the step log; beyond it they are counted
POLL_MS = 250            # the longest wait between two looks at the library's messages
MAX_AGAIN = 2            # scroll-throughs again after "show more" clicks made the page taller
UNLOADED_GRACE_S = 2.0   # at the end, how long the library may wait for a page whose loading never finished
LOADED_JS = "() => document.readyState === 'complete'"
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
POLL_JS = """() => { const b = self.__vidne_bx; if (!b) return null;
  const logs = b.logs.splice(0), dropped = b.dropped; b.dropped = 0;
  const bx = self.__bx_behaviors, main = bx && bx.mainBehaviorClass;
  return {logs, dropped, done: b.done, error: b.error, main: main ? String(main.id || main.name || '') : ''}; }"""
DONE_JS = "() => !self.__vidne_bx || self.__vidne_bx.done"
STOP_JS = """() => { const bx = self.__bx_behaviors; if (!bx) return;
  try { bx.behaviors.forEach(x => x.pause && x.pause()); } catch (e) {}
  const m = bx.mainBehavior; if (m) { m.canScrollMore = () => false; } }"""


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


class Behaviors:
    """The library started in the page and its frames, and Vidne's "show more" passes. The engine calls
    ``before_scroll``, scrolls, ``after_scroll``, then ``finish``; ``record`` and ``warnings`` are for the
    manifest (set at once when the library is missing)."""

    def __init__(self, page: Page, *, budget_s: float, deadline: Deadline, steps: StepLog,
                 redactions: Redactions, watcher: PageWatcher) -> None:
        self.page, self.deadline, self.steps, self.redactions = page, deadline, steps, redactions
        self.record: dict[str, Any] = {}
        self.warnings: list[str] = []
        self.frames: dict[str, Frame] = {}
        self.running: dict[str, Frame] = {}
        self.main, self.reason, self.messages, self.dropped = "", "finished", 0, 0
        self.started = time.monotonic()
        self.budget_s = budget_s
        self.library_s = budget_s - min(SHOW_MORE_SECONDS, budget_s / 4)    # the rest is for the clicks
        self.show_more = ShowMore(page, seconds=budget_s - self.library_s, deadline=deadline, steps=steps,
                                  redactions=redactions, watcher=watcher)
        self._after_done = False
        self.about: dict[str, Any] | None = None
        try:
            script, self.about = load_script()
        except BehaviorsMissing as err:
            steps.add("behaviors_not_run", reason=str(err))
            self.record = {"ran": False, "reason": "missing"}
            self.warnings = [f"The page's behaviours (media, site behaviours, \"see more\") were not run: {err}."]
            return
        self.url_before = page.url
        steps.add("behaviors_start", library=f"browsertrix-behaviors {self.about['version']}",
                  seconds=round(budget_s, 1), **dict(OPTIONS))
        self.frames = _start(page, script, max(int(self.library_s * 1000), 1000), steps)
        self.running = dict(self.frames)
        self._poll_all()                 # the site's own behaviour, if one was chosen, is known at once
        self.alongside = not self.main
        if self.running:
            steps.add("behaviors_running", main_behavior=bounded(self.main, 100),
                      then=("Vidne's own steps go on meanwhile" if self.alongside
                            else "Vidne waits for the site's behaviour first"))

    @property
    def ran(self) -> bool:
        return self.about is not None

    def before_scroll(self) -> None:
        """A site's own behaviour first (it scrolls and clicks by itself); then the clicks on the page as
        it opened, and back to the top."""
        if not self.ran:
            return
        if not self.alongside:
            self._wait()
        self.show_more.run("first_view")
        self.page.evaluate("() => window.scrollTo(0, 0)")      # the clicks and a site's behaviour move the page
        self.steps.add("scroll_to_top", after="behaviors")

    def after_scroll(self, height: Callable[[], int], again: Callable[[], dict[str, Any]]) -> list[dict[str, Any]]:
        """After Vidne's scroll-through: the clicks again (buttons that loaded when scrolled to), and while
        they made the page (``height``) taller, ``again`` (the scroll-through again) and the clicks again,
        at most MAX_AGAIN times. Returns the records of the scroll-throughs run again."""
        if not self.ran or self._after_done:
            return []
        self._after_done = True
        more: list[dict[str, Any]] = []
        before = height()
        clicked = self.show_more.run("scroll_through")
        while clicked and len(more) < MAX_AGAIN and height() > before:
            self.steps.add("scroll_again", why="\"show more\" clicks made the page taller", round=len(more) + 1)
            more.append(again())
            before = height()
            clicked = self.show_more.run("scroll_again")
        if clicked:
            self.page.evaluate("() => window.scrollTo(0, 0)")
            self.steps.add("scroll_to_top", after="show_more")
        return more

    def finish(self) -> None:
        """Wait for the library (bounded by its time), stop it, and write the record."""
        if not self.ran or self.record:
            return
        self._wait(unloaded_grace_s=UNLOADED_GRACE_S if self.alongside else None)
        for frame in self.frames.values():
            _stop(frame)
        if self.messages > MAX_MESSAGES or self.dropped:
            self.steps.add("behavior_log_cut", kept=min(self.messages, MAX_MESSAGES),
                           left_out=max(0, self.messages - MAX_MESSAGES) + self.dropped)
        seconds = round(time.monotonic() - self.started, 2)
        total = self.messages + self.dropped
        self.steps.add("behaviors_end", stopped_because=self.reason, seconds=seconds, messages=total)
        self.record = {"ran": True, "library": self.about, "options": dict(OPTIONS), "frames": len(self.frames),
                       "main_behavior": bounded(self.main, 100), "alongside_vidne": self.alongside,
                       "stopped_because": self.reason, "seconds": seconds, "messages": total,
                       "show_more": self.show_more.record()}
        if self.page.url != self.url_before:
            self.warnings.append("The page's behaviours moved the page to another address; the capture shows "
                                 "the page at the address it ended on (final_url).")
            self.steps.add("behaviors_moved_page", url=self.redactions.url(self.page.url))

    def _wait(self, *, unloaded_grace_s: float | None = None) -> None:
        """Until the library is done in every frame, at most ``library_s`` from its start (a library that
        finished while Vidne scrolled is seen as finished, however long the scrolling took). With
        ``unloaded_grace_s``: at most that long while the page's loading has not finished, as the library
        starts its behaviours only once it has (a page with a resource that never ends would otherwise hold
        the capture for the library's whole time, with nothing run)."""
        until_loaded = None if unloaded_grace_s is None else time.monotonic() + unloaded_grace_s
        while True:
            self._poll_all()
            if not self.running:
                return
            left = self.library_s - (time.monotonic() - self.started)
            if left <= 0 or self.deadline.remaining() < 5:
                self.reason = "time_limit"
                return
            if until_loaded is not None and time.monotonic() > until_loaded and not _loaded(self.page):
                self.reason = "page_not_loaded"
                return
            self.deadline.check("running the page's behaviours")
            frame = next(iter(self.running.values()))
            try:                  # returns as soon as the library says it is done, else after POLL_MS
                frame.wait_for_function(DONE_JS, timeout=max(min(POLL_MS, left * 1000), 1))
            except (PlaywrightTimeout, PlaywrightError):
                pass

    def _poll_all(self) -> None:
        for name, frame in list(self.running.items()):
            state = _poll(frame)
            if state is None:
                self.running.pop(name)
                continue
            if name == "main" and state["main"]:
                self.main = state["main"]
            elif state["main"] and not self.main:
                self.main = f"{state['main']} ({name})"
            for entry in state["logs"]:
                if self.messages < MAX_MESSAGES:
                    self.steps.add("behavior", frame=name, **_message(entry, self.redactions))
                self.messages += 1
            self.dropped += int(state["dropped"])
            if state["error"]:
                self.steps.add("behavior_error", frame=name, error=bounded(str(state["error"]), 500))
            if state["done"]:
                self.running.pop(name)


def _start(page: Page, script: str, budget_ms: int, steps: StepLog) -> dict[str, Frame]:
    """Load the library into the page and its frames (http and https ones), and start it in each."""
    frames: dict[str, Frame] = {}
    wrapped = "() => {\n" + script + "\n}"       # evaluated by the browser's debugger: no eval, no CSP
    for index, frame in enumerate(page.frames[: MAX_FRAMES + 1]):
        if index and not frame.url.startswith(("http:", "https:")):
            continue
        name = "main" if index == 0 else f"frame {index}"
        try:
            frame.evaluate(wrapped)
            frame.evaluate(START_JS, {"opts": {**OPTIONS, "timeout": budget_ms}})
        except PlaywrightError as err:
            steps.add("behaviors_not_started", frame=name, error=bounded(str(err).splitlines()[0], 300))
            continue
        frames[name] = frame
    return frames


def _poll(frame: Frame) -> dict[str, Any] | None:
    try:
        state: dict[str, Any] | None = frame.evaluate(POLL_JS)
    except PlaywrightError as err:       # the frame went away or navigated
        log.info("behaviours: frame gone: %s", err)
        return None
    return state


def _loaded(page: Page) -> bool:
    try:
        return bool(page.evaluate(LOADED_JS))
    except PlaywrightError:        # the page went away or navigated: nothing to wait for there either
        return False


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
