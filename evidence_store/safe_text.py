"""Hostile text made printable: the one rule for what may reach a terminal, a message or a log line.

A character is kept when Python calls it printable (``str.isprintable``); every other one - controls
and escape sequences, bidi overrides and other invisible format characters, line separators, lone
surrogates left by undecodable bytes, unassigned code points - becomes ``replacement``. With ``limit``
the result is cut to at most that many characters, the cut marked with "…".

No dependencies, so every layer (and app/) may use it.
"""

from __future__ import annotations

ELLIPSIS = "…"


def printable(text: str, *, replacement: str = "\ufffd", limit: int | None = None) -> str:
    """``text`` with every non-printable character replaced, cut to ``limit`` characters if given."""
    if limit is not None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if len(replacement) == 1 and len(text) > limit:
            # One character in, one out: only the part that is kept needs to be walked.
            return _replaced(text[: limit - 1], replacement) + ELLIPSIS
    shown = _replaced(text, replacement)
    if limit is None or len(shown) <= limit:
        return shown
    return shown[: limit - 1] + ELLIPSIS


def _replaced(text: str, replacement: str) -> str:
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else replacement for ch in text)
