"""Keeping the person's session out of everything Vidne writes.

Vidne's own browser profile holds the person's log-ins. Cookies, session tokens, Authorization
headers and CSRF tokens must never reach an artifact, the manifest, a log or an export. Two layers:

1. By name: headers, form fields, URL parameters and page fields whose names say they carry a
   secret are replaced by ``REDACTED`` wherever a format would carry them (the network record, the
   manifest's response headers, hidden form fields in the saved page), and so is every address the
   capture records (``urls_in``: the step log as it is written, the redirects and final address
   before anything is written from them, all the facts once more at the end), whether the network
   record is on or not. A fragment written like a query (``#access_token=…``) counts as one.
2. By value: every secret value seen (cookie values for every site in the profile, the values of
   redacted headers, fields and parameters) is searched for in every file the capture wrote and
   replaced there as well, so a token a page copied somewhere unexpected does not slip through.

The Redactions object keeps the honest account for the manifest: what was removed, by name, never
by value.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote_plus, urlencode

log = logging.getLogger(__name__)

MARK = "REDACTED"
MIN_SECRET_LENGTH = 10       # shorter values ("1", "true", "da_DK") would scrub ordinary text
MAX_SCRUB_FILE = 512 * 1024 * 1024

# The one list of secret names: docs/bundle-format.md ("Secrets") names them, and a test checks that
# the two agree. A header, form field, URL parameter (in the query, or in a fragment written like one),
# hidden input or meta tag is secret when its name, in any case, ...
SECRET_HEADERS = (        # ... is one of these header names,
    "cookie", "set-cookie", "set-cookie2", "authorization", "proxy-authorization", "x-csrf-token",
    "x-xsrf-token", "x-csrftoken", "csrf-token", "x-auth-token", "x-api-key", "x-amz-security-token",
    "x-fb-lsd", "x-fb-friendly-name-token", "x-ig-www-claim", "x-access-token", "x-session-id",
)
SECRET_NAME_PARTS = (     # ... holds one of these anywhere ("access_token", "PHPSESSID", "X-Amz-Signature"),
    "csrf", "xsrf", "token", "secret", "passw", "pwd", "session", "sessid", "authoriz", "authentic",
    "apikey", "api_key", "api-key", "signature", "credential", "fb_dtsg", "jwt", "saml",
)
SECRET_NAME_WORDS = (     # ... has one of these as a word of its own, between "_", "-" or its ends ("x-auth"),
    "auth",
)
SECRET_NAMES = (          # ... or is exactly one of these.
    "sid", "ssid", "code", "sig", "key", "otp", "nonce", "lsd", "jazoest",
)
_SECRET_HEADERS = frozenset(SECRET_HEADERS)


def _alternatives(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(name) for name in names)


# Also given to page JavaScript (new RegExp(pattern, 'i')), so only syntax the two share.
_SECRET_NAME = re.compile(
    f"({_alternatives(SECRET_NAME_PARTS)})|(^|[_-])({_alternatives(SECRET_NAME_WORDS)})([_-]|$)"
    f"|^({_alternatives(SECRET_NAMES)})$", re.IGNORECASE)
# Keys under which the facts hold an address: "url", "location", "href", "src", "url_…", "…_url".
_URL_KEYS = frozenset({"url", "location", "href", "src"})
MAX_NAME = 100            # a parameter's name in the account (names come from the page)


def _secret_parts(name: str, value: str) -> list[str]:
    """The parts of a header's value that are secret: cookie values, not their attributes."""
    lowered = name.lower()
    if lowered == "cookie":
        return [pair.split("=", 1)[-1] for pair in value.split(";")]
    if lowered in ("set-cookie", "set-cookie2"):
        return [line.split(";", 1)[0].split("=", 1)[-1] for line in value.split("\n")]
    if lowered in ("authorization", "proxy-authorization"):
        return [value, value.split(" ", 1)[-1]]
    return [value]


def is_secret_name(name: str) -> bool:
    return name.lower() in _SECRET_HEADERS or bool(_SECRET_NAME.search(name))


def is_url_key(key: str) -> bool:
    """Whether a key of the facts names an address (``url``, ``final_url``, ``url_requested``, ``location``...)."""
    lowered = key.lower()
    return lowered in _URL_KEYS or lowered.startswith("url_") or lowered.endswith("_url")


