"""HR's File ▸ Import evidence: a zip exported by a colleague's Vidne is checked as a whole first and
the result shown; only then, and only if it is intact, are its bundles added to the store
(``verify_export`` and ``import_zip``, the same as ``vidne verify X.zip`` and ``vidne import``).

Both answers are shown for each capture: intact or not, and its time's status, any custody event
signed by an unknown key, and its notes; judged by the app's trust policy (AppContext.trust)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.messages import ErrorBanner, show_error
from app.gui.runtime.jobs import CheckExportJob, ImportJob
from app.gui.state.wording import signer_text, time_short, unknown_line
from app.gui.text import fill, grouped_fingerprint, plain
from app.gui.timefmt import local_time
from evidence_store import ExportReport, ImportResult, Progress

log = logging.getLogger(__name__)
MAX_PROBLEMS = 30
MAX_BUNDLES = 200
MAX_LINES_EACH = 5


class ImportDialog(QDialog):
    imported = Signal(object)     # ImportResult
    checked = Signal(object)      # ExportReport
    showEvidence = Signal(str)    # "Show the evidence": the first capture added

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.ctx = ctx
        self.path: Path | None = None
        self.report: ExportReport | None = None
        self.result_: ImportResult | None = None
        self.running = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.verdict = QLabel()
        self.verdict.setObjectName("verifyResult")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.verdict.hide()
        self.choose = QPushButton()
        self.choose.clicked.connect(self.choose_file)
        self.add = QPushButton()
        self.add.setObjectName("primaryButton")
        self.add.setEnabled(False)
        self.add.clicked.connect(self.add_to_store)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        self.show_evidence = QPushButton()
        self.show_evidence.setObjectName("primaryButton")
        self.show_evidence.clicked.connect(self._show_evidence)
        self.show_evidence.hide()
        self.steps = QLabel()
        self.steps.setObjectName("whatNowText")
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.add)
        buttons.addWidget(self.show_evidence)
        self.banner = ErrorBanner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.intro)
        layout.addWidget(self.steps)
        layout.addWidget(self.bar)
        layout.addWidget(self.verdict, 1)
        layout.addLayout(buttons)
        self.resize(640, 420)
        self.retranslate()
        self.choose.setFocus()

    # -- 1: check ------------------------------------------------------------------------------------
    @Slot()
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the export to import"), str(Path.home()),
                                              self.tr("Zip files (*.zip)"))
        if path:
            self.check(Path(path))

    def check(self, path: Path) -> None:
        """Check the zip at ``path`` (off the GUI thread); nothing is added yet."""
        store = self.ctx.store
        if store is None or self.running:
            return
        self.path, self.report = path, None
        self.steps.hide()                     # the steps were for before a file was chosen
        self._busy(self.tr("Checking every file, signature and custody log in the zip…"))
        self.ctx.jobs.start(CheckExportJob(store, path, self.ctx.trust), progress=self._progress,
                            finished=self._checked,
                            failed=self._failed)

    @Slot(object)
    def _checked(self, report: object) -> None:
        self._idle()
        if not isinstance(report, ExportReport):
            return
        self.report = report
        self.verdict.setText(self.report_text(report))
        doubtful = bool(self.trust_summary(report))
        self.verdict.setProperty("state", "broken" if not report.intact else "pending" if doubtful else "intact")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict.show()
        self.add.setEnabled(report.intact)
        (self.add if report.intact else self.close_button).setFocus()
        self.checked.emit(report)

    def report_text(self, report: ExportReport) -> str:
        record = report.record or {}
        count = len(report.bundles)
        if report.intact:
            lines = [self.tr("INTACT. The zip, its signed record and every capture in it check out "
                             "(%n capture(s)).", "", count)]
        else:
            lines = [self.tr("NOT INTACT. Nothing will be added. Vidne found %n problem(s):", "",
                             len(report.problems))]
            lines += [f"  •  {plain(str(p), 300)}" for p in report.problems[:MAX_PROBLEMS]]
            if len(report.problems) > MAX_PROBLEMS:
                lines.append("  …")
        lines += self.trust_summary(report)
        if record:
            lines += ["", fill(self.tr("Case: %1"), plain(record.get("case"), 200) or self.tr("(no case)")),
                      fill(self.tr("Exported by: %1"), plain(record.get("exported_by"), 200)),
                      fill(self.tr("Exported at: %1"), local_time(str(record.get("exported_at") or "")))]
        if report.exporter_fingerprint and report.exporter is not None:
            lines.append(fill(self.tr("Exporter's key: %1 (%2)"), grouped_fingerprint(report.exporter_fingerprint),
                              signer_text(report.exporter)))
        elif report.exporter_fingerprint:
            lines.append(fill(self.tr("Exporter's key: %1"), grouped_fingerprint(report.exporter_fingerprint)))
        lines += ["", self.tr("Fingerprint of the zip file (compare it with the one the sender told you):"),
                  grouped_fingerprint(report.zip_sha256)]
        lines += [plain(note, 300) for note in report.notes[:10]]
        lines += self.bundle_lines(report)
        return "\n".join(lines)

    def trust_summary(self, report: ExportReport) -> list[str]:
        """In the first lines: how many captures have a time that is not trusted, or an unknown signer."""
        untrusted = sum(1 for b in report.bundles if b.time.status in ("untrusted", "broken"))
        unknown = sum(1 for b in report.bundles if b.unknown_signers)
        lines = []
        if untrusted:
            lines.append(self.tr("The time of %n capture(s) is NOT trusted (see each capture below).", "",
                                 untrusted))
        if unknown:
            lines.append(self.tr("%n capture(s) have custody events signed by a key this computer does not "
                                 "know (see below).", "", unknown))
        return lines

    def bundle_lines(self, report: ExportReport) -> list[str]:
        """Each capture: intact or not, its time, its unknown signers and its notes."""
        if not report.bundles:
            return []
        lines = ["", self.tr("Each capture:")]
        for bundle in report.bundles[:MAX_BUNDLES]:
            state = self.tr("intact") if bundle.intact else self.tr("NOT intact")
            lines.append(fill(self.tr("%1: %2, %3"), plain(bundle.capture_id, 80), state, time_short(bundle.time)))
            lines += ["    " + unknown_line(entry) for entry in bundle.unknown_signers[:MAX_LINES_EACH]]
            lines += ["    " + plain(note, 300) for note in bundle.notes[:MAX_LINES_EACH]]
        if len(report.bundles) > MAX_BUNDLES:
            lines.append("…")
        return lines

    # -- 2: add --------------------------------------------------------------------------------------
    @Slot()
    def add_to_store(self) -> None:
        store = self.ctx.store
        if store is None or self.path is None or self.report is None or not self.report.intact or self.running:
            return
        self._busy(self.tr("Adding the captures to your evidence…"))
        self.ctx.jobs.start(ImportJob(store, self.path, self.ctx.settings, self.ctx.trust), progress=self._progress,
                            finished=self._imported, failed=self._failed)

    @Slot(object)
    def _imported(self, result: object) -> None:
        self._idle()
        self.add.setEnabled(False)
        if not isinstance(result, ImportResult):
            return
        self.result_ = result
        lines = [self.tr("%n capture(s) added to your evidence.", "", len(result.added))]
        if result.skipped:
            lines.append(self.tr("%n capture(s) were already here and were left as they are.", "",
                                 len(result.skipped)))
        lines.append(self.tr("Each added capture's custody log records that you received it."))
        checked = self.report_text(self.report) + "\n\n" if self.report is not None else ""
        self.verdict.setText("\n".join(lines) + "\n\n" + checked.rstrip())   # what was added, then the check
        self.add.hide()
        self.show_evidence.setVisible(bool(result.added))
        (self.show_evidence if result.added else self.close_button).setFocus()
        log.info("import: %d added, %d already held", len(result.added), len(result.skipped))
        self.ctx.evidenceChanged.emit()
        self.imported.emit(result)

    # -- common --------------------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.banner.clear()
        self.running = True
        self.choose.setEnabled(False)
        self.add.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.verdict.setProperty("state", "checking")
        self.verdict.setText(text)
        self.verdict.show()

    def _idle(self) -> None:
        self.running = False
        self.bar.hide()
        self.choose.setEnabled(True)

    @Slot(object)
    def _progress(self, progress: object) -> None:
        if isinstance(progress, Progress):
            self.bar.setRange(0, max(1, progress.total))
            self.bar.setValue(progress.done)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self._idle()
        self.verdict.setText("")
        self.verdict.hide()
        if isinstance(exc, BaseException):
            path = self.path
            retry = (lambda: self.check(path)) if path is not None and self.report is None else None
            show_error(self, exc, retry=retry)

    @Slot()
    def _show_evidence(self) -> None:
        if self.result_ is not None and self.result_.added:
            self.showEvidence.emit(self.result_.added[0])
            self.accept()

    def reject(self) -> None:
        if not self.running:
            super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import evidence"))
        self.intro.setText(self.tr("Here you take in evidence a colleague exported from Vidne (a .zip file)."))
        self.steps.setText("\n".join([
            self.tr("1.  Choose the .zip file you received. The sender should also have told you its "
                    "fingerprint, by phone or in a letter."),
            self.tr("2.  Vidne checks every file, signature and custody log in it, and shows the result here. "
                    "Nothing is added yet."),
            self.tr("3.  If it is intact, press \"Add to my evidence\". Each capture's custody log then records "
                    "that you received it, and \"Show the evidence\" takes you to it."),
        ]))
        self.steps.setAccessibleName(self.tr("How importing works"))
        self.show_evidence.setText(self.tr("&Show the evidence"))
        self.choose.setText(self.tr("&Choose file…"))
        self.add.setText(self.tr("&Add to my evidence"))
        self.close_button.setText(self.tr("Close"))
        self.verdict.setAccessibleName(self.tr("Result of the check"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
