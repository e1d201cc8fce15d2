"""One capture in full: its pictures, facts, files and custody log, "Verify now", "Open folder" and
"Add note". The result gives both answers: intact or not, and the time's status and any custody event
signed by an unknown key (with "Trust this key…" for it); technical detail is in the tooltip."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from app.gui.context import AppContext
from app.gui.detail.pictures import PicturesTab
from app.gui.detail.result import result_details, result_text
from app.gui.detail.tabs import CustodyTab, FactsTab, FilesTab
from app.gui.dialogs.note import NoteDialog
from app.gui.dialogs.trust_key import TrustKeyDialog
from app.gui.messages import clear_errors, open_folder, show_error
from app.gui.runtime.jobs import AddNoteJob, Details, DetailsJob, VerifyJob
from app.gui.runtime.style import icon
from app.gui.state.status import Verdict
from app.gui.text import plain
from evidence_store import CaptureRecord, VerificationReport, confirm_key
from evidence_store.errors import StoreError

log = logging.getLogger(__name__)


class DetailView(QWidget):
    verified = Signal(object)       # VerificationReport
    noteAdded = Signal(object)      # the custody event
    loaded = Signal(str)            # the capture id whose details are shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailView")
        self.ctx = ctx
        self.record: CaptureRecord | None = None
        self.details: Details | None = None
        self.verdict: Verdict | None = None
        self.report: VerificationReport | None = None
        self._verifying = False
        self.note_dialog: NoteDialog | None = None
        self.trust_dialog: TrustKeyDialog | None = None

        self.empty = QLabel()
        self.empty.setObjectName("emptyDetail")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address = QLabel()
        self.address.setObjectName("muted")
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.result = QLabel()
        self.result.setObjectName("verifyResult")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_more = QLabel()
        self.result_more.setObjectName("technical")
        self.result_more.setTextFormat(Qt.TextFormat.PlainText)
        self.result_more.setWordWrap(True)
        self.result_more.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.result_more.hide()
        self.more = QPushButton()
        self.more.setObjectName("detailsButton")
        self.more.setCheckable(True)
        self.more.toggled.connect(self.show_technical)
        self.verify = QPushButton()
        self.verify.setObjectName("verifyButton")
        self.verify.setIcon(icon("verify"))
        self.verify.clicked.connect(self.verify_now)
        self.open_folder = QPushButton()
        self.open_folder.setIcon(icon("folder"))
        self.open_folder.clicked.connect(self._open_folder)
        self.add_note = QPushButton()
        self.add_note.setIcon(icon("note"))
        self.add_note.clicked.connect(self.ask_note)
        self.trust_key = QPushButton()
        self.trust_key.setObjectName("trustKeyButton")
        self.trust_key.clicked.connect(lambda: self.ask_trust(None))
        self.trust_key.hide()

        self.pictures = PicturesTab()
        self.facts = FactsTab()
        self.files = FilesTab()
        self.custody = CustodyTab()
        self.custody.trustRequested.connect(self.ask_trust)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        for tab in (self.pictures, self.facts, self.files, self.custody):
            self.tabs.addTab(tab, "")

        content = QWidget()
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify)
        buttons.addWidget(self.add_note)
        buttons.addWidget(self.open_folder)
        buttons.addWidget(self.trust_key)
        buttons.addStretch(1)
        buttons.addWidget(self.more)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.title)
        inner.addWidget(self.address)
        inner.addLayout(buttons)
        inner.addWidget(self.result)
        inner.addWidget(self.result_more)
        inner.addWidget(self.tabs, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setTabOrder(self.verify, self.add_note)
        self.setTabOrder(self.add_note, self.open_folder)
        self.setTabOrder(self.open_folder, self.more)
        self.setTabOrder(self.more, self.tabs)

        ctx.statuses.changed.connect(self._status_changed)
        ctx.settingsChanged.connect(self._settings_changed)
        ctx.trustChanged.connect(self._trust_changed)
        self.retranslate()

    # -- which capture --------------------------------------------------------------------------------
    def show_capture(self, record: CaptureRecord | None) -> None:
        same = record is not None and self.record is not None and record.id == self.record.id
        self.record = record
        if record is None:
            self.details = None
            self.pages.setCurrentIndex(0)
            self.pictures.show_details(None, True)
            return
        if not same:
            self.report = None
            self.verdict = self.ctx.statuses.verdict(record.id)
            self.pages.setCurrentIndex(1)
            self.title.setText(plain(record.title, 300) or self.tr("(no title)"))
            self.address.setText(plain(record.final_url or record.url, 500))
            self._show_result()
        self._load(record.id)

    def _load(self, capture_id: str) -> None:
        if self.ctx.store is not None:
            self.ctx.jobs.start(DetailsJob(self.ctx.store, capture_id), finished=self._details_loaded,
                                failed=self._details_failed)

    @Slot(object)
    def _details_loaded(self, details: object) -> None:
        if not isinstance(details, Details) or self.record is None or details.record.id != self.record.id:
            return
        first = self.details is None or self.details.record.id != details.record.id
        self.details = details
        self.record = details.record
        if first:
            self.pictures.show_details(details, self.ctx.settings.blur_previews)
        self.facts.show_details(details)
        self.files.show_details(details)
        self.custody.show_details(details)
        self.loaded.emit(details.record.id)

    @Slot(object)
    def _details_failed(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            show_error(self.window(), exc)

    # -- verify -------------------------------------------------------------------------------------
    @Slot()
    def verify_now(self) -> None:
        if self.record is None or self.ctx.store is None or self._verifying:
            return
        clear_errors(self)
        self._verifying = True
        self.verify.setEnabled(False)
        self.result.setText(self.tr("Checking every file, signature and custody event…"))
        self.result.setProperty("state", "checking")
        self._restyle(self.result)
        record = self.record
        self.ctx.jobs.start(VerifyJob(self.ctx.store, record.id, self.ctx.trust), finished=self._verified,
                            failed=self._verify_failed)

    @Slot(object)
    def _verified(self, report: object) -> None:
        self._verifying = False
        self.verify.setEnabled(True)
        if not isinstance(report, VerificationReport) or self.record is None:
            return
        if report.capture_id not in (None, self.record.id):
            return
        self.report = report
        self.verdict = self.ctx.statuses.record(self.record, report)
        self._show_result()
        self.verified.emit(report)

    @Slot(object)
    def _verify_failed(self, exc: object) -> None:
        self._verifying = False
        self.verify.setEnabled(True)
        self._show_result()
        if isinstance(exc, BaseException):
            show_error(self.window(), exc, retry=self.verify_now)

    @Slot(str)
    def _status_changed(self, capture_id: str) -> None:
        if self.record is not None and capture_id == self.record.id and not self._verifying:
            self.verdict = self.ctx.statuses.verdict(capture_id)
            self._show_result()

    def result_text(self) -> tuple[str, str]:
        """(state, text) of what is known, in plain words (detail/result.py)."""
        return result_text(self.verdict, self._own(), self.ctx.trust_problem)

    def result_details(self) -> str:
        """The technical detail behind the result, for the "Details" view (detail/result.py)."""
        return result_details(self.verdict, self._own(), self.ctx.trust_problem)

    def _own(self) -> str | None:
        try:
            return self.ctx.store.fingerprint() if self.ctx.store is not None else None
        except (StoreError, OSError):
            return None

    def _show_result(self) -> None:
        state, text = self.result_text()
        self.result.setText(text)
        self.result_more.setText(self.result_details())
        self.result.setProperty("state", state)
        self._restyle(self.result)
        verdict = self.verdict
        self.custody.show_signers(verdict.custody if verdict is not None else ())
        self.trust_key.setVisible(verdict is not None and bool(verdict.unknown_signers))

    @Slot(bool)
    def show_technical(self, on: bool) -> None:
        """Details: hashes, fingerprints, media types, file names, JSON and UTC times, or plain words only."""
        self.more.setChecked(on)
        self.more.setText(self.tr("Hide &details") if on else self.tr("&Details"))
        self.result_more.setVisible(on and bool(self.result_more.text()))
        for tab in (self.facts, self.files, self.custody):
            tab.set_technical(on)

    # -- trust ----------------------------------------------------------------------------------------
    @Slot(str)
    def ask_trust(self, fingerprint: str | None) -> None:
        """Trust this key…: the selected unknown signer's key, or the first unknown one."""
        if fingerprint is None:
            selected = self.custody.signer_at(self.custody.currentRow())
            unknown = self.verdict.unknown_signers if self.verdict is not None else []
            if selected is not None and selected.signer.kind == "unknown":
                fingerprint = selected.signer.fingerprint
            elif unknown:
                fingerprint = unknown[0].signer.fingerprint
        if not fingerprint or self.ctx.store is None:
            return
        dialog = TrustKeyDialog(fingerprint, self.window())
        dialog.accepted.connect(self._trust_confirmed)
        self.trust_dialog = dialog
        dialog.open()

    @Slot()
    def _trust_confirmed(self) -> None:
        dialog, self.trust_dialog = self.trust_dialog, None
        store = self.ctx.store
        if dialog is None or store is None:
            return
        dialog.deleteLater()
        try:
            confirm_key(store.confirmed_keys_path, dialog.fingerprint, dialog.holder(),
                        self.ctx.settings.operator_or_login())
        except (StoreError, OSError) as exc:
            show_error(self.window(), exc)
            return
        self.ctx.refresh_trust()

    @Slot()
    def _trust_changed(self) -> None:
        self.report = None
        self.verdict = None
        if self.record is not None:
            self.ctx.statuses.status(self.record)        # asks for a check by the new policy
            self._show_result()

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- notes and folders ----------------------------------------------------------------------------
    @Slot()
    def ask_note(self) -> None:
        if self.record is None:
            return
        dialog = NoteDialog(self.window())
        dialog.accepted.connect(self._note_written)
        self.note_dialog = dialog
        dialog.open()

    @Slot()
    def _note_written(self) -> None:
        dialog, self.note_dialog = self.note_dialog, None
        if dialog is None or self.record is None or self.ctx.store is None:
            return
        text = dialog.note()
        dialog.deleteLater()
        if not text:
            return
        settings = self.ctx.settings
        job = AddNoteJob(self.ctx.store, self.record.id, text, settings.operator_or_login(),
                         settings.organisation)
        self.ctx.jobs.start(job, finished=self._note_added, failed=self._details_failed)

    @Slot(object)
    def _note_added(self, event: object) -> None:
        if self.record is not None:
            self.ctx.custodyChanged.emit(self.record.id)
            self._load(self.record.id)
        self.noteAdded.emit(event)

    @Slot()
    def _open_folder(self) -> None:
        if self.record is not None:
            open_folder(self.window(), self.record.path)

    @Slot()
    def _settings_changed(self) -> None:
        self.pictures.blur_default = self.ctx.settings.blur_previews
        self.pictures.clear.setVisible(self.ctx.settings.blur_previews)
        self.pictures.view.set_blur(self.pictures._blurred())

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Choose a capture in the list to see it here."))
        self.verify.setText(self.tr("&Verify now"))
        self.verify.setToolTip(self.tr("Check that nothing in this capture has changed since it was sealed"))
        self.open_folder.setText(self.tr("Open &folder"))
        self.open_folder.setToolTip(self.tr("Show the evidence files in the file manager"))
        self.add_note.setText(self.tr("Add &note"))
        self.add_note.setToolTip(self.tr("Add a signed note to the custody log (the evidence is not "
                                         "changed)"))
        self.trust_key.setText(self.tr("&Trust a key…"))
        self.trust_key.setToolTip(self.tr("A custody event here was signed by a key this computer does not "
                                          "know. Name its holder after reading its fingerprint back with them."))
        self.result.setAccessibleName(self.tr("Verification result"))
        self.result_more.setAccessibleName(self.tr("Technical details of the check"))
        self.more.setText(self.tr("Hide &details") if self.more.isChecked() else self.tr("&Details"))
        self.more.setToolTip(self.tr("Show the technical details: fingerprints, file names, file types, the "
                                     "recorded data and the times in UTC"))
        self.title.setAccessibleName(self.tr("Page title"))
        self.address.setAccessibleName(self.tr("Address of the page"))
        for i, name in enumerate((self.tr("Pictures"), self.tr("Facts"), self.tr("Files"),
                                  self.tr("Custody log"))):
            self.tabs.setTabText(i, name)
        if self.record is not None:
            self.title.setText(plain(self.record.title, 300) or self.tr("(no title)"))
            self._show_result()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def stop(self) -> None:
        self.pictures.view.stop()
