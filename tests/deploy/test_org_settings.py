"""The organisation's config file: it sets and locks settings, a broken one names its file and line,
and the example in docs/it-deployment.md is a file Vidne accepts as it stands."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from app.cli import main as cli
from app.settings import Settings, expand_store_dir, load_settings, save_user_settings, user_config_dir
from tests.support import pages

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "it-deployment.md"


def doc_example() -> str:
    """The TOML block between the example-config markers of docs/it-deployment.md."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"<!-- example-config: begin -->\s*```toml\n(.*?)```\s*<!-- example-config: end -->", text,
                      re.S)
    assert found, "docs/it-deployment.md lost its example-config block"
    return found.group(1)


def test_packaged_example_is_the_documented_one() -> None:
    """The installers ship packaging/config.toml.example; it must be the file the doc describes."""
    assert (ROOT / "packaging" / "config.toml.example").read_text(encoding="utf-8") == doc_example()


@pytest.fixture
def system_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(path))
    return path


def user_file(text: str) -> None:
    path = user_config_dir() / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_doc_example_sets_and_locks_everything_it_says(system_file: Path, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    system_file.write_text(doc_example(), encoding="utf-8")
    # The person and their environment try to change locked settings; the organisation wins.
    user_file('organisation = "Mit eget"\nuse_tsa = false\nstore_dir = "/tmp/elsewhere"\nlanguage = "en"\n')
    monkeypatch.setenv("VIDNE_ORGANISATION", "Fra miljøet")
    monkeypatch.setenv("VIDNE_TSA_URL", "http://127.0.0.1:9/tsr")
    s = load_settings()
    assert s.problems == ()
    assert s.organisation == "Eksempel Kommune, HR"
    assert s.tsa_urls == ("http://timestamp.digicert.com", "http://timestamp.sectigo.com")
    assert s.use_tsa is True and s.blur_previews is True
    assert s.store_dir == str(tmp_path / "home" / "Vidne-bevismateriale")
    assert s.case_name_template == "{year}-{month} {host}"
    assert s.locked == {"organisation", "tsa_urls", "use_tsa", "case_name_template", "store_dir", "blur_previews"}
    assert s.language == "en"                    # not locked: the person's own choice stands
    with pytest.raises(PermissionError, match="organisation"):
        save_user_settings(s, organisation="x")


def test_doc_example_passes_vidne_settings(system_file: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    system_file.write_text(doc_example(), encoding="utf-8")
    assert cli.main(["settings", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["organisation_file"] == str(system_file) and shown["organisation_file_exists"]
    assert shown["settings"]["organisation"] == "Eksempel Kommune, HR"
    assert "tsa_urls" in shown["locked"] and shown["problems"] == []


def test_broken_toml_names_file_and_line_and_defaults_are_used(system_file: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    system_file.write_text('organisation = "Kommune"\nuse_tsa = false\nlocked = ["use_tsa"\n'
                           'blur_previews = nej\n', encoding="utf-8")
    s = load_settings()
    assert len(s.problems) == 1
    assert s.problems[0].startswith(f"{system_file}, line 4 (column ")
    assert "not valid TOML" in s.problems[0] and "safe defaults" in s.problems[0]
    # Nothing from the broken file: the safe defaults (and the test's environment variables).
    assert (s.use_tsa, s.blur_previews, s.locked, s.organisation) == (True, True, frozenset(), "Testkommune")
    assert cli.main(["settings"]) == 1
    out = capsys.readouterr().out
    assert f"problem: {system_file}, line 4" in out


def test_wrong_values_name_their_line_and_the_rest_still_applies(system_file: Path) -> None:
    system_file.write_text('# comment\norganisation = "Kommune"\nuse_tsa = "ja"\n\ncolour = "red"\n'
                           'case_name_template = "{year} {secret.__class__}"\nlanguage = "de"\n'
                           'locked = ["organisation", "nonsense"]\n', encoding="utf-8")
    s = load_settings()
    assert s.organisation == "Kommune" and s.locked == {"organisation"}
    assert s.use_tsa is True and s.case_name_template == "" and s.language == ""
    text = "\n".join(s.problems)
    assert f"{system_file}, line 3: 'use_tsa' must be true or false" in text
    assert f"{system_file}, line 5: unknown setting 'colour'" in text
    assert f"{system_file}, line 6: 'case_name_template' was ignored" in text
    assert f"{system_file}, line 7: 'language' must be" in text
    assert f"{system_file}, line 8: 'locked' names unknown setting(s) 'nonsense'" in text


def test_a_broken_user_file_does_not_undo_the_organisations(system_file: Path) -> None:
    system_file.write_text('organisation = "Kommune"\nlocked = ["organisation"]\n', encoding="utf-8")
    user_file("organisation = \n")
    s = load_settings()
    assert s.organisation == "Kommune" and "organisation" in s.locked
    assert len(s.problems) == 1 and "settings.toml, line 1" in s.problems[0]


def test_case_name_template() -> None:
    when = datetime.datetime(2025, 3, 7, 9, 30, tzinfo=datetime.UTC)
    s = Settings(operator="Søren", case_name_template="{year}-{month} uge {week} {host} ({operator}) {date}")
    assert s.default_case("https://user:pw@WWW.Facebook.com:443/x?y=1", when) == \
        "2025-03 uge 10 www.facebook.com (Søren) 2025-03-07"
    assert Settings().default_case("https://example.dk/", when) == ""


def test_case_name_template_is_used_by_the_capture(system_file: Path, web: pages.Server, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    system_file.write_text('case_name_template = "Sager {host}"\nuse_tsa = false\n', encoding="utf-8")
    store = str(tmp_path / "store")
    assert cli.main(["--store", store, "capture", web.url("/dansk"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["case"] == "Sager 127.0.0.1"
    assert cli.main(["--store", store, "capture", web.url("/dansk"), "--case", "Given", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["case"] == "Given"


def test_store_dir_expansion_and_lock(system_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VIDNE_TEST_SHARE", str(tmp_path / "share"))
    assert expand_store_dir("$VIDNE_TEST_SHARE/{user}").startswith(str(tmp_path / "share") + "/")
    system_file.write_text(f'store_dir = "{tmp_path / "fixed"}"\nlocked = ["store_dir"]\n', encoding="utf-8")
    assert cli.main(["--store", str(tmp_path / "mine"), "list"]) == 1
    assert "fixed where evidence is kept" in capsys.readouterr().err
    assert cli.main(["list"]) == 0
    assert (tmp_path / "fixed").is_dir() and not (tmp_path / "mine").exists()
