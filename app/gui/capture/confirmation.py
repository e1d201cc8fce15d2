"""After a capture: a calm confirmation with the first view of the page, where it is kept, and the
state of its trusted time-stamp."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.gui.context import AppContext
from app.gui.dialogs.what_now import steps_text
from app.gui.messages import open_folder
from app.gui.runtime.style import icon
from app.gui.state.thumbnails import PictureJob
from app.gui.text import fill, plain
from app.gui.timefmt import local_time
from evidence_store import CaptureRecord, StampOutcome


class Confirmation(QWidget):
    showInList = Signal(str)
    another = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmation")
        self.ctx = ctx
        self.record: CaptureRecord | None = None
        self.stamp: StampOutcome | None = None
        self._picture_for = ""

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.check = QLabel()
        self.check.setPixmap(icon("done").pixmap(30, 30))
        self.check.setFixedSize(34, 34)
        self.calm = QLabel()
        self.calm.setWordWrap(True)
        self.picture = QLabel()
        self.picture.setObjectName("thumbnail")
        self.picture.setFixedSize(240, 168)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.facts = QGridLayout()
        self.facts.setColumnStretch(1, 1)
        self.keys: list[QLabel] = []
        self.values: list[QLabel] = []
        for row in range(5):
            key, value = QLabel(), QLabel()
            key.setObjectName("factKey")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            self.facts.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(value, row, 1)
            self.keys.append(key)
            self.values.append(value)

        self.next_heading = QLabel()
        self.next_heading.setObjectName("sectionHeading")
        self.next_steps = QLabel()
        self.next_steps.setObjectName("whatNowText")
        self.next_steps.setTextFormat(Qt.TextFormat.PlainText)
        self.next_steps.setWordWrap(True)
        self.next_steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.show_list = QPushButton()
        self.show_list.setIcon(icon("list"))
        self.show_list.clicked.connect(self._show_in_list)
        self.open_folder = QPushButton()
        self.open_folder.setIcon(icon("folder"))
        self.open_folder.clicked.connect(self._open_folder)
        self.again = QPushButton()
        self.again.setObjectName("primaryButton")
        self.again.setIcon(icon("capture-light"))
        self.again.clicked.connect(self.another)

        top = QHBoxLayout()
        top.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        title = QHBoxLayout()
        title.addWidget(self.check)
        title.addWidget(self.heading, 1)
        right.addLayout(title)
        right.addWidget(self.calm)
        right.addLayout(self.facts)
        right.addStretch(1)
        top.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.again)
        buttons.addWidget(self.show_list)
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.next_heading)
        layout.addWidget(self.next_steps)
        layout.addStretch(1)
        self.setTabOrder(self.again, self.show_list)
        self.setTabOrder(self.show_list, self.open_folder)

        ctx.thumbnails.reset.connect(self._load_picture)     # the blur setting changed
        ctx.settingsChanged.connect(self.retranslate)           # the organisation's contact
        self.retranslate()

    def show_record(self, record: CaptureRecord, stamp: StampOutcome | None) -> None:
        self.record = record
        self.stamp = stamp
        self._load_picture()
        self.retranslate()
        self.again.setFocus()

    @Slot()
    def _load_picture(self) -> None:
        self.picture.setPixmap(icon("page").pixmap(64, 64))
        if self.record is None:
            return
        ratio = self.devicePixelRatioF()
        size = self.picture.size() * ratio
        self._picture_for = self.record.id
        self.ctx.jobs.start(PictureJob(self.record.path, self.ctx.thumbnails.blur, size),
                            finished=self._picture_loaded)

    @Slot(object)
    def _picture_loaded(self, image: object) -> None:
        if not isinstance(image, QImage) or image.isNull():
            return
        if self.record is None or self._picture_for != self.record.id:
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.picture.setPixmap(pixmap)

    def _timestamp_text(self) -> str:
        assert self.record is not None
        stamp = self.stamp
        when = local_time(stamp.time, seconds=True) if stamp and stamp.time else ""
        who = plain(stamp.tsa, 100) if stamp and stamp.tsa else ""
        if stamp is not None and stamp.stamped and stamp.trusted and when and who:
            return fill(self.tr("In place: %1, confirmed by %2."), when, who)
        if stamp is not None and stamp.stamped and when and who:
            return fill(self.tr("Added (%1, by %2), but that time-stamp service is not one your "
                                "organisation trusts, so the time is not counted as trusted. The evidence "
                                "is sealed and safe."), when, who)
        if self.record.has_timestamp or (stamp is not None and stamp.stamped):
            return self.tr("A time-stamp is in place; the evidence list shows whether its time is trusted.")
        if self.stamp is None:
            return self.tr("Not requested: trusted time-stamps are turned off in the settings.")
        return self.tr("To come: Vidne adds it by itself when this computer is online.")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("The page is saved as evidence"))
        self.calm.setText(self.tr("It is sealed, so any later change to it can be detected. You do not "
                                  "need to look at the page again."))
        self.again.setText(self.tr("Save &another page"))
        self.show_list.setText(self.tr("Show in the &evidence list"))
        self.open_folder.setText(self.tr("Open &folder"))
        self.open_folder.setToolTip(self.tr("Show the evidence files in the file manager"))
        self.picture.setAccessibleName(self.tr("Picture of the page as it first appeared"))
        self.next_heading.setText(self.tr("What now?"))
        self.next_steps.setText(steps_text(self.ctx.settings))
        self.next_steps.setAccessibleName(self.tr("What you can do now"))
        names = [self.tr("Page"), self.tr("Address"), self.tr("Saved"), self.tr("Kept in"),
                 self.tr("Trusted time")]
        for key, name in zip(self.keys, names, strict=True):
            key.setText(name)
        if self.record is not None:
            r = self.record
            values = [plain(r.title, 200) or self.tr("(no title)"), plain(r.final_url or r.url, 300),
                      local_time(r.started_at), str(r.path), self._timestamp_text()]
            for value, text in zip(self.values, values, strict=True):
                value.setText(text)

    @Slot()
    def _show_in_list(self) -> None:
        if self.record is not None:
            self.showInList.emit(self.record.id)

    @Slot()
    def _open_folder(self) -> None:
        if self.record is not None:
            open_folder(self.window(), self.record.path)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
