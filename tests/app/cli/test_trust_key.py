"""``vidne trust-key``: a person confirms a key out of band, and bundles and custody events it signed show
as known in that store (and only there) until the confirmation is removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.support.forged import forge_stamp


def vidne(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_confirmed_key_is_known_in_that_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(tmp_path / "sender") as sender:
        bundle = make_bundle(sender).path
    fingerprint = forge_stamp(bundle, tmp_path / "attacker").key.fingerprint()
    hr = ["--store", str(tmp_path / "hr")]
    code, out, err = vidne(capsys, *hr, "trust-key", fingerprint.upper(), "--name", "Jens  Hansen, HR")
    assert code == 0 and err == "" and f"Confirmed key {fingerprint} as Jens Hansen, HR's" in out

    code, out, _ = vidne(capsys, *hr, "trust-key", "--list")
    assert code == 0 and out.startswith(f"{fingerprint}  Jens Hansen, HR  (confirmed ")
    assert out.rstrip().endswith("by Test Operatør)")
    code, out, _ = vidne(capsys, *hr, "trust-key", "--list", "--json")
    listed = json.loads(out)
    assert [(k["fingerprint"], k["name"], k["confirmed_by"]) for k in listed] == [
        (fingerprint, "Jens Hansen, HR", "Test Operatør")]

    code, out, _ = vidne(capsys, *hr, "verify", str(bundle), "--json")
    event = json.loads(out)["custody"][1]
    assert (event["signer"], event["signer_name"]) == ("known", "Jens Hansen, HR")
    code, out, _ = vidne(capsys, *hr, "verify", str(bundle))
    assert "WARNING" not in out and "signed by Jens Hansen, HR (known)" in out
    code, out, _ = vidne(capsys, "--store", str(tmp_path / "sender"), "verify", str(bundle))
    assert f"WARNING: custody event 2 (timestamped) was signed by an unknown key {fingerprint}" in out

    code, out, _ = vidne(capsys, *hr, "trust-key", "--remove", fingerprint)
    assert code == 0 and f"Removed the confirmation of key {fingerprint}." in out
    code, out, _ = vidne(capsys, *hr, "verify", str(bundle), "--json")
    assert json.loads(out)["custody"][1]["signer"] == "unknown"
    code, out, err = vidne(capsys, *hr, "trust-key", "--remove", fingerprint)
    assert code == 1 and "was not confirmed in this store" in err
    code, out, err = vidne(capsys, *hr, "trust-key", "--list")
    assert code == 0 and out == "" and "No keys confirmed" in err


def test_what_cannot_be_confirmed_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hr = ["--store", str(tmp_path / "hr")]
    code, _, err = vidne(capsys, *hr, "trust-key", "ab" * 31, "--name", "Jens")
    assert code == 2 and "is not a key fingerprint: a fingerprint is 64 hexadecimal characters" in err
    code, _, err = vidne(capsys, *hr, "trust-key", "ab" * 32)
    assert code == 2 and "--name" in err
    code, _, err = vidne(capsys, *hr, "trust-key", "ab" * 32, "--name", "   ")
    assert code == 2 and "--name" in err
    code, _, err = vidne(capsys, *hr, "trust-key")
    assert code == 2 and "--list" in err
    code, _, err = vidne(capsys, *hr, "trust-key", "ab" * 32, "--list")
    assert code == 2
    code, _, err = vidne(capsys, *hr, "trust-key", "--remove", "xyz")
    assert code == 2 and "'xyz' is not a key fingerprint" in err
    assert not (tmp_path / "hr" / "private" / "confirmed-keys.json").exists()
