"""Certificates around an RFC 3161 time-stamp: reading them out of a token, building the TSA's chain
to a root, and the small list of public TSA roots Vidne ships (``resources/tsa/roots.pem``).

``openssl ts -verify -CAfile tsa-chain.pem`` trusts every certificate in that file but still needs a
chain that ends in a self-signed root, so the chain Vidne writes runs from the TSA's signing
certificate up to and including that root.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources as _resources

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

log = logging.getLogger(__name__)

MAX_CHAIN_LENGTH = 8
# What reading a hostile certificate's fields can raise.
CERT_ERRORS = (
    ValueError,
    TypeError,
    UnsupportedAlgorithm,
    x509.DuplicateExtension,
    x509.UnsupportedGeneralNameType,
    x509.InvalidVersion,
)
_SIGNED_DATA_CERTIFICATES = 0xA0  # SignedData.certificates: [0] IMPLICIT CertificateSet


# --- a little DER, to put a token's certificates into the order strict parsers expect ---


def _tlv(der: bytes, pos: int, limit: int) -> tuple[int, int, int]:
    """(tag, start, end) of the value of the DER element at ``pos``; ValueError when malformed."""
    if pos + 2 > limit:
        raise ValueError("truncated DER")
    tag, first = der[pos], der[pos + 1]
    if first < 0x80:
        start, length = pos + 2, first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or pos + 2 + count > limit:
            raise ValueError("bad DER length")
        start = pos + 2 + count
        length = int.from_bytes(der[pos + 2 : start], "big")
    if start + length > limit:
        raise ValueError("truncated DER")
    return tag, start, start + length


def _children(der: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(tag, element start, value start, value end) of each element between start and end."""
    out = []
    pos = start
    while pos < end:
        tag, value_start, value_end = _tlv(der, pos, end)
        out.append((tag, pos, value_start, value_end))
        pos = value_end
    return out


def with_sorted_certificates(tsr: bytes) -> bytes:
    """A copy of a TimeStampResp whose SignedData certificates are in DER (sorted) order.

    RFC 5652 makes ``certificates`` a SET, which DER sorts; OpenSSL-based TSAs write it in chain
    order, and ``rfc3161-client`` refuses that. The certificates are not covered by the TSA's
    signature, and sorting only permutes them (no length changes), so the copy verifies exactly as
    the original does. The original bytes are what Vidne stores. Returns ``tsr`` unchanged when the
    structure is not what is expected; the parser then reports the problem.
    """
    try:
        _, start, end = _tlv(tsr, 0, len(tsr))
        parts = _children(tsr, start, end)
        if len(parts) < 2:
            return tsr
        _, _, token_start, token_end = parts[1]  # timeStampToken ContentInfo
        token = _children(tsr, token_start, token_end)
        _, _, explicit_start, explicit_end = token[1]  # [0] EXPLICIT content
        _, signed_start, signed_end = _tlv(tsr, explicit_start, explicit_end)
        for tag, _, value_start, value_end in _children(tsr, signed_start, signed_end):
            if tag == _SIGNED_DATA_CERTIFICATES:
                certs = [tsr[pos:stop] for _, pos, _, stop in _children(tsr, value_start, value_end)]
                return tsr[:value_start] + b"".join(sorted(certs)) + tsr[value_end:]
    except (ValueError, IndexError):
        return tsr
    return tsr


# --- certificates ---


def load_der_certificates(ders: Iterable[bytes]) -> list[x509.Certificate]:
    """The X.509 certificates among ``ders``; anything else (attribute certificates, junk) is skipped."""
    certs = []
    for der in ders:
        try:
            certs.append(x509.load_der_x509_certificate(der))
        except CERT_ERRORS:
            log.debug("skipping a certificate in a time-stamp that cannot be read")
    return certs


def load_pem_certificates(pem: bytes) -> list[x509.Certificate]:
    """The certificates in a PEM file; ValueError when there are none or one is damaged."""
    return x509.load_pem_x509_certificates(pem)


def to_pem(certs: Sequence[x509.Certificate]) -> bytes:
    return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certs)


