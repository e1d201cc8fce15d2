"""The main window: the capture screen and the evidence screen, the menus, and "hide now"."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui.capture.login_action import LoginAction
from app.gui.capture.panel import CapturePanel
from app.gui.context import AppContext
from app.gui.dialogs.boxes import about_box, key_box, key_replaced_box, problems_box, stamps_box
from app.gui.dialogs.curtain import Curtain
from app.gui.dialogs.log_view import LogView
from app.gui.dialogs.settings import SettingsDialog
from app.gui.dialogs.welcome import WelcomeDialog, needs_welcome
from app.gui.dialogs.what_now import WhatNowDialog
from app.gui.handover.export_dialog import ExportDialog
from app.gui.handover.import_dialog import ImportDialog
from app.gui.messages import ErrorBanner, show_error
from app.gui.runtime.style import icon
from app.gui.screens import EvidencePage
from app.gui.stamps import PendingStamps
from app.gui.text import fill, grouped_fingerprint

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    ready = Signal()          # the store is open and the list is shown

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.welcome: WelcomeDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.log_view: LogView | None = None
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.what_now: WhatNowDialog | None = None
        self._closing = False

        self.capture = CapturePanel(ctx)
        self.evidence = EvidencePage(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.capture, icon("capture"), "")
        self.tabs.addTab(self.evidence, icon("list"), "")
        self.hide_button = QPushButton()
        self.hide_button.setObjectName("hideButton")
        self.hide_button.setIcon(icon("hide"))
        self.hide_button.clicked.connect(self.hide_now)
        self.tabs.setCornerWidget(self.hide_button, Qt.Corner.TopRightCorner)
        self.curtain = Curtain()
        self.curtain.reveal.connect(self.reveal)
        self.banner = ErrorBanner()            # the one place for errors (messages.show_error)
        self.page = QWidget()
        page_layout = QVBoxLayout(self.page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.page)
        self.stack.addWidget(self.curtain)
        self.setCentralWidget(self.stack)
        self.stamps = PendingStamps(ctx, self)
        self.stamps.said.connect(self._say)
        self.stamps.answered.connect(self._stamps_answered)
        self.stamps_box: QMessageBox | None = None
        self.stamps.stamped.connect(self._stamped)
        self.store_label = QLabel()
        self.store_label.setObjectName("muted")
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.store_label)   # never under a passing message
        self._build_menus()

        self.capture.showInList.connect(self.show_in_list)
        self.evidence.list.listed.connect(self._listed)
        ctx.storeOpened.connect(self._store_opened)
        ctx.storeFailed.connect(self._store_failed)
        ctx.settingsChanged.connect(self._settings_changed)
        ctx.translations.changed.connect(self._language_changed)
        self.resize(1180, 780)
        self.setMinimumSize(720, 520)
        self.retranslate()

    # -- menus and shortcuts --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.triggered.connect(self.banner.clear)     # choosing anything from a menu is the next action
        self.file_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self.act_capture = QAction(icon("capture"), "", self, shortcut=QKeySequence("Ctrl+L"))
        self.act_capture.triggered.connect(self.focus_capture)
        self.act_settings = QAction(icon("settings"), "", self, shortcut=QKeySequence("Ctrl+,"))
        self.act_settings.triggered.connect(self.open_settings)
        self.act_stamps = QAction(icon("verify"), "", self)
        self.act_stamps.triggered.connect(self.stamps.ask_now)
        self.act_export = QAction(icon("export"), "", self)
        self.act_import = QAction(icon("import"), "", self)
        self.act_export.triggered.connect(self.open_export)
        self.act_import.triggered.connect(self.open_import)
        self.act_quit = QAction("", self, shortcut=QKeySequence("Ctrl+Q"))
        self.act_quit.triggered.connect(self.close)
        self.login = LoginAction(self.ctx, self)
        for action in (self.act_capture, self.login.action, self.act_settings, self.act_stamps):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_export)
        self.file_menu.addAction(self.act_import)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)

        self.act_show_capture = QAction(icon("capture"), "", self, shortcut=QKeySequence("Ctrl+1"))
        self.act_show_capture.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        self.act_show_evidence = QAction(icon("list"), "", self, shortcut=QKeySequence("Ctrl+2"))
        self.act_show_evidence.triggered.connect(self.show_evidence)
        self.act_hide = QAction(icon("hide"), "", self, shortcut=QKeySequence("Ctrl+H"))
        self.act_hide.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.act_hide.triggered.connect(self.hide_now)
        self.view_menu.addAction(self.act_show_capture)
        self.view_menu.addAction(self.act_show_evidence)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.act_hide)
        self.language_menu = self.view_menu.addMenu("")
        self.language_group = QActionGroup(self)
        self.act_danish = QAction("Dansk", self, checkable=True)
        self.act_english = QAction("English", self, checkable=True)
        for action, code in ((self.act_danish, "da"), (self.act_english, "en")):
            action.setData(code)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
        self.language_group.triggered.connect(self._language_chosen)
        self._language_changed(self.ctx.translations.language)      # the tick on the language shown now

        self.act_what_now = QAction("", self, shortcut=QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.act_what_now.triggered.connect(self.show_what_now)
        self.act_log = QAction(icon("log"), "", self)
        self.act_log.triggered.connect(self.open_log)
        self.act_key = QAction(icon("verify"), "", self)
        self.act_key.triggered.connect(self.show_key)
        self.act_about = QAction("", self)
        self.act_about.triggered.connect(self.show_about)
        self.help_menu.addAction(self.act_what_now)
        self.help_menu.addSeparator()
        for action in (self.act_log, self.act_key, self.act_about):
            self.help_menu.addAction(action)

    # -- starting -------------------------------------------------------------------------------------
    def start(self) -> None:
        """Open the store (off the GUI thread); greet a first-time user. Call once, after show()."""
        self.capture.focus_url()
        self.ctx.open_store()
        if self.ctx.settings.problems:
            problems_box(self, self.ctx.settings.problems)
        if needs_welcome(self.ctx.settings):
            self.welcome = WelcomeDialog(self.ctx, self)
            self.welcome.finished.connect(self._welcomed)
            self.welcome.open()

    @Slot(int)
    def _welcomed(self, result: int) -> None:
        self.welcome = None
        self.activateWindow()
        self.capture.focus_url()

    @Slot()
    def _store_opened(self) -> None:
        self._show_store()
        if (store := self.ctx.store) is not None and store.key_notice:
            self.key_box = key_replaced_box(self, store.fingerprint())

    @Slot(str)
    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    @Slot(str)
    def _stamps_answered(self, text: str) -> None:
        self.stamps_box = stamps_box(self, text)

    @Slot(int)
    def _stamped(self, count: int) -> None:
        if count:
            self.evidence.list.refresh()

    @Slot(object)
    def _store_failed(self, exc: object) -> None:
        self.store_label.setText(self.tr("The evidence store could not be opened."))
        if isinstance(exc, BaseException):
            show_error(self, exc, retry=self.ctx.open_store)

    @Slot(int)
    def _listed(self, count: int) -> None:
        self.ready.emit()

    def _show_store(self) -> None:
        store = self.ctx.store
        if store is None:
            return
        try:
            known = store.key_path.exists()
            fingerprint = grouped_fingerprint(store.fingerprint())[:19] + " …" if known else ""
        except OSError:
            fingerprint = ""
        self.store_label.setText(fill(self.tr("Evidence is kept in %1"), str(store.root)))
        self.store_label.setToolTip(fill(self.tr("Signing key %1"), fingerprint) if fingerprint else "")

    # -- actions --------------------------------------------------------------------------------------
    @Slot()
    def focus_capture(self) -> None:
        self.reveal()
        self.tabs.setCurrentIndex(0)
        self.capture.focus_url()

    @Slot()
    def show_evidence(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.evidence.list.view.setFocus()

    @Slot(str)
    def show_in_list(self, capture_id: str) -> None:
        self.tabs.setCurrentIndex(1)
        self.evidence.list.select(capture_id)
        self.evidence.list.view.setFocus()

    @Slot()
    def hide_now(self) -> None:
        """Cover everything at once and get the window out of sight. Work in progress goes on."""
        self.stack.setCurrentWidget(self.curtain)
        for dialog in (self.settings_dialog, self.log_view):
            if dialog is not None:
                dialog.hide()
        self._blur_again()
        log.info("window hidden by the person")
        self.showMinimized()

    def _blur_again(self) -> None:
        """After a hide, everything comes back blurred: "Show clearly" is undone, and a setting to show
        pictures clearly is turned back to blurring (unless the organisation fixed it)."""
        self.evidence.detail.pictures.blur_again()
        if not self.ctx.settings.blur_previews and "blur_previews" not in self.ctx.settings.locked:
            try:
                self.ctx.change_settings(blur_previews=True)
            except OSError as exc:
                log.warning("the blur setting could not be saved: %s", exc)

    @Slot()
    def reveal(self) -> None:
        if self.stack.currentWidget() is self.curtain:
            self.stack.setCurrentWidget(self.page)
        if self.isMinimized():
            self.showNormal()

    @Slot()
    def open_settings(self) -> None:
        self.settings_dialog = SettingsDialog(self.ctx, self)
        self.settings_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog.finished.connect(self._settings_closed)
        self.settings_dialog.open()

    @Slot(int)
    def _settings_closed(self, result: int) -> None:
        self.settings_dialog = None

    @Slot()
    def open_export(self) -> None:
        """Export a case: the one chosen in the evidence list's filter, else the selected capture's."""
        if self.ctx.store is None:
            return
        listing = self.evidence.list
        current = listing.current_record()
        case = listing.chosen_case()
        if case is None and current is not None:
            case = current.case
        self.export_dialog = ExportDialog(self.ctx, case, self)
        self.export_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog.exported.connect(self._exported)
        self.export_dialog.open()

    @Slot(object)
    def _exported(self, result: object) -> None:
        self.ctx.evidenceChanged.emit()      # every exported capture's custody log grew

    @Slot()
    def open_import(self) -> None:
        if self.ctx.store is None:
            return
        self.import_dialog = ImportDialog(self.ctx, self)
        self.import_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog.showEvidence.connect(self.show_in_list)
        self.import_dialog.open()

    @Slot()
    def open_log(self) -> None:
        if self.log_view is None:
            self.log_view = LogView(self.ctx.logbook, self)
        self.log_view.show()
        self.log_view.raise_()

    @Slot()
    def show_what_now(self) -> None:
        """Help ▸ What now?: who to tell and how the evidence reaches the police."""
        self.what_now = WhatNowDialog(self.ctx.settings, self)
        self.what_now.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.what_now.open()

    @Slot()
    def show_key(self) -> None:
        if self.ctx.store is not None:
            key_box(self, self.ctx.store.fingerprint())

    @Slot()
    def show_about(self) -> None:
        about_box(self)

    @Slot(QAction)
    def _language_chosen(self, action: QAction) -> None:
        self.ctx.set_language(str(action.data()))

    @Slot()
    def _settings_changed(self) -> None:
        self._show_store()

    @Slot(str)
    def _language_changed(self, language: str) -> None:
        (self.act_danish if language == "da" else self.act_english).setChecked(True)

    # -- texts ------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Vidne – save web pages as evidence"))
        self.tabs.setTabText(0, self.tr("Save a page"))
        self.tabs.setTabText(1, self.tr("Evidence"))
        self.tabs.setTabToolTip(0, self.tr("Save a web page as evidence (Ctrl+1)"))
        self.tabs.setTabToolTip(1, self.tr("Everything you have saved, by case (Ctrl+2)"))
        self.hide_button.setText(self.tr("Hide now"))
        self.hide_button.setToolTip(self.tr("Hide Vidne at once (Ctrl+H)"))
        self.hide_button.setAccessibleName(self.tr("Hide Vidne now"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_capture.setText(self.tr("&Capture a page"))
        self.act_settings.setText(self.tr("&Settings…"))
        self.act_stamps.setText(self.tr("Get missing &time-stamps"))
        self.login.retranslate()
        self.act_export.setText(self.tr("&Export a case…"))
        self.act_import.setText(self.tr("&Import evidence…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_show_capture.setText(self.tr("&Save a page"))
        self.act_show_evidence.setText(self.tr("&Evidence"))
        self.act_hide.setText(self.tr("&Hide Vidne now"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.act_what_now.setText(self.tr("&What now?"))
        self.act_log.setText(self.tr("&Log"))
        self.act_key.setText(self.tr("Signing &key"))
        self.act_about.setText(self.tr("&About Vidne"))
        self._show_store()
        self.menuBar().setAccessibleName(self.tr("Menu"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- closing --------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.capture.running and not self._closing:
            self._closing = True
            log.info("closing during a capture: stopping it first")
            self.capture.captureFailed.connect(self._close_after_capture)
            self.capture.captureFinished.connect(self._close_after_capture)
            self.capture.cancel()
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    @Slot(object)
    def _close_after_capture(self, _: object) -> None:
        QTimer.singleShot(0, self.close)

    def shutdown(self) -> None:
        """Stop every background thread (safe to call twice)."""
        self.evidence.detail.stop()
        self.ctx.shutdown()
