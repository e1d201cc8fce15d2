"""Errors shown to people: one place that turns an exception into words, and one place that shows
them — a banner at the top of the window, with "Try again" (when there is something to try again)
and "Details", cleared by the person's next action. A modal box only where no banner is (a dialog
without one).

The core's exceptions carry an English message written for the person; here each kind gets a short
translated headline and what to do next. "Details" says in the person's language what happened
(app/gui/state/happened.py, one sentence for each kind), and below it, labelled "Technical message"
("Teknisk besked (engelsk)"), the core's own message as it is in the log: support and the CLI speak of
it in those words, so it is kept, not hidden, but never stands alone. A capture error's kind is its
``code`` (capture/errors.py CODES), which survives the capture child process; the message is never parsed.
No tracebacks are ever shown. The banner keeps the error, not its words, so a language switch
rewords it at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.state.happened import what_happened
from app.gui.text import plain
from capture.errors import CaptureError
from evidence_store.errors import (
    BundleNotFound,
    CustodyError,
    ExportError,
    ExportPathInvalid,
    ImportRefused,
    NotABundle,
    NotAnExport,
    SealError,
    SigningKeyError,
    StoreError,
    StoreUnavailable,
)

log = logging.getLogger(__name__)


translate = QCoreApplication.translate


@dataclass(frozen=True)
class Message:
    title: str
    text: str
    details: str


def _network_hint(code: str) -> str | None:
    if code == "name_not_resolved":
        return translate("Messages", "The site's name could not be found. Check the address for typing "
                                     "errors and that this computer is on the internet.")
    if code == "offline":
        return translate("Messages", "This computer is not on the internet. Connect and try again.")
    if code in ("connection_refused", "unreachable"):
        return translate("Messages", "The site could not be reached. It may be down. Try again later.")
    if code == "unsafe_port":
        return translate("Messages", "The browser will not open this address, as a safety rule. "
                                     "Check the address.")
    if code in ("invalid_tls", "tls_failed"):
        return translate("Messages", "The site's security certificate is not valid, so the connection "
                                     "cannot be trusted.")
    return None


def describe_capture(code: str, details: str) -> Message:
    """The words for a capture error of kind ``code`` (capture/errors.py CODES)."""
    if code == "invalid_url":
        return Message(
            translate("Messages", "This is not a web address Vidne can save"),
            translate("Messages", "Copy the address from the browser's address bar (it starts with "
                                  "https://) and paste it into the field."), details)
    if code == "browser_not_found":
        return Message(
            translate("Messages", "Vidne cannot find a browser to use"),
            translate("Messages", "Nothing was saved. Ask your IT support to install Google Chrome, "
                                  "Microsoft Edge or Chromium on this computer, or to set the browser in "
                                  "Vidne's settings."), details)
    if code in ("timeout", "network_timeout"):
        return Message(
            translate("Messages", "The page took too long"),
            translate("Messages", "Nothing was saved. Try again in a little while."), details)
    if code == "disk_full":
        return Message(
            translate("Messages", "The disk is full"),
            translate("Messages", "Nothing was saved. Free some space on the disk that holds the evidence "
                                  "folder (or ask your IT support), then try again."), details)
    if code == "not_writable":
        return Message(
            translate("Messages", "Vidne may not write to the evidence folder"),
            translate("Messages", "Nothing was saved. The evidence folder is read-only or you do not have "
                                  "permission to write there. Ask your IT support, or choose another folder "
                                  "in the settings."), details)
    if code == "cancelled":
        return Message(translate("Messages", "Stopped"),
                       translate("Messages", "The capture was stopped. Nothing was saved."), details)
    hint = _network_hint(code) or translate(
        "Messages", "Check that the address is right and that this computer is on the internet, "
                    "then try again.")
    return Message(translate("Messages", "The page could not be saved"),
                   translate("Messages", "Nothing was saved.") + " " + hint, details)


def describe(exc: BaseException) -> Message:
    """The headline, the advice and the details for ``exc``: what happened, then the core's own message."""
    message = _describe(exc)
    details = what_happened(exc)
    if message.details:
        label = translate("Messages", "Technical message:")
        details = f"{details}\n\n{label}\n{message.details}"
    return Message(message.title, message.text, details)


