"""RFC 3161 time-stamps against a real local TSA (openssl ts -reply), checked with the real openssl."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509

from evidence_store.errors import StoreError
from evidence_store.rfc3161 import certs as tsa_certs
from evidence_store.rfc3161 import client as ts
from tests.support.tsa_server import TSA_POLICY, RunningTsa, closed_port_url, make_tsa_pki, running_tsa

MANIFEST = b'{\n  "format": "vidne-evidence-bundle",\n  "capture_id": "20261121T101530Z-3f9a1c2b"\n}\n'


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningTsa]:
    with running_tsa(tmp_path_factory.mktemp("tsa")) as running:
        yield running


@pytest.fixture(scope="module")
def token(tsa: RunningTsa) -> ts.TimestampToken:
    return ts.request_token(MANIFEST, tsa.url("ok"), timeout=10, extra_roots=[tsa.pki.root_cert])


def openssl_verify(
    folder: Path, manifest: bytes, tsr: bytes, chain_pem: bytes
) -> subprocess.CompletedProcess[str]:
    """Write the three files as a bundle holds them and run the command VERIFY.txt gives."""
    (folder / "manifest.json").write_bytes(manifest)
    (folder / "timestamp.tsr").write_bytes(tsr)
    (folder / "tsa-chain.pem").write_bytes(chain_pem)
    return subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-data",
            "manifest.json",
            "-in",
            "timestamp.tsr",
            "-CAfile",
            "tsa-chain.pem",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=30,
    )


# --- a good stamp ---


def test_token_from_the_local_tsa_verifies_with_openssl(
    tsa: RunningTsa, token: ts.TimestampToken, tmp_path: Path
) -> None:
    assert token.tsr_bytes in tsa.server.replies  # kept byte for byte as the TSA sent it
    assert token.chain_complete and token.root_known and token.problems == ()
    assert tsa_certs.load_pem_certificates(token.chain_pem) == [
        tsa.pki.tsa_cert,
        tsa.pki.intermediate_cert,
        tsa.pki.root_cert,
    ]
    result = openssl_verify(tmp_path, MANIFEST, token.tsr_bytes, token.chain_pem)
    assert result.returncode == 0, result.stderr
    assert "Verification: OK" in result.stdout


def test_token_fields(tsa: RunningTsa) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(seconds=2)
    token = ts.request_token(MANIFEST, tsa.url("ok"), timeout=10, extra_roots=[tsa.pki.root_cert])
    after = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
    assert before <= token.gen_time <= after
    assert token.gen_time.utcoffset() == dt.timedelta(0)
    assert "CN=Vidne Test TSA" in token.tsa_name
    assert token.policy == TSA_POLICY
    assert token.serial > 0
    assert token.tsa_url == tsa.url("ok")


def test_verify_token_gives_the_trusted_time(tsa: RunningTsa, token: ts.TimestampToken) -> None:
    check = ts.verify_token(MANIFEST, token.tsr_bytes, token.chain_pem, extra_roots=[tsa.pki.root_cert])
    assert check.ok, check.problems
    assert check.trusted_time == token.gen_time
    assert check.tsa_name == token.tsa_name
    assert check.problems == [] and check.warnings == []
    assert check.root_name == "Vidne Test Root CA" and check.root_known
    assert check.root_sha256 == tsa_certs.sha256_fingerprint(tsa.pki.root_cert)


def test_a_root_vidne_does_not_know_verifies_but_is_not_known(token: ts.TimestampToken) -> None:
    """The token itself is sound; whether its time is trusted is the verdict's answer (trust/verdict.py)."""
    check = ts.verify_token(MANIFEST, token.tsr_bytes, token.chain_pem)
    assert check.ok and not check.root_known and check.root_name == "Vidne Test Root CA"


