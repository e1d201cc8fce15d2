"""The vault in the window, against a real SeaweedFS: captures waiting for the vault are pushed when the app
starts (and "vault pending" shows while it is out of reach); HR's File ▸ Fetch a case from the vault lists
the vault's cases and fetches one, every capture verified first."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.gui.handover.vault import FetchDialog, VaultMenu
from evidence_store.store.store import Store
from evidence_store.vault.layout import VaultConfig
from evidence_store.vault.pending import pending_ids
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window
from tests.support.seaweed import Seaweed, free_port, running_seaweed


@pytest.fixture(scope="module")
def weed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seaweed]:
    with running_seaweed(tmp_path_factory.mktemp("weed")) as server:
        yield server


@pytest.fixture
def bucket(weed: Seaweed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name, value in weed.env().items():
        monkeypatch.setenv(name, value)
    return weed.make_bucket(f"gui-{secrets.token_hex(3)}")


def _organisation(tmp_path: Path, endpoint: str, bucket: str) -> None:
    """The organisation's file (conftest points VIDNE_SYSTEM_CONFIG at it) names the vault."""
    (tmp_path / "no-system-config.toml").write_text(
        f'vault_endpoint = "{endpoint}"\nvault_bucket = "{bucket}"\nvault_region = "us-east-1"\n'
        "vault_retention_days = 30\n", encoding="utf-8")


def _menu(window: object) -> VaultMenu:
    found = window.findChild(VaultMenu)  # type: ignore[attr-defined]
    assert isinstance(found, VaultMenu)
    return found


def test_pending_shows_while_out_of_reach_and_goes_at_the_next_start(
        isolated_home: Path, weed: Seaweed, bucket: str, tmp_path: Path, qtbot: QtBot) -> None:
    with Store.open(isolated_home) as store:
        for n in range(2):
            make_bundle(store, case="Sag A", title=f"Opslag {n}")
    _organisation(tmp_path, f"http://127.0.0.1:{free_port()}", bucket)
    window = open_window(qtbot)
    menu = _menu(window)
    qtbot.waitUntil(lambda: not menu.running and menu.pending == 2, timeout=60_000)
    assert menu.label.isVisibleTo(window) and "2" in menu.label.text() and "pending" in menu.label.text()
    assert menu.action.isVisible() and "vault" in menu.action.text()
    assert menu.action in window.file_menu.actions()
    window.close()

    _organisation(tmp_path, weed.endpoint, bucket)
    window = open_window(qtbot)
    menu = _menu(window)
    qtbot.waitUntil(lambda: not menu.running and menu.pending == 0, timeout=60_000)
    assert not menu.label.isVisibleTo(window)
    with Store.open(isolated_home) as store:
        config = VaultConfig(bucket=bucket, endpoint=weed.endpoint, region="us-east-1", retention_days=30)
        assert pending_ids(store, config) == []
        assert all(store.custody_events(r.id)[-1]["event"] == "vaulted" for r in store.list_captures())


def test_hr_fetches_a_case_from_the_window(
        isolated_home: Path, weed: Seaweed, bucket: str, tmp_path: Path, qtbot: QtBot) -> None:
    _organisation(tmp_path, weed.endpoint, bucket)
    employee = tmp_path / "employee"
    with Store.open(employee) as store:
        ids = sorted(make_bundle(store, case="Sag B", title=f"Opslag {n}").id for n in range(2))
        from evidence_store.vault.push import push_captures

        push_captures(store, VaultConfig(bucket=bucket, endpoint=weed.endpoint, region="us-east-1",
                                         retention_days=30), ids, actor="Mette", organisation="Kommunen")
    window = open_window(qtbot)
    menu = _menu(window)
    menu.action.trigger()
    dialog = window.findChild(FetchDialog)
    assert isinstance(dialog, FetchDialog)
    qtbot.waitUntil(lambda: dialog.cases.count() == 1, timeout=30_000)
    assert "Sag B" in dialog.cases.item(0).text() and "2" in dialog.cases.item(0).text()
    dialog.fetch()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert "2 capture(s) added" in dialog.status.text(), dialog.status.text()
    with Store.open(isolated_home) as hr:
        assert sorted(r.id for r in hr.list_captures()) == ids
        assert [e["event"] for e in hr.custody_events(ids[0])] == ["captured", "vaulted", "received"]


def test_a_failed_fetch_says_what_happened_in_the_persons_words(isolated_home: Path, tmp_path: Path,
                                                                qtbot: QtBot) -> None:
    from evidence_store.vault.errors import VaultUnavailable

    _organisation(tmp_path, f"http://127.0.0.1:{free_port()}", "closed")
    window = open_window(qtbot)
    _menu(window).action.trigger()
    dialog = window.findChild(FetchDialog)
    assert isinstance(dialog, FetchDialog)
    dialog._failed(VaultUnavailable("connection refused by 127.0.0.1"))
    said = dialog.status.text().splitlines()
    assert said[0] and "connection refused" not in said[0]           # first the person's words
    assert said[1] == "Technical message: connection refused by 127.0.0.1"
