"""Trusted time for a bundle: an RFC 3161 time-stamp over the exact bytes of manifest.json.

A time-stamp authority (TSA) signs the sha256 of manifest.json together with the time. The bundle
keeps the TSA's whole reply and its certificate chain, so anyone can check both without Vidne:

    timestamp.tsr   the TimeStampResp (DER), byte for byte as the TSA sent it
    tsa-chain.pem   the TSA's certificates in PEM, its signing certificate first, the self-signed
                    root last
    openssl ts -verify -data manifest.json -in timestamp.tsr -CAfile tsa-chain.pem

``request_token`` asks one TSA and checks the answer (status, nonce, imprint, signature, chain);
``request_token_any`` tries a list in turn; ``verify_token`` checks a stored stamp and never raises.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cryptography import x509
from rfc3161_client import HashAlgorithm, PKIStatus, TimestampRequestBuilder

from evidence_store.errors import StoreError
from evidence_store.rfc3161 import certs as tsa_certs
from evidence_store.rfc3161 import token as tsa_token
from evidence_store.rfc3161.token import TokenCheck, verify_token
from evidence_store.version import vidne_version

__all__ = [
    "DEFAULT_TSA_URLS",
    "ClockSkew",
    "NoTsaAnswered",
    "TimestampError",
    "TimestampToken",
    "TokenCheck",
    "TsaAddressInvalid",
    "TsaBadAnswer",
    "TsaMismatch",
    "TsaRefused",
    "TsaUnreachable",
    "clock_skew",
    "request_token",
    "request_token_any",
    "verify_token",
]

log = logging.getLogger(__name__)

# Free public TSAs, tried in this order (at most ``timeout`` seconds each). DigiCert and Sectigo run
# large, highly available services whose roots are in every OS trust store; freetsa.org is run from
# Germany. Their roots are in resources/tsa/roots.pem. DigiCert and Sectigo publish plain http
# addresses: that is safe, because the stamp is signed and carries our nonce, and a stamp under a
# root Vidne does not know is flagged.
DEFAULT_TSA_URLS: tuple[str, ...] = (
    "http://timestamp.digicert.com",
    "http://timestamp.sectigo.com",
    "https://freetsa.org/tsr",
)
MAX_RESPONSE_BYTES = 1024 * 1024
LARGE_CLOCK_SKEW_S = 5 * 60.0


class TimestampError(StoreError):
    """No usable time-stamp was obtained; ``str()`` says why and what to do."""


class TsaAddressInvalid(TimestampError):
    """The TSA address is not an http or https URL."""


class TsaUnreachable(TimestampError):
    """The TSA could not be reached, or did not answer in time."""


class TsaRefused(TimestampError):
    """The TSA answered, but refused (an HTTP error, or a reply whose status is not 'granted')."""


class TsaBadAnswer(TimestampError):
    """The TSA answered with something that is not a usable time-stamp."""


class TsaMismatch(TimestampError):
    """The TSA's time-stamp is not for this request (wrong nonce or wrong data)."""


