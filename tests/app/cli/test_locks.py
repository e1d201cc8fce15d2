"""Locks hold on the command line: an environment variable for a setting the organisation locked makes the
command refuse (exit 2, naming the lock), and what a verifier trusts comes from the organisation's file only,
each entry checked when the settings are read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from app.settings import load_settings, locked_overrides, save_user_settings
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.support import pages

FP = "ab" * 32


def vidne(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(path))
    return path


def test_an_environment_variable_for_a_locked_setting_is_refused(
        org: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        web: pages.Server) -> None:
    org.write_text('use_tsa = true\ntsa_urls = ["http://127.0.0.1:9/org"]\nlocked = ["use_tsa", "tsa_urls"]\n',
                   encoding="utf-8")
    monkeypatch.setenv("VIDNE_TSA_URL", "http://127.0.0.1:9/mine")
    assert locked_overrides() == [("tsa_urls", "VIDNE_TSA_URL")]
    with Store.open(tmp_path / "store") as store:
        bundle = make_bundle(store).path
    store_flag = ["--store", str(tmp_path / "store")]
    for argv in (["capture", web.url("/dansk")], ["verify", str(bundle)], [*store_flag, "list"],
                 [*store_flag, "show", bundle.name], [*store_flag, "trust-key", "--list"]):
        code, out, err = vidne(capsys, *argv)
        assert code == 2 and out == "", argv
        assert err == ("vidne: Your organisation has locked the setting 'tsa_urls' (in its config.toml), so the "
                       "environment variable VIDNE_TSA_URL cannot change it. Ask your IT department if it must "
                       "be different.\n"), argv
    assert not (tmp_path / "vidne-home").exists()         # the capture never started
    # IT's own check runs and shows the conflict; it is no problem with a file.
    code, out, _ = vidne(capsys, "settings", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["locked_environment"] == {"tsa_urls": "VIDNE_TSA_URL"}
    assert shown["settings"]["tsa_urls"] == ["http://127.0.0.1:9/org"]
    code, out, _ = vidne(capsys, "settings")
    assert "locked: the environment variable VIDNE_TSA_URL is set, but 'tsa_urls' is locked" in out
    monkeypatch.delenv("VIDNE_TSA_URL")
    assert locked_overrides() == []
    assert vidne(capsys, "verify", str(bundle))[0] == 0


def test_a_locked_operator_refuses_vidne_operator(org: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    org.write_text('operator = "Fast Navn"\nlocked = ["operator"]\n', encoding="utf-8")
    code, _, err = vidne(capsys, "--store", str(tmp_path / "s"), "list")
    assert code == 2 and "'operator'" in err and "VIDNE_OPERATOR" in err
    monkeypatch.delenv("VIDNE_OPERATOR")
    assert vidne(capsys, "--store", str(tmp_path / "s"), "list")[0] == 0


def test_a_locked_store_refuses_store_for_verify(org: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    org.write_text(f'store_dir = "{tmp_path / "fixed"}"\nlocked = ["store_dir"]\n', encoding="utf-8")
    with Store.open(tmp_path / "mine") as store:
        bundle = make_bundle(store).path
    code, out, err = vidne(capsys, "verify", str(bundle), "--store", str(tmp_path / "mine"))
    assert code == 2 and out == "" and "locked the setting 'store_dir'" in err and "--store" in err
    assert vidne(capsys, "verify", str(bundle))[0] == 0
    assert not (tmp_path / "fixed").exists()               # and verifying made no store there


def test_trusted_roots_and_keys_come_only_from_the_organisation(org: Path, tmp_path: Path) -> None:
    user = tmp_path / "config" / "settings.toml"
    user.write_text(f'language = "en"\ntrusted_keys = ["{FP} Mig selv"]\ntrusted_tsa_roots = ["/tmp/r.pem"]\n',
                    encoding="utf-8")
    s = load_settings()
    assert s.trusted_keys == () and s.trusted_tsa_roots == () and s.language == "en"
    assert f"{user}, line 2: 'trusted_keys' can be set only in the organisation's file ({org}); it was ignored." \
        in s.problems
    assert any(p.startswith(f"{user}, line 3: 'trusted_tsa_roots' can be set only") for p in s.problems)
    with pytest.raises(PermissionError):
        save_user_settings(s, trusted_keys=(f"{FP} Mig selv",))

    org.write_text(f'trusted_keys = ["{FP} Jens Hansen, HR"]\n', encoding="utf-8")
    assert load_settings().trusted_keys == (f"{FP} Jens Hansen, HR",)


def test_a_bad_trusted_keys_entry_names_its_file_and_line(org: Path) -> None:
    org.write_text("use_tsa = true\ntrusted_keys = [\n"
                   f'  "{FP} Jens Hansen, HR",\n'
                   '  "abc123 Kurt",\n'
                   f'  "{"cd" * 32}",\n'
                   ']\n', encoding="utf-8")
    s = load_settings()
    assert s.trusted_keys == (f"{FP} Jens Hansen, HR",) and s.use_tsa is True
    assert len(s.problems) == 2
    assert s.problems[0].startswith(f"{org}, line 4: the 'trusted_keys' entry \"abc123 Kurt\" was ignored: "
                                    "'abc123' is not a key fingerprint")
    assert s.problems[1].startswith(f"{org}, line 5: the 'trusted_keys' entry \"{'cd' * 32}\" was ignored: it "
                                    "names no holder")
    assert all("\"FINGERPRINT Name of the holder\"" in p for p in s.problems)
