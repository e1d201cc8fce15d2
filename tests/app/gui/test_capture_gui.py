"""Capturing through the window, with the real browser: type, press Enter, wait on signals."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.gui.capture.phases import Phase, phase_of
from app.gui.main_window import MainWindow
from app.gui.state.happened import capture_happened
from capture.errors import CaptureCancelled, CaptureFailed
from evidence_store.bundle.verify import verify_bundle
from evidence_store.store.index import CaptureRecord
from tests.app.procs import alive, command, descendants
from tests.support import pages

CAPTURE_TIMEOUT_MS = 90_000


def error_dialogs() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()]


def test_type_an_address_press_enter_and_it_is_kept(window: MainWindow, qtbot: QtBot, web: pages.Server) -> None:
    panel = window.capture
    qtbot.keyClicks(panel.form.case.lineEdit(), "Facebook oktober")
    qtbot.keyClicks(panel.form.note, "sendt af en kollega")
    panel.url_field.setFocus()
    qtbot.keyClicks(panel.url_field, web.url("/"))
    actions: list[str] = []
    with qtbot.waitSignal(panel.captureFinished, timeout=CAPTURE_TIMEOUT_MS) as done:
        qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)
        assert panel.running and panel.worker is not None
        assert panel.pages.currentWidget() is panel.progress
        # the worker has not sent anything yet that the GUI could have missed: it is queued
        panel.worker.progress.connect(lambda step: actions.append(step.action))
    phases = [phase_of(a) for a in actions]
    assert [p for p in Phase if p in phases] == [Phase.LOADING, Phase.SCROLLING, Phase.SCREENSHOT,
                                                 Phase.SEALING, Phase.TIMESTAMP]
    assert panel.progress.tracker.phase == Phase.TIMESTAMP     # what the person last saw
    record = done.args[0]
    assert isinstance(record, CaptureRecord)
    assert record.case == "Facebook oktober" and record.note == "sendt af en kollega"
    assert record.title == "Forside" and record.http_status == 200
    report = verify_bundle(record.path)
    assert report.intact, report.problem_text()
    # the calm confirmation, with where it is kept and the time-stamp state
    assert panel.pages.currentWidget() is panel.confirmation
    shown = [v.text() for v in panel.confirmation.values]
    assert "Forside" in shown and str(record.path) in shown
    assert any(t.startswith("To come: Vidne adds it by itself") for t in shown)  # the TSA is closed: calm words
    assert not error_dialogs()
    # ... and it is in the evidence list
    qtbot.mouseClick(panel.confirmation.show_list, Qt.MouseButton.LeftButton)
    listing = window.evidence.list
    qtbot.waitUntil(lambda: listing.current_record() is not None and listing.current_record().id == record.id,
                    timeout=10_000)
    assert window.tabs.currentWidget() is window.evidence


def test_cancel_stops_the_capture_and_its_browser(window: MainWindow, qtbot: QtBot, web: pages.Server,
                                                  isolated_home: Path) -> None:
    panel = window.capture
    before = descendants()
    qtbot.keyClicks(panel.url_field, web.url("/hang"))
    qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)
    # wait until the browser is really asking for the page that never answers
    qtbot.waitUntil(lambda: any("chrom" in command(p) for p in descendants() - before), timeout=60_000)
    qtbot.waitUntil(lambda: panel.progress.tracker.phase >= Phase.LOADING, timeout=30_000)
    started = descendants() - before
    assert started
    with qtbot.waitSignal(panel.captureFailed, timeout=30_000) as failed:
        qtbot.mouseClick(panel.progress.cancel, Qt.MouseButton.LeftButton)
    assert isinstance(failed.args[0], CaptureCancelled)
    assert not panel.running and panel.pages.currentWidget() is panel.form
    assert "Nothing was saved" in panel.form.status.text()
    assert not error_dialogs()                   # a cancel is not an error
    qtbot.waitUntil(lambda: not alive(started), timeout=20_000)
    bundles = isolated_home / "bundles"
    assert not any(bundles.iterdir())
    assert not [p for p in (isolated_home / "staging").iterdir() if not p.name.endswith(".lock")]


def test_unreachable_address_is_explained_in_plain_words(window: MainWindow, qtbot: QtBot,
                                                          isolated_home: Path) -> None:
    panel = window.capture
    qtbot.keyClicks(panel.url_field, "http://127.0.0.1:9/")
    with qtbot.waitSignal(panel.captureFailed, timeout=CAPTURE_TIMEOUT_MS) as failed:
        qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)
    assert isinstance(failed.args[0], CaptureFailed)
    banner = window.banner                         # one place for the error: the banner, no box
    assert banner.isVisible() and not error_dialogs()
    assert banner.title.text() == "The page could not be saved"
    assert banner.text.text().startswith("Nothing was saved.")
    assert panel.form.status.isHidden()            # not said twice
    details = banner.details.text()
    assert details.startswith(f"{capture_happened(failed.args[0].code)}\n\nTechnical message:\n"), details
    assert "Traceback" not in details and banner.details.textFormat() == Qt.TextFormat.PlainText
    assert banner.details.isHidden()
    qtbot.mouseClick(banner.more, Qt.MouseButton.LeftButton)             # "Details"
    assert banner.details.isVisible()
    assert panel.url_field.text() == "http://127.0.0.1:9/"     # kept, to correct and try again
    assert not any((isolated_home / "bundles").iterdir())
    with qtbot.waitSignal(panel.captureFailed, timeout=CAPTURE_TIMEOUT_MS):   # "Try again": the same page
        qtbot.mouseClick(banner.try_again, Qt.MouseButton.LeftButton)
        assert panel.running and banner.isHidden()
    assert banner.isVisible() and not error_dialogs()


@pytest.mark.parametrize("typed", ["ftp://example.dk/x", "not an address"])
def test_not_a_web_address_is_refused_before_any_browser_starts(window: MainWindow, qtbot: QtBot,
                                                                typed: str) -> None:
    panel = window.capture
    qtbot.keyClicks(panel.url_field, typed)
    qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)
    assert not panel.running and not error_dialogs()
    assert window.banner.isVisible()
    assert window.banner.title.text() == "This is not a web address Vidne can save"
    assert not window.banner.try_again.isVisible()        # nothing to try again as it is
    panel.url_field.clear()                               # the next action clears it; an empty field is
    qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)    # a calm word, not an error
    assert window.banner.isHidden() and not error_dialogs()
    assert panel.form.status.text() == "Paste the address of the page into the field first, then press Enter."


def test_an_error_banner_switches_language_with_the_window(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.capture.url_field, "not an address")
    qtbot.keyClick(window.capture.url_field, Qt.Key.Key_Return)
    assert window.banner.title.text() == "This is not a web address Vidne can save"
    window.ctx.set_language("da")
    qtbot.waitUntil(lambda: window.banner.title.text() != "This is not a web address Vidne can save", timeout=2000)
    assert window.banner.more.text() == "&Detaljer"
    assert window.banner.details.text().startswith("Adressen er ikke en webside, Vidne må gemme")
    window.ctx.set_language("en")
    qtbot.waitUntil(lambda: window.banner.title.text() == "This is not a web address Vidne can save", timeout=2000)


@pytest.mark.parametrize(("status", "expected"), [
    ("trusted", "In place: "),
    ("untrusted", "Added ("),
])
def test_the_confirmation_calls_a_time_trusted_only_when_it_is(
        window: MainWindow, isolated_home: Path, status: str, expected: str) -> None:
    """An untrusted stamp is never worded as confirmed (issue 11)."""
    from evidence_store import StampOutcome, Store
    from tests.app.bundles import make_bundle
    with Store.open(isolated_home) as store:
        sealed_record = make_bundle(store, title="Opslag")
    stamp = StampOutcome(sealed_record.id, True, time="2026-12-03T10:00:00Z", tsa="Attacker TSA",
                         status=status)  # type: ignore[arg-type]
    window.capture.confirmation.show_record(sealed_record, stamp)
    shown = [v.text() for v in window.capture.confirmation.values]
    assert any(t.startswith(expected) and "Attacker TSA" in t for t in shown), shown
    if status == "untrusted":
        assert not any("confirmed by" in t for t in shown)
