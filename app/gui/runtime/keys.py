"""Keys and menus that work the same everywhere: Enter (and the keypad's Enter) presses the focused button
as Space does (Qt's own buttons answer Enter only inside a dialog; a person who Tabs to "Capture this
page" in the main window and presses Enter expects it to go), and a menu item added from outside the
main window stands where it belongs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QMenu, QPushButton, QToolButton

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class EnterPressesButtons(QObject):
    """An application-wide event filter: Enter on a focused, enabled push or tool button clicks it
    (key events go to the focused widget, so the receiver is the focused button)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QPushButton | QToolButton):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in ENTER or event.modifiers() not in PLAIN or event.isAutoRepeat():
            return False
        if not (watched.isEnabled() and watched.isVisible()):
            return False
        watched.click()
        return True


def install(app: QApplication) -> EnterPressesButtons:
    """Install the filter once per application (more windows share it)."""
    existing = app.findChild(EnterPressesButtons)
    if isinstance(existing, EnterPressesButtons):
        return existing
    keys = EnterPressesButtons(app)
    app.installEventFilter(keys)
    return keys


def insert_after(menu: QMenu | None, after: QAction | None, action: QAction) -> None:
    """Put ``action`` into ``menu`` right after ``after`` (at the end when ``after`` is not in it); a menu
    item added from outside the main window (the vault's, the timeline's) stands where it belongs."""
    if menu is None:
        return
    actions = menu.actions()
    index = actions.index(after) + 1 if after in actions else len(actions)
    if index < len(actions):
        menu.insertAction(actions[index], action)
    else:
        menu.addAction(action)
