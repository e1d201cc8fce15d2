"""The evidence list and the detail view on a store of many real bundles (made without a browser)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from app.gui.evidence.model import CASE, CaseNameRole, CountRole, KindRole, RecordRole, StatusRole, ThumbnailRole
from app.gui.main_window import MainWindow
from app.gui.state.status import Status
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.app.conftest import MANY, open_window
from tests.support import pages


def data(index: QModelIndex, role: int) -> Any:
    """The model's data(), as the delegate asks for it."""
    return index.model().data(index, role)


def all_records(window: MainWindow) -> list[CaptureRecord]:
    model = window.evidence.list.model
    rows = [data(model.index(r), RecordRole) for r in range(model.rowCount())]
    return [r for r in rows if r is not None]


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
    cases = model.case_rows()
    assert all(data(c, KindRole) == CASE for c in cases)
    assert len(cases) == 13                          # 12 cases and the captures without one
    assert model.rowCount() == MANY + 13
    # every heading is followed by its own captures, newest first; cases by their newest capture
    groups: list[list[CaptureRecord]] = []
    for row in range(model.rowCount()):
        index = model.index(row)
        if data(index, KindRole) == CASE:
            groups.append([])
            assert not index.flags() & Qt.ItemFlag.ItemIsSelectable
        else:
            groups[-1].append(data(index, RecordRole))
    for heading, members in zip(cases, groups, strict=True):
        assert {r.case for r in members} == {data(heading, CaseNameRole)}
        assert len(members) == data(heading, CountRole)
        starts = [r.started_at for r in members]
        assert starts == sorted(starts, reverse=True)
    newest = [members[0].started_at for members in groups]
    assert newest == sorted(newest, reverse=True)
    assert data(cases[0], Qt.ItemDataRole.DisplayRole) in ("No case", "Sag 11")


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
    first = model.index(1)
    far = model.index(model.rowCount() - 1)
    qtbot.waitUntil(lambda: isinstance(data(first, ThumbnailRole), QPixmap), timeout=10_000)
    thumb = data(first, ThumbnailRole)
    assert not thumb.isNull() and thumb.deviceIndependentSize().width() <= 120
    qtbot.waitUntil(lambda: data(first, StatusRole) == Status.NO_TIMESTAMP, timeout=10_000)
    # rows far down were never painted, so nothing was decoded or verified for them
    record = data(far, RecordRole)
    assert window.ctx.thumbnails._cache.get(record.id) is None
    assert window.ctx.statuses.verdict(record.id) is None


