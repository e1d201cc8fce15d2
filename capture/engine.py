"""One capture: URL and options in, artifacts on disk and the facts about them out.

The steps run in this fixed order: check the URL, start the browser, navigate, let the network settle
(bounded), take the first-view screenshot, start the page's behaviours (bounded; capture/page/whole/
behaviors.py says what runs when), find what really scrolls, scroll through it so lazy content loads
(bounded), "show more" again and the library's end, back to the top, note characters without a font,
full-page screenshot of that scroller (in parts too when tall), rendered DOM, MHTML, response facts.
Every step that touches the page goes into the step log with its UTC time.
"""

from __future__ import annotations

import logging
import mimetypes
import platform
import time
from collections.abc import Callable
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from capture.browser.find import find_browser
from capture.browser.profile import BrowserSession, LaunchedBrowser, first_page, launch_browser
from capture.errors import CaptureError, CaptureFailed, CaptureTimedOut
from capture.facts import CaptureFacts, PageFacts, ResponseFacts
from capture.finishing import finish_page, protect_page, seal_secrets, session_facts
from capture.page.navigation import explain_navigation_error
from capture.page.overlays import dismiss_overlays
from capture.page.responses import response_facts
from capture.page.screenshot import full_page_screenshot, page_size
from capture.page.scrolling import scroll_through
from capture.page.watcher import PageWatcher
from capture.page.whole.behaviors import Behaviors
from capture.page.whole.glyphs import check_glyphs
from capture.page.whole.inner import metrics, scroll_inner_through, stitched_scroller
from capture.page.whole.parts import part_artifacts
from capture.page.whole.scroller import Scroller, find_scroller
from capture.privacy.secrets import Redactions
from capture.record import ytdlp
from capture.record.wacz import prewarm
from capture.result import Artifact, CaptureOptions, CaptureResult, Step, utc_now
from capture.steplog import Deadline, StepLog, bounded
from capture.urls import validate_url

if TYPE_CHECKING:
    from playwright.sync_api import Page, Response

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024 * 1024   # a non-HTML response body kept as an artifact
MAX_TITLE = 10_000
MAX_TEXT = 20_000_000        # characters of the page's visible text kept in page-text.txt
HTML_TYPES = {"text/html", "application/xhtml+xml"}


