"""Screenshots of the desktop app in a real window: run by scripts/gui_screenshot.sh under Xvfb.

Makes a throw-away home with a few bundles (made through the store API) and a local web site, then
walks through the screens — first start, capture (in progress and done), the evidence list and a
capture's details, a tampered capture verified, the settings with organisation locks, Danish — and
saves each as a PNG grabbed from the screen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="vidne-shots-"))
os.environ.update({
    "VIDNE_HOME": str(HOME / "store"), "VIDNE_CONFIG_DIR": str(HOME / "config"),
    "VIDNE_LOG_DIR": str(HOME / "logs"), "VIDNE_SYSTEM_CONFIG": str(HOME / "org.toml"),
    "VIDNE_TSA_URL": "http://127.0.0.1:9/tsr",
})
for var in ("VIDNE_OPERATOR", "VIDNE_ORGANISATION"):
    os.environ.pop(var, None)
(HOME / "config").mkdir()
(HOME / "config" / "settings.toml").write_text('language = "en"\n', encoding="utf-8")
(HOME / "org.toml").write_text('organisation = "Aarhus Kommune"\nlocked = ["organisation"]\n', encoding="utf-8")

from datetime import UTC, datetime, timedelta  # noqa: E402

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from app.gui.main import application, create_window  # noqa: E402
from app.gui.main_window import MainWindow  # noqa: E402
from evidence_store.store.store import Store  # noqa: E402
from tests.app.bundles import make_bundle  # noqa: E402
from tests.support import pages  # noqa: E402

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.gettempdir()) / "vidne-gui-screenshots"


def wait(signal: SignalInstance | None = None, ms: int = 30_000) -> None:
    """Run the event loop until ``signal`` fires (or ``ms`` pass). Scripts only, never the app."""
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)
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


def shot(name: str) -> None:
    wait(ms=400)                        # let painting and lazily loaded pictures settle
    screen = QGuiApplication.primaryScreen()
    path = OUT / f"{name}.png"
    screen.grabWindow(0).save(str(path))
    print(path)


def focus(window: MainWindow) -> None:
    window.activateWindow()
    if shutil.which("xdotool"):
        subprocess.run(["xdotool", "search", "--name", "Vidne", "windowfocus"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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
    make_bundle(store, title="Anmeldelse på Trustpilot", url="https://dk.trustpilot.com/review/kommune",
                started=start + timedelta(days=2), color=(232, 246, 236))
    store.close()
    shot_file = tampered.path / "artifacts" / "page.html"
    shot_file.write_text(shot_file.read_text(encoding="utf-8") + " ", encoding="utf-8")
    return tampered.id


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    tampered = demo_store()
    web = pages.Server()
    app = application(sys.argv[:1])
    window = create_window(app)
    window.resize(1300, 800)
    window.move(30, 20)
    window.show()
    window.start()
    focus(window)
    welcome = window.welcome
    if welcome is not None:
        shot("01-welcome")
        welcome.name.setText("Mette Hansen")
        welcome.next.click()
        until(lambda: welcome.fingerprint.text() != "")
        shot("02-welcome-key")
        welcome.next.click()
    until(lambda: window.ctx.store is not None)
    focus(window)
    window.capture.form.case.setEditText("Facebook-gruppe oktober")
    window.capture.url_field.setText(web.url("/dansk"))
    shot("03-capture")
    window.capture.start()
    until(lambda: window.capture.progress.tracker.scroll_steps > 0 or
          window.capture.progress.tracker.phase >= 2, 60_000)
    shot("04-capture-progress")
    until(lambda: not window.capture.running, 90_000)
    shot("05-capture-done")
    window.show_in_list(tampered)
    until(lambda: window.evidence.detail.details is not None)
    window.evidence.detail.verify_now()
    until(lambda: window.evidence.detail.report is not None)
    shot("06-evidence-not-intact")
    records = window.evidence.list.model
    tall = next(r for r in records.records() if r.title.startswith("Kommentartråd"))
    window.show_in_list(tall.id)
    until(lambda: window.evidence.detail.details is not None and window.evidence.detail.record is not None
          and window.evidence.detail.record.id == tall.id)
    shot("07-evidence-tall")
    window.evidence.detail.tabs.setCurrentIndex(1)
    shot("08-facts")
    window.evidence.detail.tabs.setCurrentIndex(3)
    shot("09-custody")
    window.evidence.detail.tabs.setCurrentIndex(0)
    window.evidence.list.case_filter.setCurrentIndex(window.evidence.list.case_filter.findData(
        "Facebook-gruppe oktober"))
    window.open_export()
    export = window.export_dialog
    if export is not None:
        export.export_to(HOME / "export.zip")
        until(lambda: export.result_ is not None or not export.running, 60_000)
        shot("10-export-done")
        export.reject()
        window.open_import()
        importer = window.import_dialog
        if importer is not None:
            importer.check(HOME / "export.zip")
            until(lambda: importer.report is not None or not importer.running, 60_000)
            shot("11-import-checked")
            importer.reject()
    window.evidence.list.case_filter.setCurrentIndex(0)
    window.open_settings()
    shot("12-settings-locked")
    if window.settings_dialog is not None:
        window.settings_dialog.reject()
    window.act_danish.trigger()
    wait(ms=300)
    window.tabs.setCurrentIndex(0)
    window.capture.new_capture()
    shot("13-dansk")
    window.show_evidence()
    shot("14-dansk-beviser")
    window.hide_now()
    window.showNormal()
    shot("15-hidden")
    window.close()
    web.close()
    shutil.rmtree(HOME, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
