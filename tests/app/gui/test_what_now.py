""""What now?" (issue 14): after every capture and in Help, with the organisation's own contact from its
config.toml; the contact and time-zone settings are checked when they are read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.gui.dialogs.what_now import WhatNowDialog
from app.gui.main_window import MainWindow
from app.settings import load_settings
from evidence_store import Store
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window

ORG = """contact_name = "Mette Holm, HR"
contact_phone = "+45 12 34 56 78"
contact_email = "hr@eksempel.dk"
time_zone = "America/New_York"
"""


@pytest.fixture
def organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "org.toml"
    path.write_text(ORG, encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(path))
    return path


def test_the_contact_and_the_time_zone_come_from_the_organisations_file(organisation: Path) -> None:
    settings = load_settings()
    assert (settings.contact_name, settings.contact_phone, settings.contact_email) == (
        "Mette Holm, HR", "+45 12 34 56 78", "hr@eksempel.dk")
    assert settings.time_zone == "America/New_York" and not settings.problems


def test_a_bad_contact_or_time_zone_is_reported_and_the_default_kept(organisation: Path) -> None:
    organisation.write_text('contact_phone = "ring <b>mig</b>"\ncontact_email = "nobody"\n'
                            'time_zone = "Mars/Olympus"\n', encoding="utf-8")
    settings = load_settings()
    assert settings.time_zone == "Europe/Copenhagen"
    assert settings.contact_phone == "" and settings.contact_email == ""
    problems = "\n".join(settings.problems)
    assert "'time_zone' was ignored" in problems and "Mars/Olympus" in problems
    assert "'contact_phone' was ignored" in problems and "'contact_email' was ignored" in problems


def test_after_a_capture_the_confirmation_says_what_now_with_the_contact(
        organisation: Path, qtbot: QtBot, isolated_home: Path) -> None:
    window = open_window(qtbot)
    with Store.open(isolated_home) as store:
        record = make_bundle(store, title="Opslag")
    confirmation = window.capture.confirmation
    confirmation.show_record(record, None)
    steps = confirmation.next_steps.text()
    assert confirmation.next_heading.text() == "What now?"
    assert "Mette Holm, HR, phone +45 12 34 56 78, e-mail hr@eksempel.dk" in steps
    assert "police" in steps and "114" in steps and "Datatilsynet" in steps and "close Vidne" in steps


def test_help_what_now_opens_the_same_steps_in_danish(organisation: Path, qtbot: QtBot) -> None:
    window = open_window(qtbot)
    window.ctx.set_language("da")
    qtbot.waitUntil(lambda: window.act_what_now.text() == "&Hvad nu?", timeout=2000)
    assert window.act_what_now in window.help_menu.actions()
    window.act_what_now.trigger()
    dialog = window.what_now
    assert isinstance(dialog, WhatNowDialog)
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text.text()
    assert dialog.windowTitle() == "Hvad nu?"
    assert "Fortæl din leder, HR eller din arbejdsmiljørepræsentant" in text
    assert "Mette Holm, HR, telefon +45 12 34 56 78" in text and "Du kan lukke Vidne nu." in text
    dialog.close()


def test_without_a_contact_no_empty_contact_line_is_shown(window: MainWindow) -> None:
    dialog = WhatNowDialog(window.ctx.settings, window)
    assert "contact:" not in dialog.text.text()
    assert dialog.text.text().startswith("1.  Tell your manager")
    dialog.deleteLater()
    QApplication.processEvents()
