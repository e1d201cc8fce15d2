"""Starting the app: the window, the focus, the keyboard, the first-start welcome."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.gui.dialogs.welcome import WelcomeDialog
from app.gui.main_window import MainWindow
from tests.app.conftest import open_window


def test_window_opens_ready_to_paste_an_address(window: MainWindow, qtbot: QtBot) -> None:
    assert "Vidne" in window.windowTitle()
    assert window.tabs.currentWidget() is window.capture
    qtbot.waitUntil(lambda: window.capture.url_field.hasFocus())
    assert window.welcome is None                  # operator and organisation come from the environment
    assert window.capture.form.button.text() == "Capture this page"
    assert window.ctx.store is not None and window.ctx.store.root.is_dir()


def test_ctrl_l_focuses_the_address_from_anywhere(window: MainWindow, qtbot: QtBot) -> None:
    window.show_evidence()
    window.evidence.list.search.setFocus()
    qtbot.waitUntil(lambda: window.evidence.list.search.hasFocus())
    qtbot.keyClick(window.evidence.list.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.capture
    qtbot.waitUntil(lambda: window.capture.url_field.hasFocus())


def test_tab_order_follows_the_form(window: MainWindow, qtbot: QtBot) -> None:
    form = window.capture.form
    expected = [form.case, form.note, form.button]
    qtbot.waitUntil(lambda: form.url.hasFocus())
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is widget or (focused is not None and focused.parent() is widget), focused


def test_inputs_and_buttons_have_accessible_names(window: MainWindow) -> None:
    form = window.capture.form
    for widget in (form.url, form.case, form.note, form.button, window.hide_button,
                   window.evidence.list.search, window.evidence.list.view):
        assert widget.accessibleName(), widget.objectName()
    assert form.url_label.buddy() is form.url


def test_first_start_asks_for_name_and_makes_the_key(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                     isolated_home: Path) -> None:
    monkeypatch.delenv("VIDNE_OPERATOR")
    monkeypatch.delenv("VIDNE_ORGANISATION")
    window = open_window(qtbot)
    welcome = window.welcome
    assert isinstance(welcome, WelcomeDialog)
    qtbot.waitUntil(welcome.isVisible)
    assert welcome.name.isVisible() and welcome.organisation.isVisible()
    assert not welcome.next.isEnabled()
    qtbot.keyClicks(welcome.name, "Mette Hansen")
    qtbot.keyClicks(welcome.organisation, "Aarhus Kommune")
    assert welcome.next.isEnabled()
    qtbot.mouseClick(welcome.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: welcome.fingerprint.text() != "")
    store = window.ctx.store
    assert store is not None and store.key_path.is_file()
    assert welcome.fingerprint.text().replace(" ", "") == store.fingerprint()
    assert window.ctx.settings.operator == "Mette Hansen"
    settings_file = (isolated_home.parent / "config" / "settings.toml").read_text(encoding="utf-8")
    assert "Mette Hansen" in settings_file and "Aarhus Kommune" in settings_file
    with qtbot.waitSignal(welcome.finished):
        qtbot.mouseClick(welcome.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.focusWidget() is window.capture.url_field)


def test_welcome_asks_only_what_the_organisation_did_not_set(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    org = tmp_path / "org.toml"
    org.write_text('organisation = "Odense Kommune"\nlocked = ["organisation"]\n', encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(org))
    monkeypatch.delenv("VIDNE_OPERATOR")
    monkeypatch.delenv("VIDNE_ORGANISATION")
    window = open_window(qtbot)
    welcome = window.welcome
    assert isinstance(welcome, WelcomeDialog)
    qtbot.waitUntil(welcome.isVisible)
    assert welcome.name.isVisible()
    assert not welcome.organisation.isVisible()
    qtbot.keyClicks(welcome.name, "Søren Ærø")
    qtbot.mouseClick(welcome.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: welcome.fingerprint.text() != "")
    assert window.ctx.settings.organisation == "Odense Kommune"


def test_the_command_line_loads_qt_only_for_vidne_gui() -> None:
    import subprocess
    import sys

    code = ("import sys, app.cli.main; p = app.cli.main.build_parser(); assert p.parse_args(['gui']).command == 'gui'; "
            "print('PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[3])
    assert done.stdout.strip() == "False"


def test_vidne_gui_refuses_a_store_the_organisation_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli.main import main

    org = tmp_path / "org.toml"
    org.write_text(f'store_dir = "{tmp_path / "fixed"}"\nlocked = ["store_dir"]\n', encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(org))

    def must_not_start(*args: object, **kwargs: object) -> int:
        raise AssertionError("the window was opened on a store the organisation did not choose")

    monkeypatch.setattr("app.gui.main.main", must_not_start)
    assert main(["--store", str(tmp_path / "other"), "gui"]) == 2