@pytest.mark.parametrize("mode", ["with-root", "cross-signed", "ess-chain"])
def test_other_reply_shapes_verify_with_openssl(tsa: RunningTsa, tmp_path: Path, mode: str) -> None:
    token = ts.request_token(MANIFEST, tsa.url(mode), timeout=10, extra_roots=[tsa.pki.root_cert])
    assert token.chain_complete and token.root_known
    assert tsa_certs.load_pem_certificates(token.chain_pem)[-1] == tsa.pki.root_cert  # self-signed wins
    assert openssl_verify(tmp_path, MANIFEST, token.tsr_bytes, token.chain_pem).returncode == 0


def test_cross_signed_root_leads_to_the_older_root_when_only_that_is_known(
    tsa: RunningTsa, tmp_path: Path
) -> None:
    token = ts.request_token(
        MANIFEST, tsa.url("cross-signed"), timeout=10, extra_roots=[tsa.pki.old_root_cert]
    )
    chain = tsa_certs.load_pem_certificates(token.chain_pem)
    assert chain[-2:] == [tsa.pki.cross_signed_root_cert, tsa.pki.old_root_cert]
    assert token.chain_complete and token.root_known
    assert openssl_verify(tmp_path, MANIFEST, token.tsr_bytes, token.chain_pem).returncode == 0


# --- the root is not in the reply and not known ---


def test_missing_root_is_said_plainly(tsa: RunningTsa) -> None:
    token = ts.request_token(MANIFEST, tsa.url("ok"), timeout=10)
    assert not token.chain_complete and not token.root_known
    assert "root certificate" in token.problems[0] and "tsa-chain.pem" in token.problems[0]
    check = ts.verify_token(MANIFEST, token.tsr_bytes, token.chain_pem)
    assert not check.ok and "tsa-chain.pem" in check.problems[0]


def test_unknown_root_sent_by_the_tsa_is_kept_but_flagged(tsa: RunningTsa, tmp_path: Path) -> None:
    token = ts.request_token(MANIFEST, tsa.url("with-root"), timeout=10)
    assert token.chain_complete and not token.root_known
    assert tsa_certs.sha256_fingerprint(tsa.pki.root_cert) in token.problems[0]
    assert openssl_verify(tmp_path, MANIFEST, token.tsr_bytes, token.chain_pem).returncode == 0


# --- verify_token on bad input ---


def test_token_for_other_data_is_not_ok(token: ts.TimestampToken, tmp_path: Path) -> None:
    other = MANIFEST.replace(b"3f9a1c2b", b"3f9a1c2c")
    check = ts.verify_token(other, token.tsr_bytes, token.chain_pem)
    assert not check.ok and check.trusted_time is None
    assert "timestamp.tsr" in check.problems[0] and "manifest.json" in check.problems[0]
    assert openssl_verify(tmp_path, other, token.tsr_bytes, token.chain_pem).returncode != 0


def _flipped(data: bytes, index: int) -> bytes:
    changed = bytearray(data)
    changed[index] ^= 0x01
    return bytes(changed)