def _describe(exc: BaseException) -> Message:
    details = plain(str(exc), 4000, keep_newlines=True)
    if isinstance(exc, CaptureError):
        return describe_capture(exc.code, details)
    if isinstance(exc, SigningKeyError):
        return Message(
            translate("Messages", "Vidne's signing key cannot be used"),
            translate("Messages", "Vidne cannot seal evidence without its signing key. Contact your IT "
                                  "support and show them the details below."), details)
    if isinstance(exc, SealError | StoreUnavailable):
        return Message(
            translate("Messages", "The evidence could not be stored"),
            translate("Messages", "Nothing was saved for this page. Check that there is free space on "
                                  "the disk and that the evidence folder can be written to, then try "
                                  "again."), details)
    if isinstance(exc, ExportPathInvalid):
        return Message(
            translate("Messages", "The export cannot be saved there"),
            translate("Messages", "Choose another folder, or a file name that does not exist yet."), details)
    if isinstance(exc, ExportError):
        return Message(
            translate("Messages", "The case was not exported"),
            translate("Messages", "Nothing was handed over. If a capture is not intact, the details say which; "
                                  "you can export anyway with the box for captures that are not intact "
                                  "ticked, and the report will say so."), details)
    if isinstance(exc, NotAnExport):
        return Message(
            translate("Messages", "This is not an export from Vidne"),
            translate("Messages", "Choose the .zip file that Vidne made when the case was exported."), details)
    if isinstance(exc, ImportRefused):
        return Message(
            translate("Messages", "Nothing was imported"),
            translate("Messages", "The evidence did not pass the check, or it is already in the store. "
                                  "See the details below."), details)
    if isinstance(exc, CustodyError):
        return Message(
            translate("Messages", "The custody log cannot be added to"),
            translate("Messages", "Vidne does not add to a custody log that is damaged. Verify the "
                                  "capture and keep it as it is."), details)
    if isinstance(exc, BundleNotFound | NotABundle):
        return Message(translate("Messages", "The capture cannot be found"),
                       translate("Messages", "It may have been moved or deleted outside Vidne."), details)
    if isinstance(exc, StoreError):
        return Message(translate("Messages", "The evidence store reported a problem"),
                       translate("Messages", "See the details below."), details)
    if isinstance(exc, PermissionError):
        return Message(translate("Messages", "Not allowed"),
                       translate("Messages", "Vidne was not allowed to do this. See the details below."),
                       details)
    if isinstance(exc, OSError):
        return Message(
            translate("Messages", "A file could not be read or written"),
            translate("Messages", "Check that the disk is available and has free space, then try "
                                  "again."), details)
    return Message(
        translate("Messages", "Something unexpected went wrong"),
        translate("Messages", "Nothing that was already saved is affected. The log (Help → Log) has the "
                              "details for your IT support."),
        plain(f"{type(exc).__name__}: {exc}", 4000, keep_newlines=True))


