"""The organisation's vault in the app: File ▸ Fetch a case from the vault… (HR copies a case's locked
versions into its store, every bundle verified first, as ``vidne vault fetch``), and "vault pending" in the
status bar: captures not yet in the vault, pushed when the app starts (as ``vidne vault push --pending``).
Only shown when the organisation's config.toml names a vault. The vault's calls run off the GUI thread."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.runtime.keys import insert_after
from app.gui.runtime.style import icon
from app.gui.state.happened import what_happened
from app.gui.text import fill, plain
from app.settings import Settings
from app.tasks import push_to_vault
from evidence_store import Store, TrustPolicy

log = logging.getLogger(__name__)


class PushPendingJob:
    """Push every pending capture (File: at start); the number still pending afterwards."""

    def __init__(self, store: Store, settings: Settings, push: bool) -> None:
        self.store, self.settings, self.push = store, settings, push

    def run(self, progress: Any) -> int:
        from evidence_store import pending_ids

        config = self.settings.vault()
        if config is None:
            return 0
        if self.push:
            push_to_vault(self.store, self.settings)
        return len(pending_ids(self.store, config))


class ListVaultJob:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, progress: Any) -> list[tuple[str, int]]:
        from evidence_store import list_cases

        config = self.settings.vault()
        assert config is not None
        return [(case, len(entries)) for case, entries in sorted(list_cases(config).items())]


class FetchJob:
    def __init__(self, store: Store, settings: Settings, case: str, trust: TrustPolicy | None) -> None:
        self.store, self.settings, self.case, self.trust = store, settings, case, trust

    def run(self, progress: Any) -> Any:
        from evidence_store import fetch_case

        config = self.settings.vault()
        assert config is not None
        return fetch_case(self.store, config, self.case, actor=self.settings.operator_or_login(),
                          organisation=self.settings.organisation, trust=self.trust)


class VaultMenu(QObject):
    """Adds File ▸ Fetch a case from the vault… after Import, and the "vault pending" label."""

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx, self.window, self.running, self.pending = ctx, window, False, 0
        self.action = QAction(icon("import"), "", self)
        self.action.triggered.connect(self.open_fetch)
        insert_after(getattr(window, "file_menu", None), getattr(window, "act_import", None), self.action)
        self.label = QLabel()
        self.label.setObjectName("vaultPending")
        window.statusBar().addPermanentWidget(self.label)
        window.installEventFilter(self)
        ctx.storeOpened.connect(lambda: self.refresh(push=True))
        ctx.settingsChanged.connect(lambda: self.refresh(push=False))
        ctx.captureAdded.connect(lambda _record: self.refresh(push=False))
        ctx.custodyChanged.connect(lambda _capture_id: self.refresh(push=False))
        ctx.evidenceChanged.connect(lambda: self.refresh(push=False))
        self.retranslate()
        if ctx.store is not None:
            self.refresh(push=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        has_vault = self.ctx.settings.vault() is not None
        self.action.setText(self.tr("Fetch a case from the &vault…"))
        self.action.setVisible(has_vault)
        self.label.setVisible(has_vault and self.pending > 0)
        self.label.setText(self.tr("Vault: %n capture(s) pending", "", self.pending))
        self.label.setToolTip(self.tr("Not yet in the organisation's vault. They are kept safely on this "
                                      "computer and pushed when the vault can be reached (at the next start)."))

    def refresh(self, push: bool) -> None:
        """Count (and with ``push``, first push) the captures waiting for the vault, off the GUI thread."""
        store = self.ctx.store
        if self.running or store is None or self.ctx.settings.vault() is None:
            self.retranslate()
            return
        self.running = True
        self.ctx.jobs.start(PushPendingJob(store, self.ctx.settings, push), finished=self._counted,
                            failed=self._failed)

    @Slot(object)
    def _counted(self, pending: object) -> None:
        self.running = False
        self.pending = pending if isinstance(pending, int) else 0
        self.retranslate()

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.running = False
        log.warning("vault: counting or pushing pending captures failed: %s", exc)

    @Slot()
    def open_fetch(self) -> None:
        dialog = FetchDialog(self.ctx, self.window)
        dialog.finished.connect(lambda _code: self.ctx.evidenceChanged.emit())
        dialog.open()


class FetchDialog(QDialog):
    """The vault's cases (read from its listing, nothing downloaded); the chosen one is fetched."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vaultFetchDialog")
        self.ctx, self.running = ctx, False
        self.intro, self.status = QLabel(), QLabel()
        self.intro.setWordWrap(True)
        self.status.setWordWrap(True)
        self.status.setObjectName("verifyResult")
        self.cases = QListWidget()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.fetch_button = QPushButton(icon("import"), "")
        self.buttons.addButton(self.fetch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.fetch_button.clicked.connect(self.fetch)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.cases, self.status, self.buttons):
            layout.addWidget(widget)
        self.resize(560, 420)
        self.retranslate()
        self._start(ListVaultJob(ctx.settings), self._listed, self.tr("Reading the vault's cases…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fetch a case from the vault"))
        self.intro.setText(self.tr("The cases in the organisation's vault. The chosen case is copied into your "
                                   "evidence store; every capture is verified first, and nothing is added if "
                                   "one does not verify."))
        self.fetch_button.setText(self.tr("&Fetch the case"))

    def _start(self, job: Any, finished: Any, text: str) -> None:
        self.running = True
        self.fetch_button.setEnabled(False)
        self.status.setText(text)
        self.ctx.jobs.start(job, finished=finished, failed=self._failed)

    @Slot(object)
    def _listed(self, cases: object) -> None:
        self.running = False
        self.cases.clear()
        for case, count in cases if isinstance(cases, list) else []:
            item = QListWidgetItem(fill(self.tr("%1 — %2 capture(s)"), plain(case, 200) or self.tr("(no case)"),
                                        str(count)))
            item.setData(256, case)
            self.cases.addItem(item)
        if self.cases.count():
            self.cases.setCurrentRow(0)
        self.fetch_button.setEnabled(self.cases.count() > 0)
        self.status.setText("" if self.cases.count() else self.tr("The vault holds no cases yet."))

    @Slot()
    def fetch(self) -> None:
        item = self.cases.currentItem()
        store = self.ctx.store
        if item is None or store is None or self.running:
            return
        case = str(item.data(256))
        self._start(FetchJob(store, self.ctx.settings, case, self.ctx.trust), self._fetched,
                    self.tr("Reading the case back from the vault and verifying every capture…"))

    @Slot(object)
    def _fetched(self, result: Any) -> None:
        self.running = False
        self.fetch_button.setEnabled(True)
        self.status.setText(fill(self.tr("Verified and fetched: %1 capture(s) added, %2 already in your store."),
                                 str(len(result.added)), str(len(result.skipped))))
        self.ctx.evidenceChanged.emit()

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.running = False
        self.fetch_button.setEnabled(self.cases.count() > 0)
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        technical = QCoreApplication.translate("Messages", "Technical message:")   # the core's words, for support
        self.status.setText(f"{what_happened(error)}\n{technical} {plain(str(exc), 2000)}")
