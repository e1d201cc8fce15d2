"""Errors raised by capture, each with a message written for the person using Vidne and a code.

The message says what happened and what to do, in words any front-end can show; it names no
command-line flag (the CLI adds that advice by the code). The code is the kind of failure, stable
across versions and across the capture child process: front-ends choose their own words by it and
never parse the message.
"""

from __future__ import annotations

# Every code a capture error may carry, and what it means.
CODES = {
    "invalid_url": "the address is not a web page Vidne may capture",
    "browser_not_found": "no usable Chromium-based browser could be found or started",
    "capture_failed": "the page could not be captured (any reason without a code of its own)",
    "timeout": "the capture's own time limit ran out",
    "network_timeout": "the browser's network stack gave up waiting for the site (net::ERR_TIMED_OUT)",
    "cancelled": "the person cancelled the capture",
    "name_not_resolved": "the site's name could not be found (DNS)",
    "offline": "this computer is not connected to the internet",
    "connection_refused": "the site refused the connection",
    "unreachable": "the site's address could not be reached (connection timed out, no route)",
    "unsafe_port": "the browser refuses this port as a safety rule",
    "invalid_tls": "the site's certificate is not valid (it may be accepted on purpose, and recorded)",
    "tls_failed": "a secure (TLS) connection could not be made at all",
    "disk_full": "the disk holding the capture's folder is full",
    "not_writable": "the capture's folder may not be written (read-only, or no permission)",
}


class CaptureError(Exception):
    """Base class. ``str(err)`` is a message a person can act on (what happened, what to do);
    ``code`` is one of CODES (each class has its own, a raise may name a narrower one)."""

    code = "capture_failed"
    from_child = False        # reported by a capture child that ended the capture itself (child_process.py)

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            if code not in CODES:
                raise ValueError(f"unknown capture error code {code!r}")
            self.code = code


class InvalidURL(CaptureError):
    """The address is not something Vidne may capture (not a URL, or not http/https)."""

    code = "invalid_url"


class BrowserNotFound(CaptureError):
    """No usable Chromium-based browser could be found or started."""

    code = "browser_not_found"


class CaptureFailed(CaptureError):
    """The page could not be captured (unreachable, TLS failure, redirect loop, browser crash)."""


class CaptureTimedOut(CaptureFailed):
    """The whole capture did not finish within its time limit."""

    code = "timeout"


class CaptureCancelled(CaptureError):
    """The person cancelled the capture."""

    code = "cancelled"


def rebuild(kind: str, code: str, message: str) -> CaptureError:
    """The error a capture child process reported as (class name, code, message), as the same kind."""
    cls = globals().get(kind)
    if not (isinstance(cls, type) and issubclass(cls, CaptureError)):
        cls = CaptureFailed
    return cls(message, code=code if code in CODES else None)
