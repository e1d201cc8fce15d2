"""Pictures of every screen of the desktop app, to look at: run by scripts/gui_screenshot.sh, offscreen,
once per language (python scripts/gui_screenshot.py OUT_DIR da|en).

Makes a throw-away home with a few bundles (made through the store API, one of them tampered with) and a
local web site, then walks the screens — first start, capture (form, progress, Escape's question, the
confirmation with "What now?", an error banner), the evidence list and a capture's details (plain and
with Details, each tab), a capture that is not intact, the time-stamps answer, Help ▸ What now?, the
export and the import (before a file, checked, added), the settings, "Open folder" without a file
manager, and the curtain after "Hide now" — and saves each window as a PNG (QWidget.grab).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="vidne-shots-"))
LANGUAGE = sys.argv[2] if len(sys.argv) > 2 else "en"
os.environ.update({
    "VIDNE_HOME": str(HOME / "store"), "VIDNE_CONFIG_DIR": str(HOME / "config"),
    "VIDNE_LOG_DIR": str(HOME / "logs"), "VIDNE_SYSTEM_CONFIG": str(HOME / "org.toml"),
    "VIDNE_TSA_URL": "http://127.0.0.1:9/tsr", "QT_QPA_PLATFORM": "offscreen",
})
for var in ("VIDNE_OPERATOR", "VIDNE_ORGANISATION"):
    os.environ.pop(var, None)
(HOME / "config").mkdir()
(HOME / "config" / "settings.toml").write_text(f'language = "{LANGUAGE}"\n', encoding="utf-8")
(HOME / "org.toml").write_text('organisation = "Aarhus Kommune"\nlocked = ["organisation"]\n'
                               'contact_name = "HR, Mette Holm"\ncontact_phone = "+45 87 65 43 21"\n'
                               'contact_email = "hr@aarhus.dk"\n', encoding="utf-8")

from datetime import UTC, datetime, timedelta  # noqa: E402

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.gui.main import application, create_window  # noqa: E402
from app.gui.messages import FolderPath  # noqa: E402
from evidence_store.store.store import Store  # noqa: E402
from tests.app.bundles import make_bundle  # noqa: E402
from tests.support import pages  # noqa: E402

OUT = (Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/screens")) / LANGUAGE
COUNT = [0]


def wait(ms: int) -> None:
    """Run the event loop for ``ms`` (a script, never the app)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def until(condition: object, ms: int = 30_000) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)  # type: ignore[operator]
    timer.start()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shot(name: str, widget: QWidget, settle: int = 300) -> None:
    wait(settle)                        # let painting and lazily loaded pictures settle
    COUNT[0] += 1
    path = OUT / f"{COUNT[0]:02d}-{name}.png"
    widget.grab().save(str(path))
    print(path)


def demo_store() -> str:
    store = Store.open(HOME / "store")
    start = datetime.now(UTC) - timedelta(days=3)
    make_bundle(store, case="Facebook-gruppe oktober",
                title="Sagsbehandleren Søren Ærø på Åbenrå Jobcenter — «hængt ud»",
                url="https://www.facebook.com/groups/123/posts/456", started=start, color=(230, 236, 246))
    make_bundle(store, case="Facebook-gruppe oktober", title="Kommentartråd: billeder af medarbejdere",
                url="https://www.facebook.com/groups/123/posts/789", started=start + timedelta(hours=2),
                full_height=40_000, color=(236, 230, 246))
    tampered = make_bundle(store, case="X-opslag", title=pages.TITLE_HOSTILE, url="https://x.com/someone/status/1",
                           started=start + timedelta(days=1), color=(246, 236, 230))
    store.close()
    page = tampered.path / "artifacts" / "page.html"
    page.write_text(page.read_text(encoding="utf-8") + " ", encoding="utf-8")
    return tampered.id


