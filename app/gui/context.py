"""What the windows share: settings, the open store, the job runner, caches. Made once by main() and
passed to each widget (no module-level singletons, so tests make as many as they like)."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.gui.runtime.i18n import Translations
from app.gui.runtime.jobs import LedgerCheckJob, OpenStoreJob
from app.gui.runtime.workers import JobRunner
from app.gui.state.logbook import LogBook
from app.gui.state.status import StatusBook
from app.gui.state.thumbnails import ThumbnailCache
from app.gui.timefmt import use_zone
from app.settings import Settings, save_user_settings
from app.tasks import open_warm, warm_up
from app.trust import build_policy
from capture.child_process import WarmBrowser
from evidence_store import CaptureRecord, Store, TrustPolicy, TrustSettingError

log = logging.getLogger(__name__)

WARM_IDLE_SECONDS = 300.0       # the warm browser is closed after this long without a capture
WARM_START_DELAY_MS = 4000      # and started this long after the store opened (after the first listing)
LEDGER_CHECK_DELAY_MS = 3000    # the custody logs are compared with the ledger this long after the first listing


class AppContext(QObject):
    settingsChanged = Signal()
    storeOpened = Signal()
    storeFailed = Signal(object)
    captureAdded = Signal(object)      # a CaptureRecord
    custodyChanged = Signal(str)       # a capture id whose custody log grew
    evidenceChanged = Signal()         # captures were added or changed in bulk (an import, an export)
    trustChanged = Signal()            # the trust policy changed (a key was confirmed): verdicts were dropped
    listingShown = Signal()            # the evidence list showed the store (or could not): listing_shown()

    def __init__(self, settings: Settings, translations: Translations, store_root: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        use_zone(settings.time_zone)          # every time shown to people: the organisation's zone
        self.translations = translations
        translations.setParent(self)
        self.store_root_override = store_root
        self.store: Store | None = None
        # One browser kept running for the app's captures and watches, started after the store opens (never
        # before the first window) and closed after WARM_IDLE_SECONDS without a capture (app/tasks.open_warm).
        self.warm: WarmBrowser | None = None
        self._warm_timer = QTimer(self)           # starts it a little after the store opened; stopped with the app
        self._warm_timer.setSingleShot(True)
        self._warm_timer.timeout.connect(self._warm_up)
        self._ledger_due: Store | None = None     # opened; its logs not yet compared with its ledger
        self._ledger_timer = QTimer(self)
        self._ledger_timer.setSingleShot(True)
        self._ledger_timer.timeout.connect(self._check_ledger)
        self.trust: TrustPolicy | None = None     # what every check in the app judges time and signers by
        self.trust_problem: str | None = None     # why the organisation's trust settings could not be used
        self.jobs = JobRunner(self)
        self.thumbnails = ThumbnailCache(settings.blur_previews, parent=self)
        self.statuses = StatusBook(self, after=self.thumbnails.loader)     # thumbnails first
        self.logbook = LogBook(self)
        self.logbook.install()

    # -- the store -----------------------------------------------------------------------------------
    def store_root(self) -> Path | None:
        if self.store_root_override is not None:
            return self.store_root_override
        return Path(self.settings.store_dir).expanduser() if self.settings.store_dir else None

    def open_store(self) -> None:
        """Open the store off the GUI thread; ``storeOpened`` or ``storeFailed`` follows. Its custody logs
        are compared with its ledger once the list has shown it (listing_shown)."""
        self.jobs.start(OpenStoreJob(self.store_root()), finished=self._store_opened,
                        failed=self._store_failed)

    @Slot(object)
    def _store_opened(self, store: object) -> None:
        assert isinstance(store, Store)
        old, self.store = self.store, store
        if old is not None and old is not store:
            old.close()
        self.thumbnails.forget()
        self.trust = self._build_trust(store)
        self.statuses.use_store(store, self.trust)
        self._warm_for(store)
        self._ledger_due = store
        log.info("evidence store open at %s", store.root)
        self.storeOpened.emit()

    def listing_shown(self) -> None:
        """The evidence list showed the open store (or failed to): soon compare every custody log with the
        ledger in the background (Store.check_ledger logs what disagrees). Not before: the listing would wait
        for it (seconds for ten thousand captures); and not at once: the first thumbnails and checks of the
        rows on screen come first (those checks also read the ledger, and the comparison then finds it read)."""
        if self._ledger_due is not None and not self._ledger_timer.isActive():
            self._ledger_timer.start(LEDGER_CHECK_DELAY_MS)
        self.listingShown.emit()

    @Slot()
    def _check_ledger(self) -> None:
        store, self._ledger_due = self._ledger_due, None
        if store is not None and store is self.store:
            self.jobs.start(LedgerCheckJob(store))

    @Slot(object)
    def _store_failed(self, exc: object) -> None:
        self.storeFailed.emit(exc)

    def _warm_for(self, store: Store) -> None:
        """Close the last store's warm browser; start this one's in the background (its process start
        blocks). VIDNE_WARM_BROWSER (for IT): "0" no warm browser (each capture starts its own, as the
        command line's single capture does), "lazy" started by the first capture, else started now."""
        self._warm_timer.stop()
        if self.warm is not None:
            threading.Thread(target=self.warm.close, name="vidne-warm-close", daemon=True).start()
            self.warm = None
        choice = os.environ.get("VIDNE_WARM_BROWSER", "1")
        if choice == "0":
            return
        self.warm = open_warm(store, idle_seconds=WARM_IDLE_SECONDS)
        if choice != "lazy":        # a little later: the browser's start would compete with the first listing
            self._warm_timer.start(WARM_START_DELAY_MS)

    @Slot()
    def _warm_up(self) -> None:
        """Start the open store's warm browser in the background, unless a capture started it meanwhile.
        Only while the app runs: the timer is stopped and ``warm`` dropped by shutdown() (a browser started
        for a closed window would run on, unused, until the process ends)."""
        warm, store = self.warm, self.store
        if warm is not None and store is not None and not warm.running:
            threading.Thread(target=warm_up, args=(warm, store, self.settings), name="vidne-warm-start",
                             daemon=True).start()

    # -- trust -------------------------------------------------------------------------------------
    def _build_trust(self, store: Store) -> TrustPolicy:
        """The app's policy (app.trust.build_policy: shipped roots, the organisation's roots and keys, this
        store's own and confirmed keys). When the organisation's settings cannot be used, the policy
        trusts less, never more, and ``trust_problem`` says why."""
        self.trust_problem = None
        try:
            return build_policy(self.settings, store)
        except TrustSettingError as exc:
            self.trust_problem = str(exc)
            log.warning("the trust settings cannot be used: %s", exc)
        try:
            return store.trust_policy(TrustPolicy())
        except TrustSettingError as exc:
            log.warning("this store's confirmed keys cannot be read: %s", exc)
            return TrustPolicy()

    def refresh_trust(self) -> None:
        """Build the policy again (a key was confirmed, the settings changed) and check everything again."""
        if self.store is None:
            return
        self.trust = self._build_trust(self.store)
        self.statuses.use_policy(self.trust)
        self.trustChanged.emit()

    def capture_added(self, record: CaptureRecord) -> None:
        self.captureAdded.emit(record)

    # -- settings ----------------------------------------------------------------------------------
    def change_settings(self, **changes: Any) -> None:
        """Save the person's own settings and apply them now. PermissionError for locked keys."""
        changes = {k: v for k, v in changes.items() if getattr(self.settings, k) != v}
        if not changes:
            return
        old = self.settings
        self.settings = save_user_settings(self.settings, **changes)
        if "language" in changes:
            self.translations.apply(self.settings.language)
        if "time_zone" in changes:
            use_zone(self.settings.time_zone)
        if "blur_previews" in changes:
            self.thumbnails.set_blur(self.settings.blur_previews)
        if (old.trusted_tsa_roots, old.trusted_keys) != (self.settings.trusted_tsa_roots,
                                                          self.settings.trusted_keys):
            self.refresh_trust()
        self.settingsChanged.emit()
        if old.store_dir != self.settings.store_dir and self.store_root_override is None:
            self.open_store()

    def set_language(self, language: str) -> None:
        """Switch the language now and remember it (unless the organisation fixed it)."""
        if "language" in self.settings.locked:
            self.translations.apply(language)
            return
        self.change_settings(language=language)

    def shutdown(self) -> None:
        self._ledger_due = None
        self._ledger_timer.stop()
        self._warm_timer.stop()
        warm, self.warm = self.warm, None
        if warm is not None:
            warm.close()
        self.logbook.uninstall()
        self.translations.release()
        self.jobs.shutdown()
        self.thumbnails.stop()
        self.statuses.stop()
        if self.store is not None:
            self.store.close()
            self.store = None
