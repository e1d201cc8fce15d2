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


def test_capture_is_timestamped_and_openssl_agrees(web: pages.Server, tsa: RunningTsa, tmp_path: Path) -> None:
    out = capture_json(tmp_path / "store", web.url("/"), env={"VIDNE_TSA_URL": tsa.url("with-root")})
    assert out["timestamp"]["status"] == "stamped" and out["timestamped"] is True
    bundle = Path(out["bundle"])
    assert (bundle / "timestamp.tsr").is_file() and (bundle / "tsa-chain.pem").is_file()
    ts_cmd = [c for c in verify_txt_commands(bundle) if c.startswith("openssl ts -verify")]
    assert ts_cmd
    ran = subprocess.run(ts_cmd[0], shell=True, cwd=bundle, capture_output=True, text=True)  # noqa: S602
    assert ran.returncode == 0 and "Verification: OK" in ran.stdout, ran.stderr
    events = [json.loads(line) for line in (bundle / "custody.jsonl").read_text("utf-8").splitlines()]
    assert [e["event"] for e in events] == ["captured", "timestamped"]
    assert events[1]["details"]["time"] == out["timestamp"]["time"]
    done = vidne("verify", str(bundle), "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["trusted_time"] is not None


def test_tsa_down_keeps_the_capture_pending_then_stamps_it_later(web: pages.Server, tsa: RunningTsa,
                                                                 tmp_path: Path) -> None:
    store = tmp_path / "store"
    out = capture_json(store, web.url("/"), env={"VIDNE_TSA_URL": closed_port_url()})
    assert out["timestamp"]["status"] == "pending" and not (Path(out["bundle"]) / "timestamp.tsr").exists()
    assert vidne("verify", out["bundle"]).returncode == 0       # intact, just no trusted time yet
    done = vidne("--store", str(store), "timestamp", "--pending", "--tsa", tsa.url("with-root"), "--json")
    assert done.returncode == 0, done.stderr
    assert [o["status"] for o in json.loads(done.stdout)] == ["stamped"]
    assert (Path(out["bundle"]) / "timestamp.tsr").is_file()
    assert vidne("verify", out["bundle"]).returncode == 0


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
