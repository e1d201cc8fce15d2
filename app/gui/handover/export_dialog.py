"""HR's File ▸ Export a case: one zip with the case's bundles, the chain-of-custody report (PDF) and a
signed record, written by ``evidence_store.handover.export.export_case`` (the same as ``vidne export``)."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.messages import ErrorBanner, open_folder, show_error
from app.gui.runtime.jobs import ExportJob
from app.gui.text import fill, grouped_fingerprint, plain
from evidence_store import ExportResult, Progress

log = logging.getLogger(__name__)


def suggested_name(case: str) -> str:
    """A file name for the export: "Vidne-<case>-<date>.zip", the case made safe for any file system."""
    safe = re.sub(r"[^\w\-]+", "-", case, flags=re.UNICODE).strip("-_")[:60] or "uden-sag"
    return f"Vidne-{safe}-{date.today().isoformat()}.zip"


class ExportDialog(QDialog):
    exported = Signal(object)     # ExportResult

    def __init__(self, ctx: AppContext, case: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.ctx = ctx
        self.result_: ExportResult | None = None
        self._path: Path | None = None
        self.running = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.case = QComboBox()
        names = [c.name for c in ctx.store.cases()] if ctx.store is not None else []
        for name in names:
            self.case.addItem(plain(name, 80) if name else "", name)
        if case is not None and case in names:
            self.case.setCurrentIndex(names.index(case))
        self.case_label = QLabel()
        self.case_label.setBuddy(self.case)
        self.language = QComboBox()
        self.language.addItem("Dansk", "da")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ctx.translations.language == "da" else 1)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.damaged = QCheckBox()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.go = QPushButton()
        self.go.setObjectName("primaryButton")
        self.go.setDefault(True)
        self.go.clicked.connect(self.choose_file)
        self.go.setEnabled(bool(names))
        self.open_folder = QPushButton()
        self.open_folder.hide()
        self.open_folder.clicked.connect(self._open_folder)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.case_label, self.case)
        form.addRow(self.language_label, self.language)
        form.addRow("", self.damaged)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.go)
        self.banner = ErrorBanner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(600, 360)
        self.retranslate()

    def chosen_case(self) -> str:
        data = self.case.currentData() if self.case.count() else ""
        return data if isinstance(data, str) else ""

    @Slot()
    def choose_file(self) -> None:
        start = Path.home() / suggested_name(self.chosen_case())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the export as"), str(start),
                                              self.tr("Zip files (*.zip)"))
        if path:
            self.export_to(Path(path) if path.lower().endswith(".zip") else Path(path + ".zip"))

    def export_to(self, path: Path) -> None:
        """Start exporting the chosen case to ``path`` (off the GUI thread)."""
        store = self.ctx.store
        if store is None or self.running:
            return
        self.banner.clear()
        self._path = path
        self.running = True
        for widget in (self.go, self.case, self.language, self.damaged):
            widget.setEnabled(False)
        self.bar.show()
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Checking every capture of the case…"))
        job = ExportJob(store, self.chosen_case(), path, self.ctx.settings, str(self.language.currentData()),
                        self.damaged.isChecked(), self.ctx.trust)
        self.ctx.jobs.start(job, progress=self._progress, finished=self._finished, failed=self._failed)

    def phase_text(self, progress: Progress) -> str:
        texts = {
            "verify": self.tr("Checking capture %1 of %2"),
            "record": self.tr("Recording the export in each capture's custody log (%1 of %2)"),
            "report": self.tr("Writing the chain-of-custody report"),
            "zip": self.tr("Packing the zip file (%1 of %2)"),
            "check": self.tr("Checking the finished zip as the recipient will (%1 of %2)"),
        }
        return fill(texts.get(progress.phase, self.tr("Working (%1 of %2)")), progress.done, progress.total)

    @Slot(object)
    def _progress(self, progress: object) -> None:
        if isinstance(progress, Progress):
            self.bar.setRange(0, max(1, progress.total))
            self.bar.setValue(progress.done)
            self.status.setText(self.phase_text(progress))

    @Slot(object)
    def _finished(self, result: object) -> None:
        self.running = False
        self.bar.hide()
        if not isinstance(result, ExportResult):
            return
        self.result_ = result
        log.info("case exported: %d capture(s), zip sha256 %s", len(result.bundles), result.sha256)
        lines = [self.tr("Exported %n capture(s) of the case to:", "", len(result.bundles)),
                 str(result.zip_path), "",
                 self.tr("Tell the recipient this fingerprint of the file by phone or in a letter, so they "
                         "can check that the zip they get is the one you sent:"),
                 grouped_fingerprint(result.sha256)]
        if result.damaged:
            lines += ["", fill(self.tr("Exported although not intact (the report says so): %1"),
                               ", ".join(result.damaged))]
        lines += [plain(w, 300) for w in result.warnings]
        self.status.setText("\n".join(lines))
        self.open_folder.show()
        self.close_button.setFocus()
        self.exported.emit(result)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.running = False
        self.bar.hide()
        self.status.setText("")
        for widget in (self.go, self.case, self.language, self.damaged):
            widget.setEnabled(True)
        if isinstance(exc, BaseException):
            path = self._path
            show_error(self, exc, retry=(lambda: self.export_to(path)) if path is not None else None)

    @Slot()
    def _open_folder(self) -> None:
        if self.result_ is not None:
            open_folder(self, self.result_.zip_path.parent)

    def reject(self) -> None:
        if not self.running:          # an export that has begun finishes (it is quick and all-or-nothing)
            super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export a case"))
        self.intro.setText(self.tr("The case's captures are checked, then packed into one zip file with "
                                   "the chain-of-custody report, ready to hand to the police. Each capture's "
                                   "custody log records the export."))
        self.case_label.setText(self.tr("&Case"))
        self.case.setAccessibleName(self.tr("Case to export"))
        for i in range(self.case.count()):
            if self.case.itemData(i) == "":
                self.case.setItemText(i, self.tr("(captures without a case)"))
        self.language_label.setText(self.tr("&Report language"))
        self.language.setAccessibleName(self.tr("Language of the report"))
        self.damaged.setText(self.tr("Include captures that are not intact (the report marks them)"))
        self.go.setText(self.tr("&Export…"))
        self.open_folder.setText(self.tr("Open &folder"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
