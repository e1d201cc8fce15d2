"""First start: who is capturing (used as the operator in every bundle), then the signing key's
fingerprint. Asks only for what the environment or the organisation's settings do not already say."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.messages import show_error
from app.gui.text import grouped_fingerprint
from app.settings import Settings
from evidence_store.errors import StoreError

log = logging.getLogger(__name__)


def needs_welcome(settings: Settings) -> bool:
    return not settings.operator.strip() or not settings.organisation.strip()


class WelcomeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setModal(True)
        self.ctx = ctx
        s = ctx.settings
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit(s.operator)
        self.name.setMaxLength(200)
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.organisation = QLineEdit(s.organisation)
        self.organisation.setMaxLength(200)
        self.organisation_label = QLabel()
        self.organisation_label.setBuddy(self.organisation)
        self.next = QPushButton()
        self.next.setObjectName("primaryButton")
        self.next.setDefault(True)
        self.next.clicked.connect(self._continue)
        self.name.textChanged.connect(self._check)
        self.organisation.textChanged.connect(self._check)

        ask = QWidget()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.name_label, self.name)
        form.addRow(self.organisation_label, self.organisation)
        known_name = bool(s.operator.strip())
        known_org = bool(s.organisation.strip())
        rows = ((self.name_label, self.name, known_name, "operator"),
                (self.organisation_label, self.organisation, known_org, "organisation"))
        for label, field, known, key in rows:
            if known or key in s.locked:
                field.setReadOnly(True)
            label.setVisible(not known)
            field.setVisible(not known)
        first = QVBoxLayout(ask)
        first.addWidget(self.intro)
        first.addLayout(form)
        first.addStretch(1)

        done = QWidget()
        self.key_intro = QLabel()
        self.key_intro.setWordWrap(True)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key_after = QLabel()
        self.key_after.setWordWrap(True)
        self.more = QPushButton()
        self.more.setObjectName("detailsButton")
        self.more.setCheckable(True)
        self.more.toggled.connect(self._show_more)
        self.fingerprint.hide()
        self.key_after.hide()
        second = QVBoxLayout(done)
        second.addWidget(self.key_intro)
        more_row = QHBoxLayout()
        more_row.addWidget(self.more)
        more_row.addStretch(1)
        second.addLayout(more_row)
        second.addWidget(self.fingerprint)
        second.addWidget(self.key_after)
        second.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(ask)
        self.pages.addWidget(done)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(560, 380)
        ctx.storeOpened.connect(self._store_ready)
        self.retranslate()
        self._check()
        (self.name if not known_name else self.organisation).setFocus()

    @Slot()
    def _check(self) -> None:
        if self.pages.currentIndex() == 0:
            self.next.setEnabled(bool(self.name.text().strip() and self.organisation.text().strip()))

    @Slot()
    def _continue(self) -> None:
        if self.pages.currentIndex() == 1:
            self.accept()
            return
        changes = {"operator": self.name.text().strip(), "organisation": self.organisation.text().strip()}
        changes = {k: v for k, v in changes.items() if k not in self.ctx.settings.locked}
        try:
            self.ctx.change_settings(**changes)
        except OSError as exc:
            show_error(self, exc)
            return
        self.pages.setCurrentIndex(1)
        self.next.setEnabled(False)
        self.retranslate()
        self._store_ready()

    @Slot(bool)
    def _show_more(self, on: bool) -> None:
        """The fingerprint (64 hexadecimal characters) only for who asks for it."""
        self.fingerprint.setVisible(on)
        self.key_after.setVisible(on)

    @Slot()
    def _store_ready(self) -> None:
        if self.pages.currentIndex() != 1 or self.ctx.store is None:
            return
        try:
            fingerprint = self.ctx.store.signing_key().fingerprint()   # made on first use
        except StoreError as exc:
            show_error(self, exc)
            return
        log.info("signing key ready, fingerprint %s", fingerprint)
        self.fingerprint.setText(grouped_fingerprint(fingerprint))
        self.next.setEnabled(True)
        self.next.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Vidne"))
        self.heading.setText(self.tr("Welcome to Vidne") if self.pages.currentIndex() == 0
                             else self.tr("You are ready"))
        self.intro.setText(self.tr("Vidne saves web pages as evidence that can be checked later by HR, the "
                                   "police or a court. Every capture records who made it. Please tell Vidne "
                                   "who you are; you only need to do this once."))
        self.name_label.setText(self.tr("Your full &name"))
        self.name.setAccessibleName(self.tr("Your full name"))
        self.organisation_label.setText(self.tr("Your &organisation"))
        self.organisation.setAccessibleName(self.tr("Your organisation"))
        self.key_intro.setText(self.tr("Vidne is ready. Everything you save is sealed on this computer, so any "
                                       "later change to it can be seen."))
        self.more.setText(self.tr("&Details"))
        self.more.setToolTip(self.tr("Show the fingerprint of this computer's signing key"))
        self.key_after.setText(self.tr("This is the fingerprint of the key that seals your evidence. Whoever "
                                       "receives your evidence can ask you to read it aloud, to be sure it came "
                                       "from you. You can always find it again under Help → Signing key."))
        self.fingerprint.setAccessibleName(self.tr("Fingerprint of your signing key"))
        self.next.setText(self.tr("&Continue") if self.pages.currentIndex() == 0 else self.tr("&Start"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
