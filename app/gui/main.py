"""Starting the desktop app: ``vidne gui``, ``vidne-app`` (no console) and ``make run``."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.gui.context import AppContext
from app.gui.handover.vault import VaultMenu
from app.gui.main_window import MainWindow
from app.gui.runtime import keys, style
from app.gui.runtime.i18n import Translations
from app.gui.runtime.qtcheck import binding_problem
from app.gui.timeline.action import TimelineAction
from app.gui.watch.actions import install as install_watches
from app.logs import setup_logging
from app.settings import Settings, load_settings
from evidence_store import vidne_version

log = logging.getLogger(__name__)


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (made once per process)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("Vidne")
    QCoreApplication.setApplicationName("Vidne")
    QCoreApplication.setApplicationVersion(vidne_version())
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:   # the packaged app: Qt's plug-ins are in its folder (build.spec)
        QCoreApplication.addLibraryPath(os.path.join(bundle, "PySide6", "plugins" if sys.platform == "win32"
                                                     else os.path.join("Qt", "plugins")))
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("Vidne")
    app.setDesktopFileName("vidne")
    _keep_qt_plugins_to_ourselves()
    return app


def _keep_qt_plugins_to_ourselves() -> None:
    """In the packaged app, QT_PLUGIN_PATH points into the app's own folder so that Qt finds its
    plug-ins (PyInstaller's runtime hooks set it). Qt has read it now; programs the app starts
    (Playwright's Node.js and the browser, the file manager) must not load these plug-ins into
    their own, other Qt. Keep the folder as a library path and take the variable out."""
    bundle = getattr(sys, "_MEIPASS", None)
    plugins = os.environ.get("QT_PLUGIN_PATH")
    if not bundle or not plugins:
        return
    ours = [p for p in plugins.split(os.pathsep) if os.path.realpath(p).startswith(os.path.realpath(bundle))]
    for path in ours:
        QCoreApplication.addLibraryPath(path)
    rest = [p for p in plugins.split(os.pathsep) if p and p not in ours]
    if rest:
        os.environ["QT_PLUGIN_PATH"] = os.pathsep.join(rest)
    else:
        del os.environ["QT_PLUGIN_PATH"]


def create_window(app: QApplication, *, store_root: Path | None = None,
                  settings: Settings | None = None) -> MainWindow:
    """The main window with its language, look and shared state; call ``start()`` after ``show()``."""
    settings = settings if settings is not None else load_settings()
    translations = Translations(app)
    translations.apply(settings.language)
    style.apply(app)
    keys.install(app)
    ctx = AppContext(settings, translations, store_root, parent=None)
    window = MainWindow(ctx)
    VaultMenu(ctx, window)                 # File ▸ Fetch a case from the vault…, 'vault pending'
    TimelineAction(ctx, window)            # View ▸ Timeline of the case… (Ctrl+T)
    install_watches(ctx, window)           # the due watches while the app is open; "Follow this post…"
    ctx.setParent(window)
    return window


def main(argv: Sequence[str] | None = None, *, store_root: Path | None = None, setup_logs: bool = True) -> int:
    """Run the app until its window closes; the exit code."""
    if setup_logs:
        setup_logging()
    log.info("Vidne %s desktop app starting", vidne_version())
    app = application(argv)
    problem = binding_problem()
    if problem is not None:
        log.error("%s", problem)
        print(f"vidne: {problem}", file=sys.stderr)
        return 1
    window = create_window(app, store_root=store_root)
    window.show()
    window.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
