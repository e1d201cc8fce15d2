"""Searching every byte Vidne wrote for a secret, including inside zips, gzip streams and MHTML parts."""

from __future__ import annotations

import email
import email.policy
import gzip
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path


def _expand(name: str, data: bytes, depth: int = 0) -> Iterator[tuple[str, bytes]]:
    yield name, data
    if depth > 4:
        return
    if data[:2] == b"\x1f\x8b":
        try:
            yield from _expand(name + "|gunzip", gzip.decompress(data), depth + 1)
        except (OSError, EOFError):
            pass
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for member in zf.namelist():
                yield from _expand(f"{name}|{member}", zf.read(member), depth + 1)
    if data.startswith(b"%PDF"):          # the custody report: every compressed stream, inflated
        for n, stream in enumerate(re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL)):
            try:
                yield f"{name}|stream{n}", zlib.decompress(stream)
            except zlib.error:
                pass
    if data.startswith(b"From: <Saved by Blink>"):
        message = email.message_from_bytes(data, policy=email.policy.default)
        for n, part in enumerate(message.walk()):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                yield f"{name}|part{n}", payload


def every_byte(root: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) for every file under ``root`` (or ``root`` itself), and everything packed inside."""
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in files:
        yield from _expand(str(path), path.read_bytes())


def find_secrets(root: Path, secrets: list[str]) -> list[str]:
    """Where any of ``secrets`` occurs (empty when none does)."""
    found = []
    for name, data in every_byte(root):
        for secret in secrets:
            if secret.encode() in data:
                found.append(f"{secret[:8]}… in {name}")
    return found
