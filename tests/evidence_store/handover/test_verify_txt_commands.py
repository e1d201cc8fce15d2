"""The commands the export's VERIFY.txt and a bundle's VERIFY.txt give, run exactly as written (bash,
openssl, python3, unzip) against a real export: the "all folders at once" loop checks every custody
line's chain link and signature, and the trust commands find the time-stamp root and each signer."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from evidence_store.bundle import custody
from evidence_store.store.store import Store
from tests.evidence_store.conftest import SealFn
from tests.evidence_store.handover.helpers import export
from tests.support.forged import ForgedStamp, forge_stamp
from tests.support.tsa_server import make_tsa_pki

TOOLS = ("bash", "openssl", "python3", "unzip", "sha256sum", "awk")


def _need_tools() -> None:
    """A missing tool fails the test (scripts/system-deps.sh installs them), never skips it."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"missing tools {missing}: run scripts/system-deps.sh"


def _sh(command: str, cwd: Path, *, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True,  # noqa: S602 — VERIFY.txt's own
                          timeout=120, executable="/bin/bash")
    if ok:
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    return done


def _lines_starting(text: str, start: str) -> list[str]:
    found = [line.strip() for line in text.splitlines() if line.strip().startswith(start)]
    assert found, start
    return found


@pytest.fixture
def unpacked(store: Store, seal: SealFn, tmp_path: Path) -> tuple[Path, list[str], ForgedStamp]:
    """A real export, unpacked with unzip: a plain bundle and one with the issue's forged stamp (an
    own authority's token and a stranger-signed event, every byte of it intact)."""
    _need_tools()
    plain, stamped = seal(), seal()
    forged = forge_stamp(stamped.path, tmp_path / "attacker")
    store.reconcile()
    zip_path = export(store, tmp_path / "sag.zip").zip_path
    out = tmp_path / "unpacked"
    _sh(f"unzip -q {zip_path} -d {out}", tmp_path)
    return out, [plain.id, stamped.id], forged


def _loops(out: Path) -> list[str]:
    loops = _lines_starting((out / "VERIFY.txt").read_text("utf-8"), "for d in */;")
    assert len(loops) == 2          # Danish and English
    return loops


def _run_loops(out: Path) -> list[dict[str, str]]:
    """Each loop's verdict per folder, e.g. {"<id>/": "OK"}."""
    verdicts = []
    for loop in _loops(out):
        lines = _sh(loop, out).stdout.splitlines()
        verdicts.append({line.split(" ", 1)[1]: line.split(" ", 1)[0] for line in lines})
    return verdicts


def _edit_line(folder: Path, number: int, **changes: str) -> None:
    """Change fields of custody line ``number``, written back canonically (only the signature and
    the next line's link can tell)."""
    path = folder / custody.CUSTODY_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    event = json.loads(lines[number - 1])
    event.update(changes)
    lines[number - 1] = custody.event_line(event)
    path.write_bytes(b"".join(lines))


def test_the_loop_passes_an_untouched_export(unpacked: tuple[Path, list[str], ForgedStamp]) -> None:
    out, ids, _forged = unpacked
    assert _run_loops(out) == [{f"{i}/": "OK" for i in ids}] * 2


def test_the_loop_fails_a_bundle_whose_first_custody_line_was_edited(
    unpacked: tuple[Path, list[str], ForgedStamp]
) -> None:
    out, (plain, stamped), _forged = unpacked
    _edit_line(out / plain, 1, actor="Mallory")
    # the bundle's files and seal still check out: only the custody check can catch it
    _sh("sha256sum -c --quiet SHA256SUMS", out / plain)
    danish, english = _run_loops(out)
    assert danish == {f"{plain}/": "FEJL", f"{stamped}/": "OK"}
    assert english == {f"{plain}/": "FAILED", f"{stamped}/": "OK"}


def test_the_loop_checks_the_signature_of_the_last_line_too(
    unpacked: tuple[Path, list[str], ForgedStamp]
) -> None:
    """The last line has no successor whose link would break: its signature alone catches the edit."""
    out, (plain, stamped), _forged = unpacked
    count = len((out / stamped / custody.CUSTODY_FILE).read_bytes().splitlines())
    _edit_line(out / stamped, count, actor="Mallory")
    assert _run_loops(out)[1] == {f"{plain}/": "OK", f"{stamped}/": "FAILED"}


def test_a_broken_link_alone_fails_the_loop(unpacked: tuple[Path, list[str], ForgedStamp]) -> None:
    """Two lines swapped: each signature still verifies, but the chain does not."""
    out, (plain, stamped), _forged = unpacked
    path = out / stamped / custody.CUSTODY_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([lines[1], lines[0], *lines[2:]]))
    assert _run_loops(out)[1] == {f"{plain}/": "OK", f"{stamped}/": "FAILED"}


def test_the_trust_commands_show_the_root_and_every_signer(
    unpacked: tuple[Path, list[str], ForgedStamp], tmp_path: Path
) -> None:
    out, (_plain, stamped), forged = unpacked
    folder = out / stamped
    export_text = (out / "VERIFY.txt").read_text("utf-8")
    bundle_text = (folder / "VERIFY.txt").read_text("utf-8")
    for text in (export_text, bundle_text):
        assert "betroet" in text and "trusted" in text and "UNKNOWN key" in text

    # The root: the last certificate of tsa-chain.pem, its fingerprint as openssl shows it.
    awk, = set(_lines_starting(bundle_text, "awk ")) | set(_lines_starting(export_text, "awk "))
    fingerprint_cmd, = set(_lines_starting(bundle_text, "openssl x509 -in /tmp/tsa-root.pem"))
    _sh(awk, folder)
    shown = _sh(fingerprint_cmd, folder).stdout
    root_sha256 = hashlib.sha256(forged.pki.root_cert.public_bytes(Encoding.DER)).hexdigest()
    assert root_sha256 in shown.replace(":", "").lower() and "Attacker Root CA" in shown

    # Checking with a root one got from the authority: that root passes, another does not.
    for check in set(_lines_starting(bundle_text, "openssl ts -verify -in timestamp.tsr")):
        root_name = "ROD.pem" if "ROD.pem" in check else "ROOT.pem"
        shutil.copy(forged.root_pem, folder / root_name)
        assert "Verification: OK" in _sh(check, folder).stdout
        other = make_tsa_pki(tmp_path / "other", label="Other")
        shutil.copy(other.root_pem, folder / root_name)
        assert _sh(check, folder, ok=False).returncode != 0
        (folder / root_name).unlink()

    # Every event with its signer's fingerprint.
    listing, = set(_lines_starting(bundle_text, "python3 -c \"import json;[print(e['seq']"))
    rows = [line.split() for line in _sh(listing, folder).stdout.splitlines()]
    events = [json.loads(line) for line in (folder / custody.CUSTODY_FILE).read_bytes().splitlines()]
    assert [(r[0], r[1], r[-1]) for r in rows] == [(str(e["seq"]), e["event"], e["signer_fingerprint"])
                                                   for e in events]
    assert forged.key.fingerprint() in {r[-1] for r in rows}
