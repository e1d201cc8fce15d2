"""verify.html is pinned like every other byte of an export (its sha256 in the signed export.json), and
the trust a recipient's check draws from a soundly signed export.json: the organisation's time-stamp
roots it lists, and the exporter's key as known to the bundles (never to itself)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from evidence_store.handover.record import EXPORTER_SOURCE
from evidence_store.handover.verify import verify_export
from evidence_store.rfc3161.certs import sha256_fingerprint
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy, load_root_file
from tests.evidence_store.conftest import SealFn
from tests.evidence_store.handover.helpers import export, rewrite_zip
from tests.support.forged import forge_stamp


def _problems(zip_path: Path) -> list[str]:
    return [str(p) for p in verify_export(zip_path).problems]


def test_a_changed_removed_or_unrecorded_verify_html_is_named(store: Store, seal: SealFn, tmp_path: Path) -> None:
    seal()
    zip_path = export(store, tmp_path / "sag.zip").zip_path
    assert verify_export(zip_path).intact

    changed = rewrite_zip(zip_path, tmp_path / "changed.zip",
                          lambda n, d: d.replace(b"<title>", b"<title>Trust me ") if n == "verify.html" else d)
    assert _problems(changed) == ["verify.html: its sha256 is not the one export.json records (changed after the "
                                  "export)"]
    removed = rewrite_zip(zip_path, tmp_path / "removed.zip", lambda n, d: None if n == "verify.html" else d)
    assert _problems(removed) == ["verify.html: missing: export.json records it"]


def test_an_export_from_before_verify_html_still_verifies_but_one_added_to_it_is_named(
    store: Store, seal: SealFn, tmp_path: Path
) -> None:
    """An older export has no pin; a verify.html put into it afterwards is vouched for by nobody."""
    seal()
    zip_path = export(store, tmp_path / "sag.zip").zip_path
    key = store.signing_key()

    def older(name: str, data: bytes) -> bytes | None:
        if name == "verify.html":
            return None
        if name == "export.json":
            record = json.loads(data)
            del record["verify_html_sha256"], record["organisation_tsa_roots"]
            return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        return data

    old = rewrite_zip(zip_path, tmp_path / "old.zip", older)
    with zipfile.ZipFile(old) as zf:
        record_bytes = zf.read("export.json")
    resigned = rewrite_zip(old, tmp_path / "old-signed.zip",
                           lambda n, d: key.sign(record_bytes) if n == "export.json.sig" else d)
    assert verify_export(resigned).intact, verify_export(resigned).problem_text()
    planted = rewrite_zip(resigned, tmp_path / "planted.zip", lambda n, d: d, {"verify.html": b"<html>all fine</html>"})
    assert _problems(planted) == ["verify.html: is not recorded in export.json (added after the export?)"]


def test_a_time_is_trusted_up_to_a_root_the_signed_record_lists_and_the_exporter_is_known_to_the_bundles(
    store: Store, seal: SealFn, tmp_path: Path
) -> None:
    plain, stamped = seal(), seal()
    forged = forge_stamp(stamped.path, tmp_path / "kommune-tsa", label="Kommune")
    store.reconcile()
    roots = load_root_file(forged.root_pem)
    listed = export(store, tmp_path / "listed.zip", trust=store.trust_policy(TrustPolicy(tsa_roots=roots))).zip_path
    unlisted = export(store, tmp_path / "unlisted.zip").zip_path

    report = verify_export(listed)
    assert report.intact, report.problem_text()
    assert report.record is not None and report.record["organisation_tsa_roots"] == [sha256_fingerprint(roots[0])]
    bundle = next(b for b in report.bundles if b.capture_id == stamped.id)
    assert bundle.time.status == "trusted" and bundle.trusted_time is not None
    assert bundle.seal is not None and (bundle.seal.kind, bundle.seal.source) == ("known", EXPORTER_SOURCE)
    assert [e.signer.kind for e in bundle.custody] == ["sealer", "unknown", "sealer"]
    assert report.exporter is not None and report.exporter.kind == "unknown"   # confirmed out of band, never by itself

    untrusted = next(b for b in verify_export(unlisted).bundles if b.capture_id == stamped.id)
    assert untrusted.time.status == "untrusted" and untrusted.trusted_time is None

    # a record whose signature fails vouches for nothing: neither the roots nor the key
    forged_record = rewrite_zip(listed, tmp_path / "forged.zip", lambda n, d: d.replace(b'"case"', b'"case" ')
                                if n == "export.json" else d)
    report = verify_export(forged_record)
    assert [p.file for p in report.problems] == ["export.json.sig"]
    bundle = next(b for b in report.bundles if b.capture_id == stamped.id)
    assert bundle.time.status == "untrusted" and bundle.seal is not None and bundle.seal.kind == "unknown"
    assert plain.id in {b.capture_id for b in report.bundles}
