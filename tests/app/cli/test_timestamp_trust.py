"""`vidne capture` / `vidne timestamp` hold the organisation's time-stamp locks, and `timestamp --pending`
replaces untrusted stamps with trusted ones under the organisation's roots (real TSAs on 127.0.0.1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_store.store.stamping import stamp_capture
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.e2e.helpers import vidne
from tests.support import pages
from tests.support.tsa_server import RunningTsa, running_tsa


def organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "etc" / "config.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(path))
    monkeypatch.delenv("VIDNE_TSA_URL")       # only the flag tries to change the setting


def nothing_captured(store: Path) -> bool:
    return not (store / "bundles").is_dir() or not any((store / "bundles").iterdir())


def test_no_tsa_cannot_switch_off_a_locked_use_tsa(web: pages.Server, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    organisation(tmp_path, monkeypatch, 'use_tsa = true\nlocked = ["use_tsa"]\n')
    store = tmp_path / "store"
    done = vidne("--store", str(store), "capture", "--no-tsa", web.url("/"))
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "locked the setting 'use_tsa'" in done.stderr and "--no-tsa" in done.stderr
    assert nothing_captured(store)


def test_tsa_cannot_change_locked_tsa_urls(web: pages.Server, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    organisation(tmp_path, monkeypatch, 'tsa_urls = ["http://127.0.0.1:9/tsr"]\nlocked = ["tsa_urls"]\n')
    store = tmp_path / "store"
    for command in (["capture", "--tsa", "http://127.0.0.1:8/tsr", web.url("/")],
                    ["timestamp", "--pending", "--tsa", "http://127.0.0.1:8/tsr"]):
        done = vidne("--store", str(store), *command)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert "locked the setting 'tsa_urls'" in done.stderr and "--tsa" in done.stderr
    assert nothing_captured(store)


@pytest.fixture
def stranger(tmp_path: Path) -> Iterator[RunningTsa]:
    """An authority whose root nobody here trusts."""
    with running_tsa(tmp_path / "stranger") as running:
        yield running


@pytest.fixture
def tsa(tmp_path: Path) -> Iterator[RunningTsa]:
    with running_tsa(tmp_path / "tsa") as running:
        yield running


def test_pending_replaces_untrusted_stamps_with_trusted_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             tsa: RunningTsa, stranger: RunningTsa) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        untrusted, unstamped = make_bundle(store), make_bundle(store, title="Uden tid")
        first = stamp_capture(store, untrusted, [stranger.url("with-root")], actor="Mette", organisation="X")
        assert first.status == "untrusted"
    old_tsr = (untrusted.path / "timestamp.tsr").read_bytes()
    organisation(tmp_path, monkeypatch, f'trusted_tsa_roots = ["{tsa.pki.root_pem}"]\n')
    done = vidne("--store", str(root), "timestamp", "--pending", "--tsa", tsa.url("ok"), "--json")
    assert done.returncode == 0, done.stderr
    outcomes = json.loads(done.stdout)
    assert [o["status"] for o in outcomes] == ["trusted", "trusted"]
    assert sorted(o["replaced"] for o in outcomes) == [False, True]
    assert all(o["message"].startswith("Trusted time ") for o in outcomes)
    last = json.loads((untrusted.path / "custody.jsonl").read_text("utf-8").splitlines()[-1])
    assert last["event"] == "timestamped" and last["details"]["replaces"]["timestamp.tsr"]["sha256"]
    assert (untrusted.path / "timestamp.tsr").read_bytes() != old_tsr
    assert (unstamped.path / "timestamp.tsr").is_file()
    again = vidne("--store", str(root), "timestamp", "--pending", "--tsa", tsa.url("ok"))
    assert again.returncode == 0 and "No capture is waiting" in again.stdout, again.stderr
