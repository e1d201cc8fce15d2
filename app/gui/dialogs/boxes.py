"""The main window's small information boxes: the settings that could not be used, the signing key,
About, and the answer to File → Get missing time-stamps. Plain text only; none of them blocks the
event loop (``open()``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.gui.text import fill, grouped_fingerprint, plain
from evidence_store import vidne_version

translate = QCoreApplication.translate


def info_box(parent: QWidget, title: str, text: str, *, icon: QMessageBox.Icon = QMessageBox.Icon.Information,
             name: str = "", selectable: bool = False) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    box.setObjectName(name)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def problems_box(parent: QWidget, problems: tuple[str, ...]) -> QMessageBox:
    return info_box(parent, translate("MainWindow", "Some settings could not be used"),
                    "\n\n".join(plain(p, 500) for p in problems), icon=QMessageBox.Icon.Warning)


def key_box(parent: QWidget, fingerprint: str) -> QMessageBox:
    text = translate("MainWindow", "Everything saved on this computer is sealed with the key whose fingerprint "
                                   "is:\n\n%1\n\nRead it aloud to whoever receives your evidence if they ask to "
                                   "confirm it.")
    return info_box(parent, translate("MainWindow", "Signing key"), fill(text, grouped_fingerprint(fingerprint)),
                    selectable=True)


def about_box(parent: QWidget) -> QMessageBox:
    return info_box(parent, translate("MainWindow", "About Vidne"),
                    fill(translate("MainWindow", "Vidne %1\n\nSaves web pages as sealed, verifiable evidence."),
                         vidne_version()))


def stamps_box(parent: QWidget, text: str) -> QMessageBox:
    """The answer to File → Get missing time-stamps, where the person looks (not only the status bar)."""
    return info_box(parent, translate("MainWindow", "Time-stamps"), text, name="stampsAnswer")


def key_replaced_box(parent: QWidget, fingerprint: str) -> QMessageBox:
    """The store's signing key was gone and a new one was made (never silently: issue 12)."""
    text = translate("MainWindow", "Vidne's signing key on this computer was missing, so Vidne made a new one. "
                                   "Evidence saved from now on carries a new fingerprint; evidence saved before "
                                   "can still be checked. Tell HR, or whoever confirmed your old fingerprint, "
                                   "and restore the old key from a backup if you have one.")
    return info_box(parent, translate("MainWindow", "A new signing key"),
                    text + "\n\n" + fill(translate("MainWindow", "New fingerprint: %1"),
                                          grouped_fingerprint(fingerprint)),
                    icon=QMessageBox.Icon.Warning, name="keyReplacedBox", selectable=True)