def capture_page(options: CaptureOptions, out_dir: Path, *, on_step: Callable[[Step], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, launched: LaunchedBrowser | None = None) -> CaptureResult:
    """Capture ``options.url`` into ``out_dir`` (which must exist and be empty).

    With ``launched`` (a warm browser, capture/child_process.py ``WarmBrowser``) the capture opens a
    session of its own in that browser and leaves the browser running; else it starts a browser and
    ends it. Raises a CaptureError subclass with a message for the person when no bundle should be made.
    """
    url = validate_url(options.url)
    deadline = Deadline(options.timeout_s, cancelled)
    redactions = Redactions()        # every address in the step log loses its secrets as it is logged
    steps = StepLog(on_step, clean=redactions.urls_in)
    started = utc_now()
    steps.add("start", url=url, timeout_s=options.timeout_s)
    if options.record_network:
        prewarm()
    if options.save_media:
        ytdlp.prewarm(url)
    try:
        if launched is not None:
            found, artifacts, used, browser = _capture_in(launched, url, options, out_dir, deadline, steps,
                                                          redactions)
        else:
            with sync_playwright() as pw:
                choice = find_browser(pw, options.browser_path)
                steps.add("launch_browser", executable=choice.executable, source=choice.source,
                          profile="Vidne's own profile" if options.profile_dir else "fresh, empty")
                cold = launch_browser(pw, choice, options, deadline.ms(60, reserve=1))
                try:
                    found, artifacts, used, browser = _capture_in(cold, url, options, out_dir, deadline, steps,
                                                                  redactions)
                finally:
                    steps.add("close_browser")
                    cold.close()
    except PlaywrightTimeout as err:
        deadline.check("waiting for the page")
        raise CaptureTimedOut("The page did not answer in time. Nothing was saved. Try again later.") from err
    except PlaywrightError as err:
        deadline.check("talking to the browser")
        raise CaptureFailed(f"The browser stopped unexpectedly: {bounded(str(err).splitlines()[0], 300)}. "
                            "Nothing was saved. Try again.") from err
    facts = CaptureFacts.of(found, url_requested=url, started_at=started, finished_at=utc_now(), browser=browser,
                            playwright_version=_version("playwright"), os=platform.platform(),
                            viewport={"width": options.viewport_width, "height": options.viewport_height},
                            session=used, steps=steps.as_json())
    facts = seal_secrets(facts, artifacts, out_dir, redactions)
    return CaptureResult(facts=facts.to_manifest(), artifacts=artifacts, steps=steps.steps)


def _capture_in(launched: LaunchedBrowser, url: str, options: CaptureOptions, out_dir: Path, deadline: Deadline,
                steps: StepLog, redactions: Redactions) -> tuple[PageFacts, list[Artifact], Any, dict[str, Any]]:
    """One capture in a session of its own in ``launched``: (page facts, artifacts, session facts, browser)."""
    session = launched.session(options)
    if launched.restart is not None:
        steps.add("warm_browser", executable=launched.choice.executable, source=launched.choice.source,
                  profile="Vidne's own profile" if options.profile_dir else "fresh, empty context",
                  captures_before=launched.captures - 1, restarted=launched.restarts)
    try:
        found, artifacts = _capture_with(session, url, options, out_dir, deadline, steps, redactions)
        used = session_facts(session.context, [url, found.final_url or url], redactions,
                             uses_profile=session.uses_profile)
    finally:
        steps.add("close_session")
        session.close()
    choice = launched.choice
    return found, artifacts, used, {"name": _browser_name(choice.executable), "version": session.version,
                                    "executable": choice.executable, "source": choice.source, "headless": True}


def _capture_with(session: BrowserSession, url: str, options: CaptureOptions, out_dir: Path, deadline: Deadline,
                  steps: StepLog, redactions: Redactions) -> tuple[PageFacts, list[Artifact]]:
    context = session.context
    page = first_page(session)
    watcher = PageWatcher(context, page, steps, out_dir, record_network=options.record_network)
    if session.uses_profile:    # a profile's cache would answer from earlier visits; fetch afresh
        watcher.cdp.send("Network.enable")
        watcher.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    user_agent = _present_as_normal_browser(page, watcher, steps)
    response = _navigate(page, url, options, deadline, steps, watcher)
    if response is None:
        return _download_only(watcher, url, user_agent, steps)
    main = watcher.last_document_response or response
    fetched = response_facts(main, errors_ignored=options.allow_invalid_tls)
    fetched = replace(fetched, redirects=redactions.urls_in(fetched.redirects))
    warnings: list[str] = []
    if options.allow_invalid_tls and main.url.startswith("https:"):
        warnings.append("Certificate errors were set to be ignored for this capture.")
    artifacts: list[Artifact] = []
    content_kind = "html" if fetched.media_type in HTML_TYPES else "file"
    if content_kind == "file":
        saved, too_big = _save_body(main, fetched.media_type, out_dir, steps)
        artifacts += saved
        warnings += too_big
    deadline.check("taking the first-view screenshot")
    overlays = None
    if options.dismiss_overlays:
        overlays, saved = _dismiss_overlays(page, out_dir, deadline, steps)
        artifacts += saved
    steps.add("screenshot_viewport")
    page.screenshot(path=out_dir / "screenshot-viewport.png", timeout=deadline.ms(30, reserve=5),
                    animations="disabled")
    artifacts.append(Artifact("screenshot-viewport.png", "image/png",
                              "What the page showed on opening, before any scrolling"))
    behaving = _behaviors(page, options, deadline, steps, redactions, watcher)
    scroller = find_scroller(page, steps=steps, redactions=redactions)
    warnings += scroller.warnings
    scroll, fonts, screenshot = _whole_page(page, scroller, options, out_dir, deadline, steps, watcher, warnings,
                                            behaving)
    behaviors: dict[str, Any] = {"ran": False, "reason": "switched off"}
    if behaving is not None:     # finished by _whole_page
        behaviors = behaving.record
        warnings += behaving.warnings
    scroller.record["captured_by"] = ("scrolled in steps of its box and stitched" if screenshot["method"] == "scrolled"
                                      else f"full-page screenshot of the document ({screenshot['method']})")
    warnings += screenshot.pop("warnings", [])
    if screenshot["truncated"]:
        warnings.append(
            f"The page is {screenshot['page_height_px']} px tall; the full-page screenshot was "
            f"cut at {screenshot['cut_at_px']} px. page.html and page.mhtml hold the whole page.")
    artifacts.append(Artifact("screenshot-full.png", "image/png", "The whole page, top to bottom"))
    if "split" in screenshot:
        artifacts += part_artifacts(screenshot["split"]["parts"])
    protect_page(context, page, redactions, steps)
    deadline.check("saving the page's HTML")
    steps.add("save_dom")
    (out_dir / "page.html").write_text(page.content(), encoding="utf-8", errors="surrogatepass")
    artifacts.append(Artifact("page.html", "text/html", "The page as the browser had built it (DOM)"))
    deadline.check("saving the MHTML copy")
    steps.add("save_mhtml")
    snapshot = watcher.cdp.send("Page.captureSnapshot", {"format": "mhtml"})
    (out_dir / "page.mhtml").write_bytes(snapshot["data"].encode("utf-8", errors="surrogatepass"))
    artifacts.append(Artifact("page.mhtml", "multipart/related",
                              "A copy of the page with its images and styles, without its web fonts "
                              "(page.wacz holds them)"))
    deadline.check("saving the page's visible text")
    steps.add("save_text")
    (out_dir / "page-text.txt").write_text(_visible_text(page, scroller), encoding="utf-8", errors="surrogatepass")
    artifacts.append(Artifact("page-text.txt", "text/plain",
                              "The text the page showed, as the browser rendered it (for comparing re-checks)"))
    title = bounded(page.title(), MAX_TITLE)
    final_url = page.url
    shown_url = redactions.url(final_url)    # before anything is written from it: the WACZ, the facts
    watcher.stop()
    finished = finish_page(context, page, redactions, steps, final_url=final_url, title=title,
                           status=fetched.http_status, user_agent=user_agent, options=options, out_dir=out_dir,
                           deadline=deadline, watcher=watcher, software=f"Vidne {_version('vidne')}")
    artifacts += finished.artifacts
    warnings += finished.warnings + watcher.warnings
    return PageFacts(final_url=shown_url, title=title, response=fetched, content_kind=content_kind,
                     warnings=warnings, screenshot=screenshot, scroll=scroll, user_agent=user_agent,
                     overlays=overlays, login_wall=finished.login_wall, media=finished.media,
                     network=finished.network, scroller=scroller.record, behaviors=behaviors,
                     fonts=fonts), artifacts


def _whole_page(page: Page, scroller: Scroller, options: CaptureOptions, out_dir: Path, deadline: Deadline,
                steps: StepLog, watcher: PageWatcher, warnings: list[str],
                behaving: Behaviors | None) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Scroll the page's scroller through (then the behaviours' clicks and the library's end), check its
    fonts, and take its full-page screenshot: (scroll, fonts, screenshot). An inner scroller the page's
    script takes away meanwhile: the document instead."""
    budget = min(options.max_scroll_seconds, max(deadline.remaining() * 0.4, 0.0))
    limits: dict[str, Any] = {"max_steps": options.max_scroll_steps, "max_seconds": budget,
                              "max_height": options.max_height_px, "steps": steps, "watcher": watcher}
    full = out_dir / "screenshot-full.png"
    started = time.monotonic()

    def through(scroll_fn: Callable[..., dict[str, Any]], target: Any, height: Callable[[], int]) -> dict[str, Any]:
        first = scroll_fn(target, **limits)
        if behaving is None:
            return first
        more = behaving.after_scroll(height, lambda: scroll_fn(target, **{
            **limits, "max_seconds": max(budget - (time.monotonic() - started), 0.0)}))
        behaving.finish()
        return _scrolled_again(first, more)

    try:
        if not scroller.is_document:
            scroll = through(scroll_inner_through, scroller, lambda: int(metrics(scroller)["scroll_height"]))
            fonts, missing = check_glyphs(page, steps)
            deadline.check("taking the full-page screenshot")
            shot = stitched_scroller(page, scroller, full, max_height=options.max_height_px, deadline=deadline,
                                     steps=steps, watcher=watcher)
            warnings += missing
            return scroll, fonts, shot
    except PlaywrightError as err:
        deadline.check("taking the full-page screenshot")
        steps.add("scroller_failed", error=bounded(str(err).splitlines()[0] if str(err) else "", 300))
        warnings.append("The part of the page that scrolls changed or went away while it was captured, so the "
                        "page was captured as one document; what that part held beyond the screen may be missing.")
        for written in out_dir.glob("screenshot-full*.png"):
            written.unlink()
        scroller.kind, scroller.record["captured_instead"] = "document", "document"
    scroll = through(scroll_through, page, lambda: page_size(page)[1])
    fonts, missing = check_glyphs(page, steps)
    warnings += missing
    deadline.check("taking the full-page screenshot")
    return scroll, fonts, full_page_screenshot(page, full, viewport_width=options.viewport_width,
                                               max_height=options.max_height_px, deadline=deadline, steps=steps)


def _scrolled_again(first: dict[str, Any], more: list[dict[str, Any]]) -> dict[str, Any]:
    """The scroll record of a scroll-through and those run again after "show more" clicks."""
    if not more:
        return first
    return {**first, **more[-1], "steps": first["steps"] + sum(m["steps"] for m in more),
            "seconds": round(first["seconds"] + sum(m["seconds"] for m in more), 2), "again_after_show_more": len(more)}


def _behaviors(page: Page, options: CaptureOptions, deadline: Deadline, steps: StepLog, redactions: Redactions,
               watcher: PageWatcher) -> Behaviors | None:
    """The page's behaviours, started after the first view, their part before the scroll-through done."""
    if not options.run_behaviors:
        steps.add("behaviors_not_run", reason="switched off")
        return None
    deadline.check("running the page's behaviours")
    budget = min(options.max_behavior_seconds, max(deadline.remaining() * 0.3, 0.0))
    behaving = Behaviors(page, budget_s=budget, deadline=deadline, steps=steps, redactions=redactions,
                         watcher=watcher)
    behaving.before_scroll()
    return behaving


def _dismiss_overlays(page: Page, out_dir: Path, deadline: Deadline,
                      steps: StepLog) -> tuple[dict[str, Any], list[Artifact]]:
    """Keep the first view as it was, then click consent banners away; keep both views if clicked.
    Returns the facts about the clicks and the extra screenshot, if any."""
    before = out_dir / "screenshot-viewport-before-overlays.png"
    steps.add("screenshot_viewport_before_overlays")
    page.screenshot(path=before, timeout=deadline.ms(30, reserve=5), animations="disabled")
    clicks = dismiss_overlays(page, deadline=deadline, steps=steps)
    overlays = {"dismissed": len(clicks), "clicks": clicks}
    if not clicks:
        before.unlink()
        return overlays, []
    return overlays, [Artifact("screenshot-viewport-before-overlays.png", "image/png",
                               "What the page showed on opening, before Vidne clicked away cookie banners")]


def _present_as_normal_browser(page: Page, watcher: PageWatcher, steps: StepLog) -> str:
    """Headless Chromium calls itself "HeadlessChrome", which many sites refuse; say "Chrome"."""
    agent = str(page.evaluate("navigator.userAgent"))
    if "HeadlessChrome" in agent:
        agent = agent.replace("HeadlessChrome", "Chrome")
        watcher.cdp.send("Network.setUserAgentOverride", {"userAgent": agent})
        steps.add("set_user_agent", user_agent=agent)
    return agent


def _navigate(page: Page, url: str, options: CaptureOptions, deadline: Deadline, steps: StepLog,
              watcher: PageWatcher) -> Response | None:
    steps.add("navigate", url=url)
    try:
        response = page.goto(url, wait_until="commit", timeout=deadline.ms(reserve=3))
    except PlaywrightTimeout as err:
        raise CaptureTimedOut(f"The server did not answer within {options.timeout_s:.0f} seconds. Nothing "
                              "was saved. Check the address, or try again later.") from err
    except PlaywrightError as err:
        if "Download is starting" in str(err) or watcher.main_download is not None:
            watcher.wait_for_main_download(deadline)
            return None
        raise explain_navigation_error(str(err), url) from err
    if response is None:
        raise CaptureFailed("The browser got no answer for this address. Nothing was saved.")
    # Bounded: a page that never finishes loading is captured as it is, and the record says so.
    cap = min(15.0, options.timeout_s * 0.25)
    for state in ("domcontentloaded", "load"):
        try:
            page.wait_for_load_state(state, timeout=deadline.ms(cap, reserve=options.timeout_s * 0.3))
            steps.add("loaded", state=state)
        except PlaywrightTimeout:
            steps.add("load_incomplete", state=state)
            watcher.warnings.append(f"The page had not finished loading ({state}) when it was captured; "
                                    "it was captured as it was.")
            break
        except PlaywrightError as err:
            if watcher.main_download is not None:
                return None
            raise explain_navigation_error(str(err), url) from err
    watcher.settle(options.settle_seconds, deadline)
    return response


def _save_body(response: Response, kind: str, out_dir: Path, steps: StepLog) -> tuple[list[Artifact], list[str]]:
    """The response's file as an artifact; returns (artifacts, warnings)."""
    length = response.header_value("content-length")
    if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
        return [], [f"The file is {int(length)} bytes, more than Vidne keeps "
                    f"({MAX_BODY_BYTES} bytes); only the screenshots were saved."]
    steps.add("save_response_body", media_type=kind)
    body = response.body()
    name = "response-body" + (mimetypes.guess_extension(kind) or ".bin")
    (out_dir / name).write_bytes(body)
    return [Artifact(name, kind, "The file exactly as the server sent it")], []


def _download_only(watcher: PageWatcher, url: str, user_agent: str,
                   steps: StepLog) -> tuple[PageFacts, list[Artifact]]:
    """The address answered with a file the browser downloads instead of showing."""
    artifact = watcher.save_main_download()
    main = watcher.last_document_response
    fetched = (response_facts(main, errors_ignored=False) if main is not None
               else ResponseFacts.none(artifact.media_type))
    warnings = [*watcher.warnings, "The browser offered this address as a download, so there is no screenshot; "
                                   "the file itself was saved."]
    steps.add("no_screenshot", reason="download")
    return PageFacts(final_url=watcher.main_download_url or url, title="", response=fetched, content_kind="file",
                     warnings=warnings, screenshot=None, scroll=None, user_agent=user_agent), [artifact]


def _visible_text(page: Page, scroller: Scroller) -> str:
    """The text the page shows (``innerText``: what is rendered, not scripts or hidden parts), and the
    captured frame's when the page scrolls in a frame; bounded."""
    script = "() => document.body ? document.body.innerText : ''"
    try:
        text = str(page.evaluate(script))
        if scroller.kind == "frame" and scroller.frame is not None:
            text += "\n" + str(scroller.frame.evaluate(script))
    except PlaywrightError as err:
        return f"(The page's text could not be read: {bounded(str(err).splitlines()[0] if str(err) else '', 300)})"
    return bounded(text, MAX_TEXT)


def _browser_name(executable: str) -> str:
    lowered = executable.lower()
    for needle, name in (("edge", "Microsoft Edge"), ("chrome-headless-shell", "Chromium headless shell"),
                         ("google", "Google Chrome"), ("chromium", "Chromium"), ("chrome", "Chrome")):
        if needle in lowered:
            return name
    return "Chromium-based browser"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


__all__ = ["CaptureError", "capture_page"]
