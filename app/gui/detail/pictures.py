"""The detail view's Pictures tab: the screenshots of a capture, with a chooser, zoom and the blur switch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from app.gui.detail.screenshot_view import ScreenshotView
from app.gui.runtime.jobs import Details
from app.gui.runtime.style import icon
from app.gui.text import plain
from evidence_store import ARTIFACTS_DIR


class PicturesTab(QWidget):
    """The screenshots of a capture, with a chooser, zoom and the blur switch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[str] = []
        self.chooser = QComboBox()
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.zoom_out = QToolButton()
        self.zoom_out.setIcon(icon("zoom-out"))
        self.zoom_in = QToolButton()
        self.zoom_in.setIcon(icon("zoom-in"))
        self.fit = QToolButton()
        self.fit.setIcon(icon("fit"))
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.clear = QPushButton()
        self.clear.setCheckable(True)
        self.clear.setIcon(icon("eye"))
        self.view = ScreenshotView()
        self.zoom_out.clicked.connect(self.view.zoom_out)
        self.zoom_in.clicked.connect(self.view.zoom_in)
        self.fit.clicked.connect(lambda: self.view.set_zoom(None))
        self.clear.toggled.connect(self._clear_toggled)
        self.view.zoomChanged.connect(self._show_zoom)
        self.blur_default = True
        self._bundle: str = ""

        bar = QHBoxLayout()
        bar.addWidget(self.chooser, 1)
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in)
        bar.addWidget(self.fit)
        bar.addWidget(self.clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def show_details(self, details: Details | None, blur: bool) -> None:
        self.blur_default = blur
        self.clear.blockSignals(True)
        self.clear.setChecked(False)
        self.clear.blockSignals(False)
        self.clear.setVisible(blur)
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.paths = []
        if details is not None:
            self._bundle = str(details.record.path)
            artifacts = details.manifest.get("artifacts")
            pictures = [a for a in artifacts if isinstance(a, dict) and a.get("media_type") == "image/png"
                        and isinstance(a.get("path"), str) and a["path"].startswith(ARTIFACTS_DIR + "/")] \
                if isinstance(artifacts, list) else []
            pictures.sort(key=lambda a: (a["path"] != "artifacts/screenshot-full.png",
                                         a["path"] != "artifacts/screenshot-viewport.png", a["path"]))
            for artifact in pictures[:50]:
                self.paths.append(artifact["path"])
                self.chooser.addItem(self._label(artifact))
        self.chooser.blockSignals(False)
        self._chosen()

    def _label(self, artifact: dict[str, object]) -> str:
        names = {"artifacts/screenshot-full.png": self.tr("The whole page, top to bottom"),
                 "artifacts/screenshot-viewport.png": self.tr("What the page showed on opening")}
        path = str(artifact.get("path"))
        return names.get(path, plain(path.removeprefix(ARTIFACTS_DIR + "/"), 120))

    @Slot()
    def _chosen(self) -> None:
        index = self.chooser.currentIndex()
        if 0 <= index < len(self.paths):
            path = Path(self._bundle).joinpath(*self.paths[index].split("/"))
            self.view.set_image(path if not path.is_symlink() else None, self._blurred())
        else:
            self.view.set_image(None, False)
        self._show_zoom()

    def blur_again(self) -> None:
        """Back to blurred (after "Hide now"): "Show clearly" is undone and the setting's blur is on."""
        self.blur_default = True
        self.clear.setVisible(True)
        if self.clear.isChecked():
            self.clear.setChecked(False)          # toggles: the view blurs, the button's text changes back
        self.view.set_blur(True)

    def _blurred(self) -> bool:
        return self.blur_default and not self.clear.isChecked()

    @Slot(bool)
    def _clear_toggled(self, checked: bool) -> None:
        self.view.set_blur(self._blurred())
        self.retranslate()

    @Slot()
    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.view.scale() * 100)} %")

    def retranslate(self) -> None:
        self.chooser.setAccessibleName(self.tr("Which picture"))
        self.zoom_out.setToolTip(self.tr("Zoom out (Ctrl+minus)"))
        self.zoom_out.setAccessibleName(self.tr("Zoom out"))
        self.zoom_in.setToolTip(self.tr("Zoom in (Ctrl+plus)"))
        self.zoom_in.setAccessibleName(self.tr("Zoom in"))
        self.fit.setToolTip(self.tr("Fit to the width (Ctrl+0)"))
        self.fit.setAccessibleName(self.tr("Fit to the width"))
        self.clear.setText(self.tr("Blur again") if self.clear.isChecked() else self.tr("Show clearly"))
        self.clear.setToolTip(self.tr("The pictures are blurred so you do not have to read the page again. "
                                      "The evidence itself is not blurred."))
        self.view.setAccessibleName(self.tr("Screenshot"))
        for i in range(self.chooser.count()):
            self.chooser.setItemText(i, self._label({"path": self.paths[i]}))
        self._show_zoom()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
