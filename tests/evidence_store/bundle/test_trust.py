"""The trust model at the verifier: the forged stamp of issue 11 stays intact but not trusted."""

from __future__ import annotations

from pathlib import Path

from evidence_store.bundle.verify import verify_bundle
from evidence_store.store.index import CaptureRecord
from evidence_store.trust.policy import CONFIRMED, KnownKey, TrustPolicy, load_root_file
from tests.support.forged import forge_stamp


def test_a_stamp_from_an_attackers_own_authority_is_intact_but_not_trusted(
        sealed: CaptureRecord, tmp_path: Path) -> None:
    forged = forge_stamp(sealed.path, tmp_path / "attacker")
    report = verify_bundle(sealed.path)
    assert report.intact, report.problem_text()
    assert report.time.status == "untrusted" and report.trusted_time is None
    assert report.time.at is not None and "Attacker Root CA" in report.time.why
    assert [e.event for e in report.custody] == ["captured", "timestamped"]
    assert [e.signer.kind for e in report.custody] == ["sealer", "unknown"]
    assert report.unknown_signers[0].signer.fingerprint == forged.key.fingerprint()
    assert report.as_json()["time"]["status"] == "untrusted" and report.as_json()["trusted_time"] is None


def test_naming_the_attackers_root_and_key_makes_them_trusted_for_that_check(
        sealed: CaptureRecord, tmp_path: Path) -> None:
    forged = forge_stamp(sealed.path, tmp_path / "attacker")
    policy = TrustPolicy().adding(roots=load_root_file(forged.root_pem),
                                  keys=[KnownKey(forged.key.fingerprint(), "Jens, HR", CONFIRMED)])
    report = verify_bundle(sealed.path, trust=policy)
    assert report.time.status == "trusted" and report.trusted_time == report.time.at
    assert report.custody[1].signer.kind == "known" and report.custody[1].signer.name == "Jens, HR"
    assert report.seal is not None and report.seal.kind == "unknown"


def test_a_bundle_without_a_stamp_has_time_none(sealed: CaptureRecord) -> None:
    report = verify_bundle(sealed.path)
    assert report.time.status == "none" and report.time.at is None and report.time.why
