"""One time zone for people (issue 14, point 4): the organisation's (Europe/Copenhagen unless IT sets
``time_zone``), the same in the app and the report whatever the computer's own zone, with UTC in the
details."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.timefmt import local_time, use_zone
from evidence_store import Store
from evidence_store.report.text import local_short
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window

MOMENT = datetime(2026, 12, 1, 21, 58, 12, tzinfo=UTC)     # 22:58 in Copenhagen (CET)


@pytest.fixture
def computer_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own clock in UTC, as on the machine where the app said 21.58 and the PDF 22:58."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_app_and_the_report_show_the_same_time(computer_in_utc: None, qtbot: QtBot,
                                                   isolated_home: Path) -> None:
    with Store.open(isolated_home) as store:
        record = make_bundle(store, title="Opslag", started=MOMENT)
    window = open_window(qtbot)
    assert local_short(MOMENT) == "2026-12-01 22:58:12 CET"       # the report's words for the moment
    assert local_time(record.started_at) == "01/12/2026 22:58"     # the app's, in English
    window.capture.confirmation.show_record(record, None)
    shown = [v.text() for v in window.capture.confirmation.values]
    assert "01/12/2026 22:58" in shown
    window.show_in_list(record.id)
    detail = window.evidence.detail
    qtbot.waitUntil(lambda: detail.details is not None, timeout=10_000)
    custody = detail.custody
    at = datetime.fromisoformat(detail.details.custody[0]["at"].replace("Z", "+00:00"))
    copenhagen = at.astimezone(ZoneInfo("Europe/Copenhagen"))
    assert custody.item(0, 0).text().startswith(copenhagen.strftime("%d/%m/%Y %H:%M — "))
    assert custody.item(0, 4).text() == at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")  # as recorded


def test_the_organisation_chooses_the_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
                                           isolated_home: Path) -> None:
    config = tmp_path / "org.toml"
    config.write_text('time_zone = "America/New_York"\n', encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(config))
    window = open_window(qtbot)
    assert window.ctx.settings.time_zone == "America/New_York"
    try:
        assert local_time(MOMENT.isoformat()) == "01/12/2026 16:58"
        window.ctx.set_language("da")
        qtbot.waitUntil(lambda: local_time(MOMENT.isoformat()) == "01.12.2026 16.58", timeout=2000)
    finally:
        use_zone("Europe/Copenhagen")


def test_an_unknown_zone_shows_utc_rather_than_a_wrong_local_time(window: MainWindow) -> None:
    try:
        use_zone("Mars/Olympus")
        assert local_time(MOMENT.isoformat()) == "01/12/2026 21:58"
    finally:
        use_zone("Europe/Copenhagen")
