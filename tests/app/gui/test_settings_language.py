"""Settings (with what the organisation locked), switching language, and hiding the window fast."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from app.gui.runtime import i18n
from tests.app.conftest import open_settings, open_window, settings_file


def test_settings_locked_by_the_organisation_are_read_only(qtbot: QtBot, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    org = tmp_path / "org.toml"
    org.write_text('organisation = "Aarhus Kommune"\nblur_previews = true\n'
                   'locked = ["organisation", "blur_previews"]\n', encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(org))
    monkeypatch.delenv("VIDNE_OPERATOR")                  # a name from the environment is read-only too
    window = open_window(qtbot)
    dialog = open_settings(window, qtbot)
    organisation = dialog.fields["organisation"]
    assert isinstance(organisation, QLineEdit)
    assert organisation.text() == "Aarhus Kommune" and organisation.isReadOnly()
    assert "organisation" in dialog.locks and dialog.locks["organisation"].accessibleName()
    assert "Set by your organisation" in organisation.toolTip()
    blur = dialog.fields["blur_previews"]
    assert isinstance(blur, QCheckBox) and not blur.isEnabled() and blur.isChecked()
    operator = dialog.fields["operator"]
    assert isinstance(operator, QLineEdit) and not operator.isReadOnly()
    assert dialog.locked_note.isVisible()
    # what may be changed is saved; what is locked is never written to the person's file
    qtbot.keyClicks(organisation, "Hackerby")            # read-only: typing changes nothing
    operator.setText("Mette Hansen")
    with qtbot.waitSignal(dialog.finished):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = settings_file(tmp_path)
    assert saved["operator"] == "Mette Hansen"
    assert "organisation" not in saved and "blur_previews" not in saved
    assert window.ctx.settings.organisation == "Aarhus Kommune"


def test_blur_setting_applies_at_once(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    assert window.ctx.thumbnails.blur
    dialog = open_settings(window, qtbot)
    blur = dialog.fields["blur_previews"]
    assert isinstance(blur, QCheckBox)
    qtbot.mouseClick(blur, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished):
        dialog.save()
    assert settings_file(tmp_path)["blur_previews"] is False
    assert not window.ctx.thumbnails.blur


def test_switch_language_while_running(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    button = window.capture.form.button
    assert button.text() == "Capture this page"
    window.act_danish.trigger()             # Qt posts the change to every window: it comes at once
    qtbot.waitUntil(lambda: button.text() == "Gem denne side som bevis", timeout=2000)
    assert window.tabs.tabText(1) == "Beviser"
    assert "Vidne" in window.windowTitle()
    assert window.evidence.list.case_filter.itemText(0) == "Alle sager"
    assert settings_file(tmp_path)["language"] == "da"
    window.act_english.trigger()
    qtbot.waitUntil(lambda: button.text() == "Capture this page", timeout=2000)
    assert window.tabs.tabText(1) == "Evidence"


def test_danish_by_default_on_a_danish_system() -> None:
    assert i18n.system_language(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)) == "da"
    assert i18n.system_language(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"
    assert i18n.resolve("en") == "en" and i18n.resolve("da") == "da"


def test_every_text_in_the_code_has_a_danish_translation(tmp_path: Path) -> None:
    """lupdate over app/gui into a copy of the committed .ts finds nothing new or unfinished, and the
    committed .qm is what lrelease makes of the committed .ts."""
    import shutil
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    import resources

    tools = Path(sys.executable).parent
    if not (tools / "pyside6-lupdate").exists():
        pytest.skip("pyside6-lupdate is not installed")
    committed = resources.path("i18n", "vidne_da.ts")
    copy = tmp_path / "vidne_da.ts"
    shutil.copy(committed, copy)
    root_dir = Path(resources.__file__).resolve().parents[1]
    subprocess.run([str(tools / "pyside6-lupdate"), "-extensions", "py", "-no-obsolete", "-locations", "relative",
                    "-source-language", "en", "-target-language", "da", "app/gui", "-ts", str(copy)],
                   cwd=root_dir, check=True, capture_output=True)
    messages = ET.parse(copy).getroot().findall("context/message")  # noqa: S314 — our own file
    assert len(messages) > 200
    unfinished = [m.findtext("source") for m in messages
                  if (t := m.find("translation")) is not None and t.get("type") == "unfinished"]
    assert unfinished == [], "run scripts/i18n.sh and translate these"
    qm = tmp_path / "vidne_da.qm"
    subprocess.run([str(tools / "pyside6-lrelease"), "-removeidentical", str(committed), "-qm", str(qm)],
                   check=True, capture_output=True)
    assert qm.read_bytes() == resources.path("i18n", "vidne_da.qm").read_bytes(), "run scripts/i18n.sh"
    assert resources.path("i18n", "vidne_en.qm").is_file()


def test_hide_now_covers_everything_at_once(window: MainWindow, qtbot: QtBot) -> None:
    window.show_evidence()
    qtbot.keyClick(window.evidence.list.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.curtain
    assert not window.tabs.isVisible()
    qtbot.waitUntil(window.isMinimized)
    window.showNormal()
    assert window.stack.currentWidget() is window.curtain      # still covered until asked
    qtbot.mouseClick(window.curtain.button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.page