def sha256_fingerprint(cert: x509.Certificate) -> str:
    """Hex sha256 of the certificate's DER (what ``openssl x509 -fingerprint -sha256`` shows)."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def describe(cert: x509.Certificate) -> str:
    """The certificate's subject, for people: its common name, else the whole RFC 4514 string."""
    try:
        names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        if names and isinstance(names[0].value, str):
            return names[0].value[:200]
        return cert.subject.rfc4514_string()[:200]
    except CERT_ERRORS:
        return "a certificate whose name cannot be read"


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """True when ``issuer``'s name and key signed ``cert``."""
    try:
        cert.verify_directly_issued_by(issuer)
    except (InvalidSignature, *CERT_ERRORS):
        return False
    return True


def is_self_signed(cert: x509.Certificate) -> bool:
    """A root: issued by itself. Like OpenSSL, a root's own signature in an algorithm that can no longer
    be checked (old roots are self-signed with SHA-1) does not matter; its key identifiers must agree."""
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
        return True
    except InvalidSignature:
        return False
    except CERT_ERRORS:
        pass
    try:
        authority = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
        subject = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return True
    except CERT_ERRORS:
        return False
    return authority is None or authority == subject


def has_timestamping_eku(cert: x509.Certificate) -> bool:
    """RFC 3161 2.3: the TSA's certificate has exactly one, critical, extended key usage: timeStamping."""
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except (x509.ExtensionNotFound, *CERT_ERRORS):
        return False
    return eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]


def find_signer(
    certs: Iterable[x509.Certificate], issuer: x509.Name, serial_number: int
) -> x509.Certificate | None:
    for cert in certs:
        if cert.issuer == issuer and cert.serial_number == serial_number:
            return cert
    return None


@dataclass(frozen=True)
class Chain:
    """The path from a TSA's signing certificate upwards. ``complete``: it ends in a self-signed root."""

    certs: tuple[x509.Certificate, ...]
    complete: bool

    @property
    def root(self) -> x509.Certificate | None:
        return self.certs[-1] if self.complete else None


def _issuer_among(cert: x509.Certificate, candidates: Iterable[x509.Certificate]) -> x509.Certificate | None:
    for candidate in candidates:
        if candidate.subject == cert.issuer and issued_by(cert, candidate):
            return candidate
    return None


def build_chain(
    signer: x509.Certificate, pool: Sequence[x509.Certificate], anchors: Sequence[x509.Certificate]
) -> Chain:
    """Walk from ``signer`` to a root through ``pool`` (e.g. the token's certificates).

    Self-signed ``anchors`` are preferred over pool certificates with the same name, so a TSA that
    sends a cross-signed copy of its root (DigiCert, Sectigo) still ends at the self-signed root.
    """
    roots = [cert for cert in anchors if is_self_signed(cert)]
    chain = [signer]
    seen = {sha256_fingerprint(signer)}
    current = signer
    while len(chain) <= MAX_CHAIN_LENGTH:
        if is_self_signed(current):
            return Chain(tuple(chain), complete=True)
        issuer = _issuer_among(current, roots) or _issuer_among(current, [*pool, *anchors])
        if issuer is None or sha256_fingerprint(issuer) in seen:
            break
        chain.append(issuer)
        seen.add(sha256_fingerprint(issuer))
        current = issuer
    return Chain(tuple(chain), complete=False)


@functools.cache
def known_tsa_roots() -> tuple[x509.Certificate, ...]:
    """The public TSA roots shipped in ``resources/tsa/roots.pem`` (sources in its README)."""
    try:
        pem = _resources.files("resources").joinpath("tsa", "roots.pem").read_bytes()
        return tuple(load_pem_certificates(pem))
    except (OSError, ValueError, ModuleNotFoundError) as exc:
        log.warning("the shipped list of time-stamp authority roots cannot be read: %s", exc)
        return ()


def is_known_root(cert: x509.Certificate | None, roots: Sequence[x509.Certificate]) -> bool:
    return cert is not None and any(cert == root for root in roots)
