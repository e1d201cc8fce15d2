"""Vidne's own clicks on "Vis flere kommentarer", "Se mere", "Show more replies" and the like
(SHOW_MORE_LABELS, Danish and English), part of the page's behaviours.

Vidne does this itself because browsertrix-behaviors cannot be told to: its only "show more" is
autoscroll's English XPath (``contains(text(), 'show more')``, hard-coded in src/autoscroll.ts of 0.8.4),
and its other knobs do not fit — ``clickSelector`` is a CSS selector (no text) for autoclick, which clicks
every match, follows links and goes back in history; custom behaviours are per-site main behaviours.

The clicks come in passes (``ShowMore.run``): one on the page as it opened (after the first view), one
after Vidne's scroll-through, so that buttons in parts that loaded only when scrolled to are opened too,
and one after each scroll-through again when the clicks made the page taller (capture/engine.py). A pass
clicks only buttons (``button``, ``role=button``, ``summary``, an ``a`` without ``href``; never inside a
link, never a form's submit button) whose whole text is one of the labels, each element once in the whole
capture, and blocks any navigation of the page while it runs; each click and each blocked navigation is a
step in the step log. All passes together are bounded: MAX_CLICKS and the time they are given.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from capture.steplog import Deadline, StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

    from capture.page.watcher import PageWatcher
    from capture.privacy.secrets import Redactions

# What Vidne clicks: a button's whole text, lower case, without digits, punctuation and symbols
# ("Vis 12 flere kommentarer…" is "vis flere kommentarer").
SHOW_MORE_LABELS = (
    "vis flere kommentarer", "se flere kommentarer", "vis alle kommentarer", "se alle kommentarer",
    "vis tidligere kommentarer", "se tidligere kommentarer", "vis flere svar", "se flere svar",
    "vis alle svar", "se alle svar", "vis mere", "se mere",
    "show more", "see more", "show more comments", "see more comments", "view more comments",
    "view all comments", "load more comments", "view previous comments", "show more replies",
    "see more replies", "view more replies", "view all replies",
)
SHOW_MORE_SECONDS = 10.0     # the most the behaviours leave for these clicks (they leave a quarter of their time)
MAX_CLICKS = 25              # in all passes together
CLICK_WAIT_MS = 2000         # after a click, wait at most this long for the page to change, then for quiet
SETTLE_MS = 300              # when no button is left after a pass's clicks: wait this long, then look again
_URL = re.compile(r"https?://[^\s\"'<>]+")
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


class ShowMore:
    """The passes of one capture, sharing MAX_CLICKS and ``seconds`` (counted from the first pass);
    ``record`` is what the manifest says about them all."""

    def __init__(self, page: Page, *, seconds: float, deadline: Deadline, steps: StepLog, redactions: Redactions,
                 watcher: PageWatcher) -> None:
        self.page, self.deadline, self.steps, self.redactions = page, deadline, steps, redactions
        self.watcher = watcher
        self.seconds = seconds
        self.started: float | None = None
        self.passes: list[dict[str, Any]] = []

    @property
    def clicks(self) -> int:
        return sum(int(p["clicks"]) for p in self.passes)

    def run(self, after: str) -> int:
        """One pass (``after``: what came just before it, "first_view", "scroll_through", "scroll_again");
        returns how many buttons it clicked."""
        now = time.monotonic()
        if self.started is None:
            self.started = now
        left = self.seconds - (now - self.started)
        done = open_collapsed(self.page, seconds=left, deadline=self.deadline, steps=self.steps,
                              redactions=self.redactions, watcher=self.watcher, max_clicks=MAX_CLICKS - self.clicks,
                              after=after)
        self.passes.append(done)
        return int(done["clicks"])

    def record(self) -> dict[str, Any]:
        last = self.passes[-1] if self.passes else {"stopped_because": "not_run"}
        return {"labels": list(SHOW_MORE_LABELS), "clicks": self.clicks,
                "navigations_blocked": sum(int(p["navigations_blocked"]) for p in self.passes),
                "stopped_because": last["stopped_because"],
                "seconds": round(sum(float(p["seconds"]) for p in self.passes), 2), "passes": self.passes}


def open_collapsed(page: Page, *, seconds: float, deadline: Deadline, steps: StepLog, redactions: Redactions,
                   watcher: PageWatcher, max_clicks: int = MAX_CLICKS, after: str = "first_view") -> dict[str, Any]:
    """Click, in the page (not its frames), the visible buttons whose text is one of SHOW_MORE_LABELS, one
    at a time and each once; after each, wait for the page to change and then for the network to go quiet
    (each bounded); when no button is left after clicks, look once more after SETTLE_MS (what a click
    opened may bring its own button a moment later). At most ``max_clicks``, for at most ``seconds``. Any
    navigation of the page meanwhile is aborted (the capture stays on its page) and recorded. Returns this
    pass's record."""
    started = time.monotonic()
    url_before = page.url
    clicks, blocked, reason, looked_again = 0, [], "none_left", False

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
            if clicks >= max_clicks:
                reason = "max_clicks"
                break
            if left <= 0 or deadline.remaining() < 5:
                reason = "time_limit"
                break
            clicked = page.evaluate(CLICK_JS, {"labels": list(SHOW_MORE_LABELS)})
            if not clicked and clicks and not looked_again:
                looked_again = True
                page.wait_for_timeout(min(SETTLE_MS, left * 1000))
                continue
            if not clicked:
                break
            clicks, looked_again = clicks + 1, False
            text = _URL.sub(lambda m: redactions.url(m.group(0)), redactions.scrub_text(str(clicked["text"]))[0])
            steps.add("show_more_clicked", text=bounded(" ".join(text.split()), 100),
                      element=bounded(str(clicked["element"]), 40))
            try:
                page.wait_for_function("() => self.__vidne_more && self.__vidne_more.changed",
                                       timeout=max(min(CLICK_WAIT_MS, left * 1000), 1))
            except PlaywrightTimeout:
                pass                          # nothing changed: the next button, if any
            watcher.wait_quiet(max(min(CLICK_WAIT_MS, (seconds - (time.monotonic() - started)) * 1000), 1))
            if page.url != url_before:        # moved within the page (history.pushState): stop here
                reason = "moved"
                break
    except PlaywrightError as err:
        reason = "error"
        steps.add("show_more_error", error=bounded(str(err).splitlines()[0] if str(err) else "", 300))
    finally:
        page.unroute("**/*", no_navigation)
    record = {"after": after, "clicks": clicks, "navigations_blocked": len(blocked), "stopped_because": reason,
              "seconds": round(time.monotonic() - started, 2)}
    steps.add("show_more_end", after=after, clicks=clicks, navigations_blocked=len(blocked), stopped_because=reason)
    return record
