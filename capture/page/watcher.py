"""Everything the page does on its own while we capture it: dialogs, pop-ups, downloads,
navigations and network traffic. None of it may block the capture; all of it is logged."""

from __future__ import annotations

import logging
import mimetypes
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError

from capture.errors import CaptureFailed
from capture.record.network import NetworkRecorder
from capture.result import Artifact
from capture.steplog import Deadline, StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Dialog, Download, Frame, Page, Request, Response

log = logging.getLogger(__name__)

QUIET_MS = 300        # the network counts as settled after this long with no request in flight
STEP_WAIT_MS = 1000   # the longest wait for the network after one step of a scroll-through
POLL_MS = 10          # how often an in-flight count is looked at while waiting for it to reach 0
FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


class PageWatcher:
    def __init__(self, context: BrowserContext, page: Page, steps: StepLog, out_dir: Path, *,
                 record_network: bool = False) -> None:
        self.page = page
        self.steps = steps
        self.out_dir = out_dir
        self.cdp = context.new_cdp_session(page)
        self.warnings: list[str] = []
        self.inflight = 0
        self.quiet_since = time.monotonic()    # when the last request in flight ended
        self.last_document_response: Response | None = None
        self.main_download: Download | None = None
        self.main_download_url: str | None = None
        self._stopped = False
        page.on("dialog", self._on_dialog)
        page.on("download", self._on_download)
        page.on("framenavigated", self._on_navigated)
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_request_done)
        page.on("requestfailed", self._on_request_done)
        page.on("response", self._on_response)
        context.on("page", self._on_new_window)
        self.recorder = NetworkRecorder(page) if record_network else None   # the WARC's source

    def stop(self) -> None:
        self._stopped = True

    # --- events -------------------------------------------------------------------------------
    def _on_dialog(self, dialog: Dialog) -> None:
        self.steps.add("dialog_dismissed", type=dialog.type, message=bounded(dialog.message))
        try:
            dialog.dismiss()
        except PlaywrightError as err:  # the page may already be gone; nothing is waiting on it
            log.debug("dialog already closed: %s", err)

    def _on_new_window(self, window: Page) -> None:
        if self._stopped:
            return
        self.steps.add("popup_closed", url=bounded(window.url))
        try:
            window.close()
        except PlaywrightError as err:
            log.debug("pop-up already closed: %s", err)

    def _on_download(self, download: Download) -> None:
        if self.main_download is None and self.page.main_frame.url in ("about:blank", ""):
            self.main_download = download
            self.main_download_url = download.url
            self.steps.add("download_started", url=bounded(download.url),
                           suggested_filename=bounded(download.suggested_filename, 300))
            return
        self.steps.add("download_refused", url=bounded(download.url),
                       suggested_filename=bounded(download.suggested_filename, 300))
        try:
            download.cancel()
        except PlaywrightError as err:
            log.debug("download already finished: %s", err)

    def _on_navigated(self, frame: Frame) -> None:
        if frame == self.page.main_frame and not self._stopped:
            self.steps.add("navigated", url=bounded(frame.url))

    def _on_request(self, _request: Request) -> None:
        self.inflight += 1

    def _on_request_done(self, _request: Request) -> None:
        self.inflight = max(0, self.inflight - 1)
        if self.inflight == 0:
            self.quiet_since = time.monotonic()

    def _on_response(self, response: Response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            is_redirect = 300 <= response.status < 400 and response.header_value("location") is not None
            if not is_redirect:
                self.last_document_response = response

    # --- waiting ------------------------------------------------------------------------------
    def settle(self, seconds: float, deadline: Deadline) -> None:
        """Wait, bounded by ``seconds``, for the network to go quiet: no request of the page in flight for
        QUIET_MS since this wait began (Playwright's "networkidle" waits 500 ms; the scroll-through after
        this waits for quiet again, and the full-page screenshot comes after that). The quiet is measured
        by the clock from the moment the last request ended, not counted in polls."""
        started = time.monotonic()
        limit = deadline.ms(seconds, reserve=5) / 1000
        quiet = QUIET_MS / 1000
        while True:
            now = time.monotonic()
            since = now - max(self.quiet_since, started)
            if self.inflight == 0 and since >= quiet:
                self.steps.add("network_settled", quiet_ms=QUIET_MS)
                return
            if now - started >= limit:
                self.steps.add("network_still_busy", waited_s=seconds)
                return
            wait = quiet - since if self.inflight == 0 else POLL_MS / 1000
            self.page.wait_for_timeout(max(min(wait, limit - (now - started)), 0.001) * 1000)

    def frames(self) -> bool:
        """After a scroll: two animation frames, long enough for layout and IntersectionObserver to start
        the requests the scroll causes; whether any request is in flight then."""
        self.page.evaluate(FRAMES_JS)
        return self.inflight > 0

    def wait_quiet(self, max_ms: float) -> bool:
        """After a scroll: two animation frames, then until no request is in flight (at most ``max_ms``);
        whether the network was quiet at the end."""
        self.frames()
        end = time.monotonic() + max_ms / 1000
        while self.inflight > 0 and time.monotonic() < end:
            self.page.wait_for_timeout(POLL_MS)
        return self.inflight == 0

    def grew_at_bottom(self, height: int, measure: Callable[[], int]) -> int:
        """At what looks like the bottom of a scroll-through: frames and quiet once more, then the height
        measured again (more than ``height`` when the page grew: what a loader fetched may be put into the
        page just after its request ended)."""
        self.wait_quiet(STEP_WAIT_MS)
        return max(measure(), height)

    # --- the file a download-only address answered with ---------------------------------------
    def wait_for_main_download(self, deadline: Deadline) -> None:
        """The navigation turned into a download; its event may still be on its way."""
        waited = 0.0
        while self.main_download is None and waited < min(10.0, max(deadline.remaining() - 3, 0.5)):
            self.page.wait_for_timeout(100)
            waited += 0.1
        if self.main_download is None:
            raise CaptureFailed("The address started a download, but the browser did not hand over the "
                                "file. Nothing was saved. Try again.")

    def save_main_download(self) -> Artifact:
        download = self.main_download
        if download is None:
            raise CaptureFailed("The address started a download, but the file could not be saved.")
        suggested = download.suggested_filename
        kind = mimetypes.guess_type(suggested)[0] or "application/octet-stream"
        response = self.last_document_response
        if response is not None:
            kind = (response.header_value("content-type") or kind).split(";", 1)[0].strip().lower() or kind
        # The server names the file; only a plain suffix of it is used (bundle names are ASCII-only).
        suffix = re.sub(r"[^A-Za-z0-9]", "", Path(suggested).suffix)[:10]
        name = "response-body" + (mimetypes.guess_extension(kind) or (f".{suffix}" if suffix else ".bin"))
        self.steps.add("save_download", media_type=kind)
        download.save_as(self.out_dir / name)
        failure = download.failure()
        if failure:
            raise CaptureFailed(f"The file the address offered could not be downloaded ({bounded(failure, 200)}).")
        return Artifact(name, kind, "The file the address answered with, as the browser downloaded it")
