"""File ▸ "Log in to a site…": Vidne's own browser in a window, so later captures see what the person sees.

The work is ``app.login.log_in`` (the same as ``vidne login``), run on a worker; it returns when the
person closes the browser window. Also: the note shown when a capture met a login wall.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from app.gui.context import AppContext
from app.gui.messages import show_error
from app.gui.runtime.jobs import LoginJob
from app.gui.runtime.style import icon
from app.gui.text import fill, plain
from app.login import LoginOutcome

log = logging.getLogger(__name__)

START_PAGE = "https://www.facebook.com"

translate = QCoreApplication.translate


class LoginAction(QObject):
    """Owns the menu action, the address dialog and the running log-in window's worker."""

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.running = False
        self.action = QAction(icon("capture"), "", window)
        self.action.triggered.connect(self.ask)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Log in to a site…"))
        tip = self.tr("Open Vidne's own browser to log in to Facebook or another site, so that captures show "
                      "what you see there")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    @Slot()
    def ask(self) -> None:
        if self.running or self.ctx.store is None:
            return
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Log in to a site"))
        dialog.setLabelText(self.tr("Vidne opens its own browser (not your everyday browser). Log in there, then "
                                    "close the browser window.\n\nThe page to open first:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(START_PAGE)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self._start)
        dialog.open()

    @Slot(str)
    def _start(self, url: str) -> None:
        store = self.ctx.store
        if store is None or self.running:
            return
        self.running = True
        self.action.setEnabled(False)
        log.info("login window: asked for from the menu")
        self.ctx.jobs.start(LoginJob(store, self.ctx.settings, url.strip() or None, self.ctx.warm),
                            finished=self._finished, failed=self._failed)
        self._say(self.tr("Vidne's browser is open. Log in there, then close the browser window."))

    @Slot(object)
    def _finished(self, outcome: object) -> None:
        self._done()
        sites = outcome.sites if isinstance(outcome, LoginOutcome) else []
        if sites:
            text = fill(self.tr("Vidne's browser now holds log-ins for:\n\n%1\n\nCaptures use them from now on. "
                                "Passwords and cookies never go into the evidence."),
                        "\n".join(plain(s, 200) for s in sites[:30]))
        else:
            text = self.tr("Vidne's browser holds no log-ins yet.")
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Log in to a site"), text, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self._done()
        if isinstance(exc, BaseException):
            show_error(self.window, exc)

    def _done(self) -> None:
        self.running = False
        self.action.setEnabled(True)

    def _say(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 30_000)


def show_login_wall(parent: QWidget, kind: str) -> QMessageBox:
    """Tell the person, in plain words, that the capture shows a login wall or a robot check."""
    if kind == "robot_check":
        text = translate("LoginWall", "The page you saved shows a \"confirm you're not a robot\" check, not the "
                         "content you asked for. It was kept as evidence of what the site showed.\n\nUse File ▸ Log "
                         "in to a site… to open the page in Vidne's browser, answer the check there, then save the "
                         "page again.")
    else:
        text = translate("LoginWall", "The page you saved shows a login page, not the content you asked for. It "
                         "was kept as evidence of what the site showed.\n\nUse File ▸ Log in to a site… to log in "
                         "once in Vidne's browser, then save the page again.")
    box = QMessageBox(QMessageBox.Icon.Information, translate("LoginWall", "The page asked you to log in"), text,
                      parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
    return box
