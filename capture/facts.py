"""The facts a capture records, typed: the manifest's ``capture`` object (docs/bundle-format.md).

The field order of CaptureFacts is the order the manifest lists them in, the order a person reads
them: what was asked, what came back, how, then the details, and the step log last. The manifest's
bytes depend on it, so a bundle made before still reads and verifies the same; change it never.
The values inside (redirect hops, screenshot, network, ...) stay plain JSON-ready dicts and lists.

Steps of a capture return their part (ResponseFacts, PageFacts); the engine puts them together
once, at the end, and ``to_manifest`` gives the dict that CaptureResult carries and the store seals.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# A field with this metadata is left out of the manifest when it is None (it did not apply).
_OPTIONAL = {"optional": True}


@dataclass(kw_only=True)
class ResponseFacts:
    """How the page was fetched: the final response."""

    http_status: int | None
    status_text: str
    response_headers: list[list[str]]
    redirects: list[dict[str, Any]]       # {"url", "status", "location"} per hop, oldest first
    server: dict[str, Any] | None         # {"ip", "port"}
    tls: dict[str, Any] | None            # None for http
    media_type: str

    @classmethod
    def none(cls, media_type: str) -> ResponseFacts:
        """No response was seen (the address was a download the browser handled by itself)."""
        return cls(http_status=None, status_text="", response_headers=[], redirects=[], server=None, tls=None,
                   media_type=media_type)


@dataclass(kw_only=True)
class PageFacts:
    """What the page showed and what was done to it: everything but the browser, times and step log."""

    final_url: str
    title: str
    response: ResponseFacts
    content_kind: str                     # "html", or "file" for anything else
    warnings: list[str]
    screenshot: dict[str, Any] | None     # None when there is no screenshot (a download)
    scroll: dict[str, Any] | None
    user_agent: str
    overlays: dict[str, Any] | None = None     # only when cookie banners were to be clicked away
    login_wall: dict[str, Any] | None = None   # below: None when the step did not run
    media: list[dict[str, Any]] | None = None
    network: dict[str, Any] | None = None
    scroller: dict[str, Any] | None = None     # what scrolled and how it was captured (issue 13)
    behaviors: dict[str, Any] | None = None
    fonts: dict[str, Any] | None = None


@dataclass(kw_only=True)
class CaptureFacts:
    """Everything one capture recorded. Field order = manifest order (see the module's docstring)."""

    url_requested: str
    final_url: str
    title: str
    http_status: int | None
    status_text: str
    redirects: list[dict[str, Any]]
    server: dict[str, Any] | None
    tls: dict[str, Any] | None
    media_type: str
    content_kind: str
    started_at: str
    finished_at: str
    warnings: list[str]
    screenshot: dict[str, Any] | None
    scroll: dict[str, Any] | None
    browser: dict[str, Any]
    playwright_version: str
    user_agent: str
    viewport: dict[str, int]
    os: str
    response_headers: list[list[str]]
    overlays: dict[str, Any] | None = field(default=None, metadata=_OPTIONAL)
    login_wall: dict[str, Any] | None = field(default=None, metadata=_OPTIONAL)
    media: list[dict[str, Any]] | None = field(default=None, metadata=_OPTIONAL)
    network: dict[str, Any] | None = field(default=None, metadata=_OPTIONAL)
    scroller: dict[str, Any] | None = field(default=None, metadata=_OPTIONAL)
    behaviors: dict[str, Any] | None = field(default=None, metadata=_OPTIONAL)
    fonts: dict[str, Any] | None = field(default=None, metadata=_OPTIONAL)
    session: dict[str, Any]
    redactions: dict[str, Any] | None = None   # set by finishing.seal_secrets; None only before that
    steps: list[dict[str, Any]]

    @classmethod
    def of(cls, page: PageFacts, *, url_requested: str, started_at: str, finished_at: str,
           browser: dict[str, Any], playwright_version: str, viewport: dict[str, int], os: str,
           session: dict[str, Any], steps: list[dict[str, Any]]) -> CaptureFacts:
        """The page's facts with the capture's environment around them (not yet sealed)."""
        fetched = page.response
        return cls(url_requested=url_requested, final_url=page.final_url, title=page.title,
                   http_status=fetched.http_status, status_text=fetched.status_text, redirects=fetched.redirects,
                   server=fetched.server, tls=fetched.tls, media_type=fetched.media_type,
                   content_kind=page.content_kind, started_at=started_at, finished_at=finished_at,
                   warnings=page.warnings, screenshot=page.screenshot, scroll=page.scroll, browser=browser,
                   playwright_version=playwright_version, user_agent=page.user_agent, viewport=viewport, os=os,
                   response_headers=fetched.response_headers, overlays=page.overlays, login_wall=page.login_wall,
                   media=page.media, network=page.network, scroller=page.scroller, behaviors=page.behaviors,
                   fonts=page.fonts, session=session, steps=steps)

    def to_manifest(self) -> dict[str, Any]:
        """The manifest's ``capture`` object: every field in order, those that did not apply left out."""
        if self.redactions is None:
            raise ValueError("capture facts leave capture/ only after their secrets are sealed")
        out: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None and item.metadata.get("optional"):
                continue
            out[item.name] = value
        return out
