"""The first thing a person sees: paste an address, press Enter, and the page is kept as evidence."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui.capture.confirmation import Confirmation
from app.gui.capture.login_action import show_login_wall
from app.gui.capture.progress import CaptureProgress
from app.gui.context import AppContext
from app.gui.messages import clear_errors, show_error
from app.gui.runtime.jobs import CaptureJob, Listing, ListJob
from app.gui.runtime.style import icon
from app.gui.runtime.workers import JobWorker
from app.gui.text import plain
from app.tasks import CaptureOutcome, CaptureRequest
from capture.errors import CaptureCancelled, InvalidURL
from capture.result import Step
from capture.urls import validate_url

log = logging.getLogger(__name__)

MAX_NOTE = 4000
MAX_CASE = 200


class CaptureForm(QWidget):
    """Address, case and note, and the big button."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("intro")
        self.url = QLineEdit()
        self.url.setObjectName("urlField")
        self.url.setClearButtonEnabled(True)
        self.url.setMaxLength(8192)
        self.url.returnPressed.connect(self.submitted)
        self.url_label = QLabel()
        self.url_label.setBuddy(self.url)
        self.case = QComboBox()
        self.case.setEditable(True)
        self.case.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.case.setMinimumContentsLength(24)
        line = self.case.lineEdit()
        assert line is not None
        line.setMaxLength(MAX_CASE)
        line.returnPressed.connect(self.submitted)
        self.case_label = QLabel()
        self.case_label.setBuddy(self.case)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(72)
        self.note_label = QLabel()
        self.note_label.setBuddy(self.note)
        self.button = QPushButton()
        self.button.setObjectName("captureButton")
        self.button.setIcon(icon("capture-light"))
        self.button.clicked.connect(self.submitted)
        self.status = QLabel()
        self.status.setObjectName("calmStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.hide()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        form.addRow(self.url_label, self.url)
        form.addRow(self.case_label, self.case)
        form.addRow(self.note_label, self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setTabOrder(self.url, self.case)
        self.setTabOrder(self.case, self.note)
        self.setTabOrder(self.note, self.button)
        self.note.textChanged.connect(self._bound_note)

    @Slot()
    def _bound_note(self) -> None:
        if len(self.note.toPlainText()) > MAX_NOTE:
            self.note.setPlainText(self.note.toPlainText()[:MAX_NOTE])

    def case_name(self) -> str:
        """The case chosen: an existing one (its exact name) or the new name typed."""
        typed = self.case.currentText().strip()
        index = self.case.findText(typed, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            exact = self.case.itemData(index)
            return exact if isinstance(exact, str) else typed
        return typed

    def set_cases(self, names: list[str]) -> None:
        typed = self.case.currentText()
        self.case.blockSignals(True)
        self.case.clear()
        self.case.addItem("", "")
        for name in names:
            if name:
                self.case.addItem(plain(name, 80), name)
        self.case.setCurrentIndex(0)
        self.case.setEditText(typed)
        self.case.blockSignals(False)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Save a page as evidence"))
        self.intro.setText(self.tr("Copy the address of the page from your browser, paste it below and "
                                   "press Enter. Vidne opens the page by itself, so you do not have to look "
                                   "at it again."))
        self.url_label.setText(self.tr("&Address of the page"))
        self.url.setPlaceholderText(self.tr("https://…"))
        self.url.setAccessibleName(self.tr("Address of the page"))
        self.url.setToolTip(self.tr("Ctrl+L puts the cursor here"))
        self.case_label.setText(self.tr("Ca&se (optional)"))
        self.case.setAccessibleName(self.tr("Case"))
        self.case.setToolTip(self.tr("Choose an existing case or type the name of a new one"))
        line = self.case.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("No case – or type a name for a new one"))
        self.note_label.setText(self.tr("&Note (optional)"))
        self.note.setPlaceholderText(self.tr("For example: who sent you the link, or why you save it"))
        self.note.setAccessibleName(self.tr("Note"))
        self.button.setText(self.tr("Capture this page"))
        self.button.setAccessibleName(self.tr("Capture this page"))
        self.button.setToolTip(self.tr("Save the page as sealed evidence (Enter)"))


class CapturePanel(QWidget):
    """The capture screen: form → progress → confirmation."""

    captureStarted = Signal()
    captureFinished = Signal(object)   # the CaptureRecord of the sealed bundle
    captureFailed = Signal(object)     # the exception (also shown in a dialog, unless cancelled)
    showInList = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capturePanel")
        self.ctx = ctx
        self.worker: JobWorker | None = None
        self.job: CaptureJob | None = None
        self.stop_question: QMessageBox | None = None
        self._status: Callable[[], str] | None = None
        self.form = CaptureForm()
        self.progress = CaptureProgress()
        self.confirmation = Confirmation(ctx)
        self.pages = QStackedWidget()
        for page in (self.form, self.progress, self.confirmation):
            self.pages.addWidget(page)
        self.pages.setMaximumWidth(880)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addStretch(1)
        layout.addWidget(self.pages, 12)
        layout.addStretch(1)

        self.form.submitted.connect(self.start)
        self.progress.cancelRequested.connect(self.cancel)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.escape.activated.connect(self.ask_cancel)
        self.confirmation.another.connect(self.new_capture)
        self.confirmation.showInList.connect(self.showInList)
        ctx.storeOpened.connect(self._refresh_cases)
        ctx.captureAdded.connect(self._refresh_cases)
        self.retranslate()

    @property
    def url_field(self) -> QLineEdit:
        return self.form.url

    @property
    def running(self) -> bool:
        return self.worker is not None

    def focus_url(self) -> None:
        if self.running:
            return
        if self.pages.currentWidget() is not self.form:
            self.new_capture()
        self.form.url.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.form.url.selectAll()

    @Slot()
    def new_capture(self) -> None:
        self.form.url.clear()
        self.form.note.clear()
        self.form.status.hide()
        self.pages.setCurrentWidget(self.form)
        self.form.url.setFocus()

    # -- capturing ----------------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        if self.running:
            return
        clear_errors(self)                     # a new try: the last error goes
        text = self.form.url.text().strip()
        if not text:                           # not an error: a calm word by the field, no box
            self._say(lambda: self.tr("Paste the address of the page into the field first, then press Enter."))
            self.form.url.setFocus()
            return
        try:
            validate_url(text)
        except InvalidURL as exc:
            self.form.status.hide()
            show_error(self.window(), exc)
            self.form.url.setFocus()
            return
        store = self.ctx.store
        if store is None:
            self._say(lambda: self.tr("The evidence store is still opening. Try again in a moment."))
            return
        note = self.form.note.toPlainText().strip()
        request = CaptureRequest(url=text, case=self.form.case_name(), note=note)
        self.job = CaptureJob(store, request, self.ctx.settings, self.ctx.warm)
        self.form.status.hide()
        self.progress.begin(text)
        self.pages.setCurrentWidget(self.progress)
        self.progress.cancel.setFocus()
        log.info("capture requested from the GUI")
        self.worker = self.ctx.jobs.start(self.job, finished=self._finished, failed=self._failed,
                                          progress=self._step)
        self.captureStarted.emit()

    @Slot()
    def cancel(self) -> None:
        if self.worker is not None:
            log.info("capture: cancel pressed")
            self.worker.cancel()

    @Slot()
    def ask_cancel(self) -> None:
        """Escape during a capture: ask first (a stray key must not throw the capture away)."""
        if not self.running or self.stop_question is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Stop saving this page?"),
                          self.tr("If you stop now, nothing is saved. You can try again whenever you are "
                                  "ready."), parent=self.window())
        box.setObjectName("stopQuestion")
        stop = box.addButton(self.tr("&Stop"), QMessageBox.ButtonRole.DestructiveRole)
        go_on = box.addButton(self.tr("&Keep saving"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go_on)
        box.setEscapeButton(go_on)
        box.setAccessibleName(self.tr("Stop saving this page?"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _: self._answered(box.clickedButton() is stop))
        self.stop_question = box
        box.open()

    def _answered(self, stop: bool) -> None:
        self.stop_question = None
        if stop and self.running:
            self.progress.stop_now()
        elif self.running:
            self.progress.cancel.setFocus()

    def _close_question(self) -> None:
        box, self.stop_question = self.stop_question, None
        if box is not None:
            box.done(0)

    @Slot(object)
    def _step(self, step: object) -> None:
        if isinstance(step, Step):
            self.progress.step(step)

    @Slot(object)
    def _finished(self, outcome: object) -> None:
        assert isinstance(outcome, CaptureOutcome)
        record = outcome.record
        self.worker, self.job = None, None
        self._close_question()
        self.progress.end()
        self.confirmation.show_record(record, outcome.timestamp)
        self.pages.setCurrentWidget(self.confirmation)
        self.confirmation.again.setFocus()
        self.ctx.capture_added(record)
        if outcome.login_wall:        # still saved (it is what the site showed), but the person must know
            show_login_wall(self, str(outcome.login_wall.get("kind")))
        self.captureFinished.emit(record)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.worker, self.job = None, None
        self._close_question()
        self.progress.end()
        self.pages.setCurrentWidget(self.form)
        if isinstance(exc, CaptureCancelled):
            self._say(lambda: self.tr("Stopped. Nothing was saved. You can try again whenever you are ready."))
        elif isinstance(exc, BaseException):
            self.form.status.hide()
            show_error(self.window(), exc, retry=self.start)      # one place: the banner, with "Try again"
        self.form.url.setFocus()
        self.captureFailed.emit(exc)

    def _say(self, text: Callable[[], str]) -> None:
        """A calm line under the form; ``text`` is asked again when the language changes."""
        self._status = text
        self.form.status.setText(text())
        self.form.status.show()

    # -- cases --------------------------------------------------------------------------------------
    @Slot()
    def _refresh_cases(self) -> None:
        if self.ctx.store is not None:
            self.ctx.jobs.start(ListJob(self.ctx.store, None, "", limit=0), finished=self._cases_listed)

    @Slot(object)
    def _cases_listed(self, listing: object) -> None:
        if isinstance(listing, Listing):
            self.form.set_cases([c.name for c in listing.cases])

    def retranslate(self) -> None:
        self.form.retranslate()
        if self._status is not None and not self.form.status.isHidden():
            self.form.status.setText(self._status())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
