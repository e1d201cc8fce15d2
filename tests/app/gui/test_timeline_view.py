"""View ▸ Timeline of the case… on a store of real sealed bundles (a first capture and four re-checks,
made through the store API without a browser): five events in order with their outcome words, the
removed text struck through and the added marked, hostile text as text, pictures blurred, arrows and
Escape."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QTextBlock, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.state.thumbnails import SIZE, load_thumbnail
from app.gui.timeline.action import TimelineAction
from app.gui.timeline.view import TimelineDialog
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from tests.app.bundles import Art
from tests.app.conftest import open_window

CASE = "Borgmesteren <b>x</b>"
HOSTILE = "<b>x</b>&amp;"
REMOVED = "borgmesteren er <i>inkompetent</i> & doven"
ADDED = "borgmesteren er uenig med os"
START = datetime(2026, 11, 21, 10, 15, 30, tzinfo=UTC)     # 11:15:30 in Copenhagen


def _picture(seed: int) -> bytes:
    """A first view with sharp detail (stripes and text), so that blurring shows."""
    image = Image.new("RGB", (1280, 900), "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, 1280, 16):
        draw.rectangle((x, 0, x + 7, 900), fill=(20 + seed * 40, 20, 20))
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def seal(store: Store, n: int, recheck: dict[str, object] | None, *, case: str = CASE) -> CaptureRecord:
    started = START + timedelta(hours=n)
    iso = started.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with store.begin_capture(started) as staging:
        out = staging.artifacts_dir
        (out / "screenshot-viewport.png").write_bytes(_picture(n))
        (out / "page.html").write_text(f"<html><title>{HOSTILE}</title></html>", encoding="utf-8")
        facts: dict[str, object] = {
            "url_requested": "https://social.example/post/1?<i>q</i>", "final_url": "https://social.example/post/1",
            "redirects": [], "http_status": 404 if recheck and recheck["outcome"] == "gone" else 200,
            "status_text": "OK", "title": HOSTILE, "started_at": iso, "finished_at": iso,
            "server": {"ip": "127.0.0.1", "port": 443}, "tls": None, "content_kind": "html",
            "viewport": {"width": 1280, "height": 900}, "warnings": [], "steps": []}
        if recheck is not None:
            facts["recheck"] = recheck
        return store.seal(staging, facts=facts, artifacts=[Art("screenshot-viewport.png", "image/png"),
                                                           Art("page.html", "text/html")],
                          operator="Test", organisation="Testkommune", case=case)


@pytest.fixture
def store_root(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    store = Store.open(root)
    try:
        first = seal(store, 0, None)
        none: dict[str, list[str]] = {"removed": [], "added": []}
        for n, outcome, changes in ((1, "unchanged", none), (2, "changed", {"removed": [REMOVED], "added": [ADDED]}),
                                    (3, "login_needed", none), (4, "gone", none)):
            seal(store, n, {"of": first.id, "outcome": outcome, "changes": changes})
        seal(store, 5, None, case="Another case")
    finally:
        store.close()
    return root


def open_timeline(window: MainWindow, qtbot: QtBot) -> TimelineDialog:
    listing = window.evidence.list
    window.show_evidence()
    with qtbot.waitSignal(listing.listed, timeout=10_000):
        listing.case_filter.setCurrentIndex(listing.case_filter.findData(CASE))
    action = window.findChild(TimelineAction)
    assert isinstance(action, TimelineAction)
    assert action.action in window.view_menu.actions()
    assert action.action.shortcut() == QKeySequence("Ctrl+T")
    action.action.trigger()
    dialog = action.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.timeline is not None, timeout=10_000)
    return dialog


def test_five_events_in_order_with_changes_marked(store_root: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, store_root)
    dialog = open_timeline(window, qtbot)
    assert dialog.isVisible()
    texts = [dialog.events.item(row).text() for row in range(dialog.events.count())]
    assert [text.split("\n")[0].split(" – ")[1] for text in texts] == [
        "First captured", "Unchanged", "Changed", "Log-in needed", "Gone"]
    assert [text.split(".")[0] for text in texts] == ["1", "2", "3", "4", "5"]
    assert "11:15" in texts[0] and "15:15" in texts[4]          # Danish time (UTC+1 in November)
    assert all(text.endswith(HOSTILE) for text in texts)        # list items are plain text
    assert dialog.strip.outcomes == ["captured", "unchanged", "changed", "login_needed", "gone"]
    assert "<b>x</b>" in dialog.windowTitle()

    # the arrows go through the events; the drawing follows
    assert dialog.events.currentRow() == 0
    dialog.activateWindow()
    dialog.events.setFocus()
    qtbot.keyClick(dialog.events, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.events, Qt.Key.Key_Down)
    assert dialog.events.currentRow() == 2
    assert dialog.strip.current == 2
    shown = dialog.detail.toPlainText()
    assert "Changed" in shown and HOSTILE in shown and "https://social.example/post/1" in shown
    assert REMOVED in shown and ADDED in shown                   # literally: the markup stayed text
    document = dialog.detail.document()
    removed_block = next(b for b in _blocks(document) if REMOVED in b.text())
    added_block = next(b for b in _blocks(document) if ADDED in b.text())
    assert removed_block.begin().fragment().charFormat().fontStrikeOut()
    assert not removed_block.begin().fragment().charFormat().fontUnderline()
    added_format = added_block.begin().fragment().charFormat()
    assert added_format.fontUnderline() and not added_format.fontStrikeOut()
    assert "<i>" not in dialog.detail.toHtml().replace("&lt;i&gt;", "")   # never a tag from the page
    qtbot.keyClick(dialog.events, Qt.Key.Key_End)
    assert dialog.events.currentRow() == 4
    assert "HTTP status 404" in dialog.detail.toPlainText()
    assert "Re-check of" in dialog.detail.toPlainText()

    # Escape closes
    qtbot.keyClick(dialog.events, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _blocks(document: QTextDocument) -> list[QTextBlock]:
    found = []
    block = document.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def test_pictures_are_blurred(store_root: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, store_root)
    assert window.ctx.thumbnails.blur                                   # the default, as everywhere
    dialog = open_timeline(window, qtbot)
    assert dialog.timeline is not None
    qtbot.waitUntil(lambda: all(not dialog.events.item(r).icon().isNull() for r in range(5)), timeout=20_000)
    first = dialog.timeline.events[0]
    bundle = dialog.timeline.bundles[first.id]
    shown = window.ctx.thumbnails.get(first.id, bundle)
    assert shown is not None
    payload = (str(bundle), True, shown.width(), shown.height())
    blurred = load_thumbnail(payload)
    sharp = load_thumbnail((str(bundle), False, shown.width(), shown.height()))
    image = shown.toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert image == blurred.convertToFormat(QImage.Format.Format_RGB32)
    assert image != sharp.convertToFormat(QImage.Format.Format_RGB32)
    assert shown.width() <= SIZE.width() * 2
    pixmap = dialog.picture.pixmap()
    assert pixmap is not None and not pixmap.isNull()


def test_hide_now_closes_the_timeline(store_root: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, store_root)
    dialog = open_timeline(window, qtbot)
    window.hide_now()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_ctrl_t_in_danish_opens_the_selected_captures_case(store_root: Path, qtbot: QtBot) -> None:
    """No case chosen in the filter: Ctrl+T opens the timeline of the selected capture's case."""
    window = open_window(qtbot, store_root)
    window.act_danish.trigger()
    window.show_evidence()
    listing = window.evidence.list
    records = [r for r in (listing.model.record_at(listing.model.index(n)) for n in range(listing.model.rowCount()))
               if r is not None and r.case == CASE]
    assert listing.select(records[0].id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=15_000)
    action = window.findChild(TimelineAction)
    assert isinstance(action, TimelineAction)
    qtbot.keyClick(listing.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: action.dialog is not None and action.dialog.timeline is not None, timeout=10_000)
    dialog = action.dialog
    assert dialog is not None and dialog.case == CASE
    assert [dialog.events.item(r).text().split("\n")[0].split(" – ")[1] for r in range(5)] == [
        "Gemt første gang", "Uændret", "Ændret", "Kræver log-ind", "Forsvundet"]
    assert action.action.text() == "&Tidslinje for sagen…"
    assert dialog.windowTitle() == f"Tidslinje – {CASE}"
