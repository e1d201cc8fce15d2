"""Checking what the person typed before any browser sees it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from capture.errors import InvalidURL

MAX_URL_LENGTH = 8192
_ALLOWED_SCHEMES = ("http", "https")
# A bare host name as people type it: "www.example.dk/some/page" (one dot at least, no spaces).
_BARE_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?(?:[/?#].*)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def validate_url(text: str) -> str:
    """Return the URL to capture, or raise InvalidURL with a message the person can act on.

    Only http and https are captured. An address typed without a scheme ("example.dk/post")
    is taken as https, the way a browser's address bar would.
    """
    candidate = text.strip()
    if not candidate:
        raise InvalidURL("No address was given. Paste the address of the page you want to keep.")
    if len(candidate) > MAX_URL_LENGTH:
        raise InvalidURL(f"The address is longer than {MAX_URL_LENGTH} characters; it cannot be a web page.")
    if _CONTROL.search(candidate) or " " in candidate:
        raise InvalidURL("The address contains spaces or control characters. Copy it again from the "
                         "browser's address bar.")
    if "://" not in candidate and _BARE_HOST.match(candidate):
        candidate = "https://" + candidate
    parts = urlsplit(candidate)
    scheme = parts.scheme.lower()
    if not scheme:
        raise InvalidURL(f"'{_shorten(candidate)}' is not a web address. It should look like "
                         "https://www.example.dk/page.")
    if scheme not in _ALLOWED_SCHEMES:
        raise InvalidURL(f"Vidne captures only web pages (http:// or https://), not '{_shorten(scheme)}:' "
                         "addresses.")
    if not parts.hostname:
        raise InvalidURL(f"'{_shorten(candidate)}' has no host name. It should look like "
                         "https://www.example.dk/page.")
    try:
        _ = parts.port
    except ValueError as err:
        raise InvalidURL(f"The port in '{_shorten(candidate)}' is not valid.") from err
    return urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, parts.fragment))


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
