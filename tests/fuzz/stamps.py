"""Fuzz targets "tsa-token" and "tsa-chain": evidence_store.rfc3161.token.verify_token on a changed
timestamp.tsr (its DER changed node by node, or blindly) and on a changed tsa-chain.pem (certificates
dropped, doubled, reordered, changed, or swapped for an impostor with the same names and other keys,
corpus/tsa-chain/impostor.pem). The token and chain are the real ones of the time-stamped bundle in
tests/data/before-issue-10, made by the test TSA, whose root the check trusts.

An input is the token's DER (tsa-token) or the chain's PEM (tsa-chain). Property: verify_token never
raises; when it says ok, the time is the one the TSA signed, the same token does not verify over other
data, and a root it calls known is the trusted one (a chain may verify up to another root with the same
key: "ok" then, but not known, so the time is not trusted).
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Hashable
from pathlib import Path

from cryptography import x509

from evidence_store.rfc3161 import certs as tsa_certs
from evidence_store.rfc3161.token import TokenCheck, verify_token
from tests.fuzz import bundle
from tests.fuzz import mutate as m
from tests.fuzz.harness import CORPUS, Target, expect, shape
from tests.fuzz.mutate import Chooser, pick

_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----\r?\n.*?-----END CERTIFICATE-----\r?\n?", re.S)


def _stamped(name: str) -> bytes:
    return bundle.base_files(bundle.BASES[0])[name]


@functools.cache
def _root() -> x509.Certificate:
    return tsa_certs.load_pem_certificates(_stamped("tsa-chain.pem"))[-1]


@functools.cache
def _base_check() -> TokenCheck:
    result = _verify(_stamped("manifest.json"), _stamped("timestamp.tsr"), _stamped("tsa-chain.pem"))
    assert result.ok and result.root_known, result.problems
    return result


def _verify(data: bytes, tsr: bytes, chain: bytes | None) -> TokenCheck:
    return verify_token(data, tsr, chain, extra_roots=(_root(),))


def _judge(result: TokenCheck, tsr: bytes, chain: bytes | None) -> Hashable:
    if result.ok:
        base = _base_check()
        expect(result.claimed_time == base.claimed_time and result.trusted_time == base.claimed_time,
               f"verifies with the time {result.claimed_time}, not the signed {base.claimed_time}")
        if result.root_known:       # "ok" alone is not trust: a root other than the trusted one stays unknown
            expect(result.root_sha256 == base.root_sha256, f"trusts another root {result.root_name!r}")
        other = _verify(_stamped("manifest.json") + b" ", tsr, chain)
        expect(not other.ok, "the token also verifies over other data")
    return shape(result.problems + result.warnings)


# -- DER, node by node ------------------------------------------------------------------------------
def _nodes(der: bytes, limit: int = 2000) -> list[tuple[int, int, int]]:
    """(start, header length, content length) of every TLV in ``der`` that parses (constructed ones
    are descended into)."""
    out: list[tuple[int, int, int]] = []
    stack = [(0, len(der))]
    while stack and len(out) < limit:
        pos, end = stack.pop()
        while pos < end and len(out) < limit:
            head = _header(der, pos, end)
            if head is None:
                break
            hlen, clen = head
            out.append((pos, hlen, clen))
            if der[pos] & 0x20:
                stack.append((pos + hlen, pos + hlen + clen))
            pos += hlen + clen
    return out


def _header(der: bytes, pos: int, end: int) -> tuple[int, int] | None:
    if pos + 2 > end or der[pos] & 0x1F == 0x1F:
        return None
    first = der[pos + 1]
    if first < 0x80:
        hlen, clen = 2, first
    else:
        n = first & 0x7F
        if n == 0 or n > 4 or pos + 2 + n > end:
            return None
        hlen, clen = 2 + n, int.from_bytes(der[pos + 2:pos + 2 + n], "big")
    return (hlen, clen) if pos + hlen + clen <= end else None


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def mutate_der(c: Chooser, der: bytes) -> bytes:
    nodes = _nodes(der)
    if not nodes or c.below(4) == 0:
        return m.mutate_bytes(c, der)
    start, hlen, clen = pick(c, nodes)
    end = start + hlen + clen
    op = c.below(6)
    if op == 0:                                  # the node's length made to lie
        lie = pick(c, (0, clen + 1, max(0, clen - 1), 0x7FFFFFFF, 0x80))
        return der[:start + 1] + _length(lie) + der[start + hlen:]
    if op == 1:                                  # the node dropped
        return der[:start] + der[end:]
    if op == 2:                                  # the node doubled
        return der[:end] + der[start:end] + der[end:]
    if op == 3:                                  # another tag
        return der[:start] + bytes([pick(c, (0x02, 0x04, 0x05, 0x06, 0x0C, 0x17, 0x18, 0x30, 0x31, 0xA0, 0x80))]) + \
            der[start + 1:]
    if op == 4:                                  # its content changed, its length kept true
        content = m.mutate_bytes(c, der[start + hlen:end])
        return der[:start + 1] + _length(len(content)) + content + der[end:]
    other_start, other_hlen, other_clen = pick(c, nodes)   # swapped for another node
    return der[:start] + der[other_start:other_start + other_hlen + other_clen] + der[end:]


def check_token(data: bytes, scratch: Path) -> Hashable:
    chain = _stamped("tsa-chain.pem")
    return _judge(_verify(_stamped("manifest.json"), data, chain), data, chain)


def token_bases() -> list[bytes]:
    return [_stamped("timestamp.tsr")]


# -- the chain -----------------------------------------------------------------------------------------
def _pool() -> list[bytes]:
    impostor = (CORPUS / "tsa-chain" / "impostor.pem").read_bytes()
    return _PEM_BLOCK.findall(_stamped("tsa-chain.pem")) + _PEM_BLOCK.findall(impostor)


def mutate_chain(c: Chooser, pem: bytes) -> bytes:
    blocks = _PEM_BLOCK.findall(pem)
    op = c.below(5)
    if op == 0 or not blocks:
        return m.mutate_lines(c, pem) if c.below(2) else m.mutate_bytes(c, pem)
    i = c.below(len(blocks))
    if op == 1:
        blocks[i] = pick(c, _pool())             # a certificate swapped (an impostor's, maybe)
    elif op == 2:
        blocks.insert(c.below(len(blocks) + 1), pick(c, _pool()))
    elif op == 3:
        del blocks[i]
    else:                                        # a certificate's DER changed inside its PEM
        body = b"".join(blocks[i].splitlines()[1:-1])
        try:
            der = mutate_der(c, base64.b64decode(body))
        except ValueError:
            der = b""
        text = base64.encodebytes(der)
        blocks[i] = b"-----BEGIN CERTIFICATE-----\n" + text + b"-----END CERTIFICATE-----\n"
    return b"".join(blocks)


def check_chain(data: bytes, scratch: Path) -> Hashable:
    tsr = _stamped("timestamp.tsr")
    return _judge(_verify(_stamped("manifest.json"), tsr, data), tsr, data)


def chain_bases() -> list[bytes]:
    return [_stamped("tsa-chain.pem")]


TOKEN_TARGET = Target("tsa-token", ".tsr", token_bases, mutate_der, check_token, examples=60)
CHAIN_TARGET = Target("tsa-chain", ".pem", chain_bases, mutate_chain, check_chain, examples=40)
