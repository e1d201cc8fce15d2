"""Fixtures for the desktop app's tests: Qt offscreen, English unless a test asks otherwise, a started
main window on an isolated store, and a store of many real bundles made without a browser."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before any QApplication exists

import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.gui.dialogs.settings import SettingsDialog
from app.gui.main import application, create_window
from app.gui.main_window import MainWindow
from evidence_store.store.store import Store
from tests.app.bundles import make_many

MANY = 300


@pytest.fixture(autouse=True)
def english(isolated_home: Path, tmp_path: Path) -> None:
    """Tests read English texts whatever the machine's language (one test switches to Danish)."""
    config = tmp_path / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text('language = "en"\n', encoding="utf-8")


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str], qapp_cls: type[QApplication]) -> QApplication:
    return application(qapp_args)


def open_window(qtbot: QtBot, store_root: Path | None = None) -> MainWindow:
    window = create_window(application(), store_root=store_root)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=30_000):
        window.show()
        window.start()
    return window


def settings_file(tmp_path: Path) -> dict[str, object]:
    """The person's settings.toml as the isolated test home holds it."""
    return tomllib.loads((tmp_path / "config" / "settings.toml").read_text(encoding="utf-8"))


def open_settings(window: MainWindow, qtbot: QtBot) -> SettingsDialog:
    """File ▸ Settings, with the dialog active so that keys go where a person's would."""
    window.act_settings.trigger()
    dialog = window.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path) -> MainWindow:
    return open_window(qtbot)


@pytest.fixture(scope="session")
def many_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of MANY sealed bundles in 12 cases, made once per session (without fsync, for speed)."""
    root = tmp_path_factory.mktemp("many") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fsync", lambda fd: None)
        store = Store.open(root)
        make_many(store, MANY)
        store.close()
    return root


@pytest.fixture
def many_store(many_store_template: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the many-bundle store (tests may change it)."""
    root = tmp_path / "many-store"
    shutil.copytree(many_store_template, root, symlinks=True)
    yield root
