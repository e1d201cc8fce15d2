"""The capture's real steps (capture.result.Step.action) mapped to the few phases a person sees.

No Qt here: the words people read are in app/gui/capture/progress.py, through Qt's translations.
"""

from __future__ import annotations

from enum import IntEnum


class Phase(IntEnum):
    """In the order they happen; progress only ever moves forward."""

    STARTING = 0
    LOADING = 1
    SCROLLING = 2
    SCREENSHOT = 3
    SEALING = 4
    TIMESTAMP = 5
    DONE = 6


# Step actions written by capture/ (see capture/engine.py, scrolling.py, screenshot.py).
_PHASE_OF_ACTION = {
    "start": Phase.LOADING,
    "launch_browser": Phase.LOADING,
    "warm_browser": Phase.LOADING,          # the app's browser, already running, opened a fresh context
    "set_user_agent": Phase.LOADING,
    "navigate": Phase.LOADING,
    "navigated": Phase.LOADING,
    "loaded": Phase.LOADING,
    "load_incomplete": Phase.LOADING,
    "network_settled": Phase.LOADING,
    "network_still_busy": Phase.LOADING,
    "screenshot_viewport": Phase.LOADING,   # the first view, taken before any scrolling
    "scroll": Phase.SCROLLING,
    "scroll_to_top": Phase.SCROLLING,
    "screenshot_full": Phase.SCREENSHOT,
    "screenshot_full_mismatch": Phase.SCREENSHOT,
    "screenshot_part": Phase.SCREENSHOT,
    "screenshot_part_short": Phase.SCREENSHOT,
    "save_dom": Phase.SCREENSHOT,
    "save_mhtml": Phase.SCREENSHOT,
    "save_text": Phase.SCREENSHOT,
    "save_response_body": Phase.SCREENSHOT,
    "save_download": Phase.SCREENSHOT,
    "no_screenshot": Phase.SCREENSHOT,
    # capture/page/overlays.py, capture/finishing.py, capture/record/media.py and wacz.py:
    # before the first view, and the saving after
    "screenshot_viewport_before_overlays": Phase.LOADING,
    "look_for_overlays": Phase.LOADING,
    "overlay_clicked": Phase.LOADING,
    "blank_token_fields": Phase.SCREENSHOT,
    "check_login_wall": Phase.SCREENSHOT,
    "media_fetch": Phase.SCREENSHOT,
    "media_saved": Phase.SCREENSHOT,
    "save_network_record": Phase.SCREENSHOT,
    "network_record_saved": Phase.SCREENSHOT,
    "close_browser": Phase.SEALING,        # the browser is done; the store seals next
    "close_session": Phase.SEALING,        # the same for a capture in the warm browser
    "timestamp": Phase.TIMESTAMP,          # app/tasks.py: sealed; asking a time-stamp authority
    # the page's own scroller and the behaviours (comments, "see more"), after the first view
    "find_scroller": Phase.SCROLLING,
    "behaviors_start": Phase.SCROLLING,
    "behavior": Phase.SCROLLING,
    "behaviors_end": Phase.SCROLLING,
    "behaviors_running": Phase.SCROLLING,   # the library goes on alongside Vidne's own scrolling
    "scroll_again": Phase.SCROLLING,       # "show more" clicks made the page taller: scrolled through again
    "show_more_clicked": Phase.SCROLLING,      # Vidne's own clicks on "Vis flere kommentarer" / "See more"
    "show_more_navigation_blocked": Phase.SCROLLING,
    "show_more_end": Phase.SCROLLING,
    "screenshot_scroller_part": Phase.SCREENSHOT,
    "screenshot_parts": Phase.SCREENSHOT,
    "check_fonts": Phase.SCREENSHOT,
    "fonts_checked": Phase.SCREENSHOT,
}

# Phases a person sees in the progress list, in order.
VISIBLE = (Phase.LOADING, Phase.SCROLLING, Phase.SCREENSHOT, Phase.SEALING, Phase.TIMESTAMP)


def phase_of(action: str) -> Phase | None:
    """The phase a step belongs to; None for steps that say nothing about progress (dialogs, pop-ups)."""
    return _PHASE_OF_ACTION.get(action)


class PhaseTracker:
    """Turns a stream of step actions into a phase that never goes backwards."""

    def __init__(self) -> None:
        self.phase = Phase.STARTING
        self.scroll_steps = 0
        self.screenshot_parts = 0

    def feed(self, action: str) -> bool:
        """Take one step; True when the visible state changed (a new phase or a counter)."""
        changed = False
        if action == "scroll":
            self.scroll_steps += 1
            changed = True
        elif action == "screenshot_part":
            self.screenshot_parts += 1
            changed = True
        phase = phase_of(action)
        if phase is not None and phase > self.phase:
            self.phase = phase
            changed = True
        return changed

    def fraction(self) -> float:
        """A rough 0..1 for a progress bar: by phase, never backwards."""
        if self.phase >= Phase.DONE:
            return 1.0
        index = VISIBLE.index(self.phase) + 1 if self.phase in VISIBLE else 0
        return index / (len(VISIBLE) + 1)
