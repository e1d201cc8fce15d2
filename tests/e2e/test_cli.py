"""The command line as a contract: exit codes, --json, and bundles a recipient can check alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.helpers import capture_json, verify_txt_commands, vidne
from tests.support import pages


def test_capture_then_verify_with_vidne_and_with_standard_tools(web: pages.Server, tmp_path: Path) -> None:
    store = tmp_path / "store"
    out = capture_json(store, web.url("/dansk"), "--case", "Sag 1", "--note", "sendt af kollega")
    assert set(out) >= {"id", "bundle", "url", "final_url", "status", "case"}
    assert out["status"] == 200 and out["case"] == "Sag 1" and out["url"] == web.url("/dansk")
    bundle = Path(out["bundle"])
    assert bundle.is_absolute() and bundle.name == out["id"] and bundle.parent.parent == store

    done = vidne("--store", str(store), "verify", str(bundle))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "INTACT" in done.stdout

    commands = verify_txt_commands(bundle)
    assert any(c.startswith("sha256sum -c") for c in commands)
    assert any(c.startswith("openssl pkeyutl -verify") for c in commands)
    for cmd in commands:
        if cmd.startswith("openssl ts") and not (bundle / "timestamp.tsr").exists():
            continue
        ran = subprocess.run(cmd, shell=True, cwd=bundle, capture_output=True, text=True)  # noqa: S602
        assert ran.returncode == 0, (cmd, ran.stdout, ran.stderr)

    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    assert manifest["operator"] == "Test Operatør" and manifest["organisation"] == "Testkommune"
    assert manifest["note"] == "sendt af kollega" and manifest["capture"]["title"] == pages.DANISH

    listed = json.loads(vidne("--store", str(store), "list", "--json").stdout)
    assert [r["id"] for r in listed] == [out["id"]]
    shown = json.loads(vidne("--store", str(store), "show", out["id"], "--json").stdout)
    assert shown["final_url"] == web.url("/dansk")


def test_a_tampered_bundle_is_reported_with_exit_1(web: pages.Server, tmp_path: Path) -> None:
    out = capture_json(tmp_path / "store", web.url("/"))
    bundle = Path(out["bundle"])
    html = bundle / "artifacts" / "page.html"
    html.write_bytes(html.read_bytes().replace(b"Hej", b"Hey"))
    done = vidne("verify", str(bundle))
    assert done.returncode == 1
    assert "NOT INTACT" in done.stdout and "artifacts/page.html" in done.stdout


@pytest.mark.parametrize("bad", ["file:///etc/passwd", "javascript:alert(1)", "chrome://settings", "ikke en url"])
def test_bad_input_exits_2_and_saves_nothing(tmp_path: Path, bad: str) -> None:
    store = tmp_path / "store"
    done = vidne("--store", str(store), "capture", bad)
    assert done.returncode == 2 and done.stderr.startswith("vidne: ") and "Traceback" not in done.stderr
    assert not list((store / "bundles").glob("*")) if (store / "bundles").exists() else True


def test_verify_of_something_that_is_no_bundle_exits_2(tmp_path: Path) -> None:
    assert vidne("verify", str(tmp_path / "nope")).returncode == 2
    (tmp_path / "empty").mkdir()
    assert vidne("verify", str(tmp_path / "empty")).returncode == 2


def test_unreachable_and_redirect_loop_exit_1(web: pages.Server, tmp_path: Path) -> None:
    for url in ("http://127.0.0.1:9/", web.url("/loop")):
        done = vidne("--store", str(tmp_path / "s"), "capture", url)
        assert done.returncode == 1, done.stderr
        assert "Nothing was saved" in done.stderr and "Traceback" not in done.stderr


def test_404_is_captured_and_status_recorded(web: pages.Server, tmp_path: Path) -> None:
    out = capture_json(tmp_path / "store", web.url("/gone"))
    assert out["status"] == 404


def test_time_limit_holds_for_a_server_that_never_answers(web: pages.Server, tmp_path: Path) -> None:
    started = time.monotonic()
    done = vidne("--store", str(tmp_path / "s"), "capture", web.url("/hang"), "--timeout", "5")
    assert done.returncode == 1 and "Nothing was saved" in done.stderr
    assert time.monotonic() - started < 25


def test_version_and_help() -> None:
    done = vidne("--version")
    assert done.returncode == 0 and done.stdout.startswith("vidne ")
    assert vidne("--help").returncode == 0


def test_openssl_rejects_a_changed_manifest(web: pages.Server, tmp_path: Path) -> None:
    assert shutil.which("openssl"), "openssl is missing: run scripts/system-deps.sh"
    bundle = Path(capture_json(tmp_path / "store", web.url("/"))["bundle"])
    manifest = bundle / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"http_status": 200', b'"http_status": 201'))
    ran = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signer.pub.pem", "-rawin",
                          "-in", "manifest.json", "-sigfile", "manifest.json.sig"], cwd=bundle,
                         capture_output=True, text=True)
    assert ran.returncode != 0
