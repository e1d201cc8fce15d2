"""The step log: every thing Vidne does to the page, with its UTC time."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from capture.errors import CaptureCancelled, CaptureTimedOut
from capture.result import Step, utc_now

log = logging.getLogger(__name__)

MAX_TEXT = 2000  # page-supplied text (dialog messages, pop-up URLs) kept per step


def bounded(text: str | None, limit: int = MAX_TEXT) -> str:
    """Page-supplied text, cut to a sane length (the cut is visible)."""
    if text is None:
        return ""
    return text if len(text) <= limit else text[:limit] + f"… [{len(text) - limit} more characters]"


class StepLog:
    def __init__(self, on_step: Callable[[Step], None] | None = None,
                 clean: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> None:
        """``clean`` sees every step's detail before anyone else does (the capture's URL redaction)."""
        self.steps: list[Step] = []
        self._on_step = on_step
        self._clean = clean

    def add(self, action: str, **detail: Any) -> Step:
        if self._clean is not None:
            detail = self._clean(detail)
        step = Step(at=utc_now(), action=action, detail=detail)
        self.steps.append(step)
        log.debug("step %s %s", action, detail)
        if self._on_step is not None:
            self._on_step(step)
        return step

    def as_json(self) -> list[dict[str, Any]]:
        return [{"at": s.at, "action": s.action, "detail": s.detail} for s in self.steps]


class Deadline:
    """The whole capture's time limit, and the person's Cancel, checked between steps."""

    def __init__(self, seconds: float, cancelled: Callable[[], bool] | None = None) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._cancelled = cancelled or (lambda: False)

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def ms(self, cap_seconds: float | None = None, reserve: float = 0.0) -> float:
        """Milliseconds a Playwright call may take: what is left (less a reserve), at most the cap."""
        left = self.remaining() - reserve
        if cap_seconds is not None:
            left = min(left, cap_seconds)
        return max(left, 0.05) * 1000

    def check(self, doing: str) -> None:
        if self._cancelled():
            raise CaptureCancelled("The capture was cancelled. Nothing was saved.")
        if self.remaining() <= 0:
            raise CaptureTimedOut(f"The capture took longer than its limit of {self.seconds:.0f} seconds "
                                  f"(while {doing}). Nothing was saved. Try again.")


def stop_reason(*, y: int, view: int, height: int, count: int, started: float, max_steps: int,
                max_seconds: float, max_height: int) -> str | None:
    """Why a scroll-through (of the document or of the page's own scroller) stops here, or None: the
    one rule for its bounds in steps, time and height, each recorded as the reason."""
    if y + view >= height:
        return "reached_bottom"
    if count >= max_steps:
        return "max_steps"
    if time.monotonic() - started >= max_seconds:
        return "max_time"
    if y >= max_height:
        return "max_height"
    return None
