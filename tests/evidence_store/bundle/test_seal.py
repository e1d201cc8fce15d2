"""Sealing a capture into a bundle, and checking it with the standard tools a court would use."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from evidence_store.bundle.names import CAPTURE_ID_RE
from evidence_store.bundle.verify import verify_bundle
from evidence_store.errors import SealError
from evidence_store.store.index import CaptureRecord
from evidence_store.store.staging import Staging
from evidence_store.store.store import Store
from tests.evidence_store.conftest import BUNDLE_FILES, Art, png_bytes, sample_facts


def _seal_page(
    store: Store, staging: Staging, *extra: Art, facts: dict[str, object] | None = None
) -> CaptureRecord:
    artifacts = [Art("page.html", "text/html"), *extra]
    return store.seal(staging, facts=facts or {}, artifacts=artifacts, operator="o", organisation="x")


def _files(bundle: Path) -> set[str]:
    return {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}


def test_sealed_bundle_verifies_intact(sealed: CaptureRecord) -> None:
    report = verify_bundle(sealed.path)
    assert report.problems == []
    assert report.intact
    assert report.capture_id == sealed.id
    assert report.custody_count == 1
    assert report.trusted_time is None
    assert report.manifest is not None and report.manifest["case"] == "Facebook-gruppe oktober"
    assert _files(sealed.path) == set(BUNDLE_FILES)
    assert CAPTURE_ID_RE.fullmatch(sealed.id)
    assert sealed.path.name == sealed.id


def test_manifest_follows_the_format(sealed: CaptureRecord, store: Store) -> None:
    raw = (sealed.path / "manifest.json").read_bytes()
    manifest = json.loads(raw)
    assert list(manifest) == [
        "format", "format_version", "capture_id", "case", "note", "operator", "organisation",
        "capture", "tool", "signer", "bundle_files", "artifacts",
    ]
    assert manifest["format"] == "vidne-evidence-bundle" and manifest["format_version"] == 1
    assert manifest["capture"] == sample_facts()
    assert manifest["signer"] == {"algorithm": "Ed25519", "public_key_sha256": store.fingerprint()}
    assert set(manifest["bundle_files"]) == {"VERIFY.txt", "signer.pub.pem"}
    assert [a["path"] for a in manifest["artifacts"]] == [
        "artifacts/screenshot-full.png", "artifacts/page.html", "artifacts/parts/part-1.png",
    ]
    assert raw.startswith(b'{\n  "format"') and raw.endswith(b"}\n")
    assert "Mette —" in raw.decode("utf-8")          # UTF-8, not \u escapes
    assert len((sealed.path / "manifest.json.sig").read_bytes()) == 64


def test_sha256sum_checks_the_bundle(sealed: CaptureRecord) -> None:
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=sealed.path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "manifest.json: OK",
        "artifacts/screenshot-full.png: OK",
        "artifacts/page.html: OK",
        "artifacts/parts/part-1.png: OK",
    ]


OPENSSL_VERIFY = [
    "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signer.pub.pem", "-rawin",
    "-in", "manifest.json", "-sigfile", "manifest.json.sig",
]


def test_openssl_verifies_the_signature_and_fails_after_tampering(sealed: CaptureRecord) -> None:
    ok = subprocess.run(OPENSSL_VERIFY, cwd=sealed.path, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "Signature Verified Successfully" in ok.stdout

    manifest = sealed.path / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b"Mette Hansen", b"Mette Jensen"))
    bad = subprocess.run(OPENSSL_VERIFY, cwd=sealed.path, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "Signature Verified Successfully" not in bad.stdout


def test_openssl_fingerprint_matches_the_manifest(sealed: CaptureRecord, store: Store) -> None:
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-in", "signer.pub.pem", "-outform", "DER"],
        cwd=sealed.path, capture_output=True, check=True,
    ).stdout
    import hashlib

    assert hashlib.sha256(der).hexdigest() == store.fingerprint()
    assert store.fingerprint() in (sealed.path / "VERIFY.txt").read_text(encoding="utf-8")


def test_verify_txt_is_bilingual_and_names_the_commands(sealed: CaptureRecord) -> None:
    text = (sealed.path / "VERIFY.txt").read_text(encoding="utf-8")
    assert sealed.id in text
    assert "{{" not in text
    for needle in (
        "sha256sum -c SHA256SUMS",
        " ".join(OPENSSL_VERIFY),
        "openssl ts -verify -data manifest.json -in timestamp.tsr -CAfile tsa-chain.pem",
        "openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum",
        "custody.jsonl",
        "DANSK", "ENGLISH", "kontrolleres", "fingeraftryk",
    ):
        assert needle in text, needle


def test_custody_commands_in_verify_txt_work(sealed: CaptureRecord, store: Store, tmp_path: Path) -> None:
    """The python3 + openssl recipe in VERIFY.txt really checks a custody line's signature."""
    store.append_custody(sealed.id, "exported", {"to": "HR"}, "Mette Hansen", "Aarhus Kommune")
    text = (sealed.path / "VERIFY.txt").read_text(encoding="utf-8")
    python_cmd = next(line.strip() for line in text.splitlines() if line.strip().startswith("python3 -c"))
    openssl_cmd = next(
        line.strip() for line in text.splitlines()
        if line.strip().startswith("openssl pkeyutl -verify -pubin -keyform")
    )
    out = tmp_path / "out"
    out.mkdir()
    for line in (1, 2):
        command = python_cmd.replace(" 1 /tmp", f" {line} {out}")
        subprocess.run(command, shell=True, cwd=sealed.path, check=True)  # noqa: S602 - the documented command
        result = subprocess.run(openssl_cmd.replace("/tmp/", f"{out}/"), shell=True, cwd=out,  # noqa: S602
                                capture_output=True, text=True)
        assert "Signature Verified Successfully" in result.stdout, result.stderr
    chain = subprocess.run("sed -n 1p custody.jsonl | tr -d '\\n' | sha256sum", shell=True,  # noqa: S602
                           cwd=sealed.path, capture_output=True, text=True, check=True).stdout.split()[0]
    second = json.loads((sealed.path / "custody.jsonl").read_text(encoding="utf-8").splitlines()[1])
    assert second["prev_sha256"] == chain


