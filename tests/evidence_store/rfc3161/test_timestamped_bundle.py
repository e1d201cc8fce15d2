"""A bundle with a real RFC 3161 time-stamp (local TSA): stored, verified, and tamper-evident."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from evidence_store.bundle.verify import verify_bundle
from evidence_store.rfc3161 import client as ts
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy
from tests.support.tsa_server import RunningTsa, running_tsa


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningTsa]:
    with running_tsa(tmp_path_factory.mktemp("tsa")) as running:
        yield running


@pytest.fixture
def stamped(sealed: CaptureRecord, store: Store, tsa: RunningTsa) -> CaptureRecord:
    manifest = (sealed.path / "manifest.json").read_bytes()
    token = ts.request_token(manifest, tsa.url("ok"), timeout=10, extra_roots=[tsa.pki.root_cert])
    return store.add_timestamp(sealed.id, token.tsr_bytes, token.chain_pem, actor="Vidne",
                               organisation="Aarhus Kommune", details={"tsa": token.tsa_name})


def test_stamped_bundle_verifies_with_a_trusted_time_only_up_to_a_trusted_root(
        stamped: CaptureRecord, store: Store, tsa: RunningTsa) -> None:
    report = store.verify(stamped.id, TrustPolicy(tsa_roots=(tsa.pki.root_cert,)))
    assert report.intact, report.problem_text()
    assert report.trusted_time is not None and report.time.status == "trusted"
    assert report.time.authority and report.time.root_name == "Vidne Test Root CA"
    untrusted = store.verify(stamped.id)        # the test root is not one Vidne ships
    assert untrusted.intact and untrusted.trusted_time is None
    assert untrusted.time.status == "untrusted" and untrusted.time.at == report.time.at
    assert "Vidne Test Root CA" in untrusted.time.why
    assert stamped.has_timestamp and stamped.custody_count == 2
    assert [e["event"] for e in store.custody_events(stamped.id)] == ["captured", "timestamped"]
    event = store.custody_events(stamped.id)[-1]
    assert event["details"]["tsa"] and set(event["details"]["files"]) == {"timestamp.tsr", "tsa-chain.pem"}
    command = "openssl ts -verify -data manifest.json -in timestamp.tsr -CAfile tsa-chain.pem"
    result = subprocess.run(command.split(), cwd=stamped.path, capture_output=True, text=True, timeout=30)
    assert "Verification: OK" in result.stdout, result.stderr
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=stamped.path, capture_output=True)
    assert sums.returncode == 0


@pytest.mark.parametrize("name", ["timestamp.tsr", "tsa-chain.pem"])
def test_tampered_time_stamp_files_are_caught(stamped: CaptureRecord, name: str) -> None:
    path = stamped.path / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    report = verify_bundle(stamped.path)
    assert not report.intact
    assert report.trusted_time is None
    assert any(p.file in ("timestamp.tsr", "tsa-chain.pem") for p in report.problems), report.problem_text()


def test_time_stamp_of_another_manifest_is_caught(stamped: CaptureRecord, tsa: RunningTsa) -> None:
    other = ts.request_token(b"another manifest", tsa.url("ok"), timeout=10,
                             extra_roots=[tsa.pki.root_cert])
    (stamped.path / "timestamp.tsr").write_bytes(other.tsr_bytes)
    report = verify_bundle(stamped.path)
    assert any(p.file == "timestamp.tsr" for p in report.problems), report.problem_text()


def test_time_stamp_without_its_custody_record_is_caught(stamped: CaptureRecord) -> None:
    log = stamped.path / "custody.jsonl"
    log.write_bytes(log.read_bytes().split(b"\n")[0] + b"\n")
    report = verify_bundle(stamped.path)
    assert [p.file for p in report.problems] == ["timestamp.tsr"]
    assert "no 'timestamped' event" in report.problems[0].message


def test_a_second_valid_stamp_swapped_in_is_caught_by_the_custody_record(
        stamped: CaptureRecord, store: Store, tsa: RunningTsa) -> None:
    """Another genuine token from the same TSA over the same manifest.json verifies by itself; only the
    'timestamped' event's sha256 shows it is not the stamp that was added."""
    trust = TrustPolicy(tsa_roots=(tsa.pki.root_cert,))
    manifest = (stamped.path / "manifest.json").read_bytes()
    second = ts.request_token(manifest, tsa.url("with-root"), timeout=10, extra_roots=[tsa.pki.root_cert])
    assert second.tsr_bytes != (stamped.path / "timestamp.tsr").read_bytes()
    assert ts.verify_token(manifest, second.tsr_bytes, second.chain_pem).ok     # a good token on its own
    (stamped.path / "timestamp.tsr").write_bytes(second.tsr_bytes)
    (stamped.path / "tsa-chain.pem").write_bytes(second.chain_pem)
    report = verify_bundle(stamped.path, trust=trust)
    assert not report.intact and report.trusted_time is None
    assert report.time.status == "broken" and report.time.at is None
    named = {p.file: p.message for p in report.problems}
    assert "timestamp.tsr" in named, report.problem_text()
    assert "custody.jsonl line 2" in named["timestamp.tsr"] and "changed after it was added" in named["timestamp.tsr"]
    assert store.verify(stamped.id, trust).time.status == "broken"


def test_removing_both_stamp_files_is_caught_by_the_timestamped_event(stamped: CaptureRecord) -> None:
    """Found by the bundle fuzz target: without its files, the stamp the custody log records is missing."""
    (stamped.path / "timestamp.tsr").unlink()
    (stamped.path / "tsa-chain.pem").unlink()
    report = verify_bundle(stamped.path)
    assert not report.intact and report.time.status == "broken" and report.trusted_time is None
    assert {p.file for p in report.problems} == {"timestamp.tsr", "tsa-chain.pem"}
    assert all("custody.jsonl line 2" in p.message for p in report.problems)
