"""Reading and checking a stored RFC 3161 time-stamp (timestamp.tsr) against its chain (tsa-chain.pem).

``verify_token`` does what ``openssl ts -verify -data manifest.json -in timestamp.tsr -CAfile
tsa-chain.pem`` does, and says in words what is wrong. It never raises on damaged input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography import x509
from rfc3161_client import (
    PKIStatus,
    TimeStampResponse,
    VerificationError,
    VerifierBuilder,
    decode_timestamp_response,
)

from evidence_store.rfc3161 import certs as tsa_certs

log = logging.getLogger(__name__)

HASHES = {
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
}
# What parsing or checking hostile bytes can raise, in rfc3161-client and cryptography.
UNREADABLE = (OverflowError, IndexError, KeyError, *tsa_certs.CERT_ERRORS)


@dataclass
class TokenCheck:
    """What ``verify_token`` found. ``trusted_time`` is set only when ``ok``."""

    ok: bool = False
    trusted_time: dt.datetime | None = None
    tsa_name: str | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    claimed_time: dt.datetime | None = None
    root_name: str | None = None
    root_sha256: str | None = None
    root_known: bool = False


def parse_response(tsr: bytes) -> TimeStampResponse:
    return decode_timestamp_response(tsa_certs.with_sorted_certificates(tsr))


def signer_of(response: TimeStampResponse, certs: Sequence[x509.Certificate]) -> x509.Certificate | None:
    infos = list(response.signed_data.signer_infos)
    if len(infos) != 1:
        return None
    return tsa_certs.find_signer(certs, infos[0].issuer, infos[0].serial_number)


def tsa_name_of(response: TimeStampResponse, signer: x509.Certificate | None) -> str:
    """The signing certificate's subject, else the token's own TSA name field."""
    try:
        if signer is not None:
            return signer.subject.rfc4514_string()[:300]
        value = getattr(response.tst_info.name, "value", None)
        if isinstance(value, x509.Name):
            return value.rfc4514_string()[:300]
    except UNREADABLE:
        value = None
    return str(value)[:300] if value else "an unnamed time-stamp authority"


def utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def verify_token(
    data: bytes,
    tsr_bytes: bytes,
    chain_pem: bytes | None,
    *,
    data_name: str = "manifest.json",
    extra_roots: Sequence[x509.Certificate] = (),
) -> TokenCheck:
    """Check timestamp.tsr over ``data`` against tsa-chain.pem, as ``openssl ts -verify`` would.

    Checks: the reply parses and was granted; its imprint is the hash of ``data``; the TSA's
    certificate has the timeStamping purpose and leads, within tsa-chain.pem, to a self-signed root;
    the TSA's signature verifies (certificates valid at the stamped time). Never raises on bad input.
    ``root_known`` says whether the root is a shipped public TSA root or one of ``extra_roots``; ``ok``
    alone does not make the time trusted (see evidence_store/trust/verdict.py).
    """
    result = TokenCheck()
    try:
        _verify_into(
            result, data, tsr_bytes, chain_pem, data_name, (*tsa_certs.known_tsa_roots(), *extra_roots)
        )
    except UNREADABLE as exc:
        log.debug("timestamp.tsr cannot be read: %s", exc)
        result.problems.append("timestamp.tsr is damaged or is not a time-stamp: it cannot be read.")
    result.ok = not result.problems
    result.trusted_time = result.claimed_time if result.ok else None
    return result


def _verify_into(
    result: TokenCheck,
    data: bytes,
    tsr: bytes,
    chain_pem: bytes | None,
    data_name: str,
    known_roots: Sequence[x509.Certificate],
) -> None:
    response = parse_response(tsr)
    if response.status != PKIStatus.GRANTED:
        result.problems.append(
            f"timestamp.tsr holds no time-stamp: the authority refused (status {response.status})."
        )
        return
    info = response.tst_info
    result.claimed_time = utc(info.gen_time)
    algorithm = HASHES.get(info.message_imprint.hash_algorithm.dotted_string)
    if algorithm is None:
        result.problems.append("timestamp.tsr uses a fingerprint algorithm Vidne cannot check.")
    elif info.message_imprint.message != hashlib.new(algorithm, data).digest():
        result.problems.append(
            f"timestamp.tsr was made for other data: it does not stamp the {algorithm} of {data_name}. "
            f"Either {data_name} changed after it was stamped, or the stamp belongs to another bundle."
        )
    token_certs = tsa_certs.load_der_certificates(response.signed_data.certificates)
    chain_certs = _read_chain(chain_pem, result)
    signer = signer_of(response, [*token_certs, *chain_certs])
    result.tsa_name = tsa_name_of(response, signer)
    if signer is None:
        result.problems.append(
            "Neither timestamp.tsr nor tsa-chain.pem holds the certificate of the authority that signed "
            "the stamp."
        )
        return
    if not tsa_certs.has_timestamping_eku(signer):
        result.problems.append(
            f"timestamp.tsr was signed by '{tsa_certs.describe(signer)}', which is not a time-stamping "
            "certificate (it lacks the critical timeStamping extended key usage)."
        )
    if not chain_certs:
        return
    chain = tsa_certs.build_chain(signer, token_certs, chain_certs)
    root = chain.root
    if root is None or not tsa_certs.is_known_root(root, chain_certs):
        missing = (
            tsa_certs.describe(root) if root else f"the issuer of '{tsa_certs.describe(chain.certs[-1])}'"
        )
        result.problems.append(
            f"tsa-chain.pem does not lead from the authority's certificate to a root: {missing} is not in it."
        )
        return
    result.root_name, result.root_sha256 = tsa_certs.describe(root), tsa_certs.sha256_fingerprint(root)
    result.root_known = tsa_certs.is_known_root(root, known_roots)
    if not result.problems:
        _check_signature(result, response, data, chain)
    if not result.problems and signer not in token_certs:
        result.warnings.append(
            "timestamp.tsr does not carry the authority's certificate; openssl needs it given separately: "
            "add '-untrusted tsa-chain.pem' to the 'openssl ts -verify' command."
        )


def _read_chain(chain_pem: bytes | None, result: TokenCheck) -> list[x509.Certificate]:
    if not chain_pem:
        result.problems.append(
            "tsa-chain.pem is missing, so the authority's certificate cannot be traced to a root."
        )
        return []
    try:
        return tsa_certs.load_pem_certificates(chain_pem)
    except ValueError:
        result.problems.append("tsa-chain.pem is damaged: it holds no readable certificates.")
        return []


def _check_signature(
    result: TokenCheck, response: TimeStampResponse, data: bytes, chain: tsa_certs.Chain
) -> None:
    verifier = VerifierBuilder(
        tsa_certificate=chain.certs[0], intermediates=list(chain.certs[1:-1]), roots=[chain.certs[-1]]
    ).build()
    try:
        verifier.verify_message(response, data)
    except (VerificationError, ValueError) as exc:
        log.debug("time-stamp signature check failed: %s", exc)
        result.problems.append(
            "timestamp.tsr has been altered or damaged: the time-stamp authority's signature over it does "
            "not verify (or a certificate in tsa-chain.pem was not valid at the stamped time)."
        )
        return
    now = dt.datetime.now(dt.UTC)
    expired = [cert for cert in chain.certs if cert.not_valid_after_utc < now]
    if expired and result.claimed_time is not None:
        result.warnings.append(
            f"The certificate '{tsa_certs.describe(expired[0])}' has expired since the stamp was made. The "
            "stamp stays valid, but openssl checks today's date: add '-attime "
            f"{int(result.claimed_time.timestamp())}' to the 'openssl ts -verify' command."
        )
