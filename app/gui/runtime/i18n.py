"""Danish and English through Qt's translation system, switchable while the app runs.

Source texts are English; ``resources/i18n/vidne_da.ts`` holds the Danish (compiled to
``vidne_da.qm``, both committed; ``scripts/i18n.sh`` updates them). Qt's own texts (file dialogs,
"Cancel", "Show Details…") come from Qt's ``qtbase_da.qm``, loaded beside ours, so that every dialog
is in one language. Widgets set their texts in a
``retranslate()`` method that they call again on ``QEvent.LanguageChange``, which Qt sends to every
widget when a translator is installed or removed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

import resources

log = logging.getLogger(__name__)

LANGUAGES = ("da", "en")


def system_language(system: QLocale | None = None) -> str:
    """Danish on a Danish system (or with Danish as the first UI language); English otherwise."""
    system = system if system is not None else QLocale.system()
    if system.language() == QLocale.Language.Danish:
        return "da"
    if any(lang.lower().startswith("da") for lang in system.uiLanguages()[:1]):
        return "da"
    return "en"


def resolve(setting: str) -> str:
    """The language to show for a ``language`` setting: "da", "en", or "" for the system's."""
    return setting if setting in LANGUAGES else system_language()


class Translations(QObject):
    """The installed translator. One per application, created by main() and passed to who needs it."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._translator: QTranslator | None = None
        self._qt: QTranslator | None = None         # Qt's own texts (qtbase)
        self.language = "en"

    def apply(self, setting: str) -> str:
        """Show the app in the language ``setting`` asks for; returns "da" or "en"."""
        language = resolve(setting)
        self.release()
        self._qt = self._qt_translator(language)
        translator = QTranslator(self)       # English too: its file holds the plural forms
        qm = resources.path("i18n", f"vidne_{language}.qm")
        if translator.load(str(qm)):
            self._app.installTranslator(translator)
            self._translator = translator
        else:
            log.error("translation %s could not be loaded; showing English", qm)
            language = "en"
        self.language = language
        if language == "da":
            QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        else:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        self.changed.emit(language)
        return language

    def _qt_translator(self, language: str) -> QTranslator | None:
        """Qt's own translation (qtbase_da.qm from Qt's translations folder), installed; None for English."""
        if language == "en":
            return None
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(self)
        if not translator.load(f"qtbase_{language}", folder):
            log.error("Qt's own translation qtbase_%s was not found in %s; Qt's dialogs stay in English",
                      language, folder)
            return None
        self._app.installTranslator(translator)
        return translator

    def release(self) -> None:
        """Take these translators out of the application (the window that used them is closing)."""
        for translator in (self._translator, self._qt):
            if translator is not None:
                self._app.removeTranslator(translator)
        self._translator, self._qt = None, None