def test_damaged_tokens_never_pass_what_openssl_fails(token: ts.TimestampToken, tmp_path: Path) -> None:
    caught = 0
    tsr = token.tsr_bytes
    for index in range(0, len(tsr), max(1, len(tsr) // 40)):
        damaged = _flipped(tsr, index)
        check = ts.verify_token(MANIFEST, damaged, token.chain_pem, extra_roots=[tsa_certs.load_pem_certificates(
            token.chain_pem)[-1]])
        openssl_ok = openssl_verify(tmp_path, MANIFEST, damaged, token.chain_pem).returncode == 0
        if not openssl_ok:   # a byte that matters: never a time, always said why
            assert not check.ok and check.trusted_time is None and check.problems, index
            caught += 1
        elif check.ok:       # harmless spots exist (e.g. inside the certificates, which are not signed)
            assert check.trusted_time == token.gen_time and check.root_known, index
        assert check.ok == (not check.problems) and (check.trusted_time is not None) == check.ok, index
    assert caught >= 20      # most of a token is signed: the loop really damaged what matters


def test_damage_to_signed_parts_is_caught(token: ts.TimestampToken) -> None:
    tsr = token.tsr_bytes
    digest_at = tsr.index(hashlib.sha256(MANIFEST).digest())
    for index in (digest_at, digest_at + 31, len(tsr) - 1, len(tsr) - 10):
        check = ts.verify_token(MANIFEST, _flipped(tsr, index), token.chain_pem)
        assert not check.ok
        assert any("timestamp.tsr" in problem for problem in check.problems)


@pytest.mark.parametrize("cut", [0, 1, 2, 10, 100, -100, -1])
def test_truncated_tokens_are_not_ok(token: ts.TimestampToken, cut: int) -> None:
    check = ts.verify_token(MANIFEST, token.tsr_bytes[:cut], token.chain_pem)
    assert not check.ok
    assert "timestamp.tsr" in check.problems[0]


@pytest.mark.parametrize(
    "garbage", [b"", os.urandom(600), b"\x30\x82\xff\xff" + os.urandom(50), b"-----BEGIN CERTIFICATE-----\n"]
)
def test_garbage_never_raises(token: ts.TimestampToken, garbage: bytes) -> None:
    for tsr, chain in ((garbage, token.chain_pem), (token.tsr_bytes, garbage), (garbage, garbage)):
        check = ts.verify_token(MANIFEST, tsr, chain)
        assert not check.ok and check.problems and check.trusted_time is None


def test_wrong_chain_names_tsa_chain_pem(tsa: RunningTsa, token: ts.TimestampToken, tmp_path: Path) -> None:
    stranger = make_tsa_pki(tmp_path / "stranger", label="Stranger")
    no_root = tsa_certs.to_pem([tsa.pki.tsa_cert, tsa.pki.intermediate_cert])
    for chain in (stranger.chain_pem, stranger.root_pem.read_bytes(), no_root, None, b"not a certificate"):
        check = ts.verify_token(MANIFEST, token.tsr_bytes, chain)
        assert not check.ok
        assert "tsa-chain.pem" in check.problems[0], check.problems
    result = openssl_verify(tmp_path, MANIFEST, token.tsr_bytes, stranger.chain_pem)
    assert result.returncode != 0


def test_a_chain_from_the_same_tsa_but_only_the_root_verifies(
    tsa: RunningTsa, token: ts.TimestampToken
) -> None:
    check = ts.verify_token(MANIFEST, token.tsr_bytes, tsa.pki.root_pem.read_bytes())
    assert check.ok, check.problems  # the token carries the signer and the intermediate, like openssl allows


# --- a TSA that fails ---


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("refuse", ts.TsaRefused),
        ("rejection", ts.TsaRefused),
        ("garbage", ts.TsaBadAnswer),
        ("no-certs", ts.TsaBadAnswer),
        ("other-data", ts.TsaMismatch),
        ("wrong-nonce", ts.TsaMismatch),
    ],
)
def test_tsa_failures_raise_readable_errors(
    tsa: RunningTsa, mode: str, error: type[ts.TimestampError]
) -> None:
    with pytest.raises(error) as caught:
        ts.request_token(MANIFEST, tsa.url(mode), timeout=10, extra_roots=[tsa.pki.root_cert])
    assert isinstance(caught.value, StoreError)
    assert "127.0.0.1" in str(caught.value)


def test_tsa_down() -> None:
    started = time.monotonic()
    with pytest.raises(ts.TsaUnreachable, match="cannot be reached"):
        ts.request_token(MANIFEST, closed_port_url(), timeout=2)
    assert time.monotonic() - started < 2


def test_tsa_that_hangs_times_out(tsa: RunningTsa) -> None:
    started = time.monotonic()
    with pytest.raises(ts.TsaUnreachable, match=r"did not answer within 0\.5 seconds"):
        ts.request_token(MANIFEST, tsa.url("hang"), timeout=0.5)
    assert time.monotonic() - started < 3


