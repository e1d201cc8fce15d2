"""Settings: who captures, where the evidence is kept, language, time-stamps, browser and blur.

Settings IT fixed for the whole organisation (``locked`` in the organisation's config) are shown
with a lock, read-only."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .context import AppContext
from .messages import show_error
from .style import icon

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.ctx = ctx
        s = ctx.settings
        self.operator = QLineEdit(s.operator)
        self.operator.setMaxLength(200)
        self.organisation = QLineEdit(s.organisation)
        self.organisation.setMaxLength(200)
        self.store_dir = QLineEdit(s.store_dir)
        self.store_pick = QPushButton()
        self.store_pick.clicked.connect(self._pick_store)
        self.language = QComboBox()
        for code in ("", "da", "en"):
            self.language.addItem("", code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.use_tsa = QCheckBox()
        self.use_tsa.setChecked(s.use_tsa)
        self.tsa_urls = QPlainTextEdit("\n".join(s.tsa_urls))
        self.tsa_urls.setTabChangesFocus(True)
        self.tsa_urls.setFixedHeight(64)
        self.browser_path = QLineEdit(s.browser_path)
        self.browser_pick = QPushButton()
        self.browser_pick.clicked.connect(self._pick_browser)
        self.blur_previews = QCheckBox()
        self.blur_previews.setChecked(s.blur_previews)

        self.fields: dict[str, QWidget] = {
            "operator": self.operator, "organisation": self.organisation, "store_dir": self.store_dir,
            "language": self.language, "use_tsa": self.use_tsa, "tsa_urls": self.tsa_urls,
            "browser_path": self.browser_path, "blur_previews": self.blur_previews,
        }
        self.labels: dict[str, QLabel] = {key: QLabel() for key in self.fields}
        self.locks: dict[str, QLabel] = {}
        form = QFormLayout()
        extras = {"store_dir": self.store_pick, "browser_path": self.browser_pick}
        for key, widget in self.fields.items():
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            if key in extras:
                row.addWidget(extras[key])
            if key in s.locked:
                lock = QLabel()
                lock.setPixmap(icon("lock").pixmap(18, 18))
                lock.setFixedSize(22, 22)
                row.addWidget(lock)
                self.locks[key] = lock
                self._lock(key, widget)
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], row)
        for key in ("store_dir", "browser_path"):
            extras[key].setEnabled(key not in s.locked)

        self.locked_note = QLabel()
        self.locked_note.setObjectName("muted")
        self.locked_note.setWordWrap(True)
        self.locked_note.setVisible(bool(s.locked & set(self.fields)))
        buttons = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.buttons)
        self.resize(620, 480)
        self.retranslate()

    @staticmethod
    def _lock(key: str, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setReadOnly(True)     # still readable, selectable and reachable by keyboard
        else:
            widget.setEnabled(False)
        widget.setProperty("locked", True)

    def is_locked(self, key: str) -> bool:
        return key in self.ctx.settings.locked

    def values(self) -> dict[str, Any]:
        urls = tuple(u.strip() for u in self.tsa_urls.toPlainText().splitlines() if u.strip())
        return {
            "operator": self.operator.text().strip(),
            "organisation": self.organisation.text().strip(),
            "store_dir": self.store_dir.text().strip(),
            "language": self.language.currentData() or "",
            "use_tsa": self.use_tsa.isChecked(),
            "tsa_urls": urls,
            "browser_path": self.browser_path.text().strip(),
            "blur_previews": self.blur_previews.isChecked(),
        }

    @Slot()
    def save(self) -> None:
        changes = {k: v for k, v in self.values().items() if not self.is_locked(k)}
        try:
            self.ctx.change_settings(**changes)
        except (OSError, KeyError) as exc:
            log.warning("settings could not be saved: %s", exc)
            show_error(self, exc if isinstance(exc, OSError) else OSError(str(exc)))
            return
        self.accept()

    @Slot()
    def _pick_store(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder for the evidence"),
                                                  self.store_dir.text())
        if folder:
            self.store_dir.setText(folder)

    @Slot()
    def _pick_browser(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the browser program"),
                                              self.browser_path.text())
        if path:
            self.browser_path.setText(path)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        texts = {
            "operator": self.tr("Your &name"),
            "organisation": self.tr("&Organisation"),
            "store_dir": self.tr("Evidence &folder"),
            "language": self.tr("&Language"),
            "use_tsa": self.tr("&Trusted time"),
            "tsa_urls": self.tr("Time-stamp &services"),
            "browser_path": self.tr("&Browser"),
            "blur_previews": self.tr("&Pictures"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
            widget = self.fields[key]
            widget.setAccessibleName(texts[key].replace("&", ""))
            if self.is_locked(key):
                why = self.tr("Set by your organisation. Ask your IT support to change it.")
                widget.setToolTip(why)
                self.locks[key].setAccessibleName(self.tr("Locked by your organisation"))
                self.locks[key].setToolTip(why)
        self.store_dir.setPlaceholderText(self.tr("The standard folder for your user"))
        self.store_pick.setText(self.tr("Choose…"))
        self.browser_path.setPlaceholderText(self.tr("Found automatically"))
        self.browser_pick.setText(self.tr("Choose…"))
        self.language.setItemText(0, self.tr("As the computer (Danish on a Danish system)"))
        self.language.setItemText(1, "Dansk")
        self.language.setItemText(2, "English")
        self.use_tsa.setText(self.tr("Get a trusted time-stamp for every capture (recommended)"))
        self.tsa_urls.setPlaceholderText(self.tr("One address per line. Empty: Vidne's built-in list."))
        self.blur_previews.setText(self.tr("Blur pictures of pages until I choose to see them (recommended)"))
        self.locked_note.setText(self.tr("Settings with a lock are set by your organisation and cannot be "
                                         "changed here."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)