def test_private_key_never_enters_a_bundle(sealed: CaptureRecord, store: Store) -> None:
    from cryptography.hazmat.primitives import serialization

    pem = store.key_path.read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    import base64

    needles = [pem, raw, der, base64.b64encode(raw), base64.b64encode(der), raw.hex().encode()]
    for path in sealed.path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                assert needle not in data, path
    assert "PRIVATE" not in repr(store.signing_key())


def test_staging_is_removed_when_the_capture_fails(store: Store) -> None:
    with pytest.raises(RuntimeError), store.begin_capture() as staging:
        (staging.artifacts_dir / "page.html").write_text("x")
        raise RuntimeError("browser crashed")
    assert not staging.path.exists()
    assert list(store.staging_dir.iterdir()) == []
    assert list(store.bundles_dir.iterdir()) == []


def test_staging_is_removed_when_not_sealed(store: Store) -> None:
    with store.begin_capture() as staging:
        (staging.artifacts_dir / "page.html").write_text("x")
    assert list(store.staging_dir.iterdir()) == []
    assert store.list_captures() == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../escape.html", "outside"),
        ("/etc/passwd", "outside"),
        ("a/../../b", "outside"),
        ("page .html", "characters"),
        ("pa\\ge.html", "characters"),
        ("page\n.html", "characters"),
        ("CON.txt", "reserved"),
        ("", "empty"),
    ],
)
def test_seal_refuses_bad_artifact_names(store: Store, name: str, message: str) -> None:
    with store.begin_capture() as staging:
        (staging.artifacts_dir / "page.html").write_text("x")
        with pytest.raises(SealError, match=message):
            store.seal(staging, facts={}, artifacts=[Art(name, "text/html")], operator="o", organisation="x")
    assert list(store.bundles_dir.iterdir()) == []


def test_seal_refuses_undeclared_and_missing_files(store: Store) -> None:
    with store.begin_capture() as staging:
        (staging.artifacts_dir / "page.html").write_text("x")
        (staging.artifacts_dir / "secret.txt").write_text("not declared")
        with pytest.raises(SealError, match=r"undeclared files: secret\.txt"):
            _seal_page(store, staging)
        (staging.artifacts_dir / "secret.txt").unlink()
        with pytest.raises(SealError, match=r"did not write: gone\.png"):
            _seal_page(store, staging, Art("gone.png", "image/png"))
        with pytest.raises(SealError, match="twice"):
            _seal_page(store, staging, Art("PAGE.html", "text/html"))
        (staging.path / "stray.log").write_text("x")
        with pytest.raises(SealError, match=r"stray\.log"):
            _seal_page(store, staging)
    assert list(store.bundles_dir.iterdir()) == []


def test_seal_refuses_links_and_unserialisable_facts(store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("outside")
    with store.begin_capture() as staging:
        (staging.artifacts_dir / "link.txt").symlink_to(outside)
        with pytest.raises(SealError, match="symbolic link"):
            store.seal(staging, facts={}, artifacts=[Art("link.txt", "text/plain")], operator="o",
                       organisation="x")
        (staging.artifacts_dir / "link.txt").unlink()
        (staging.artifacts_dir / "page.html").write_text("x")
        with pytest.raises(SealError, match="JSON"):
            _seal_page(store, staging, facts={"when": object()})
    assert list(store.bundles_dir.iterdir()) == []


def test_a_staging_can_be_sealed_once(store: Store) -> None:
    with store.begin_capture() as staging:
        (staging.artifacts_dir / "page.html").write_text("x")
        _seal_page(store, staging)
        with pytest.raises(SealError, match="already sealed"):
            _seal_page(store, staging)
    assert len(store.list_captures()) == 1
    assert list(store.staging_dir.iterdir()) == []


def test_large_artifact_is_sealed_and_verified(store: Store) -> None:
    with store.begin_capture() as staging:
        data = png_bytes(600, 400)
        (staging.artifacts_dir / "big.bin").write_bytes(data * 200)
        record = store.seal(staging, facts={}, artifacts=[Art("big.bin", "application/octet-stream")],
                            operator="o", organisation="x")
    assert verify_bundle(record.path).intact