def test_detail_view_shows_facts_files_and_custody(many_store: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot, many_store)
    record = all_records(window)[10]
    open_detail(window, qtbot, record.id)
    detail = window.evidence.detail
    assert detail.title.text() == record.title
    assert detail.title.textFormat() == Qt.TextFormat.PlainText
    def facts() -> dict[str, str]:
        return {detail.facts.topLevelItem(i).text(0): detail.facts.topLevelItem(i).text(1)
                for i in range(detail.facts.topLevelItemCount())}
    plain = facts()                                   # plain words first: no ids, hashes or JSON
    assert plain["Page title"] == record.title
    assert plain["Captured by"] == "Test Operatør"
    assert "Capture id" not in plain and "Everything recorded (manifest.json)" not in plain
    assert all(detail.files.isColumnHidden(c) for c in (2, 3, 4))
    kept = {detail.files.item(r, 0).text() for r in range(detail.files.rowCount())}
    assert kept == {"What the page showed on opening", "The whole page, top to bottom",
                    "The page as the browser had built it"}
    assert all(detail.custody.isColumnHidden(c) for c in (2, 3, 4, 5))
    assert detail.custody.rowCount() == 1
    assert detail.custody.item(0, 0).text().endswith(" — Test Operatør (Testkommune) saved the page as evidence")
    qtbot.mouseClick(detail.more, Qt.MouseButton.LeftButton)          # "Details"
    technical = facts()
    assert technical["Capture id"] == record.id and "Everything recorded (manifest.json)" in technical
    assert technical["Capture started"].endswith(" UTC)")
    assert not any(detail.files.isColumnHidden(c) for c in range(5))
    files = {detail.files.item(r, 2).text(): detail.files.item(r, 4).text() for r in range(detail.files.rowCount())}
    assert set(files) == {"artifacts/screenshot-viewport.png", "artifacts/screenshot-full.png", "artifacts/page.html"}
    assert all(len(h) == 64 for h in files.values())
    assert detail.custody.item(0, 3).text() == "Captured and sealed"
    assert detail.custody.item(0, 4).text().endswith(" UTC")
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
    assert detail.custody.item(1, 0).text().endswith(" added a note: “Sendt til HR <b>i dag</b>”")
    assert detail.custody.item(1, 3).text() == "Note"
    assert detail.custody.item(1, 5).text() == "Sendt til HR <b>i dag</b>"
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
    assert detail.result.text().startswith("The evidence is unchanged ✓")
    assert "No time-stamp yet" in detail.result.text()
    assert detail.result_more.text().startswith("INTACT. Every file matches its recorded SHA-256")
    shot = record.path / "artifacts" / "screenshot-full.png"
    content = bytearray(shot.read_bytes())
    content[len(content) // 2] ^= 0x01
    shot.write_bytes(bytes(content))
    with qtbot.waitSignal(detail.verified, timeout=20_000) as bad:
        qtbot.mouseClick(detail.verify, Qt.MouseButton.LeftButton)
    assert not bad.args[0].intact
    text = detail.result.text()
    assert text.startswith("The evidence is NOT as it was saved ✗")
    assert "artifacts/screenshot-full.png" not in text and "SHA-256" not in text     # plain words
    assert "artifacts/screenshot-full.png" in detail.result_more.text()              # the detail, for who asks
    assert detail.result.property("state") == "broken"
    model = window.evidence.list.model
    assert data(model.index_of(record.id), StatusRole) == Status.NOT_INTACT


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
    tooltip = data(index, Qt.ItemDataRole.ToolTipRole)
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


def test_painting_the_list_many_times_leaves_none_and_true_alone(many_store: Path, qtbot: QtBot) -> None:
    """Guards against a Qt binding's reference-count slips (see app/gui/runtime/qtcheck.py)."""
    import sys

    window = open_window(qtbot, many_store)
    window.show_evidence()
    view = window.evidence.list.view
    qtbot.waitUntil(lambda: view.indexAt(view.viewport().rect().topLeft()).isValid(), timeout=10_000)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for step in range(60):
        view.verticalScrollBar().setValue(step * 40)
        view.viewport().repaint()
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert after[0] - before[0] > -20 and after[1] - before[1] > -20


def test_the_list_is_shown_before_the_ledger_comparison_which_runs_off_the_gui_thread(
        qtbot: QtBot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Comparing every custody log with the ledger takes seconds for ten thousand captures: the list does not
    wait for it, and it still runs (in the background) and says what disagrees."""
    from app.gui import context
    from app.gui.main import application, create_window

    root = isolated_home / "cut"
    with Store.open(root) as store:
        record = make_bundle(store, title="Skåret")
        store.append_custody(record.id, "note", {"text": "HR read it"}, "HR", "Testkommune")
    log = record.path / "custody.jsonl"
    log.write_bytes(b"\n".join(log.read_bytes().split(b"\n")[:-2]) + b"\n")    # its last event cut off
    monkeypatch.setattr(context, "LEDGER_CHECK_DELAY_MS", 0)
    caplog.set_level("WARNING", logger="evidence_store")
    window = create_window(application(), store_root=root)
    qtbot.addWidget(window)
    known_when_listed: list[list[str]] = []
    window.evidence.list.listed.connect(lambda n: known_when_listed.append(list(window.ctx.store.ledger_disagreements)))
    with qtbot.waitSignal(window.ready, timeout=30_000):
        window.show()
        window.start()
    qtbot.waitUntil(lambda: bool(window.ctx.store.ledger_disagreements), timeout=30_000)
    assert known_when_listed == [[]]                         # listed before the comparison
    assert any(record.id in line for line in window.ctx.store.ledger_disagreements)
    said = [r for r in caplog.records if r.getMessage().startswith("ledger: ") and record.id in r.getMessage()]
    assert said and all(r.threadName != "MainThread" for r in said)