class NoTsaAnswered(TimestampError):
    """None of the TSAs tried gave a time-stamp; ``failures`` holds one line per TSA."""

    def __init__(self, message: str, failures: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.failures = list(failures)


@dataclass(frozen=True)
class TimestampToken:
    """A checked time-stamp, ready to be written as timestamp.tsr and tsa-chain.pem.

    ``chain_complete``: tsa-chain.pem ends in a self-signed root, so openssl can check it.
    ``root_known``: that root is one Vidne ships or was given. ``problems`` says what falls short.
    """

    tsr_bytes: bytes
    chain_pem: bytes
    gen_time: dt.datetime
    tsa_name: str
    serial: int
    policy: str
    tsa_url: str
    chain_complete: bool
    root_known: bool
    problems: tuple[str, ...] = ()


class ClockSkew(NamedTuple):
    """``seconds``: the TSA's time minus the capture's own end time; ``large``: over 5 minutes apart."""

    seconds: float
    large: bool


def clock_skew(finished_at: dt.datetime | str, token_time: dt.datetime) -> ClockSkew:
    """How far the PC's clock (the capture's ``finished_at``, ISO 8601) is from the TSA's time.

    A few seconds after the capture is normal (sealing takes time); a large gap either way means the
    PC's clock was wrong, and the times the capture recorded should be read with that in mind.
    """
    if isinstance(finished_at, str):
        finished_at = dt.datetime.fromisoformat(finished_at)
    if finished_at.tzinfo is None or token_time.tzinfo is None:
        raise ValueError("both times must carry a time zone")
    seconds = (token_time - finished_at).total_seconds()
    return ClockSkew(seconds, abs(seconds) > LARGE_CLOCK_SKEW_S)


# --- asking a TSA ---


def _checked_url(url: str) -> str:
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TsaAddressInvalid(
            f"'{url[:200]}' is not a time-stamp authority address Vidne can use: it must start with "
            "http:// or https://. Check the time-stamp settings."
        )
    return url


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect becomes an HTTPError: a TSA that moved is reported, not followed


def _post(url: str, query: bytes, timeout: float) -> bytes:
    host = urllib.parse.urlsplit(url).hostname
    request = urllib.request.Request(  # noqa: S310 - _checked_url allows http and https only
        url,
        data=query,
        method="POST",
        headers={"Content-Type": "application/timestamp-query", "User-Agent": f"Vidne/{vidne_version()}"},
    )
    deadline = time.monotonic() + timeout
    slow = TsaUnreachable(f"The time-stamp authority {host} did not answer within {timeout:g} seconds.")
    try:
        with urllib.request.build_opener(_NoRedirects).open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length", "0")
            if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
                raise TsaBadAnswer(
                    f"The time-stamp authority {host} sent far too much data ({declared} bytes)."
                )
            body = bytearray()
            while chunk := response.read1(64 * 1024):  # one receive at a time: the deadline holds
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    raise TsaBadAnswer(f"The time-stamp authority {host} sent far too much data.")
                if time.monotonic() > deadline:
                    raise slow
            return bytes(body)
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400:
            where = str(exc.headers.get("Location", "another address"))[:200]
            raise TsaRefused(
                f"The time-stamp authority {host} has moved (it redirects to {where}). "
                "Put its new address in the time-stamp settings."
            ) from exc
        raise TsaRefused(
            f"The time-stamp authority {host} refused the request (HTTP {exc.code} {exc.reason})."
        ) from exc
    except TimeoutError as exc:
        raise slow from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise slow from exc
        raise TsaUnreachable(
            f"The time-stamp authority {host} cannot be reached ({exc.reason}). "
            "Check the internet connection, or the proxy settings."
        ) from exc
    except (http.client.HTTPException, OSError) as exc:
        raise TsaUnreachable(f"The connection to the time-stamp authority {host} broke ({exc}).") from exc


def request_token(
    data: bytes, tsa_url: str, *, timeout: float = 15.0, extra_roots: Sequence[x509.Certificate] = ()
) -> TimestampToken:
    """Ask the TSA at ``tsa_url`` to stamp the sha256 of ``data`` (the bytes of manifest.json).

    The answer must be granted, carry our nonce and imprint, be signed by a time-stamping certificate
    and verify. Its root is looked up in the token, then in the shipped TSA roots and
    ``extra_roots``. Raises a TimestampError subclass with a message for the person.
    """
    url = _checked_url(tsa_url)
    host = urllib.parse.urlsplit(url).hostname
    request = (
        TimestampRequestBuilder()
        .data(data)
        .hash_algorithm(HashAlgorithm.SHA256)
        .nonce(nonce=True)
        .cert_request(cert_request=True)
        .build()
    )
    raw = _post(url, request.as_bytes(), timeout)
    garbage = TsaBadAnswer(
        f"The time-stamp authority {host} answered with something that is not a time-stamp."
    )
    try:
        response = tsa_token.parse_response(raw)
        status = response.status
        if status != PKIStatus.GRANTED:
            said = "; ".join(response.status_string)[:200]
            detail = f"status {status}: {said}" if said else f"status {status}"
            raise TsaRefused(f"The time-stamp authority {host} refused to stamp ({detail}).")
        info = response.tst_info
        if info.nonce != request.nonce:
            raise TsaMismatch(
                f"The time-stamp authority {host} answered another request (the nonce does not match). "
                "Something between Vidne and the TSA may be interfering."
            )
        imprint = info.message_imprint
        if (
            imprint.hash_algorithm.dotted_string != "2.16.840.1.101.3.4.2.1"
            or imprint.message != hashlib.sha256(data).digest()
        ):
            raise TsaMismatch(f"The time-stamp authority {host} stamped other data than Vidne sent.")
        token_certs = tsa_certs.load_der_certificates(response.signed_data.certificates)
        signer = tsa_token.signer_of(response, token_certs)
        gen_time, serial, policy = tsa_token.utc(info.gen_time), info.serial_number, info.policy.dotted_string
    except tsa_token.UNREADABLE as exc:
        raise garbage from exc
    if signer is None:
        raise TsaBadAnswer(
            f"The time-stamp authority {host} did not send its certificate, so the stamp cannot be checked."
        )
    roots = (*tsa_certs.known_tsa_roots(), *extra_roots)
    chain = tsa_certs.build_chain(signer, token_certs, roots)
    chain_pem = tsa_certs.to_pem(chain.certs)
    problems: list[str] = []
    root_known = False
    if chain.root is not None:
        check = verify_token(data, raw, chain_pem)
        if not check.ok:
            raise TsaBadAnswer(f"The time-stamp from {host} does not check out: {check.problems[0]}")
        root_known = tsa_certs.is_known_root(chain.root, roots)
        if not root_known:
            problems.append(
                f"The time-stamp authority's root certificate ({tsa_certs.describe(chain.root)}, sha256 "
                f"{tsa_certs.sha256_fingerprint(chain.root)}) is not one Vidne knows. Confirm that "
                "fingerprint with the time-stamp authority before relying on the time."
            )
    else:
        if not tsa_certs.has_timestamping_eku(signer):
            raise TsaBadAnswer(f"The time-stamp from {host} was not signed with a time-stamping certificate.")
        problems.append(
            f"The time-stamp authority {host} did not send its root certificate, and Vidne does not know it, "
            f"so tsa-chain.pem ends at '{tsa_certs.describe(chain.certs[-1])}'. Neither Vidne nor "
            "'openssl ts -verify -CAfile tsa-chain.pem' can check the stamp until that root, fetched from "
            "the authority and its fingerprint confirmed, is added at the end of tsa-chain.pem."
        )
    log.info("time-stamp from %s: %s, serial %s", host, gen_time.isoformat(), serial)
    return TimestampToken(
        tsr_bytes=raw,
        chain_pem=chain_pem,
        gen_time=gen_time,
        tsa_name=tsa_token.tsa_name_of(response, signer),
        serial=serial,
        policy=policy,
        tsa_url=url,
        chain_complete=chain.complete,
        root_known=root_known,
        problems=tuple(problems),
    )


def request_token_any(
    data: bytes,
    urls: Sequence[str] = DEFAULT_TSA_URLS,
    timeout: float = 15.0,
    *,
    extra_roots: Sequence[x509.Certificate] = (),
) -> TimestampToken:
    """Try each TSA in turn; return the first stamp whose chain ends at a known root.

    When no TSA gives that, the best stamp is returned (a complete chain over an incomplete one,
    then the earlier TSA) with its problems; when none gives a stamp, NoTsaAnswered lists why.
    """
    failures: list[str] = []
    fallback: TimestampToken | None = None
    for url in urls:
        try:
            token = request_token(data, url, timeout=timeout, extra_roots=extra_roots)
        except TimestampError as exc:
            log.info("no time-stamp from %s: %s", url, exc)
            failures.append(f"{url}: {exc}")
            continue
        if token.chain_complete and token.root_known:
            return token
        if fallback is None or (token.chain_complete and not fallback.chain_complete):
            fallback = token
    if fallback is not None:
        return fallback
    if not failures:
        raise NoTsaAnswered("No time-stamp authority is set up. Add one in the time-stamp settings.")
    raise NoTsaAnswered(
        "No time-stamp authority gave a time-stamp, so the bundle has no trusted time:\n"
        + "\n".join(failures),
        failures,
    )
