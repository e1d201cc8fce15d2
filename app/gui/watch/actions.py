"""Follow a capture's post (re-check it every 30 minutes, 6 hours or day) or stop following it: two
actions in the evidence list's context menu, a small dialog to choose how often, and ``install`` that
hooks the watches into a main window without the window knowing of them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.messages import show_error
from app.gui.text import fill, plain
from app.gui.watch.runner import ChangeWatchJob, Watching
from app.overtime.watches import DEFAULT_DAYS
from evidence_store import CaptureRecord

log = logging.getLogger(__name__)

CHOICES = (30 * 60, 6 * 3600, 86400)     # every 30 minutes, 6 hours, day


class WatchDialog(QDialog):
    """How often to check the post; the first choice (30 minutes) unless it is followed already."""

    def __init__(self, title: str, current: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("watchDialog")
        self.setWindowTitle(self.tr("Follow the post"))
        intro = QLabel(fill(self.tr("Vidne opens the address of “%1” again on a schedule while Vidne is open "
                                    "(or when IT runs it), and saves each check as new evidence beside the "
                                    "first. It stops by itself after %2 days, or when the post has been "
                                    "gone three checks in a row."), plain(title, 80), DEFAULT_DAYS))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        limits = QLabel(self.tr("A check sees what the page shows now, to Vidne's browser as it is logged "
                                "in now. Only this address is opened; no links are followed."))
        limits.setObjectName("muted")
        limits.setWordWrap(True)
        self.group = QButtonGroup(self)
        labels = (self.tr("Every &30 minutes"), self.tr("Every &6 hours"), self.tr("Once a &day"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for seconds, text in zip(CHOICES, labels, strict=True):
            button = QRadioButton(text)
            self.group.addButton(button, seconds)
            button.setChecked(seconds == (current if current in CHOICES else CHOICES[0]))
            layout.addWidget(button)
        layout.addWidget(limits)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Follow"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def every_s(self) -> int:
        return self.group.checkedId()


class WatchActions(QObject):
    """"Follow this post…" and "Stop following this post" on the evidence list's selected capture."""

    def __init__(self, ctx: AppContext, window: QMainWindow, watching: Watching) -> None:
        super().__init__(window)
        self.ctx, self.window, self.watching = ctx, window, watching
        self.dialog: WatchDialog | None = None
        self._asked: int | None = None          # the interval of the change under way (None: stop)
        self.follow = QAction("", self)
        self.follow.setObjectName("followPost")
        self.follow.triggered.connect(self.open_dialog)
        self.unfollow = QAction("", self)
        self.unfollow.setObjectName("unfollowPost")
        self.unfollow.triggered.connect(self.stop_following)
        listing = getattr(getattr(window, "evidence", None), "list", None)
        self.listing = listing
        if listing is not None:
            listing.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            listing.view.addAction(self.follow)
            listing.view.addAction(self.unfollow)
            listing.currentChanged.connect(self.update)
        watching.changed.connect(self.update)
        window.installEventFilter(self)
        self.retranslate()
        self.update()

    def current(self) -> CaptureRecord | None:
        return self.listing.current_record() if self.listing is not None else None

    @Slot()
    def update(self, *_: object) -> None:
        record = self.current()
        followed = record is not None and record.id in self.watching.watched
        self.follow.setEnabled(record is not None)
        self.unfollow.setEnabled(followed)
        self.unfollow.setVisible(followed)

    @Slot()
    def open_dialog(self) -> None:
        record = self.current()
        if record is None or self.ctx.store is None:
            return
        watch = self.watching.watched.get(record.id)
        self.dialog = WatchDialog(record.title or record.url, watch.every_s if watch else None, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.accepted.connect(lambda: self._change(record.id, self.dialog.every_s() if self.dialog else None))
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    @Slot(int)
    def _dialog_closed(self, _: int) -> None:
        self.dialog = None

    @Slot()
    def stop_following(self) -> None:
        record = self.current()
        if record is not None:
            self._change(record.id, None)

    def _change(self, capture_id: str, every_s: int | None) -> None:
        if self.ctx.store is None or (every_s is None and capture_id not in self.watching.watched):
            return
        self._asked = every_s
        self.ctx.jobs.start(ChangeWatchJob(self.ctx.store, capture_id, every_s), finished=self._changed,
                            failed=self._failed)

    @Slot(object)
    def _changed(self, watches: object) -> None:
        every_s = self._asked
        if every_s is None:
            text = self.tr("Vidne no longer follows this post. The checks made so far are kept as evidence.")
        else:
            text = fill({CHOICES[0]: self.tr("Vidne follows this post every 30 minutes for %1 days."),
                         CHOICES[1]: self.tr("Vidne follows this post every 6 hours for %1 days."),
                         CHOICES[2]: self.tr("Vidne follows this post once a day for %1 days.")}.get(
                             every_s, self.tr("Vidne follows this post for %1 days.")), DEFAULT_DAYS)
        self.window.statusBar().showMessage(text, 15_000)
        if isinstance(watches, list):
            self.watching.set_watched(watches)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            show_error(self.window, exc)

    def retranslate(self) -> None:
        self.follow.setText(self.tr("&Follow this post…"))
        self.follow.setToolTip(self.tr("Check this post again on a schedule and keep each check as evidence"))
        self.unfollow.setText(self.tr("&Stop following this post"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def install(ctx: AppContext, window: QMainWindow) -> Watching:
    """Run the due watches while ``window`` is open and add the follow actions to its evidence list."""
    watching = Watching(ctx, window)
    WatchActions(ctx, window, watching)
    return watching
