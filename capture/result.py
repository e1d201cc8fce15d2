"""What goes into a capture and what comes out of it: plain data, no browser objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def utc_now() -> str:
    """The current time in UTC, ISO 8601 with milliseconds and a 'Z'."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class CaptureOptions:
    url: str
    timeout_s: float = 120.0
    viewport_width: int = 1280
    viewport_height: int = 900
    browser_path: str | None = None        # configured browser; else VIDNE_BROWSER, Playwright's, installed
    allow_invalid_tls: bool = False        # capture despite certificate errors (recorded in the facts)
    max_scroll_steps: int = 200
    max_scroll_seconds: float = 30.0
    max_height_px: int = 150_000           # the full-page screenshot is cut here, and that is recorded
    settle_seconds: float = 5.0            # bounded wait for the network to go quiet after load
    profile_dir: str | None = None         # Vidne's own browser profile (logged-in capture); None: fresh
    record_network: bool = True            # every request and response into artifacts/page.wacz
    max_network_body_bytes: int = 100 * 1024 * 1024   # one response body in the network record
    max_network_bytes: int = 1024 * 1024 * 1024       # all response bodies in the network record
    save_media: bool = True                # the video/audio files the page plays, as artifacts
    max_media_bytes: int = 1024 * 1024 * 1024         # one media file; larger ones are recorded, not saved
    dismiss_overlays: bool = False         # click away cookie banners (each click in the step log)
    run_behaviors: bool = True             # browsertrix-behaviors: scroll, play, open "see more" (after the first view)
    max_behavior_seconds: float = 30.0     # and at most this long (less when the time limit is near)


@dataclass
class Artifact:
    """One file the capture wrote, relative to the artifacts folder it was given."""

    name: str                 # e.g. "screenshot-full.png"
    media_type: str           # e.g. "image/png"
    description: str = ""     # one line for reports: what this file is


@dataclass
class Step:
    at: str                   # UTC ISO 8601
    action: str               # short machine word: "navigate", "scroll", "dialog", "popup", ...
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class CaptureResult:
    """Everything the capture saw. ``facts`` is JSON-ready and goes into the manifest as it is: the
    dict ``CaptureFacts.to_manifest()`` gives (capture/facts.py), keys in the manifest's order."""

    facts: dict[str, Any]
    artifacts: list[Artifact]
    steps: list[Step]
