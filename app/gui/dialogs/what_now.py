""""What now?": after a capture, the few next steps an upset employee needs — who to tell (the
organisation's own contact from its settings), how HR hands the evidence to the police, where they can
report it themselves, and that they may close Vidne. Shown in the confirmation and from Help.

The contact comes from a settings file (plain text, bounded) and is shown as plain text only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.gui.text import fill, plain
from app.settings import Settings

translate = QCoreApplication.translate


def contact_line(settings: Settings) -> str:
    """"Your contact: NAME, phone PHONE, e-mail EMAIL." from the organisation's settings ("" if none)."""
    parts = []
    if settings.contact_name.strip():
        parts.append(plain(settings.contact_name, 200))
    if settings.contact_phone.strip():
        parts.append(fill(translate("WhatNow", "phone %1"), plain(settings.contact_phone, 40)))
    if settings.contact_email.strip():
        parts.append(fill(translate("WhatNow", "e-mail %1"), plain(settings.contact_email, 200)))
    if not parts:
        return ""
    return fill(translate("WhatNow", "Your organisation's contact: %1."), ", ".join(parts))


def steps(settings: Settings) -> list[str]:
    """The next steps, one short plain sentence (or two) each."""
    tell = translate("WhatNow", "Tell your manager, HR or your safety representative that you have saved "
                                "the evidence.")
    contact = contact_line(settings)
    return [
        f"{tell} {contact}" if contact else tell,
        translate("WhatNow", "HR can export the case from Vidne and hand it to the police. If a photo of you "
                             "or your address was shared, HR can also report it to the Danish Data Protection "
                             "Agency (Datatilsynet)."),
        translate("WhatNow", "You can also report it to the police yourself, at politi.dk or by calling 114. "
                             "In an emergency, call 112."),
        translate("WhatNow", "The evidence is kept safely on this computer. You can close Vidne now."),
    ]


def steps_text(settings: Settings) -> str:
    return "\n\n".join(f"{n}.  {line}" for n, line in enumerate(steps(settings), start=1))


class WhatNowDialog(QDialog):
    """Help ▸ What now?: the same steps, in a window of their own."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatNowDialog")
        self.settings = settings
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.text = QLabel()
        self.text.setObjectName("whatNowText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 380)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("What now?"))
        self.heading.setText(self.tr("What now?"))
        self.text.setText(steps_text(self.settings))
        self.text.setAccessibleName(self.tr("What you can do now"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
