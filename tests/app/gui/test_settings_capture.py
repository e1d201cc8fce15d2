"""The settings dialog's capture settings (log-ins, web traffic, video and sound, cookie pop-ups): saved
to the person's file by keyboard, read-only where the organisation locked them, and names the
environment gives shown read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from app.gui.dialogs.settings import SettingsDialog
from app.gui.main_window import MainWindow
from app.settings import load_settings
from tests.app.conftest import open_settings, open_window, settings_file


def press_save(dialog: SettingsDialog, qtbot: QtBot) -> None:
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)


def alt(dialog: SettingsDialog, qtbot: QtBot, key: Qt.Key) -> QWidget:
    """Press Alt+key as a person would and return what has the focus then."""
    qtbot.keyClick(QApplication.focusWidget() or dialog, key, Qt.KeyboardModifier.AltModifier)
    focused = QApplication.focusWidget()
    assert focused is not None
    return focused


def box(dialog: SettingsDialog, key: str) -> QCheckBox:
    widget = dialog.fields[key]
    assert isinstance(widget, QCheckBox)
    return widget


def spin(dialog: SettingsDialog) -> QSpinBox:
    widget = dialog.fields["max_media_mb"]
    assert isinstance(widget, QSpinBox)
    return widget


def test_capture_settings_changed_by_keyboard_are_saved_and_loaded_again(window: MainWindow, qtbot: QtBot,
                                                                         tmp_path: Path) -> None:
    dialog = open_settings(window, qtbot)
    assert dialog.capture_box.isVisible() and dialog.capture_box.title() == "When you capture a page"
    assert box(dialog, "use_profile").isChecked() and box(dialog, "record_network").isChecked()
    assert box(dialog, "save_media").isChecked() and not box(dialog, "dismiss_overlays").isChecked()
    limit = spin(dialog)
    assert limit.value() == 1024 and limit.suffix() == " MB" and limit.isEnabled()
    assert (limit.minimum(), limit.maximum()) == (1, 100_000)
    for key in ("use_profile", "record_network", "save_media", "max_media_mb", "dismiss_overlays",
                "run_behaviors"):
        assert dialog.explanations[key].isVisible() and dialog.explanations[key].text()
        assert dialog.fields[key].accessibleDescription() == dialog.explanations[key].text()
        assert key not in dialog.locks

    assert alt(dialog, qtbot, Qt.Key.Key_I) is box(dialog, "use_profile")          # Log-&ins
    qtbot.keyClick(box(dialog, "use_profile"), Qt.Key.Key_Space)
    assert alt(dialog, qtbot, Qt.Key.Key_W) is box(dialog, "record_network")       # &Web traffic
    qtbot.keyClick(box(dialog, "record_network"), Qt.Key.Key_Space)
    assert alt(dialog, qtbot, Qt.Key.Key_Z) is limit                               # Si&ze limit
    qtbot.keyClick(limit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(limit, "250")
    assert limit.value() == 250
    assert alt(dialog, qtbot, Qt.Key.Key_C) is box(dialog, "dismiss_overlays")    # &Cookie pop-ups
    qtbot.keyClick(box(dialog, "dismiss_overlays"), Qt.Key.Key_Space)
    assert alt(dialog, qtbot, Qt.Key.Key_V) is box(dialog, "save_media")           # &Video and sound
    qtbot.keyClick(box(dialog, "save_media"), Qt.Key.Key_Space)
    assert not limit.isEnabled()                     # no limit to set while nothing is saved
    press_save(dialog, qtbot)

    expected = {"use_profile": False, "record_network": False, "save_media": False, "max_media_mb": 250.0,
                "dismiss_overlays": True}
    saved = settings_file(tmp_path)
    assert {key: saved.get(key) for key in expected} == expected
    fresh = load_settings()
    assert {key: getattr(fresh, key) for key in expected} == expected
    assert {key: getattr(window.ctx.settings, key) for key in expected} == expected   # applies at once

    again = open_settings(window, qtbot)
    assert not box(again, "use_profile").isChecked() and box(again, "dismiss_overlays").isChecked()
    assert spin(again).value() == 250 and not spin(again).isEnabled()


def test_tab_goes_down_the_dialog_and_mnemonics_differ_in_both_languages(window: MainWindow,
                                                                         qtbot: QtBot) -> None:
    dialog = open_settings(window, qtbot)
    dialog.operator.setFocus()
    order: list[QWidget] = []
    for _ in range(18):
        focused = QApplication.focusWidget()
        assert focused is not None
        order.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    fields = dialog.fields
    assert order == [fields["operator"], fields["organisation"], fields["store_dir"], dialog.store_pick,
                     fields["language"], fields["use_tsa"], fields["tsa_urls"], fields["browser_path"],
                     dialog.browser_pick, fields["blur_previews"], fields["use_profile"],
                     fields["record_network"], fields["save_media"], fields["max_media_mb"],
                     fields["dismiss_overlays"], fields["run_behaviors"], *dialog.buttons.buttons()]
    assert QApplication.focusWidget() is fields["operator"]      # and round again

    def mnemonics() -> list[str]:
        texts = [label.text() for label in dialog.labels.values()]
        assert all(text.count("&") == 1 for text in texts), texts
        for key, label in dialog.labels.items():
            assert label.buddy() is dialog.fields[key]
        return [text[text.index("&") + 1].lower() for text in texts]

    english = mnemonics()
    assert len(set(english)) == len(english), english
    window.act_danish.trigger()
    qtbot.waitUntil(lambda: dialog.capture_box.title() == "Når du gemmer en side", timeout=2000)
    assert dialog.labels["dismiss_overlays"].text() == "&Cookiebannere"
    danish = mnemonics()
    assert len(set(danish)) == len(danish), danish


def test_capture_settings_locked_by_the_organisation_are_read_only_and_never_written(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = tmp_path / "org.toml"
    org.write_text('save_media = false\nmax_media_mb = 50\nrecord_network = true\n'
                   'locked = ["save_media", "max_media_mb", "record_network"]\n', encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(org))
    (tmp_path / "config" / "settings.toml").write_text('language = "en"\nrecord_network = false\n',
                                                       encoding="utf-8")
    window = open_window(qtbot)
    dialog = open_settings(window, qtbot)
    network, media, limit = box(dialog, "record_network"), box(dialog, "save_media"), spin(dialog)
    assert network.isChecked() and not network.isEnabled()        # the organisation's value, not the person's
    assert not media.isChecked() and not media.isEnabled()
    assert limit.value() == 50 and not limit.isEnabled()
    for key in ("record_network", "save_media", "max_media_mb"):
        assert dialog.locks[key].accessibleName() == "Locked by your organisation"
        assert "Set by your organisation" in dialog.fields[key].toolTip()
    assert dialog.locked_note.isVisible()
    assert box(dialog, "use_profile").isEnabled() and "use_profile" not in dialog.locks

    qtbot.mouseClick(network, Qt.MouseButton.LeftButton)          # disabled: a click changes nothing
    qtbot.mouseClick(media, Qt.MouseButton.LeftButton)
    assert network.isChecked() and not media.isChecked()
    qtbot.mouseClick(box(dialog, "use_profile"), Qt.MouseButton.LeftButton)
    press_save(dialog, qtbot)

    saved = settings_file(tmp_path)
    assert saved["use_profile"] is False
    assert "save_media" not in saved and "max_media_mb" not in saved
    assert saved["record_network"] is False                      # the person's old line, left as it was
    fresh = load_settings()
    assert (fresh.use_profile, fresh.record_network, fresh.save_media, fresh.max_media_mb) == (False, True,
                                                                                                 False, 50.0)


def test_names_and_addresses_from_the_environment_are_read_only(window: MainWindow, qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    """The autouse fixture sets VIDNE_OPERATOR, VIDNE_ORGANISATION and VIDNE_TSA_URL; they win over the
    person's file, so the dialog must not pretend they can be changed."""
    dialog = open_settings(window, qtbot)
    for key, variable, value in (("operator", "VIDNE_OPERATOR", "Test Operatør"),
                                 ("organisation", "VIDNE_ORGANISATION", "Testkommune")):
        field = dialog.fields[key]
        assert isinstance(field, QLineEdit)
        assert field.text() == value and field.isReadOnly() and field.focusPolicy() != Qt.FocusPolicy.NoFocus
        assert dialog.locks[key].accessibleName() == "Set by this computer's set-up"
        note = dialog.explanations[key]
        assert note.isVisible() and variable in note.text() and "cannot be changed here" in note.text()
        assert field.accessibleDescription() == note.text() and field.toolTip() == note.text()
        qtbot.keyClicks(field, "Hackerby")                     # read-only: typing changes nothing
        assert field.text() == value
    tsa = dialog.fields["tsa_urls"]
    assert isinstance(tsa, QPlainTextEdit) and tsa.isReadOnly()
    assert "VIDNE_TSA_URL" in dialog.explanations["tsa_urls"].text()
    assert not dialog.locked_note.isVisible()                 # nothing is locked by the organisation
    dialog.operator.setText("Not from the environment")      # even a changed text is not saved
    qtbot.mouseClick(box(dialog, "dismiss_overlays"), Qt.MouseButton.LeftButton)
    press_save(dialog, qtbot)
    saved = settings_file(tmp_path)
    assert saved["dismiss_overlays"] is True
    assert not {"operator", "organisation", "tsa_urls"} & set(saved)
    assert window.ctx.settings.operator == "Test Operatør"


