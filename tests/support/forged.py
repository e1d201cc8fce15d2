"""The attack of issue 11, made with nothing but openssl and a fresh key: a sealed bundle without a
time-stamp gets a token from the attacker's own ``openssl ts`` authority (its own self-signed root),
``timestamp.tsr`` + ``tsa-chain.pem``, and a correctly chained "timestamped" custody event signed by
a key nobody knows. Every byte and signature checks out; neither the time nor that signer may be
called trusted.

    forged = forge_stamp(bundle_folder, tmp_path / "attacker")
    forged.root_pem     # the attacker's root, for "--tsa-root makes it trusted for that run"
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from evidence_store.bundle import custody
from evidence_store.bundle.keys import SigningKey
from evidence_store.files.hashing import sha256_bytes
from tests.support.tsa_server import TsaPki, make_tsa_pki


@dataclass(frozen=True)
class ForgedStamp:
    pki: TsaPki
    root_pem: Path                 # the attacker's self-signed root, as a PEM file
    key: SigningKey                # the stranger's key that signed the "timestamped" event
    authority: str                 # the attacker's TSA's common name


def forge_stamp(bundle: Path, folder: Path, *, label: str = "Attacker") -> ForgedStamp:
    """Add an attacker's time-stamp and 'timestamped' event to ``bundle`` (which has no stamp yet)."""
    folder.mkdir(parents=True, exist_ok=True)
    pki = make_tsa_pki(folder, label=label)
    manifest = (bundle / "manifest.json").read_bytes()
    (folder / "manifest.json").write_bytes(manifest)
    run = [
        ["openssl", "ts", "-query", "-data", str(folder / "manifest.json"), "-sha256", "-cert",
         "-out", str(folder / "q.tsq")],
        ["openssl", "ts", "-reply", "-config", str(pki.config), "-queryfile", str(folder / "q.tsq"),
         "-signer", str(pki.tsa_pem), "-inkey", str(pki.tsa_key), "-chain", str(pki.intermediate_pem),
         "-out", str(folder / "reply.tsr")],
    ]
    for command in run:
        subprocess.run(command, check=True, capture_output=True, timeout=30)
    tsr = (folder / "reply.tsr").read_bytes()
    (bundle / "timestamp.tsr").write_bytes(tsr)
    (bundle / "tsa-chain.pem").write_bytes(pki.chain_pem)
    key = SigningKey.generate()
    log = (bundle / custody.CUSTODY_FILE).read_bytes()
    summary = custody.summarize(log)
    assert summary.head_sha256 is not None
    event = custody.build_event(
        seq=summary.count + 1, event="timestamped", actor="Vidne", organisation="",
        details={"tsa_name": f"{label} TSA", "files": {"timestamp.tsr": sha256_bytes(tsr),
                                                       "tsa-chain.pem": sha256_bytes(pki.chain_pem)}},
        prev_sha256=summary.head_sha256, key=key,
    )
    with (bundle / custody.CUSTODY_FILE).open("ab") as fh:
        fh.write(custody.event_line(event))
    return ForgedStamp(pki=pki, root_pem=pki.root_pem, key=key, authority=f"{label} TSA")
