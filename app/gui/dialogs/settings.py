"""Settings: who captures, where the evidence is kept, language, time-stamps, browser and blur; and
how a page is captured (log-ins, the network record, video and sound, cookie banners).

Settings IT fixed for the whole organisation (``locked`` in the organisation's config) are shown
with a lock, read-only; so are those an environment variable gives (VIDNE_OPERATOR, ...), which win
over anything saved here."""

from __future__ import annotations

import itertools
import logging
import math
from typing import Any

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.messages import show_error
from app.gui.runtime.style import icon
from app.gui.text import fill
from app.settings import from_environment

log = logging.getLogger(__name__)

MEDIA_MB_RANGE = (1, 100_000)         # 1 MB to about 100 GB: a whole live stream still fits
GENERAL = ("operator", "organisation", "store_dir", "language", "use_tsa", "tsa_urls", "browser_path",
           "blur_previews")
CAPTURE = ("use_profile", "record_network", "save_media", "max_media_mb", "dismiss_overlays", "run_behaviors")


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
        self.use_profile = QCheckBox()
        self.use_profile.setChecked(s.use_profile)
        self.record_network = QCheckBox()
        self.record_network.setChecked(s.record_network)
        self.save_media = QCheckBox()
        self.save_media.setChecked(s.save_media)
        self.max_media_mb = QSpinBox()
        low, high = MEDIA_MB_RANGE       # a larger limit the organisation set is shown as it is
        self.max_media_mb.setRange(low, max(high, math.ceil(s.max_media_mb)))
        self.max_media_mb.setSingleStep(100)
        self.max_media_mb.setValue(round(s.max_media_mb))
        self._media_mb_shown = self.max_media_mb.value()    # a value the box cannot show is kept unless changed
        self.dismiss_overlays = QCheckBox()
        self.dismiss_overlays.setChecked(s.dismiss_overlays)
        self.run_behaviors = QCheckBox()
        self.run_behaviors.setChecked(s.run_behaviors)

        self.fields: dict[str, QWidget] = {
            "operator": self.operator, "organisation": self.organisation, "store_dir": self.store_dir,
            "language": self.language, "use_tsa": self.use_tsa, "tsa_urls": self.tsa_urls,
            "browser_path": self.browser_path, "blur_previews": self.blur_previews,
            "use_profile": self.use_profile, "record_network": self.record_network,
            "save_media": self.save_media, "max_media_mb": self.max_media_mb,
            "dismiss_overlays": self.dismiss_overlays, "run_behaviors": self.run_behaviors,
        }
        self.labels: dict[str, QLabel] = {key: QLabel() for key in self.fields}
        self.locks: dict[str, QLabel] = {}
        # Settings an environment variable gives: saving them here would change nothing.
        self.from_env = {k: v for k, v in from_environment(s.locked).items() if k in self.fields}
        if ctx.store_root_override is not None:      # started with --store: this run's folder, shown as it is
            self.store_dir.setText(str(ctx.store_root_override))
            self.from_env["store_dir"] = "--store"
        self.explanations: dict[str, QLabel] = {}
        for key in (*CAPTURE, *self.from_env):
            note = QLabel()
            note.setObjectName("muted")
            note.setWordWrap(True)
            self.explanations[key] = note
        self.extras: dict[str, QWidget] = {"store_dir": self.store_pick, "browser_path": self.browser_pick}
        self.general_box = QGroupBox()
        self.general_box.setLayout(self._form(GENERAL))
        self.capture_box = QGroupBox()
        self.capture_box.setLayout(self._form(CAPTURE))
        for key, extra in self.extras.items():
            extra.setEnabled(not self.is_fixed(key))
        self.save_media.toggled.connect(self._media_toggled)
        self._media_toggled(self.save_media.isChecked())

        self.page = page = QWidget()
        page.setObjectName("settingsPage")
        groups = QVBoxLayout(page)
        groups.setContentsMargins(0, 0, 0, 0)
        groups.addWidget(self.general_box)
        groups.addWidget(self.capture_box)
        groups.addStretch(1)
        self.scroll_area = QScrollArea()      # on a small screen the settings scroll; focus scrolls them into view
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Tab goes from Cancel back to the first field
        self.scroll_area.setWidget(page)

        self.locked_note = QLabel()
        self.locked_note.setObjectName("muted")
        self.locked_note.setWordWrap(True)
        self.locked_note.setVisible(bool(s.locked & set(self.fields)))
        buttons = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.buttons)
        self._set_tab_order()
        self.retranslate()
        self._fitted = False

    def _form(self, keys: tuple[str, ...]) -> QFormLayout:
        """One group's rows: label, field (with its button and lock), and a plain explanation below."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in keys:
            widget = self.fields[key]
            row = QHBoxLayout()
            row.addWidget(widget, 0 if isinstance(widget, QSpinBox) else 1)
            if key in self.extras:
                row.addWidget(self.extras[key])
            if isinstance(widget, QSpinBox):
                row.addStretch(1)
            if self.is_fixed(key):
                lock = QLabel()
                lock.setPixmap(icon("lock").pixmap(18, 18))
                lock.setFixedSize(22, 22)
                row.addWidget(lock)
                self.locks[key] = lock
                self._lock(key, widget)
            self.labels[key].setBuddy(widget)
            if key in self.explanations:
                if isinstance(widget, QCheckBox):    # under the check box's text, not under its box
                    style = widget.style()
                    self.explanations[key].setIndent(
                        style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, widget)
                        + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, widget))
                cell = QVBoxLayout()
                cell.setSpacing(2)
                cell.addLayout(row)
                cell.addWidget(self.explanations[key])
                form.addRow(self.labels[key], cell)
            else:
                form.addRow(self.labels[key], row)
        return form

    def _set_tab_order(self) -> None:
        """Tab goes down the dialog as it reads: each field, then its button, then Save and Cancel."""
        chain: list[QWidget] = []
        for key in (*GENERAL, *CAPTURE):
            chain.append(self.fields[key])
            if key in self.extras:
                chain.append(self.extras[key])
        chain += self.buttons.buttons()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:             # now the stylesheet's fonts and paddings count in the sizes
            self._fitted = True
            self._fit()
        super().showEvent(event)

    def _fit(self) -> None:
        """As wide and tall as the settings need, but never taller than the screen (then they scroll)."""
        page = self.page
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        width = max(660, page.minimumSizeHint().width() + bar + 40)
        height = page.heightForWidth(width - bar - 40)
        wanted = (height if height > 0 else page.sizeHint().height()) + self.buttons.sizeHint().height() + 80
        screen = self.screen()
        limit = int(screen.availableGeometry().height() * 0.9) if screen is not None else 700
        self.resize(width, max(480, min(wanted, limit)))

    @Slot(bool)
    def _media_toggled(self, on: bool) -> None:
        """The size limit only matters while video and sound are saved."""
        self.max_media_mb.setEnabled(on and not self.is_fixed("max_media_mb"))

    @staticmethod
    def _lock(key: str, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setReadOnly(True)     # still readable, selectable and reachable by keyboard
        else:
            widget.setEnabled(False)
        widget.setProperty("locked", True)

    def is_locked(self, key: str) -> bool:
        """Fixed by the organisation's config."""
        return key in self.ctx.settings.locked

    def is_fixed(self, key: str) -> bool:
        """Not to be changed here: locked by the organisation, or given by an environment variable."""
        return self.is_locked(key) or key in self.from_env

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
            "use_profile": self.use_profile.isChecked(),
            "record_network": self.record_network.isChecked(),
            "save_media": self.save_media.isChecked(),
            "max_media_mb": (self.ctx.settings.max_media_mb if self.max_media_mb.value() == self._media_mb_shown
                             else float(self.max_media_mb.value())),
            "dismiss_overlays": self.dismiss_overlays.isChecked(),
            "run_behaviors": self.run_behaviors.isChecked(),
        }

    @Slot()
    def save(self) -> None:
        changes = {k: v for k, v in self.values().items() if not self.is_fixed(k)}
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
        self.general_box.setTitle(self.tr("General"))
        self.capture_box.setTitle(self.tr("When you capture a page"))
        texts = {
            "operator": self.tr("Your &name"),
            "organisation": self.tr("&Organisation"),
            "store_dir": self.tr("Evidence &folder"),
            "language": self.tr("&Language"),
            "use_tsa": self.tr("&Trusted time"),
            "tsa_urls": self.tr("Time-stamp &services"),
            "browser_path": self.tr("&Browser"),
            "blur_previews": self.tr("&Pictures"),
            "use_profile": self.tr("Log-&ins"),
            "record_network": self.tr("&Web traffic"),
            "save_media": self.tr("&Video and sound"),
            "max_media_mb": self.tr("Si&ze limit"),
            "dismiss_overlays": self.tr("&Cookie pop-ups"),
            "run_behaviors": self.tr("Comm&ents"),
        }
        explanations = {
            "use_profile": self.tr("After you have logged in to a site with “Log in to a site”, the pages "
                                   "you capture show what you see when logged in, for example on Facebook. "
                                   "Turn this off to capture pages as a visitor who is not logged in."),
            "record_network": self.tr("A copy of every file the browser fetched for the page, so an expert can "
                                      "later show where each part came from. Passwords and log-in cookies are "
                                      "left out."),
            "save_media": self.tr("Videos and sound clips on the page are saved as files in the evidence. They "
                                  "can take up a lot of space."),
            "max_media_mb": self.tr("A video or sound file larger than this is not saved; the evidence notes "
                                    "its address and why. 1024 MB is 1 GB."),
            "dismiss_overlays": self.tr("Vidne clicks “Accept” or “Close” on cookie "
                                        "pop-ups so they do not hide the page, and notes every click in the "
                                        "evidence. Leave this off if the pop-up itself matters."),
            "run_behaviors": self.tr("Vidne opens collapsed comments and “See more”, plays the page's media and "
                                     "runs the site's own behaviour (after the first picture is taken) and "
                                     "notes every step in the evidence. Turn this off if nothing on the page may "
                                     "be clicked. The page is scrolled through either way."),
        }
        env_why = self.tr("Comes from this computer's set-up (the environment variable %1), so it cannot be "
                          "changed here. Ask your IT support if it is wrong.")
        for key, var in self.from_env.items():
            explanations[key] = fill(env_why, var)
        if self.from_env.get("store_dir") == "--store":
            explanations["store_dir"] = self.tr("Vidne was started with --store, so this time it keeps the "
                                                "evidence in this folder.")
        for key, label in self.labels.items():
            label.setText(texts[key])
            widget = self.fields[key]
            widget.setAccessibleName(texts[key].replace("&", ""))
            if key in explanations:
                self.explanations[key].setText(explanations[key])
                widget.setAccessibleDescription(explanations[key])
            if self.is_locked(key):
                why = self.tr("Set by your organisation. Ask your IT support to change it.")
                widget.setToolTip(why)
                self.locks[key].setAccessibleName(self.tr("Locked by your organisation"))
                self.locks[key].setToolTip(why)
            elif key in self.from_env:
                widget.setToolTip(explanations[key])
                self.locks[key].setAccessibleName(self.tr("Set by this computer's set-up"))
                self.locks[key].setToolTip(explanations[key])
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
        self.use_profile.setText(self.tr("Capture with the log-ins saved in Vidne's browser"))
        self.record_network.setText(self.tr("Keep a record of everything the page loaded (recommended)"))
        self.save_media.setText(self.tr("Save the videos and sound the page plays"))
        self.max_media_mb.setSuffix(" " + self.tr("MB", "megabytes"))
        self.dismiss_overlays.setText(self.tr("Click away cookie pop-ups before the pictures are taken"))
        self.run_behaviors.setText(self.tr("Open comments and “See more” before the whole page is captured"))
        self.locked_note.setText(self.tr("Settings with a lock are set by your organisation and cannot be "
                                         "changed here."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        column = max(label.sizeHint().width() for label in self.labels.values())
        for label in self.labels.values():     # the two groups' fields start at the same place
            label.setMinimumWidth(column)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)



