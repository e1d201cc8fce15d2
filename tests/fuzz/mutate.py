"""Mutations of valid inputs, driven by a chooser: Hypothesis's data in `make test` (so failures shrink
to the fewest, smallest choices), a seeded random generator in scripts/fuzz.sh (so long runs are fast).

Every mutator takes the chooser first and returns new bytes (or a new value); none reads the clock or
the global random generator, so the same choices always give the same input.
"""

from __future__ import annotations

import json
import random
from typing import Any, Protocol

from hypothesis import strategies as st


class Chooser(Protocol):
    def below(self, n: int) -> int:
        """A whole number in [0, n) (0 when n <= 1)."""

    def blob(self, max_size: int) -> bytes:
        """Some bytes, at most ``max_size`` of them."""


class RandomChooser:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd

    def below(self, n: int) -> int:
        return self.rnd.randrange(n) if n > 1 else 0

    def blob(self, max_size: int) -> bytes:
        return self.rnd.randbytes(self.rnd.randrange(max_size + 1))


class DataChooser:
    """Choices drawn from Hypothesis's ``st.data()``: they shrink towards 0 and b""."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def below(self, n: int) -> int:
        return self.data.draw(st.integers(0, n - 1)) if n > 1 else 0

    def blob(self, max_size: int) -> bytes:
        return self.data.draw(st.binary(max_size=max_size))


def pick(c: Chooser, items: list[Any] | tuple[Any, ...]) -> Any:
    return items[c.below(len(items))]


# Bytes that mean something to JSON, PEM, DER, zip, PNG, terminals and file systems.
TOKENS: tuple[bytes, ...] = (
    b"\x00", b"\xff", b"\x7f", b"\x80", b"\n", b"\r\n", b"\r", b"\t", b" ", b'"', b"\\", b"{", b"}", b"[", b"]",
    b",", b":", b"-", b"=", b"/", b"../", b"..\\", b"C:\\", b"-1", b"0", b"1e999", b"-0", b"9" * 40, b"NaN",
    b"null", b"true", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x1b[2J\x1b]0;owned\x07", "\u202e".encode(),
    "\u0085".encode(), b"\\u0000", b"\\ud800", b"[" * 64, b"{\"a\":" * 32, b"-----BEGIN CERTIFICATE-----\n",
    b"-----END CERTIFICATE-----\n", b"\x30\x82\xff\xff", b"\x30\x80", b"\x02\x81\x00", b"\x06\x09\x2a\x86\x48",
    b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"IDAT", b"IEND", b"PLTE", b"tRNS", b"\xff\xff\xff\xff",
)


def mutate_bytes(c: Chooser, data: bytes, tokens: tuple[bytes, ...] = TOKENS) -> bytes:
    """One blind change: a bit, a byte, a token or some bytes in or out, a range doubled, a cut."""
    size = len(data)
    pos = c.below(size + 1)
    span = 1 + c.below(min(64, max(1, size - pos))) if c.below(4) else c.below(max(1, size - pos) + 1)
    op = c.below(9)
    if op == 0 and size:                                     # flip one bit
        at = min(pos, size - 1)
        return data[:at] + bytes([data[at] ^ (1 << c.below(8))]) + data[at + 1:]
    if op == 1 and size:                                     # set one byte
        at = min(pos, size - 1)
        return data[:at] + bytes([pick(c, (0, 0xFF, 0x7F, 0x80, 0x20, 0x0A, c.below(256)))]) + data[at + 1:]
    if op == 2:                                              # insert a token
        return data[:pos] + pick(c, tokens) + data[pos:]
    if op == 3:                                              # overwrite with a token
        token = pick(c, tokens)
        return data[:pos] + token + data[pos + len(token):]
    if op == 4:                                              # insert some bytes
        return data[:pos] + c.blob(32) + data[pos:]
    if op == 5:                                              # delete a range
        return data[:pos] + data[pos + span:]
    if op == 6:                                              # double a range
        return data[:pos + span] + data[pos:pos + span] + data[pos + span:]
    if op == 7:                                              # cut off the end
        return data[:pos]
    if op == 8 and size > 1:                                 # a range moved elsewhere
        chunk, rest = data[pos:pos + span], data[:pos] + data[pos + span:]
        at = c.below(len(rest) + 1)
        return rest[:at] + chunk + rest[at:]
    return data + pick(c, tokens)


def mutate_lines(c: Chooser, data: bytes) -> bytes:
    """A change to whole lines: one dropped, doubled, swapped, moved, joined, or the last break lost."""
    lines = data.split(b"\n")
    n = len(lines)
    i, j = c.below(n), c.below(n)
    op = c.below(7)
    if op == 0 and n > 1:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[j])
    elif op == 2:
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        lines.insert(max(0, n - 2), lines.pop(i))
    elif op == 4 and i + 1 < n:
        lines[i:i + 2] = [lines[i] + lines[i + 1]]
    elif op == 5:
        lines[i] = mutate_bytes(c, lines[i])
    else:
        return data.rstrip(b"\n")
    return b"\n".join(lines)


def _odd_values() -> tuple[Any, ...]:
    return (None, True, False, 0, -1, 1, 2**63, 2**64 + 1, -(2**70), 1.5, 1e308, "", "x" * 300,
            "\x1b[31mred\x1b[0m", "a\nb", "\u202egnp.exe", "\ud800", "../../etc/passwd", "artifacts/page.html",
            "0" * 64, "f" * 64, [], {}, [[[[]]]], {"a": {"b": {"c": {}}}}, ["x"] * 40)


def _paths(value: Any, prefix: tuple[Any, ...] = (), out: list[tuple[Any, ...]] | None = None,
           limit: int = 400) -> list[tuple[Any, ...]]:
    """The paths to every value in a JSON document (the first ``limit``)."""
    out = [] if out is None else out
    if len(out) >= limit:
        return out
    out.append(prefix)
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        _paths(child, (*prefix, key), out, limit)
    return out


def mutate_json(c: Chooser, doc: Any) -> Any:
    """One change to a parsed JSON document: a value replaced, a key dropped, added or renamed, an item
    doubled. Returns a new document (the input is not changed)."""
    doc = json.loads(json.dumps(doc))
    paths = _paths(doc)
    path = pick(c, paths)
    if not path:
        return pick(c, _odd_values())
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    op = c.below(6)
    if op == 0:
        parent[key] = pick(c, _odd_values())
    elif op == 1 and isinstance(parent, dict):
        del parent[key]
    elif op == 2 and isinstance(parent, dict):
        parent[pick(c, ("extra", "", "\x00", "signature", "seq", "capture_id", "x" * 200))] = pick(c, _odd_values())
    elif op == 3 and isinstance(parent, dict):
        parent[str(key).upper() + pick(c, ("", " ", "\u0301"))] = parent.pop(key)
    elif op == 4 and isinstance(parent, list):
        parent.insert(key, parent[key])
    elif isinstance(parent[key], str):
        text = parent[key]
        at = c.below(len(text) + 1)
        parent[key] = text[:at] + pick(c, ("0", "a", "Z", "\x00", "\u00e6", "\n", " ", "")) + text[at + 1:]
    elif isinstance(parent[key], int) and not isinstance(parent[key], bool):
        parent[key] = parent[key] + pick(c, (1, -1, 2**32, -(2**32)))
    else:
        parent[key] = pick(c, _odd_values())
    return doc
