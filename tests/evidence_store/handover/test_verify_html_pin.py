"""verify.html is pinned like every other byte of an export (its sha256 in the signed export.json), and
what a signed export.json's list of the organisation's time-stamp roots is worth: nothing by itself
(anyone can sign an export and list their own root), the roots' trust once the verifier's own policy
knows the exporter's key (confirmed with the sender, e.g. --trust-key)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from evidence_store.handover.importing import import_zip
from evidence_store.handover.verify import verify_export
from evidence_store.rfc3161.certs import sha256_fingerprint
from evidence_store.store.store import Store
from evidence_store.trust.policy import NAMED, KnownKey, TrustPolicy, load_root_file
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


def test_a_listed_root_counts_only_once_the_verifier_knows_the_exporters_key(
    store: Store, seal: SealFn, tmp_path: Path
) -> None:
    plain, stamped = seal(), seal()
    forged = forge_stamp(stamped.path, tmp_path / "kommune-tsa", label="Kommune")
    store.reconcile()
    roots = load_root_file(forged.root_pem)
    listed = export(store, tmp_path / "listed.zip", trust=store.trust_policy(TrustPolicy(tsa_roots=roots))).zip_path
    unlisted = export(store, tmp_path / "unlisted.zip").zip_path
    root_sha = sha256_fingerprint(roots[0])

    # a stranger's check: the signed list is shown, not trusted; the exporter's key is unknown everywhere
    report = verify_export(listed)
    assert report.intact, report.problem_text()
    assert report.record is not None and report.record["organisation_tsa_roots"] == [root_sha]
    bundle = next(b for b in report.bundles if b.capture_id == stamped.id)
    assert bundle.time.status == "untrusted" and bundle.trusted_time is None
    assert bundle.seal is not None and bundle.seal.kind == "unknown"
    assert [e.signer.kind for e in bundle.custody] == ["sealer", "unknown", "sealer"]
    assert report.exporter is not None and report.exporter.kind == "unknown"
    assert any(root_sha in note and "confirmed the exporter's key" in note for note in report.notes)

    # the recipient confirmed the exporter's key (--trust-key): the listed root and the key count
    named = TrustPolicy().adding(keys=[KnownKey(store.fingerprint(), "Kommunen", NAMED)])
    report = verify_export(listed, trust=named)
    bundle = next(b for b in report.bundles if b.capture_id == stamped.id)
    assert bundle.time.status == "trusted" and bundle.trusted_time is not None
    assert bundle.seal is not None and (bundle.seal.kind, bundle.seal.source) == ("known", NAMED)
    assert report.exporter is not None and report.exporter.kind == "known"
    assert not any(root_sha in note for note in report.notes)
    # the exporting store's own policy knows its key too
    own = next(b for b in verify_export(listed, trust=store.trust_policy()).bundles if b.capture_id == stamped.id)
    assert own.time.status == "trusted"

    untrusted = next(b for b in verify_export(unlisted, trust=named).bundles if b.capture_id == stamped.id)
    assert untrusted.time.status == "untrusted" and untrusted.trusted_time is None

    # a record whose signature fails vouches for nothing, even with the key named: not the roots
    forged_record = rewrite_zip(listed, tmp_path / "forged.zip", lambda n, d: d.replace(b'"case"', b'"case" ')
                                if n == "export.json" else d)
    report = verify_export(forged_record, trust=named)
    assert [p.file for p in report.problems] == ["export.json.sig"]
    bundle = next(b for b in report.bundles if b.capture_id == stamped.id)
    assert bundle.time.status == "untrusted"
    assert plain.id in {b.capture_id for b in report.bundles}


def test_a_stranger_who_re_exports_with_their_own_key_and_root_gains_no_trust(
    store: Store, seal: SealFn, tmp_path: Path
) -> None:
    """The attack: a stranger takes the export into their own Vidne, adds a stamp from their own
    authority, and exports again, signed by their key and listing their root. Intact, but the time is
    not trusted and the stranger's events are unknown, unless the verifier confirmed the stranger's key."""
    seal()
    genuine = export(store, tmp_path / "genuine.zip").zip_path
    with Store.open(tmp_path / "stranger") as stranger:
        victim = import_zip(stranger, genuine, actor="Mallory", organisation="Nobody").added[0]
        forged = forge_stamp(stranger.get(victim).path, tmp_path / "stranger-tsa", label="Stranger")
        stranger.reconcile()
        own_roots = stranger.trust_policy(TrustPolicy(tsa_roots=load_root_file(forged.root_pem)))
        attack = export(stranger, tmp_path / "attack.zip", trust=own_roots).zip_path
        stranger_fp = stranger.fingerprint()
    record = json.loads(zipfile.ZipFile(attack).read("export.json"))
    assert record["organisation_tsa_roots"] == [sha256_fingerprint(load_root_file(forged.root_pem)[0])]

    for trust in (None, store.trust_policy()):          # a stranger's check, and the victim's own
        report = verify_export(attack, trust=trust)
        assert report.intact, report.problem_text()
        assert report.exporter is not None and report.exporter.kind == "unknown"
        bundle = report.bundles[0]
        assert bundle.time.status == "untrusted" and bundle.trusted_time is None
        signers = {e.event: e.signer for e in bundle.custody if e.signer.fingerprint in (stranger_fp,
                                                                                           forged.key.fingerprint())}
        assert signers and {s.kind for s in signers.values()} == {"unknown"}
