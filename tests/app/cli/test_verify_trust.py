"""``vidne verify`` gives trust beside "intact": the forged stamp of issue 11 (an attacker's own time-stamp
authority and a stranger's key on the "timestamped" event) is intact but neither trusted nor known, said in
the first lines; a root or key the person or the organisation names makes it so, for that check only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.support.forged import ForgedStamp, forge_stamp


@pytest.fixture
def forged(tmp_path: Path) -> tuple[Path, ForgedStamp]:
    with Store.open(tmp_path / "store") as store:
        bundle = make_bundle(store, title="Forside").path
    return bundle, forge_stamp(bundle, tmp_path / "attacker")


def vidne(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, err = vidne(capsys, *argv, "--json")
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "etc" / "config.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(path))
    return path


def test_the_forged_stamp_is_intact_but_not_trusted_and_its_signer_unknown(
        forged: tuple[Path, ForgedStamp], capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    bundle, stamp = forged
    report = as_json(capsys, "verify", str(bundle))
    assert report["path"] == str(bundle.resolve()) and report["intact"] is True
    assert report["time"]["status"] == "untrusted" and report["trusted_time"] is None
    assert report["time"]["at"] and "Attacker TSA" in report["time"]["authority"]
    assert [(e["seq"], e["event"], e["signer"]) for e in report["custody"]] == [
        (1, "captured", "sealer"), (2, "timestamped", "unknown")]
    assert report["custody"][1]["signer_fingerprint"] == stamp.key.fingerprint()
    assert report["custody"][1]["signer_name"] is None and report["custody"][0]["actor"] == "Test Operatør"
    assert report["seal"]["signer"] == "unknown"          # no store here: nobody has confirmed the sealer's key

    code, out, err = vidne(capsys, "verify", str(bundle))
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0] == f"INTACT: {bundle}"
    assert lines[1].startswith("  time: NOT TRUSTED (CN=Attacker TSA") and "does not trust" in lines[1]
    assert lines[2].startswith(f"  sealed by key {report['signer_fingerprint']} (not confirmed: confirm it")
    assert lines[3] == (f"  WARNING: custody event 2 (timestamped) was signed by an unknown key "
                        f"{stamp.key.fingerprint()}")
    assert "  custody:" in lines and "trusted time (RFC 3161)" not in out
    assert f"signed by an UNKNOWN key {stamp.key.fingerprint()}" in lines[-1]
    assert not isolated_home.exists()                    # verifying never makes a store


def test_tsa_root_makes_the_time_trusted_for_that_run_only(
        forged: tuple[Path, ForgedStamp], capsys: pytest.CaptureFixture[str]) -> None:
    bundle, stamp = forged
    report = as_json(capsys, "verify", str(bundle), "--tsa-root", str(stamp.root_pem))
    assert report["time"]["status"] == "trusted" and report["trusted_time"] == report["time"]["at"]
    assert report["custody"][1]["signer"] == "unknown"    # a trusted time says nothing about who added it
    code, out, _ = vidne(capsys, "verify", str(bundle), "--tsa-root", str(stamp.root_pem))
    assert code == 0 and out.splitlines()[1].startswith(f"  time: TRUSTED {report['trusted_time']} from CN=Attacker")
    assert as_json(capsys, "verify", str(bundle))["time"]["status"] == "untrusted"


def test_the_organisations_roots_and_keys_are_trusted(
        forged: tuple[Path, ForgedStamp], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    bundle, stamp = forged
    organisation(tmp_path, monkeypatch, f'trusted_tsa_roots = ["{stamp.root_pem}"]\n'
                 f'trusted_keys = ["{stamp.key.fingerprint()} Jens Hansen, HR"]\n')
    report = as_json(capsys, "verify", str(bundle))
    assert report["time"]["status"] == "trusted" and report["trusted_time"] is not None
    assert report["custody"][1]["signer"] == "known" and report["custody"][1]["signer_name"] == "Jens Hansen, HR"
    assert report["unknown_signers"] == 0
    code, out, _ = vidne(capsys, "verify", str(bundle))
    assert code == 0 and "WARNING" not in out and "signed by Jens Hansen, HR (known)" in out


def test_trust_key_names_a_signer_for_that_check(
        forged: tuple[Path, ForgedStamp], capsys: pytest.CaptureFixture[str]) -> None:
    bundle, stamp = forged
    spaced = " ".join(stamp.key.fingerprint()[i:i + 4] for i in range(0, 64, 4)).upper()
    report = as_json(capsys, "verify", str(bundle), "--trust-key", f"{spaced}=Jens")
    assert report["custody"][1]["signer"] == "known" and report["custody"][1]["signer_name"] == "Jens"
    assert as_json(capsys, "verify", str(bundle))["custody"][1]["signer"] == "unknown"


def test_the_persons_store_knows_its_own_key(forged: tuple[Path, ForgedStamp],
                                             capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bundle, _ = forged
    for argv in (["--store", str(tmp_path / "store"), "verify", str(bundle)],
                 ["verify", str(bundle), "--store", str(tmp_path / "store")]):
        report = as_json(capsys, *argv)
        assert report["seal"]["signer"] == "known" and report["seal"]["signer_name"] == "this store"
        code, out, _ = vidne(capsys, *argv)
        assert code == 0 and "(known as this store, this store's own key)" in out.splitlines()[2]
    empty = tmp_path / "not-a-store"
    assert as_json(capsys, "verify", str(bundle), "--store", str(empty))["seal"]["signer"] == "unknown"
    assert not empty.exists()


def test_unusable_roots_and_fingerprints_are_bad_input(
        forged: tuple[Path, ForgedStamp], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    bundle, stamp = forged
    not_pem = tmp_path / "root.txt"
    not_pem.write_text("hello", encoding="utf-8")
    code, out, err = vidne(capsys, "verify", str(bundle), "--tsa-root", str(not_pem))
    assert code == 2 and out == "" and f"The time-stamp root file {not_pem} holds no readable certificate" in err
    code, out, err = vidne(capsys, "verify", str(bundle), "--tsa-root", str(stamp.pki.tsa_pem))
    assert code == 2 and "is not a root certificate" in err
    code, out, err = vidne(capsys, "verify", str(bundle), "--trust-key", "abc123=Jens")
    assert code == 2 and out == "" and "'abc123' is not a key fingerprint" in err
    organisation(tmp_path, monkeypatch, f'trusted_tsa_roots = ["{tmp_path / "gone.pem"}"]\n')
    code, out, err = vidne(capsys, "verify", str(bundle))
    assert code == 2 and f"{tmp_path / 'gone.pem'} cannot be read" in err


def test_a_damaged_bundle_still_says_not_intact_first(forged: tuple[Path, ForgedStamp],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bundle, _ = forged
    (bundle / "artifacts" / "page.html").write_text("<html>changed</html>", encoding="utf-8")
    code, out, _ = vidne(capsys, "verify", str(bundle))
    assert code == 1 and out.splitlines()[0] == f"NOT INTACT: {bundle}"
    assert out.splitlines()[1].startswith("  time: ")
    report = json.loads(vidne(capsys, "verify", str(bundle), "--json")[1])
    assert report["intact"] is False and report["problems"] and report["trusted_time"] is None


def test_a_broken_stamp_and_no_stamp_are_said_so(forged: tuple[Path, ForgedStamp], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bundle, _ = forged
    tsr = bundle / "timestamp.tsr"
    tsr.write_bytes(tsr.read_bytes()[:-40])
    code, out, _ = vidne(capsys, "verify", str(bundle))
    assert code == 1 and out.splitlines()[1].startswith("  time: BROKEN: ")
    with Store.open(tmp_path / "store") as store:
        plain = make_bundle(store, title="Uden stempel").path
    code, out, _ = vidne(capsys, "verify", str(plain))
    assert code == 0 and out.splitlines()[1] == "  time: none (no time-stamp)"
    assert "WARNING" not in out
