"""Turning the browser's network error codes into sentences a person can act on."""

from __future__ import annotations

import re

from capture.errors import CaptureFailed, CaptureTimedOut
from capture.steplog import bounded

# How to capture such a page anyway is each front end's to say (the CLI names its flag): code "invalid_tls".
_TLS_HINT = "The site's certificate is not valid, so the connection cannot be trusted ({code}). Nothing was saved."

# The kinds front-ends tell apart (capture/errors.py CODES); any other net::ERR_ is "capture_failed".
_CODES = {
    "ERR_NAME_NOT_RESOLVED": "name_not_resolved",
    "ERR_INTERNET_DISCONNECTED": "offline",
    "ERR_CONNECTION_REFUSED": "connection_refused",
    "ERR_CONNECTION_TIMED_OUT": "unreachable",
    "ERR_ADDRESS_UNREACHABLE": "unreachable",
    "ERR_UNSAFE_PORT": "unsafe_port",
}

_MESSAGES = {
    "ERR_NAME_NOT_RESOLVED": "The site's name could not be found. Check the address for typos and that "
                             "this computer is online.",
    "ERR_INTERNET_DISCONNECTED": "This computer is not connected to the internet.",
    "ERR_CONNECTION_REFUSED": "The site refused the connection. It may be down; try again later.",
    "ERR_CONNECTION_RESET": "The connection to the site was broken off. Try again later.",
    "ERR_CONNECTION_CLOSED": "The site closed the connection without answering. Try again later.",
    "ERR_EMPTY_RESPONSE": "The site closed the connection without answering. Try again later.",
    "ERR_ADDRESS_UNREACHABLE": "The site's address cannot be reached from this computer.",
    "ERR_CONNECTION_TIMED_OUT": "The site did not answer. It may be down; try again later.",
    "ERR_TOO_MANY_REDIRECTS": "The address sends the browser round in a loop of redirects, so there is no "
                              "page to capture. Try the address of the page itself.",
    "ERR_INVALID_RESPONSE": "The site answered with something that is not a valid web response.",
    "ERR_UNSAFE_REDIRECT": "The site redirected to an address the browser will not open.",
    "ERR_BLOCKED_BY_CLIENT": "The browser blocked this address.",
    "ERR_UNSAFE_PORT": "The browser refuses to open addresses on this port, as a safety rule.",
}


def explain_navigation_error(message: str, url: str) -> CaptureFailed:
    """Map Playwright's navigation error text to a CaptureFailed with a useful message and its code."""
    match = re.search(r"net::(ERR_[A-Z_]+)", message)
    code = match.group(1) if match else ""
    if code == "ERR_TIMED_OUT":
        return CaptureTimedOut("The site did not answer in time. Nothing was saved. Try again later.",
                               code="network_timeout")
    if code.startswith(("ERR_CERT_", "ERR_BAD_SSL")):
        return CaptureFailed(_TLS_HINT.format(code=code), code="invalid_tls")
    if code.startswith("ERR_SSL_"):
        return CaptureFailed(f"A secure (TLS) connection to the site could not be made ({code}). Check "
                             "that the address should start with https://, or try again later. "
                             "Nothing was saved.", code="tls_failed")
    if code in _MESSAGES:
        return CaptureFailed(f"{_MESSAGES[code]} ({code}) Nothing was saved.", code=_CODES.get(code))
    first_line = bounded(message.splitlines()[0] if message else "unknown error", 300)
    return CaptureFailed(f"The page at {bounded(url, 200)} could not be opened: {first_line}. "
                         "Nothing was saved.")