class Redactions:
    """What was removed, by name, and the values to search for in every file."""

    def __init__(self) -> None:
        self._names: dict[str, set[str]] = {}
        self._counts: dict[str, int] = {}
        self._values: set[str] = set()

    # -- collecting --------------------------------------------------------------------------
    def add_value(self, value: str | None) -> None:
        value = (value or "").strip()
        if len(value) >= MIN_SECRET_LENGTH and value != MARK and not any(c.isspace() for c in value):
            self._values.add(value)

    def note(self, where: str, name: str, value: str | None = None) -> None:
        """Record that ``name`` was removed from ``where``; its value joins the by-value search."""
        self._names.setdefault(where, set()).add(name)
        self._counts[where] = self._counts.get(where, 0) + 1
        for secret in _secret_parts(name, value or ""):
            self.add_value(secret)

    @property
    def values(self) -> frozenset[str]:
        return frozenset(self._values)

    def as_json(self) -> dict[str, Any]:
        return {
            "removed": {where: sorted(names) for where, names in sorted(self._names.items())},
            "counts": dict(sorted(self._counts.items())),
            "replaced_with": MARK,
            "secret_values_searched": len(self._values),
        }

    def any(self) -> bool:
        return bool(self._names) or bool(self._values)

    # -- by name -----------------------------------------------------------------------------
    def headers(self, pairs: Iterable[tuple[str, str]], where: str) -> list[tuple[str, str]]:
        out = []
        for name, value in pairs:
            if is_secret_name(name):
                self.note(where, name, value)
                out.append((name, MARK))
            else:
                out.append((name, value))
        return out

    def url(self, url: str, where: str = "url_parameters") -> str:
        """The address with the values of secret-named parameters replaced: in its query, and in a
        fragment written like a query (``#access_token=…&state=…``, ``#/cb?code=…``). Everything else
        stays as it was, byte for byte; the values join the by-value search."""
        base, hashmark, fragment = url.partition("#")
        path, qmark, query = base.partition("?")
        out = path + qmark + self._parameters(query, where) if qmark else base
        if hashmark:
            head, qmark, tail = fragment.partition("?")
            if qmark:
                fragment = head + qmark + self._parameters(tail, where)
            elif "=" in fragment:
                fragment = self._parameters(fragment, where)
            out += hashmark + fragment
        return out

    def _parameters(self, text: str, where: str) -> str:
        pieces = []
        for piece in text.split("&"):
            raw_name, equals, raw_value = piece.partition("=")
            name = unquote_plus(raw_name)
            if equals and raw_value and raw_value != MARK and is_secret_name(name):
                self.note(where, name[:MAX_NAME], unquote_plus(raw_value))
                self.add_value(raw_value)
                piece = raw_name + equals + MARK
            pieces.append(piece)
        return "&".join(pieces)

    def urls_in(self, value: Any, where: str = "url_parameters") -> Any:
        """JSON-ready facts with every address in them (a string under a key ``is_url_key`` names, at
        any depth) redacted by :meth:`url`."""
        if isinstance(value, dict):
            return {key: self.url(item, where) if isinstance(item, str) and isinstance(key, str) and is_url_key(key)
                    else self.urls_in(item, where) for key, item in value.items()}
        if isinstance(value, list):
            return [self.urls_in(item, where) for item in value]
        return value

    def body(self, data: bytes, content_type: str, where: str = "request_body_fields") -> bytes:
        """A request body (form or JSON) with the values of secret-named fields replaced."""
        kind = content_type.split(";", 1)[0].strip().lower()
        try:
            if kind == "application/x-www-form-urlencoded":
                pairs = parse_qsl(data.decode("utf-8"), keep_blank_values=True)
                out = []
                for key, value in pairs:
                    if is_secret_name(key) and value:
                        self.note(where, key, value)
                        value = MARK
                    out.append((key, value))
                return urlencode(out).encode("utf-8")
            if kind.endswith("json"):
                return json.dumps(self._json(json.loads(data), where), ensure_ascii=False).encode("utf-8")
        except (UnicodeDecodeError, ValueError):
            log.debug("request body not parsed for redaction; value scrubbing still applies")
        return data

    def _json(self, value: Any, where: str) -> Any:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if isinstance(key, str) and is_secret_name(key) and isinstance(item, str | int) and item != "":
                    self.note(where, key, str(item))
                    out[key] = MARK
                else:
                    out[key] = self._json(item, where)
            return out
        if isinstance(value, list):
            return [self._json(item, where) for item in value]
        return value

    # -- by value ----------------------------------------------------------------------------
    def scrub_text(self, text: str) -> tuple[str, int]:
        count = 0
        for form in self._plain_forms():
            secret = form.decode("utf-8")
            if secret in text:
                count += text.count(secret)
                text = text.replace(secret, MARK)
        return text, count

    def scrub_bytes(self, data: bytes, *, quoted_printable: bool = False) -> tuple[bytes, int]:
        """``data`` with every secret value replaced: as it is, URL-encoded and JSON-escaped; with
        ``quoted_printable`` also as MHTML writes text (soft line breaks anywhere, '=' as '=3D')."""
        count = 0
        mark = MARK.encode()
        for form in self._plain_forms():
            if form in data:                       # a fast scan first; most files hold no secret
                count += data.count(form)
                data = data.replace(form, mark)
        if quoted_printable and self._values:
            data, n = self._qp_pattern().subn(mark, data)
            count += n
        return data, count

    def _plain_forms(self) -> list[bytes]:
        forms: set[bytes] = set()
        for secret in self._values:
            forms.add(secret.encode("utf-8"))
            forms.add(quote(secret, safe="").encode("ascii"))
            forms.add(secret.replace("/", "\\/").encode("utf-8"))
        return sorted(forms, key=len, reverse=True)

    def _qp_pattern(self) -> re.Pattern[bytes]:
        alternatives = []
        for secret in sorted(self._values, key=len, reverse=True):
            if secret.isascii():
                pieces = [b"=3D" if ch == "=" else re.escape(ch.encode()) for ch in secret]
                alternatives.append(b"(?:=\r?\n)?".join(pieces))
        return re.compile(b"|".join(alternatives) or b"(?!)")

    def scrub_file(self, path: Path) -> int:
        """Replace every secret value in the file at ``path``; the number replaced."""
        if not self._values or path.stat().st_size > MAX_SCRUB_FILE:
            return 0
        data = path.read_bytes()
        cleaned, count = self.scrub_bytes(data, quoted_printable=data.startswith(b"From: <Saved by Blink>"))
        if count:
            path.write_bytes(cleaned)
        return count

    def scrub_json(self, value: Any) -> Any:
        """Facts for the manifest with every secret value replaced (strings anywhere inside)."""
        if isinstance(value, str):
            return self.scrub_text(value)[0] if self._values else value
        if isinstance(value, dict):
            return {k: self.scrub_json(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub_json(v) for v in value]
        return value


# Hidden fields and meta tags that carry per-session tokens, blanked in the page before it is saved.
# Returns the names blanked and their former values (for the by-value search), never shown.
BLANK_PAGE_TOKENS_JS = r"""(pattern) => {
  const re = new RegExp(pattern, 'i');
  const found = [];
  const visit = (doc) => {
    for (const el of doc.querySelectorAll('input[type=hidden], input[type=password], meta[name], meta[property]')) {
      const name = el.getAttribute('name') || el.getAttribute('property') || el.id || '';
      const attr = el.tagName === 'META' ? 'content' : 'value';
      const value = el.tagName === 'META' ? el.getAttribute('content') : el.value;
      if (!value || !(re.test(name) || el.type === 'password')) continue;
      found.push({name: name.slice(0, 100), value: value.slice(0, 10000)});
      if (el.tagName === 'META') el.setAttribute('content', 'REDACTED');
      else { el.value = 'REDACTED'; el.setAttribute('value', 'REDACTED'); }
    }
    for (const f of doc.querySelectorAll('iframe')) {
      try { if (f.contentDocument) visit(f.contentDocument); } catch (e) { /* another origin */ }
    }
  };
  visit(document);
  return found;
}"""


def secret_name_pattern() -> str:
    """The name pattern for page JavaScript (same rules as is_secret_name)."""
    return _SECRET_NAME.pattern
