"""An export carries trust per bundle (time verdict, unknown signers, notes) through verify and import,
and every byte of it is pinned: exporter.pub.pem by its sha256 in export.json, and key files parsed
strictly (one PEM block, nothing before or after)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_store.errors import ImportRefused
from evidence_store.files.hashing import sha256_bytes
from evidence_store.handover.importing import import_zip
from evidence_store.handover.verify import verify_export
from evidence_store.store.store import Store
from evidence_store.trust.policy import KnownKey, TrustPolicy, load_root_file
from tests.evidence_store.conftest import SealFn
from tests.evidence_store.handover.helpers import export, rewrite_zip, store_files
from tests.support.forged import ForgedStamp, forge_stamp


@pytest.fixture
def forged_export(store: Store, seal: SealFn, tmp_path: Path) -> tuple[Path, str, ForgedStamp]:
    """An export of two bundles, one carrying the issue's forged stamp (own TSA, stranger's event)."""
    plain, victim = seal(), seal()
    forged = forge_stamp(victim.path, tmp_path / "attacker")
    store.reconcile()
    zip_path = export(store, tmp_path / "sag.zip").zip_path
    assert plain.id != victim.id
    return zip_path, victim.id, forged


def test_each_bundle_of_a_zip_keeps_its_time_unknown_signers_and_notes(
    forged_export: tuple[Path, str, ForgedStamp], store: Store
) -> None:
    zip_path, victim, forged = forged_export
    report = verify_export(zip_path)
    assert report.intact, report.problem_text()
    bundle = next(b for b in report.bundles if b.capture_id == victim)
    assert bundle.time.status == "untrusted" and bundle.trusted_time is None
    assert bundle.time.authority is not None and "Attacker" in bundle.time.authority
    assert [(e.event, e.signer.fingerprint) for e in bundle.unknown_signers] == [
        ("timestamped", forged.key.fingerprint())]
    as_json = bundle.as_json()
    assert as_json["time"]["status"] == "untrusted" and as_json["trusted_time"] is None
    assert [c["signer"] for c in as_json["custody"]] == ["sealer", "unknown", "sealer"]
    assert {"capture_id", "intact", "problems", "notes", "seal", "custody"} <= set(as_json)
    # export.json's signer is attributed too: unknown to a stranger, known to the store's own policy
    assert report.exporter is not None and report.exporter.kind == "unknown"
    assert report.exporter.fingerprint == store.fingerprint()

    roots = load_root_file(forged.root_pem)
    trusting = TrustPolicy(tsa_roots=roots).adding(
        keys=[KnownKey(forged.key.fingerprint(), "Stamper", "named for this check")])
    trusted = next(b for b in verify_export(zip_path, trust=store.trust_policy(trusting)).bundles
                   if b.capture_id == victim)
    assert trusted.time.status == "trusted" and trusted.trusted_time is not None
    assert trusted.unknown_signers == []
    assert [e.signer.kind for e in trusted.custody] == ["sealer", "known", "sealer"]


def test_import_keeps_each_bundles_trust_and_takes_a_policy(
    forged_export: tuple[Path, str, ForgedStamp], tmp_path: Path
) -> None:
    zip_path, victim, forged = forged_export
    with Store.open(tmp_path / "hr") as hr:
        result = import_zip(hr, zip_path, actor="Hanne HR", organisation="Aarhus Kommune")
    assert sorted(result.added) == sorted(b.capture_id for b in result.bundles)
    bundle = next(b for b in result.bundles if b.capture_id == victim)
    assert bundle.time.status == "untrusted" and bundle.trusted_time is None
    assert [e.event for e in bundle.unknown_signers] == ["timestamped"]
    assert result.exporter is not None and result.exporter.kind == "unknown"

    policy = TrustPolicy(tsa_roots=load_root_file(forged.root_pem))
    with Store.open(tmp_path / "hr2") as hr2:
        again = import_zip(hr2, zip_path, actor="Hanne HR", organisation="Aarhus Kommune", trust=policy)
    assert next(b for b in again.bundles if b.capture_id == victim).time.status == "trusted"


@pytest.fixture
def exported(store: Store, seal: SealFn, tmp_path: Path) -> Path:
    seal()
    return export(store, tmp_path / "sag.zip").zip_path


def _problems(zip_path: Path) -> str:
    report = verify_export(zip_path)
    assert not report.intact
    return report.problem_text()


def test_export_json_pins_the_key_file(exported: Path, tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(exported) as zf:
        record = json.loads(zf.read("export.json"))
        pem = zf.read("exporter.pub.pem")
    assert record["exporter"]["key_file_sha256"] == sha256_bytes(pem)


@pytest.mark.parametrize("change", [
    lambda pem: pem + b"Signed: the police\n",          # text after the END line
    lambda pem: pem + b"\n",                             # even one more line break
    lambda pem: b"# note\n" + pem,                       # text before the BEGIN line
    lambda pem: pem.replace(b"\n", b"\r\n"),             # other line ends
    lambda pem: pem + pem,                               # two blocks
], ids=["after", "newline", "before", "crlf", "twice"])
def test_a_changed_exporter_key_file_is_not_intact_and_not_imported(
    exported: Path, tmp_path: Path, change: object
) -> None:
    edit = change if callable(change) else None
    assert edit is not None
    changed = rewrite_zip(exported, tmp_path / "changed.zip",
                          lambda n, d: edit(d) if n == "exporter.pub.pem" else d)
    text = _problems(changed)
    assert "exporter.pub.pem: " in text, text
    with Store.open(tmp_path / "hr") as hr:
        before = store_files(hr)
        with pytest.raises(ImportRefused) as refused:
            import_zip(hr, changed, actor="Hanne HR", organisation="Aarhus Kommune")
        assert "exporter.pub.pem" in str(refused.value) and "all intact" not in str(refused.value)
        assert store_files(hr) == before and hr.list_captures() == []


def test_an_export_without_the_pin_still_verifies_and_its_key_file_is_read_strictly(
    exported: Path, tmp_path: Path, store: Store
) -> None:
    """Exports made before issue 11 have no key_file_sha256 (tests/e2e/test_format_kept.py has a real one)."""
    def unpinned(name: str, data: bytes) -> bytes:
        if name == "export.json":
            record = json.loads(data)
            del record["exporter"]["key_file_sha256"]
            return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        if name == "export.json.sig":
            return b""                # replaced below, once export.json is known
        return data

    old = rewrite_zip(exported, tmp_path / "old-pass1.zip", unpinned)
    import zipfile

    with zipfile.ZipFile(old) as zf:
        record_bytes = zf.read("export.json")
    signature = store.signing_key().sign(record_bytes)
    old = rewrite_zip(old, tmp_path / "old.zip", lambda n, d: signature if n == "export.json.sig" else d)
    report = verify_export(old)
    assert report.intact, report.problem_text()

    appended = rewrite_zip(old, tmp_path / "old-appended.zip",
                           lambda n, d: d + b"trailing\n" if n == "exporter.pub.pem" else d)
    assert "exporter.pub.pem: has 9 byte(s) after its -----END line" in _problems(appended)


def test_a_bundle_key_file_with_text_after_it_is_named(exported: Path, tmp_path: Path) -> None:
    changed = rewrite_zip(exported, tmp_path / "signer.zip",
                          lambda n, d: d + b"more\n" if n.endswith("/signer.pub.pem") else d)
    assert "/signer.pub.pem: " in _problems(changed)
