"""Secrets in the address, from the command line with the network record switched off in the person's
settings: the code and tokens an OAuth callback carries reach no byte of the bundle, the store's index,
the export, the log or what the command prints."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.capture.privacy.address_site import SECRETS, address_site
from tests.e2e.helpers import capture_json, vidne
from tests.support.secret_search import every_byte, find_secrets


@pytest.fixture
def site() -> Iterator[str]:
    with address_site() as base:
        yield base


def test_no_secret_from_the_address_with_the_network_record_off(site: str, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text("record_network = false\n", encoding="utf-8")
    shown = vidne("settings", "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["settings"]["record_network"] is False, shown.stdout

    store = tmp_path / "store"
    out = capture_json(store, f"{site}/login", "--case", "Sagen", "--no-tsa")
    assert out["final_url"] == f"{site}/cb?code=REDACTED&access_token=REDACTED&x=1#access_token=REDACTED&state=abc"
    assert out["url"] == f"{site}/login" and out["status"] == 200
    assert not any(secret in json.dumps(out) for secret in SECRETS)
    bundle = Path(out["bundle"])
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    assert "artifacts/page.wacz" not in {a["path"] for a in manifest["artifacts"]}    # the setting held
    assert manifest["capture"]["redactions"]["removed"] == {"url_parameters": ["access_token", "code"]}
    assert "Signed in" in (bundle / "artifacts" / "page.html").read_text("utf-8")

    printed = [vidne("--store", str(store), "list", "--json"),
               vidne("--store", str(store), "show", out["id"], "--json"),
               vidne("--store", str(store), "-v", "verify", str(bundle), "--json")]
    for done in printed:
        assert done.returncode == 0, done.stderr
        assert not any(secret in done.stdout + done.stderr for secret in SECRETS)
    assert "x=1" in printed[0].stdout
    zip_path = tmp_path / "sagen.zip"
    exported = vidne("--store", str(store), "export", "--case", "Sagen", "--out", str(zip_path))
    assert exported.returncode == 0, exported.stderr
    for where in (store, zip_path, tmp_path / "logs"):       # the bundle, the index, the report, the log
        assert find_secrets(where, SECRETS) == [], where
    assert any(b"x=1" in data for name, data in every_byte(zip_path) if name.endswith("manifest.json"))
