"""Pending time-stamps (issue 14, point 5): calm, neutral words and colour while a time-stamp is still to
come, and the answer to File → Get missing time-stamps shown to the person, not only in the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.state.status import Status
from evidence_store import Store
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window


def answer(window: MainWindow, qtbot: QtBot) -> QMessageBox:
    qtbot.waitUntil(lambda: window.stamps_box is not None and window.stamps_box.isVisible(), timeout=30_000)
    box = window.stamps_box
    assert box is not None
    return box


def test_with_no_evidence_the_answer_says_so(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.stamps.busy, timeout=30_000)      # the round at start
    window.act_stamps.trigger()
    box = answer(window, qtbot)
    assert box.text() == "There is no evidence yet, so there is nothing to time-stamp."
    assert "Every capture has its trusted time-stamp" not in window.statusBar().currentMessage()
    box.accept()


def test_offline_the_answer_is_calm_and_shown_in_a_window(qtbot: QtBot, isolated_home: Path) -> None:
    with Store.open(isolated_home) as store:
        record = make_bundle(store, title="Opslag")
    window = open_window(qtbot)
    qtbot.waitUntil(lambda: not window.stamps.busy, timeout=30_000)
    assert window.stamps_box is None                 # the round at start goes to the status bar only
    assert window.statusBar().currentMessage().startswith("No time-stamp service answered just now")
    window.act_stamps.trigger()
    box = answer(window, qtbot)
    assert box.text() == ("No time-stamp service answered just now. Nothing is lost: Vidne asks again by "
                          "itself later.")
    box.accept()
    # the list's badge and the detail view: neutral, not the warning colour
    delegate = window.evidence.list.view.itemDelegate()
    assert delegate.badge_text(Status.NO_TIMESTAMP) == "Intact · time-stamp to come"
    assert delegate.badge_color(Status.NO_TIMESTAMP) != delegate.badge_color(Status.UNTRUSTED_TIME)
    window.show_in_list(record.id)
    detail = window.evidence.detail
    qtbot.waitUntil(lambda: detail.verdict is not None and detail.verdict.status == Status.NO_TIMESTAMP,
                    timeout=20_000)
    assert detail.result.property("state") == "waiting"
    assert detail.result.text().splitlines()[0] == "The evidence is unchanged ✓"
    QApplication.processEvents()