class ErrorBanner(QFrame):
    """The one place a window shows an error: headline, advice, "Try again", "Details" and a close button."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.exc: BaseException | None = None
        self.retry: Callable[[], None] | None = None
        self.title = QLabel()
        self.title.setObjectName("bannerTitle")
        self.text = QLabel()
        self.details = QLabel()
        self.details.setObjectName("bannerDetails")
        for label in (self.title, self.text, self.details):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.details.hide()
        self.try_again = QPushButton()
        self.try_again.clicked.connect(self._try_again)
        self.more = QPushButton()
        self.more.setCheckable(True)
        self.more.toggled.connect(self._toggle_details)
        self.close_button = QPushButton("×")
        self.close_button.setObjectName("bannerClose")
        self.close_button.clicked.connect(self.clear)
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.text)
        words.addWidget(self.details)
        row = QHBoxLayout(self)
        row.addLayout(words, 1)
        row.addWidget(self.try_again, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        self.retranslate()

    def show_error(self, exc: BaseException, retry: Callable[[], None] | None = None) -> None:
        self.exc, self.retry = exc, retry
        self.more.setChecked(False)
        self.retranslate()
        self.show()

    @Slot()
    def clear(self) -> None:
        if self.exc is None and self.isHidden():
            return
        self.exc, self.retry = None, None
        self.hide()
        self.cleared.emit()

    @Slot()
    def _try_again(self) -> None:
        retry = self.retry
        self.clear()
        if retry is not None:
            retry()

    @Slot(bool)
    def _toggle_details(self, on: bool) -> None:
        self.details.setVisible(on and bool(self.details.text()))

    def retranslate(self) -> None:
        self.try_again.setText(translate("Messages", "&Try again"))
        self.more.setText(translate("Messages", "&Details"))
        self.close_button.setAccessibleName(translate("Messages", "Close the message"))
        self.close_button.setToolTip(translate("Messages", "Close the message"))
        if self.exc is None:
            return
        message = describe(self.exc)
        self.title.setText(message.title)
        self.text.setText(message.text)
        self.details.setText(message.details)
        self.more.setVisible(bool(message.details))
        self.try_again.setVisible(self.retry is not None)
        self.setAccessibleName(message.title)
        self.setAccessibleDescription(message.text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def banner_of(widget: QWidget | None) -> ErrorBanner | None:
    """The banner of ``widget``'s own window (not one of a dialog on top of it)."""
    window = widget.window() if widget is not None else None
    if window is None:
        return None
    return next((b for b in window.findChildren(ErrorBanner) if b.window() is window), None)


def clear_errors(widget: QWidget | None) -> None:
    """The person does something new: the last error's banner goes."""
    banner = banner_of(widget)
    if banner is not None:
        banner.clear()


def show_error(parent: QWidget | None, exc: BaseException,
               retry: Callable[[], None] | None = None) -> ErrorBanner | QMessageBox:
    """Show ``exc`` in the banner of ``parent``'s window (with "Try again" calling ``retry``), or, in a
    window without one, in a window-modal box that does not block the event loop."""
    message = describe(exc)
    log.info("shown to the person: %s (%s)", message.title, type(exc).__name__)
    banner = banner_of(parent)
    if banner is not None:
        banner.show_error(exc, retry)
        return banner
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(message.title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message.title)
    box.setInformativeText(message.text)
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    if message.details:
        box.setDetailedText(message.details)
    ok = box.addButton(translate("Messages", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(message.title)
    box.setAccessibleDescription(message.text)
    box.open()
    return box


class FolderPath(QDialog):
    """"Open folder" could not open a file manager (none on this system): the folder's path, to copy."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderPath")
        self.setWindowTitle(translate("Messages", "The folder could not be opened"))
        self.text = QLabel(translate("Messages", "This computer has no program that opens folders for Vidne. "
                                                 "The evidence is in this folder; copy its path to open it "
                                                 "another way:"))
        self.text.setWordWrap(True)
        self.path = QLineEdit(str(path))
        self.path.setReadOnly(True)
        self.path.setAccessibleName(translate("Messages", "The folder's path"))
        self.copy = QPushButton(translate("Messages", "&Copy"))
        self.copy.setDefault(True)
        self.copy.clicked.connect(self._copy)
        self.close_button = QPushButton(translate("Messages", "Close"))
        self.close_button.clicked.connect(self.accept)
        self.copied = QLabel()
        self.copied.setObjectName("muted")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(self.copy)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.path)
        layout.addLayout(buttons)
        self.resize(560, 160)

    @Slot()
    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.path.text())
        self.copied.setText(translate("Messages", "Copied."))
        self.path.selectAll()


def open_folder(parent: QWidget | None, path: Path) -> bool:
    """Show ``path`` in the system's file manager; where that fails, show the path with "Copy"."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    log.info("no file manager opened the evidence folder; its path is shown instead")
    dialog = FolderPath(path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return False
