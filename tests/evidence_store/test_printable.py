"""The one printable helper: what hostile text becomes before it reaches a terminal, message or log."""

from __future__ import annotations

import time

import pytest

from evidence_store.safe_text import printable


def test_plain_text_is_returned_as_it_is() -> None:
    text = "Søren's side – 日本語 🙂 https://example.org/?q=1"
    assert printable(text) is text
    assert printable("") == ""


def test_control_characters_and_escape_sequences_are_replaced() -> None:
    shown = printable("a\x1b[31mred\x07\n\t\r\x00\x7f\x85b")
    assert shown == "a\ufffd[31mred" + "\ufffd" * 7 + "b"


def test_bidi_overrides_and_invisible_format_characters_are_replaced() -> None:
    # "evil\u202etxt.exe" would read as "evilexe.txt" on a terminal.
    assert printable("evil\u202etxt.exe") == "evil\ufffdtxt.exe"
    for ch in "\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u00ad":
        assert printable(ch, replacement="?") == "?", repr(ch)
    assert printable("a\u2028b\u2029c") == "a\ufffdb\ufffdc"    # line and paragraph separators


def test_lone_surrogates_from_undecodable_bytes_are_replaced() -> None:
    name = b"caf\xe9-\xff.png".decode("utf-8", errors="surrogateescape")
    assert printable(name, replacement="?") == "caf?-?.png"
    assert printable("\ud800x\udfff") == "\ufffdx\ufffd"
    printable(name).encode("utf-8")           # the result can always be written out


def test_the_replacement_is_the_callers_choice() -> None:
    assert printable("a\nb", replacement="?") == "a?b"
    assert printable("a\nb", replacement=" ") == "a b"
    assert printable("a\nb", replacement="") == "ab"
    assert printable("a\nb", replacement="<?>") == "a<?>b"


def test_a_limit_cuts_and_says_so() -> None:
    assert printable("abcdef", limit=6) == "abcdef"
    assert printable("abcdefg", limit=6) == "abcde…"
    assert len(printable("x" * 1000, limit=60)) == 60
    assert printable("\x00" * 10, replacement="?", limit=5) == "????…"
    assert printable("a\x00" * 5, replacement="", limit=5) == "aaaaa"        # the limit counts what is shown
    assert printable("a\x00" * 5, replacement="<>", limit=5) == "a<>a…"
    with pytest.raises(ValueError):
        printable("abc", limit=0)


def test_a_limit_keeps_megabytes_cheap() -> None:
    huge = "\x1b" * 20_000_000
    started = time.perf_counter()
    assert printable(huge, limit=200) == "\ufffd" * 199 + "…"
    assert time.perf_counter() - started < 0.5


def test_the_result_is_always_printable() -> None:
    every = "".join(chr(cp) for cp in range(0x110000))
    shown = printable(every)
    assert shown.isprintable()
    assert len(shown) == len(every)
