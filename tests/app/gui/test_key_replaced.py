"""Issue 12: a lost signing key is never replaced silently; the window says so when the store opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window


def replaced_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "keyReplacedBox" and w.isVisible()]


def test_the_window_says_a_new_signing_key_was_made(qtbot: QtBot, isolated_home: Path) -> None:
    with Store.open(isolated_home) as store:
        make_bundle(store, title="Opslag")
        old = store.fingerprint()
    (isolated_home / "private" / "signing-key.pem").unlink()
    window = open_window(qtbot, isolated_home)
    qtbot.waitUntil(lambda: bool(replaced_boxes()), timeout=20_000)
    shown = replaced_boxes()[0].text().replace(" ", "").replace("\n", "")
    store = window.ctx.store
    assert store is not None and store.fingerprint() != old
    assert store.fingerprint()[:16] in shown and old[:16] not in shown       # the new fingerprint is shown


def test_no_box_when_the_key_is_there(qtbot: QtBot, isolated_home: Path) -> None:
    with Store.open(isolated_home) as store:
        make_bundle(store, title="Opslag")
    window = open_window(qtbot, isolated_home)
    qtbot.waitUntil(lambda: window.ctx.store is not None, timeout=20_000)
    assert not replaced_boxes()