def top(kind: type[QWidget]) -> QWidget | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def main() -> int:                  # one walk through the screens, in order
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    tampered = demo_store()
    web = pages.Server()
    app = application(sys.argv[:1])
    window = create_window(app)
    window.resize(1280, 820)
    window.show()
    window.start()
    welcome = window.welcome
    if welcome is not None:
        shot("welcome", welcome)
        welcome.name.setText("Mette Hansen")
        welcome.next.click()
        until(lambda: welcome.next.isEnabled())
        shot("welcome-ready", welcome)
        welcome.more.click()
        shot("welcome-details", welcome)
        welcome.next.click()
    until(lambda: window.ctx.store is not None and not window.stamps.running)
    panel = window.capture
    panel.form.case.setEditText("Facebook-gruppe oktober")
    panel.url_field.setText("not an address")
    panel.start()
    shot("capture-error-banner", window)
    window.banner.more.click()
    shot("capture-error-details", window)
    panel.url_field.setText(web.url("/dansk"))
    shot("capture-form", window)
    panel.start()
    until(lambda: panel.progress.tracker.phase >= 2, 60_000)
    shot("capture-progress", window)
    panel.ask_cancel()                  # what Escape asks (the capture may end first: then there is none)
    if panel.running and panel.stop_question is not None:
        shot("capture-escape-question", panel.stop_question, settle=0)
        panel.stop_question.done(0)
    until(lambda: not panel.running, 90_000)
    shot("capture-done-what-now", window)
    panel.confirmation.open_folder.click()
    folder = top(FolderPath)
    if folder is not None:
        shot("open-folder-failed", folder)
        folder.close()
    window.show_in_list(tampered)
    detail = window.evidence.detail
    until(lambda: detail.details is not None and detail.record is not None and detail.record.id == tampered)
    detail.verify_now()
    until(lambda: detail.report is not None)
    shot("evidence-not-intact", window)
    records = window.evidence.list.model
    tall = next(r for r in records.records() if r.title.startswith("Kommentartråd"))
    window.show_in_list(tall.id)
    until(lambda: detail.details is not None and detail.record is not None and detail.record.id == tall.id
          and detail.verdict is not None and detail.verdict.status.name != "CHECKING")
    shot("evidence-plain", window)
    for index, name in enumerate(("pictures", "facts", "files", "custody")):
        detail.tabs.setCurrentIndex(index)
        if index:
            shot(f"evidence-{name}", window)
    detail.more.click()
    for index, name in enumerate(("pictures", "facts", "files", "custody")):
        detail.tabs.setCurrentIndex(index)
        shot(f"evidence-details-{name}", window)
    detail.more.click()
    detail.tabs.setCurrentIndex(0)
    window.act_stamps.trigger()
    until(lambda: window.stamps_box is not None and window.stamps_box.isVisible())
    if window.stamps_box is not None:
        shot("time-stamps-answer", window.stamps_box)
        window.stamps_box.accept()
    window.act_what_now.trigger()
    if window.what_now is not None:
        shot("help-what-now", window.what_now)
        window.what_now.close()
    window.evidence.list.case_filter.setCurrentIndex(window.evidence.list.case_filter.findData(
        "Facebook-gruppe oktober"))
    window.open_export()
    export = window.export_dialog
    if export is not None:
        shot("export", export)
        export.export_to(HOME / "export.zip")
        until(lambda: export.result_ is not None or not export.running, 60_000)
        shot("export-done", export)
        export.reject()
    colleague = Store.open(HOME / "colleague")
    make_bundle(colleague, case="Jobcenter", title="Opslag fra en kollega", url="https://example.dk/opslag")
    colleague.close()
    from evidence_store import export_case  # the colleague's export, to import
    with Store.open(HOME / "colleague") as other:
        export_case(other, "Jobcenter", HOME / "colleague.zip", exported_by="Jens Jensen",
                    organisation="Aarhus Kommune", language=LANGUAGE)
    window.open_import()
    importer = window.import_dialog
    if importer is not None:
        shot("import-before", importer)
        importer.check(HOME / "colleague.zip")
        until(lambda: importer.report is not None or not importer.running, 60_000)
        shot("import-checked", importer)
        importer.add_to_store()
        until(lambda: importer.result_ is not None or not importer.running, 60_000)
        shot("import-added", importer)
        importer.reject()
    window.evidence.list.case_filter.setCurrentIndex(0)
    window.open_settings()
    if window.settings_dialog is not None:
        shot("settings", window.settings_dialog)
        window.settings_dialog.reject()
    window.hide_now()
    window.showNormal()
    shot("hidden", window)
    window.reveal()
    window.close()
    web.close()
    shutil.rmtree(HOME, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