def test_a_name_not_from_the_environment_can_be_changed(qtbot: QtBot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VIDNE_OPERATOR")
    window = open_window(qtbot)
    dialog = open_settings(window, qtbot)
    operator = dialog.fields["operator"]
    assert isinstance(operator, QLineEdit) and not operator.isReadOnly()
    assert "operator" not in dialog.locks and "operator" not in dialog.explanations
    assert dialog.fields["organisation"].property("locked")    # VIDNE_ORGANISATION is still set
    operator.clear()
    qtbot.keyClicks(operator, "Mette Hansen")
    press_save(dialog, qtbot)
    assert settings_file(tmp_path)["operator"] == "Mette Hansen"
    assert load_settings().operator == "Mette Hansen"


def test_a_media_limit_the_box_cannot_show_is_kept_unless_changed(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "config" / "settings.toml").write_text('language = "en"\nmax_media_mb = 0.5\n', encoding="utf-8")
    window = open_window(qtbot)
    dialog = open_settings(window, qtbot)
    assert spin(dialog).value() == 1
    qtbot.mouseClick(box(dialog, "dismiss_overlays"), Qt.MouseButton.LeftButton)
    press_save(dialog, qtbot)
    assert settings_file(tmp_path)["max_media_mb"] == 0.5
    assert load_settings().max_media_mb == 0.5


def test_lock_icons_sit_beside_the_field_they_lock(window: MainWindow, qtbot: QtBot) -> None:
    dialog = open_settings(window, qtbot)
    for key, lock in dialog.locks.items():
        assert isinstance(lock, QLabel) and lock.isVisible() and not lock.pixmap().isNull()
        field = dialog.fields[key].geometry()
        assert abs(lock.geometry().center().y() - field.center().y()) < field.height(), key
