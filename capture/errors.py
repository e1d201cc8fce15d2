"""Errors raised by capture, each with a message written for the person using Vidne."""

from __future__ import annotations


class CaptureError(Exception):
    """Base class. ``str(err)`` is a message a person can act on (what happened, what to do)."""


class InvalidURL(CaptureError):
    """The address is not something Vidne may capture (not a URL, or not http/https)."""


class BrowserNotFound(CaptureError):
    """No usable Chromium-based browser could be found or started."""


class CaptureFailed(CaptureError):
    """The page could not be captured (unreachable, TLS failure, redirect loop, browser crash)."""


class CaptureTimedOut(CaptureFailed):
    """The whole capture did not finish within its time limit."""


class CaptureCancelled(CaptureError):
    """The person cancelled the capture."""
