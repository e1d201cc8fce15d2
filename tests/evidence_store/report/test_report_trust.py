"""The PDF gives both answers for every capture: intact, and trusted (the time and who signed each
custody event). The forged stamp of issue 11 is intact, its time NOT trusted and its "timestamped"
event's signer unknown, on the first page and in the custody table; pdftotext reads it as a recipient would."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from evidence_store.bundle.read import read_bundle
from evidence_store.handover.export import export_case
from evidence_store.handover.record import REPORT_FILE
from evidence_store.report.render import ReportBundle, render_custody_report
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy, load_root_file
from tests.evidence_store.report.fixtures import START
from tests.support.forged import ForgedStamp, forge_stamp


def pdf_text(path: Path, *, first_page_only: bool = False) -> str:
    """pdftotext's words, with every run of white space made one space (a missing tool fails)."""
    pages = ["-f", "1", "-l", "1"] if first_page_only else []
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(out.split())


def render(tmp_path: Path, bundle: ReportBundle, language: str = "en") -> Path:
    out = tmp_path / f"report-{language}.pdf"
    render_custody_report(out, case="Sag", organisation="Aarhus Kommune", exported_by="B. Ølgaard",
                          exported_at=START, bundles=[bundle], language=language)
    return out


def forged_bundle(store: Store, sealed: CaptureRecord, tmp_path: Path) -> ForgedStamp:
    forged = forge_stamp(sealed.path, tmp_path / "attacker")
    assert store.verify(sealed.id).intact
    return forged


def report_bundle(store: Store, record: CaptureRecord, *, verified: bool, trust: TrustPolicy) -> ReportBundle:
    report = store.verify(record.id, trust=trust)
    return ReportBundle.from_view(read_bundle(record.path), intact=report.intact,
                                  signer_fingerprint=report.signer_fingerprint or "", problems=[],
                                  verified=report if verified else None, trust=trust)


def test_the_forged_stamp_is_intact_but_not_trusted_on_the_first_page_and_in_the_custody_table(
        store: Store, sealed: CaptureRecord, tmp_path: Path) -> None:
    forged = forged_bundle(store, sealed, tmp_path)
    bundle = report_bundle(store, sealed, verified=True, trust=store.trust_policy())
    out = render(tmp_path, bundle)
    first = pdf_text(out, first_page_only=True)
    assert "✓ intact" in first
    assert bundle.time.authority and "Attacker TSA" in bundle.time.authority
    assert f"Time NOT trusted: the root of {bundle.time.authority} is not a trusted root." in first
    fingerprint = forged.key.fingerprint()
    assert (f"Event 2 (Time-stamped) was signed by an UNKNOWN key {fingerprint[:16]}…: neither the sealer's "
            "nor a key the verifier knows.") in first
    everything = pdf_text(out)
    assert "Trusted time" not in everything
    assert f"Time NOT trusted: the time-stamp from {bundle.time.authority} says" in everything
    assert "Attacker Root CA" in everything
    custody = everything[everything.index("Every event of every capture"):]
    captured, stamped = custody.index("Captured"), custody.index("Time-stamped")
    assert "sealer" in custody[captured:stamped]
    assert "unknown key" in custody[stamped:] and fingerprint[:16] in custody[stamped:]
    # the seal's own key is this store's: the verifier knows it by that name
    assert "known to the verifier as this store" in everything


def test_in_danish_too(store: Store, sealed: CaptureRecord, tmp_path: Path) -> None:
    forged_bundle(store, sealed, tmp_path)
    bundle = report_bundle(store, sealed, verified=True, trust=store.trust_policy())
    first = pdf_text(render(tmp_path, bundle, "da"), first_page_only=True)
    assert f"Tiden er IKKE betroet: roden hos {bundle.time.authority} er ikke en betroet rod." in first
    assert "Hændelse 2 (Tidsstemplet) er signeret med en UKENDT nøgle" in first
    assert "ukendt nøgle" in pdf_text(tmp_path / "report-da.pdf")


def test_the_report_judges_the_time_by_the_policy_it_is_given(
        store: Store, sealed: CaptureRecord, tmp_path: Path) -> None:
    forged = forged_bundle(store, sealed, tmp_path)
    # without a verification report, the report judges the bundle's own files by the policy
    alone = report_bundle(store, sealed, verified=False, trust=TrustPolicy())
    assert alone.time.status == "untrusted"
    assert [e.signer.kind for e in alone.custody] == ["sealer", "unknown"]
    trusting = TrustPolicy().adding(roots=load_root_file(forged.root_pem))
    for verified in (False, True):
        bundle = report_bundle(store, sealed, verified=verified, trust=store.trust_policy(trusting))
        assert bundle.time.status == "trusted"
        text = pdf_text(render(tmp_path, bundle), first_page_only=True)
        assert "Trusted time: " in text and f", from {bundle.time.authority}." in text
        assert "NOT trusted" not in text


def test_an_exported_case_carries_the_verdict_in_its_report(
        store: Store, sealed: CaptureRecord, tmp_path: Path) -> None:
    forged_bundle(store, sealed, tmp_path)
    authority = store.verify(sealed.id).time.authority
    result = export_case(store, sealed.case, tmp_path / "case.zip", exported_by="B. Ølgaard",
                         organisation="Aarhus Kommune", language="en")
    with zipfile.ZipFile(result.zip_path) as archive:
        (tmp_path / "export-report.pdf").write_bytes(archive.read(REPORT_FILE))
    first = pdf_text(tmp_path / "export-report.pdf", first_page_only=True)
    assert f"Time NOT trusted: the root of {authority} is not a trusted root." in first
    assert "Event 2 (Time-stamped) was signed by an UNKNOWN key" in first
    assert "unknown key" in pdf_text(tmp_path / "export-report.pdf")
