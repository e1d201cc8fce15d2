"""The capture in progress: what is happening now, in a few human steps, and a Cancel that works."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.capture.phases import VISIBLE, Phase, PhaseTracker
from app.gui.runtime.style import icon
from app.gui.text import plain
from capture.result import Step


class CaptureProgress(QWidget):
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureProgress")
        self.tracker = PhaseTracker()
        self._started = 0.0
        self._url = ""
        self._cancelling = False

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.address = QLabel()
        self.address.setObjectName("muted")
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setWordWrap(True)
        self.rows: dict[Phase, tuple[QLabel, QLabel]] = {}
        steps = QVBoxLayout()
        steps.setSpacing(6)
        for phase in VISIBLE:
            mark, label = QLabel(), QLabel()
            mark.setFixedSize(22, 22)
            label.setObjectName("phaseLabel")
            row = QHBoxLayout()
            row.addWidget(mark)
            row.addWidget(label, 1)
            steps.addLayout(row)
            self.rows[phase] = (mark, label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.elapsed = QLabel()
        self.elapsed.setObjectName("muted")
        self.cancel = QPushButton()
        self.cancel.setObjectName("cancelButton")
        self.cancel.setIcon(icon("cancel"))
        self.cancel.clicked.connect(self._cancel_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.address)
        layout.addLayout(steps)
        layout.addWidget(self.bar)
        bottom = QHBoxLayout()
        bottom.addWidget(self.elapsed, 1)
        bottom.addWidget(self.cancel)
        layout.addLayout(bottom)
        layout.addStretch(1)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self.retranslate()

    # -- driving it ---------------------------------------------------------------------------------
    def begin(self, url: str) -> None:
        self.tracker = PhaseTracker()
        self._url = url
        self._started = time.monotonic()
        self._cancelling = False
        self.cancel.setEnabled(True)
        self._clock.start()
        self._show()

    def step(self, step: Step) -> None:
        if self.tracker.feed(step.action):
            self._show()

    def end(self) -> None:
        self._clock.stop()

    # -- showing it ---------------------------------------------------------------------------------
    def _phase_text(self, phase: Phase) -> str:
        texts = {
            Phase.LOADING: self.tr("Opening the page"),
            Phase.SCROLLING: self.tr("Scrolling through the whole page"),
            Phase.SCREENSHOT: self.tr("Taking pictures and a copy of the page"),
            Phase.SEALING: self.tr("Sealing the evidence"),
            Phase.TIMESTAMP: self.tr("Getting a trusted time-stamp"),
        }
        return texts[phase]

    def _show(self) -> None:
        current = self.tracker.phase
        for phase, (mark, label) in self.rows.items():
            text = self._phase_text(phase)
            if phase == Phase.SCROLLING and self.tracker.scroll_steps and current == phase:
                text += " " + self.tr("(step %n)", "", self.tracker.scroll_steps)
            if phase < current or current == Phase.DONE:
                mark.setPixmap(icon("done").pixmap(20, 20))
                state = self.tr("done")
            elif phase == current or (current == Phase.STARTING and phase == Phase.LOADING):
                mark.setPixmap(icon("busy").pixmap(20, 20))
                state = self.tr("now")
            else:
                mark.setPixmap(icon("todo").pixmap(20, 20))
                state = self.tr("waiting")
            label.setText(text)
            label.setProperty("state", state)
            label.setEnabled(phase <= max(current, Phase.LOADING))
            label.setAccessibleName(f"{text}: {state}")
        self.bar.setValue(int(self.tracker.fraction() * 1000))
        self.address.setText(plain(self._url, 200))
        self._tick()

    @Slot()
    def _tick(self) -> None:
        seconds = int(time.monotonic() - self._started) if self._started else 0
        if self._cancelling:
            self.elapsed.setText(self.tr("Stopping…"))
        else:
            self.elapsed.setText(self.tr("%n second(s) so far", "", seconds))

    def stop_now(self) -> None:
        """Cancel as the button does (after Escape was answered with "Stop")."""
        if self.cancel.isEnabled():
            self._cancel_clicked()

    @Slot()
    def _cancel_clicked(self) -> None:
        self._cancelling = True
        self.cancel.setEnabled(False)
        self._tick()
        self.cancelRequested.emit()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Saving the page…"))
        self.cancel.setText(self.tr("&Cancel"))
        self.cancel.setToolTip(self.tr("Stop the capture. Nothing is saved."))
        self.cancel.setAccessibleName(self.tr("Cancel the capture"))
        self.bar.setAccessibleName(self.tr("Capture progress"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
