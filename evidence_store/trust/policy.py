"""What a verifier trusts: the time-stamp roots and the signing keys it knows.

A time-stamp gives *trusted* time only when its chain ends at one of ``TrustPolicy.roots()``: the
public TSA roots Vidne ships (``resources/tsa/roots.pem``), roots the organisation lists
(``trusted_tsa_roots`` in its config.toml) and roots a recipient names (``vidne verify --tsa-root``).
A key is *known* when it is this store's own key, a key the organisation lists, a key a person
confirmed out of band (``vidne trust-key``), or one named for a single check (``--trust-key``).
Everything else is *unknown*. Nothing in a bundle can add to a policy: it is the verifier's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from cryptography import x509

from evidence_store.errors import StoreError
from evidence_store.files.fsutil import UnreadableFile, read_limited
from evidence_store.rfc3161 import certs as tsa_certs

MAX_ROOT_FILE = 1024 * 1024
_HEX64 = re.compile(r"[0-9a-f]{64}")

# Where a known key's trust comes from; shown beside its name.
THIS_STORE = "this store's own key"
ORGANISATION = "listed by the organisation"
CONFIRMED = "confirmed by a person"
NAMED = "named for this check"


class TrustSettingError(StoreError):
    """A trusted root or key given by a person or the organisation cannot be used (the message says why)."""


@dataclass(frozen=True)
class KnownKey:
    fingerprint: str
    name: str
    source: str               # one of THIS_STORE, ORGANISATION, CONFIRMED, NAMED


@dataclass(frozen=True)
class TrustPolicy:
    """The roots and keys one verification trusts. The default trusts only Vidne's shipped TSA roots."""

    tsa_roots: tuple[x509.Certificate, ...] = ()
    keys: Mapping[str, KnownKey] = field(default_factory=lambda: MappingProxyType({}))

    def roots(self) -> tuple[x509.Certificate, ...]:
        """Every root a time-stamp may lead to and be trusted: the shipped ones and this policy's own."""
        return (*tsa_certs.known_tsa_roots(), *self.tsa_roots)

    def key(self, fingerprint: str | None) -> KnownKey | None:
        return self.keys.get(fingerprint) if fingerprint else None

    def adding(self, *, roots: Iterable[x509.Certificate] = (), keys: Iterable[KnownKey] = ()) -> TrustPolicy:
        """A copy that also trusts ``roots`` and ``keys`` (a key already known keeps its first name)."""
        merged = dict(self.keys)
        for known in keys:
            merged.setdefault(known.fingerprint, known)
        return TrustPolicy((*self.tsa_roots, *roots), MappingProxyType(merged))


def parse_fingerprint(text: str) -> str:
    """A key fingerprint as Vidne writes it (64 lower-case hex digits) from what a person typed or read
    out (any case, with spaces or colons). TrustSettingError otherwise."""
    cleaned = re.sub(r"[\s:]", "", text).lower()
    if not _HEX64.fullmatch(cleaned):
        raise TrustSettingError(
            f"'{text[:80]}' is not a key fingerprint: a fingerprint is 64 hexadecimal characters "
            "(0-9, a-f), as Vidne shows it."
        )
    return cleaned


def load_root_file(path: Path) -> tuple[x509.Certificate, ...]:
    """The self-signed root certificates in a PEM file, for ``trusted_tsa_roots`` or ``--tsa-root``.
    TrustSettingError names the file and says what is wrong with it."""
    try:
        data = read_limited(Path(path), MAX_ROOT_FILE)
    except (UnreadableFile, OSError) as exc:
        raise TrustSettingError(f"The time-stamp root file {path} cannot be read ({exc}).") from exc
    try:
        certs = tsa_certs.load_pem_certificates(data)
    except ValueError as exc:
        raise TrustSettingError(
            f"The time-stamp root file {path} holds no readable certificate: it must be one or more "
            "certificates in PEM form (-----BEGIN CERTIFICATE-----)."
        ) from exc
    not_roots = [tsa_certs.describe(cert) for cert in certs if not tsa_certs.is_self_signed(cert)]
    if not_roots:
        raise TrustSettingError(
            f"The time-stamp root file {path} holds '{not_roots[0]}', which is not a root certificate "
            "(it is not self-signed). Give the authority's root certificate."
        )
    return tuple(certs)


def load_root_files(paths: Iterable[str | Path]) -> tuple[x509.Certificate, ...]:
    return tuple(cert for path in paths for cert in load_root_file(Path(path)))
