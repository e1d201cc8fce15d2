"""The vault end to end through the real `vidne` command against a real SeaweedFS: an employee's capture
goes to the vault by itself (or waits as pending while the vault is out of reach), HR lists and fetches the
case into its own store, verifies it in the vault, and exports it for the police; the custody PDF shows
the vault's retention. The vault is the organisation's setting only; credentials come from the environment."""

from __future__ import annotations

import json
import secrets
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.helpers import capture_json, vidne
from tests.support import pages
from tests.support.seaweed import Seaweed, free_port, running_seaweed

CASE = "Sag 9 – chikane på Facebook"
EMPLOYEE = {"VIDNE_OPERATOR": "Mette Medarbejder", "VIDNE_ORGANISATION": "Aarhus Kommune"}
HR = {"VIDNE_OPERATOR": "Hanne Personalechef", "VIDNE_ORGANISATION": "Aarhus Kommune, HR"}


@pytest.fixture(scope="module")
def weed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seaweed]:
    with running_seaweed(tmp_path_factory.mktemp("weed")) as server:
        yield server


def _organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, endpoint: str, bucket: str) -> None:
    config = tmp_path / "etc" / "config.toml"
    config.parent.mkdir(exist_ok=True)
    config.write_text(f'vault_endpoint = "{endpoint}"\nvault_bucket = "{bucket}"\nvault_region = "us-east-1"\n'
                      'vault_retention_days = 3650\nvault_prefix = "vidne"\n', encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(config))


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_employee_to_vault_to_hr_to_police(web: pages.Server, weed: Seaweed, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bucket = weed.make_bucket(f"kommune-{secrets.token_hex(3)}")
    _organisation(tmp_path, monkeypatch, weed.endpoint, bucket)
    for name, value in weed.env().items():
        monkeypatch.setenv(name, value)
    employee, hr = tmp_path / "employee", tmp_path / "hr"
    first = capture_json(employee, web.url("/dansk"), "--case", CASE, "--no-tsa", env=EMPLOYEE)
    assert first["vault"]["status"] == "pushed" and first["vault"]["vaulted_event"] == 2
    locked = datetime.fromisoformat(first["vault"]["retain_until"]) - datetime.fromisoformat(first["started_at"])
    assert abs(locked - timedelta(days=3650)) < timedelta(hours=1)
    # no credential in the bundle, the store or the log
    secret = weed.secret_key.encode()
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and secret in p.read_bytes()]

    # the vault out of reach during a capture: sealed, pending, pushed later
    _organisation(tmp_path, monkeypatch, f"http://127.0.0.1:{free_port()}", bucket)
    second = capture_json(employee, web.url("/hostile"), "--case", CASE, "--no-tsa", env=EMPLOYEE)
    assert second["vault"]["status"] == "pending" and "cannot be reached" in second["vault"]["message"]
    _organisation(tmp_path, monkeypatch, weed.endpoint, bucket)
    pushed = json.loads(_ok(vidne("--store", str(employee), "vault", "push", "--pending", "--json")))
    assert [c["id"] for c in pushed["captures"]] == [second["id"]] and pushed["pending"] == 0
    again = vidne("--store", str(employee), "vault", "push", "--all")
    assert "already in the vault, checked; nothing uploaded" in _ok(again)

    # HR: list without downloading, verify in the vault, fetch, export for the police
    listed = json.loads(_ok(vidne("vault", "list", "--json", env=HR)))
    assert listed["cases"] == [{"case": CASE, "captures": sorted([first["id"], second["id"]])}]
    checked = _ok(vidne("--store", str(hr), "vault", "verify", "--case", CASE, env=HR))
    assert checked.count("INTACT:") == 2 and "locked: COMPLIANCE until" in checked
    fetched = _ok(vidne("--store", str(hr), "vault", "fetch", "--case", CASE, env=HR))
    assert f"Added {first['id']}" in fetched and f"Added {second['id']}" in fetched
    shown = json.loads(_ok(vidne("--store", str(hr), "verify", str(hr / "bundles" / first["id"]), "--json")))
    assert shown["intact"] and [e["event"] for e in shown["custody"]] == ["captured", "vaulted", "received"]
    out = tmp_path / "politi.zip"
    _ok(vidne("--store", str(hr), "export", "--case", CASE, "--out", str(out), "--language", "en", env=HR))
    assert json.loads(_ok(vidne("verify", str(out), "--json")))["intact"]
    pdf = subprocess.run(["pdftotext", "-layout", "-", "-"], input=_report(out), capture_output=True, check=True)
    text = pdf.stdout.decode()
    assert "kept in the vault (write-once)" in text.lower() and "locked_until" in text and "COMPLIANCE" in text

    # someone with write access puts a new version over a locked file: named, exit 1
    key = next(k for k in weed.client().list_objects_v2(Bucket=bucket)["Contents"]
               if k["Key"].endswith(f"{first['id']}/artifacts/page.html"))["Key"]
    weed.client().put_object(Bucket=bucket, Key=key, Body=b"<html>rewritten</html>")
    caught = vidne("vault", "verify", "--case", CASE, env=HR)
    assert caught.returncode == 1, caught.stdout + caught.stderr
    assert "NOT INTACT: " + first["id"] in caught.stdout and "artifacts/page.html: a newer version" in caught.stdout


def _report(zip_path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(zip_path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".pdf"))
        return zf.read(name)


def test_an_unlocked_bucket_is_refused_and_the_setting_is_the_organisations(
        web: pages.Server, weed: Seaweed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bucket = weed.make_bucket(f"plain-{secrets.token_hex(3)}", lock=False)
    _organisation(tmp_path, monkeypatch, weed.endpoint, bucket)
    for name, value in weed.env().items():
        monkeypatch.setenv(name, value)
    store = tmp_path / "store"
    done = capture_json(store, web.url("/dansk"), "--no-tsa", env=EMPLOYEE)
    assert done["vault"]["status"] == "pending" and "Object Lock" in done["vault"]["message"]
    refused = vidne("--store", str(store), "vault", "push", "--pending")
    assert refused.returncode == 1 and "Object Lock" in refused.stderr
    assert weed.client().list_objects_v2(Bucket=bucket).get("KeyCount", 0) == 0
    # a person's own settings file cannot set or move the vault
    user = tmp_path / "config" / "settings.toml"
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text('vault_bucket = "mine"\n', encoding="utf-8")
    settings = json.loads(vidne("settings", "--json").stdout)      # exit 1: a settings file has a problem
    assert settings["settings"]["vault_bucket"] == bucket
    assert any("vault_bucket" in p and "organisation" in p for p in settings["problems"])
