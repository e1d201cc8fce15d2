"""Trusted time through the real command line, against a real RFC 3161 TSA on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import capture_json, verify_txt_commands, vidne
from tests.support import pages
from tests.support.tsa_server import RunningTsa, closed_port_url, running_tsa


@pytest.fixture
def tsa(tmp_path: Path) -> Iterator[RunningTsa]:
    with running_tsa(tmp_path / "tsa") as running:
        yield running


def trusting(tmp_path: Path, tsa: RunningTsa) -> dict[str, str]:
    """An organisation config.toml that lists the test TSA's root (Vidne does not ship it)."""
    config = tmp_path / "org" / "config.toml"
    config.parent.mkdir(exist_ok=True)
    config.write_text(f'trusted_tsa_roots = ["{tsa.pki.root_pem}"]\n', encoding="utf-8")
    return {"VIDNE_SYSTEM_CONFIG": str(config)}


def test_capture_is_timestamped_and_openssl_agrees(web: pages.Server, tsa: RunningTsa, tmp_path: Path) -> None:
    org = trusting(tmp_path, tsa)
    out = capture_json(tmp_path / "store", web.url("/"), env={"VIDNE_TSA_URL": tsa.url("with-root"), **org})
    assert out["timestamp"]["status"] == "trusted" and out["timestamped"] is True
    bundle = Path(out["bundle"])
    assert (bundle / "timestamp.tsr").is_file() and (bundle / "tsa-chain.pem").is_file()
    ts_cmd = [c for c in verify_txt_commands(bundle) if c.startswith("openssl ts -verify")]
    assert ts_cmd
    ran = subprocess.run(ts_cmd[0], shell=True, cwd=bundle, capture_output=True, text=True)  # noqa: S602
    assert ran.returncode == 0 and "Verification: OK" in ran.stdout, ran.stderr
    events = [json.loads(line) for line in (bundle / "custody.jsonl").read_text("utf-8").splitlines()]
    assert [e["event"] for e in events] == ["captured", "timestamped"]
    assert events[1]["details"]["time"] == out["timestamp"]["time"]

    # The organisation lists the authority's root: the time is trusted.
    done = vidne("verify", str(bundle), "--json", env=org)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["time"]["status"] == "trusted", report["time"]
    assert report["trusted_time"] == report["time"]["at"] is not None
    assert [e["signer"] for e in report["custody"]] == ["sealer", "sealer"]
    # The same stamp where nobody lists that root: intact, but the time is not trusted, and said so first.
    done = vidne("verify", str(bundle), "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["intact"] is True
    assert report["time"]["status"] == "untrusted" and report["trusted_time"] is None
    assert report["time"]["at"] is not None and "Vidne test" in report["time"]["authority"]
    done = vidne("verify", str(bundle))
    assert done.returncode == 0 and done.stdout.splitlines()[1].startswith("  time: NOT TRUSTED (")
    # A recipient who checked the root with the authority names it for that run.
    done = vidne("verify", str(bundle), "--json", "--tsa-root", str(tsa.pki.root_pem))
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["time"]["status"] == "trusted" and report["trusted_time"]
    done = vidne("verify", str(bundle), "--tsa-root", str(tsa.pki.tsa_pem))
    assert done.returncode == 2 and "is not a root certificate" in done.stderr and done.stdout == ""


def test_tsa_down_keeps_the_capture_pending_then_stamps_it_later(web: pages.Server, tsa: RunningTsa,
                                                                 tmp_path: Path) -> None:
    store = tmp_path / "store"
    out = capture_json(store, web.url("/"), env={"VIDNE_TSA_URL": closed_port_url()})
    assert out["timestamp"]["status"] == "pending" and not (Path(out["bundle"]) / "timestamp.tsr").exists()
    assert vidne("verify", out["bundle"]).returncode == 0       # intact, just no trusted time yet
    org = trusting(tmp_path, tsa)
    done = vidne("--store", str(store), "timestamp", "--pending", "--tsa", tsa.url("with-root"), "--json", env=org)
    assert done.returncode == 0, done.stderr
    assert [o["status"] for o in json.loads(done.stdout)] == ["trusted"]
    assert (Path(out["bundle"]) / "timestamp.tsr").is_file()
    done = vidne("verify", out["bundle"], "--json", env=org)
    assert done.returncode == 0 and json.loads(done.stdout)["time"]["status"] == "trusted"


def test_a_token_for_another_manifest_makes_the_bundle_not_intact(web: pages.Server, tsa: RunningTsa,
                                                                  tmp_path: Path) -> None:
    env = {"VIDNE_TSA_URL": tsa.url("with-root")}
    first = Path(capture_json(tmp_path / "store", web.url("/"), env=env)["bundle"])
    second = Path(capture_json(tmp_path / "store", web.url("/dansk"), env=env)["bundle"])
    (second / "timestamp.tsr").write_bytes((first / "timestamp.tsr").read_bytes())
    done = vidne("verify", str(second))
    assert done.returncode == 1 and "timestamp.tsr" in done.stdout


def test_no_tsa_flag_skips_time_stamping(web: pages.Server, tmp_path: Path) -> None:
    out = capture_json(tmp_path / "store", web.url("/"), "--no-tsa")
    assert out["timestamp"] == {"status": "skipped"}
