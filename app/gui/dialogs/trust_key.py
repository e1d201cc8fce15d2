"""Trust this key…: name the holder of a signing key this computer does not know, after reading its
fingerprint back with them out of band (by phone, on a number you looked up yourself, or in person).

Recorded with ``confirm_key`` in the store's confirmed keys (as ``vidne trust-key FINGERPRINT --name``
does); from then on events signed by that key are shown as "known: NAME". Nothing in a bundle or an
e-mail can vouch for a key: the dialog says so, and asks the person to say they have checked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.gui.text import grouped_fingerprint

MAX_NAME = 200


class TrustKeyDialog(QDialog):
    def __init__(self, fingerprint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustKeyDialog")
        self.setModal(True)
        self.fingerprint = fingerprint
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.shown = QLabel(grouped_fingerprint(fingerprint))
        self.shown.setObjectName("fingerprint")
        self.shown.setTextFormat(Qt.TextFormat.PlainText)
        self.shown.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.shown.setWordWrap(True)
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.label = QLabel()
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.label.setBuddy(self.name)
        self.checked = QCheckBox()
        buttons = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._changed)
        self.checked.toggled.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.shown)
        layout.addWidget(self.label)
        layout.addWidget(self.name)
        layout.addWidget(self.checked)
        layout.addWidget(self.buttons)
        self.resize(520, 300)
        self.retranslate()
        self._changed()

    def holder(self) -> str:
        return " ".join(self.name.text().split())[:MAX_NAME]

    @Slot()
    def _changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.holder()) and self.checked.isChecked())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Trust this key"))
        self.explain.setText(self.tr(
            "Trust this key only if its holder has read this fingerprint back to you out of band: by "
            "phone on a number you looked up yourself, or in person. Never trust a key because an e-mail, "
            "a message or the evidence itself says whose it is. From then on, everything signed with it is "
            "shown here under the name you give."))
        self.label.setText(self.tr("&Whose key is it (person or office)?"))
        self.name.setAccessibleName(self.tr("Name of the key's holder"))
        self.checked.setText(self.tr("I have read this fingerprint back with its holder, out of band"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Trust this key"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
