"""What the windows share: settings, the open store, the job runner, caches. Made once by main() and
passed to each widget (no module-level singletons, so tests make as many as they like)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from app.gui.runtime.i18n import Translations
from app.gui.runtime.jobs import OpenStoreJob
from app.gui.runtime.workers import JobRunner
from app.gui.state.logbook import LogBook
from app.gui.state.status import StatusBook
from app.gui.state.thumbnails import ThumbnailCache
from app.settings import Settings, save_user_settings
from evidence_store import CaptureRecord, Store

log = logging.getLogger(__name__)


class AppContext(QObject):
    settingsChanged = Signal()
    storeOpened = Signal()
    storeFailed = Signal(object)
    captureAdded = Signal(object)      # a CaptureRecord
    custodyChanged = Signal(str)       # a capture id whose custody log grew
    evidenceChanged = Signal()         # captures were added or changed in bulk (an import, an export)

    def __init__(self, settings: Settings, translations: Translations, store_root: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.translations = translations
        translations.setParent(self)
        self.store_root_override = store_root
        self.store: Store | None = None
        self.jobs = JobRunner(self)
        self.thumbnails = ThumbnailCache(settings.blur_previews, parent=self)
        self.statuses = StatusBook(self)
        self.logbook = LogBook(self)
        self.logbook.install()

    # -- the store -----------------------------------------------------------------------------------
    def store_root(self) -> Path | None:
        if self.store_root_override is not None:
            return self.store_root_override
        return Path(self.settings.store_dir).expanduser() if self.settings.store_dir else None

    def open_store(self) -> None:
        """Open the store off the GUI thread; ``storeOpened`` or ``storeFailed`` follows."""
        self.jobs.start(OpenStoreJob(self.store_root()), finished=self._store_opened,
                        failed=self._store_failed)

    @Slot(object)
    def _store_opened(self, store: object) -> None:
        assert isinstance(store, Store)
        old, self.store = self.store, store
        if old is not None and old is not store:
            old.close()
        self.thumbnails.forget()
        self.statuses.use_store(store)
        log.info("evidence store open at %s", store.root)
        self.storeOpened.emit()

    @Slot(object)
    def _store_failed(self, exc: object) -> None:
        self.storeFailed.emit(exc)

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
        if "blur_previews" in changes:
            self.thumbnails.set_blur(self.settings.blur_previews)
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
        self.logbook.uninstall()
        self.translations.release()
        self.jobs.shutdown()
        self.thumbnails.stop()
        self.statuses.stop()
        if self.store is not None:
            self.store.close()
            self.store = None