def test_the_test_tsa_shuts_down_cleanly_with_a_request_hanging(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    with running_tsa(tmp_path) as local:
        with pytest.raises(ts.TsaUnreachable):
            ts.request_token(MANIFEST, local.url("hang"), timeout=0.3)
    assert [thread for thread in threading.enumerate() if thread not in before] == []


def test_tsa_that_drips_times_out(tsa: RunningTsa) -> None:
    started = time.monotonic()
    with pytest.raises(ts.TsaUnreachable, match="did not answer within"):
        ts.request_token(MANIFEST, tsa.url("drip"), timeout=0.5)
    assert time.monotonic() - started < 3


def test_tsa_that_sends_too_much(tsa: RunningTsa) -> None:
    with pytest.raises(ts.TsaBadAnswer, match="far too much data"):
        ts.request_token(MANIFEST, tsa.url("huge"), timeout=5)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/tsr", "file:///etc/passwd", "timestamp.digicert.com", "", "http://"]
)
def test_only_http_and_https_addresses(url: str) -> None:
    with pytest.raises(ts.TsaAddressInvalid, match="http:// or https://"):
        ts.request_token(MANIFEST, url, timeout=1)


# --- several TSAs ---


def test_request_token_any_falls_through_to_the_next_tsa(tsa: RunningTsa) -> None:
    token = ts.request_token_any(
        MANIFEST, [closed_port_url(), tsa.url("garbage"), tsa.url("ok")], 5, extra_roots=[tsa.pki.root_cert]
    )
    assert token.tsa_url == tsa.url("ok") and token.root_known


def test_request_token_any_stops_at_the_first_known_root(tsa: RunningTsa) -> None:
    asked = len(tsa.server.requests)
    ts.request_token_any(MANIFEST, [tsa.url("ok"), tsa.url("with-root")], 5, extra_roots=[tsa.pki.root_cert])
    assert tsa.server.requests[asked:] == ["ok"]


def test_request_token_any_prefers_a_complete_chain(tsa: RunningTsa) -> None:
    token = ts.request_token_any(MANIFEST, [tsa.url("ok"), tsa.url("with-root")], 5)
    assert token.tsa_url == tsa.url("with-root") and token.chain_complete and not token.root_known


def test_request_token_any_lists_every_reason(tsa: RunningTsa) -> None:
    down = closed_port_url()
    with pytest.raises(ts.NoTsaAnswered) as caught:
        ts.request_token_any(MANIFEST, [down, tsa.url("refuse")], 5)
    assert len(caught.value.failures) == 2
    assert down in str(caught.value) and "HTTP 500" in str(caught.value)
    with pytest.raises(ts.NoTsaAnswered, match="settings"):
        ts.request_token_any(MANIFEST, [], 5)


# --- clock skew ---


def test_clock_skew() -> None:
    stamped = dt.datetime(2026, 11, 21, 10, 15, 45, tzinfo=dt.UTC)
    assert ts.clock_skew("2026-11-21T10:15:42.500Z", stamped) == ts.ClockSkew(2.5, False)
    assert ts.clock_skew("2026-11-21T10:05:42Z", stamped).large  # the PC was 10 minutes behind
    skew = ts.clock_skew(dt.datetime(2026, 11, 21, 10, 22, tzinfo=dt.UTC), stamped)
    assert skew.seconds < -300 and skew.large
    with pytest.raises(ValueError):
        ts.clock_skew("2026-11-21T10:15:42", stamped)


# --- the defaults ---


def test_default_tsas_and_shipped_roots() -> None:
    assert ts.DEFAULT_TSA_URLS and all(url.startswith(("http://", "https://")) for url in ts.DEFAULT_TSA_URLS)
    roots = tsa_certs.known_tsa_roots()
    assert len(roots) == 4 and all(tsa_certs.is_self_signed(root) for root in roots)
    readme = (Path(__file__).resolve().parents[3] / "resources" / "tsa" / "README.md").read_text(
        encoding="utf-8"
    )
    for root in roots:
        fingerprint = ":".join(f"{b:02X}" for b in bytes.fromhex(tsa_certs.sha256_fingerprint(root)))
        assert fingerprint in readme
        assert root.not_valid_after_utc > dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert all(isinstance(root, x509.Certificate) for root in roots)
