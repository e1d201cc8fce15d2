"""The evidence list and the detail view on a store of many real bundles (made without a browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from app.gui.evidence_model import CASE, KindRole, RecordRole, StatusRole, ThumbnailRole
from app.gui.main_window import MainWindow
from app.gui.status import Status
from evidence_store.index import CaptureRecord
from evidence_store.store import Store
from tests import pages
from tests.app.bundles import make_bundle
from tests.app.conftest import MANY, open_window


def all_records(window: MainWindow) -> list[CaptureRecord]:
    model = window.evidence.list.model
    found = []
    for g in range(model.rowCount()):
        parent = model.index(g, 0)
        found += [model.index(r, 0, parent).data(RecordRole) for r in range(model.rowCount(parent))]
    return found


def open_detail(window: MainWindow, qtbot: QtBot, capture_id: str) -> None:
    window.show_evidence()
    detail = window.evidence.detail
    with qtbot.waitSignal(detail.loaded, timeout=10_000, check_params_cb=lambda i: i == capture_id):
        assert window.evidence.list.select(capture_id)


def test_list_groups_by_case_newest_first(many_store: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, many_store)
    listing = window.evidence.list
    model = listing.model
    assert model.capture_count() == MANY
    assert listing.count.text() == f"{MANY} captures shown"
    cases = [model.index(g, 0) for g in range(model.rowCount())]
    assert all(c.data(KindRole) == CASE for c in cases)
    assert len(cases) == 13                          # 12 cases and the captures without one
    records = all_records(window)
    newest_of_case = [model.index(0, 0, c).data(RecordRole).started_at for c in cases]
    assert newest_of_case == sorted(newest_of_case, reverse=True)
    for case_index in cases:
        starts = [model.index(r, 0, case_index).data(RecordRole).started_at for r in range(model.rowCount(case_index))]
        assert starts == sorted(starts, reverse=True)
    assert {r.case for r in records} == {c.data(Qt.ItemDataRole.UserRole + 6) for c in cases}
    assert model.index(0, 0, QModelIndex()).data(Qt.ItemDataRole.DisplayRole) in ("No case", "Sag 11")


def test_filter_by_case_and_search(many_store: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, many_store)
    listing = window.evidence.list
    chosen = listing.case_filter.findData("Sag 03")
    assert chosen > 0
    with qtbot.waitSignal(listing.listed, timeout=10_000):
        listing.case_filter.setCurrentIndex(chosen)
    records = all_records(window)
    assert records and {r.case for r in records} == {"Sag 03"}
    with qtbot.waitSignal(listing.listed, timeout=10_000):
        listing.case_filter.setCurrentIndex(0)
        qtbot.keyClicks(listing.search, "nummer 123")      # debounced: one listing for the whole word
    assert [r.title for r in all_records(window)] == ["Opslag nummer 123"]
    with qtbot.waitSignal(listing.listed, timeout=10_000):
        listing.search.clear()
    assert listing.model.capture_count() == MANY


def test_thumbnails_and_status_arrive_lazily_for_rows_shown(many_store: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, many_store)
    window.show_evidence()
    model = window.evidence.list.model
    first = model.index(0, 0, model.index(0, 0))
    far = model.index(model.rowCount(model.index(5, 0)) - 1, 0, model.index(5, 0))
    qtbot.waitUntil(lambda: isinstance(first.data(ThumbnailRole), QPixmap), timeout=10_000)
    thumb = first.data(ThumbnailRole)
    assert not thumb.isNull() and thumb.deviceIndependentSize().width() <= 120
    qtbot.waitUntil(lambda: first.data(StatusRole) == Status.NO_TIMESTAMP, timeout=10_000)
    # rows far down were never painted, so nothing was decoded or verified for them
    record = far.data(RecordRole)
    assert window.ctx.thumbnails._cache.get(record.id) is None
    assert window.ctx.statuses.verdict(record.id) is None


def test_detail_view_shows_facts_files_and_custody(many_store: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, many_store)
    record = all_records(window)[10]
    open_detail(window, qtbot, record.id)
    detail = window.evidence.detail
    assert detail.title.text() == record.title
    assert detail.title.textFormat() == Qt.TextFormat.PlainText
    facts = {detail.facts.topLevelItem(i).text(0): detail.facts.topLevelItem(i).text(1)
             for i in range(detail.facts.topLevelItemCount())}
    assert facts["Page title"] == record.title
    assert facts["Capture id"] == record.id
    assert facts["Captured by"] == "Test Operatør"
    files = {detail.files.item(r, 0).text(): detail.files.item(r, 3).text() for r in range(detail.files.rowCount())}
    assert set(files) == {"artifacts/screenshot-viewport.png", "artifacts/screenshot-full.png", "artifacts/page.html"}
    assert all(len(h) == 64 for h in files.values())
    assert detail.custody.rowCount() == 1
    assert detail.custody.item(0, 1).text() == "Captured and sealed"
    assert detail.pictures.chooser.count() == 2
    assert detail.pictures.view.blur        # previews are blurred by default


def test_add_note_is_a_signed_custody_event(many_store: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, many_store)
    record = all_records(window)[3]
    open_detail(window, qtbot, record.id)
    detail = window.evidence.detail
    qtbot.mouseClick(detail.add_note, Qt.MouseButton.LeftButton)
    dialog = detail.note_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.text, "Sendt til HR <b>i dag</b>")
    with qtbot.waitSignal(detail.noteAdded, timeout=10_000):
        dialog.accept()
    qtbot.waitUntil(lambda: detail.custody.rowCount() == 2, timeout=10_000)
    assert detail.custody.item(1, 1).text() == "Note"
    assert detail.custody.item(1, 4).text() == "Sendt til HR <b>i dag</b>"
    store = Store.open(many_store)
    events = store.custody_events(record.id)
    assert events[-1]["event"] == "note" and events[-1]["details"] == {"text": "Sendt til HR <b>i dag</b>"}
    assert store.verify(record.id).intact
    store.close()


def test_verify_now_reports_a_tampered_byte(qtbot: QtBot, isolated_home: Path) -> None:
    store = Store.open(isolated_home)
    record = make_bundle(store, case="Sag", title="Opslag")
    store.close()
    window = open_window(qtbot)
    open_detail(window, qtbot, record.id)
    detail = window.evidence.detail
    with qtbot.waitSignal(detail.verified, timeout=20_000) as good:
        qtbot.mouseClick(detail.verify, Qt.MouseButton.LeftButton)
    assert good.args[0].intact
    assert detail.result.text().startswith("INTACT.")
    assert "No trusted time-stamp yet" in detail.result.text()
    shot = record.path / "artifacts" / "screenshot-full.png"
    data = bytearray(shot.read_bytes())
    data[len(data) // 2] ^= 0x01
    shot.write_bytes(bytes(data))
    with qtbot.waitSignal(detail.verified, timeout=20_000) as bad:
        qtbot.mouseClick(detail.verify, Qt.MouseButton.LeftButton)
    assert not bad.args[0].intact
    text = detail.result.text()
    assert text.startswith("NOT INTACT.")
    assert "artifacts/screenshot-full.png" in text
    assert detail.result.property("state") == "broken"
    model = window.evidence.list.model
    assert model.index_of(record.id).data(StatusRole) == Status.NOT_INTACT


def test_hostile_title_is_shown_as_text_never_markup(qtbot: QtBot, isolated_home: Path) -> None:
    store = Store.open(isolated_home)
    hostile = pages.TITLE_HOSTILE + "x" * 5000
    record = make_bundle(store, title=hostile, note="<img src=x onerror=alert(1)>")
    store.close()
    window = open_window(qtbot)
    open_detail(window, qtbot, record.id)
    detail = window.evidence.detail
    shown = detail.title.text()
    assert shown.startswith("<b>Ayse & Birgitte</b> <script>alert(1)</script>")
    assert "\x07" not in shown and "\x1b" not in shown
    assert len(shown) <= 300
    index = window.evidence.list.model.index_of(record.id)
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<script>" not in tooltip and "&lt;script&gt;" in tooltip


@pytest.mark.parametrize("height", [60_000])
def test_a_very_tall_screenshot_is_shown_band_by_band(qtbot: QtBot, isolated_home: Path, height: int) -> None:
    store = Store.open(isolated_home)
    record = make_bundle(store, title="Lang tråd", full_height=height)
    store.close()
    window = open_window(qtbot)
    open_detail(window, qtbot, record.id)
    view = window.evidence.detail.pictures.view
    assert view.image_size == (1280, height)
    def shown() -> dict[int, QPixmap]:
        return {key[0]: pixmap for key, pixmap in view._cache.items() if key[1] == view.shown_width()}

    qtbot.waitUntil(lambda: 0 in shown(), timeout=10_000)
    assert len(view._cache) < view._band_count() / 4      # only what is on screen (and next to it)
    for pixmap in shown().values():                       # each band decoded alone, scaled to the view
        assert pixmap.height() <= view.band_rows * view.scale() + 1
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    last = view._band_count() - 1
    qtbot.waitUntil(lambda: last in shown(), timeout=20_000)
    view.set_zoom(1.0)
    assert view.shown_width() == 1280
