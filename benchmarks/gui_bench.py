"""The desktop app's figures (issue 4). Prints them; asserts nothing.

1. Launch to a usable window: a fresh process (Python start, Qt, the window, the store opened and the
   list shown), from just before the process is started. Goal < 2 s.
2. Opening a store of 10,000 captures once the window is up: the index read off the GUI thread, the
   list filled, and the thumbnails of the rows on screen decoded. Goal < 1 s.
3. The largest gap between ticks of a 10 ms QTimer (the event loop blocked) while a capture runs
   through the window, and while the 10,000-capture store opens. Goal < 100 ms.

    .venv/bin/python benchmarks/gui_bench.py [--captures 10000] [--rounds 3]

The 10,000 bundles are real sealed bundles made through the store API without a browser (and
without fsync, which only slows making them); they are kept in /tmp/vidne-gui-bench-<n> for the
next run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HOME = Path(tempfile.mkdtemp(prefix="vidne-gui-bench-home-"))
os.environ.update({
    "VIDNE_HOME": str(HOME / "store"), "VIDNE_CONFIG_DIR": str(HOME / "config"),
    "VIDNE_LOG_DIR": str(HOME / "logs"), "VIDNE_SYSTEM_CONFIG": str(HOME / "none.toml"),
    "VIDNE_OPERATOR": "Bench", "VIDNE_ORGANISATION": "Bench", "VIDNE_TSA_URL": "http://127.0.0.1:9/tsr",
})
(HOME / "config").mkdir()
(HOME / "config" / "settings.toml").write_text('language = "en"\n', encoding="utf-8")

LAUNCH = """
import sys, time
from PySide6.QtCore import QTimer
from app.gui.main import application, create_window
app = application(sys.argv[:1])
window = create_window(app)
def shown():
    print("SHOWN", time.time(), flush=True)
def ready():
    print("READY", time.time(), flush=True)
    window.close()
    app.quit()
window.ready.connect(ready)
window.show()
window.start()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def launch_times(rounds: int) -> tuple[list[float], list[float]]:
    shown, ready = [], []
    for _ in range(rounds):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", LAUNCH], capture_output=True, text=True, cwd=ROOT,
                             timeout=120, check=True).stdout
        marks = dict(line.split() for line in out.splitlines() if line.startswith(("SHOWN", "READY")))
        shown.append(float(marks["SHOWN"]) - start)
        ready.append(float(marks["READY"]) - start)
    return shown, ready


def big_store(count: int) -> Path:
    from evidence_store.store.store import Store
    from tests.app.bundles import make_many

    root = Path(tempfile.gettempdir()) / f"vidne-gui-bench-{count}"
    done = root / ".complete"
    if done.exists():
        return root
    print(f"making {count} bundles in {root} (once; kept for the next run)…", flush=True)
    real_fsync = os.fsync
    os.fsync = lambda fd: None  # type: ignore[assignment]
    try:
        store = Store.open(root)
        have = len(store.list_captures())
        make_many(store, count - have) if have < count else None
        store.close()
    finally:
        os.fsync = real_fsync
    done.write_text("ok")
    return root


class GapMeter:
    """The largest gap between ticks of a 10 ms timer: how long the event loop was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.largest = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.last, self.largest, self.ticks = time.perf_counter(), 0.0, 0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.largest

    def _tick(self) -> None:
        now = time.perf_counter()
        self.largest = max(self.largest, now - self.last)
        self.last = now
        self.ticks += 1


def run_until(condition: object, timeout: float) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)  # type: ignore[operator]
    poll.start()
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    loop.exec()
    poll.stop()
    return bool(condition())  # type: ignore[operator]


def open_big_store(root: Path) -> dict[str, float]:
    from app.gui.evidence.model import CAPTURE, KindRole, RecordRole
    from app.gui.main import application, create_window

    app = application(sys.argv[:1])
    window = create_window(app)
    window.resize(1280, 800)
    window.show()
    window.start()
    ready: list[int] = []
    window.ready.connect(lambda: ready.append(1))
    run_until(lambda: bool(ready), 30)                 # the empty store is open and listed
    window.show_evidence()
    meter = GapMeter()
    listed: list[float] = []
    window.evidence.list.listed.connect(lambda n: listed.append(time.perf_counter()) if n else None)
    meter.start()
    start = time.perf_counter()
    window.ctx.store_root_override = root
    window.ctx.open_store()
    run_until(lambda: bool(listed), 60)
    list_time = listed[0] - start
    view = window.evidence.list.view
    model = window.evidence.list.model

    def visible_thumbnails_done() -> bool:
        first = view.indexAt(view.viewport().rect().topLeft())
        if not first.isValid():
            return False
        shown = 0
        for row in range(first.row(), model.rowCount()):
            index = model.index(row)
            if view.visualRect(index).top() >= view.viewport().height():
                break
            if index.data(KindRole) == CAPTURE:
                if window.ctx.thumbnails._cache.get(index.data(RecordRole).id) is None:
                    view.viewport().update()       # paint asks for what is missing
                    return False
                shown += 1
        return shown > 0

    run_until(visible_thumbnails_done, 60)
    thumbs_time = time.perf_counter() - start
    count = model.capture_count()
    # scrolling: jump to the bottom and back, and page through a stretch
    scroll_start = time.perf_counter()
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum(), max(1, bar.maximum() // 40)):
        bar.setValue(value)
        view.viewport().repaint()      # paint now, synchronously: what one scroll step costs
    scroll_time = (time.perf_counter() - scroll_start) / 40
    gap = meter.stop()
    window.close()
    return {"captures": count, "list": list_time, "thumbnails": thumbs_time, "gap": gap,
            "scroll_step": scroll_time}


def gap_during_capture(path: str) -> tuple[float, float, int]:
    from app.gui.main import application, create_window
    from tests.support import pages

    web = pages.Server()
    app = application(sys.argv[:1])
    window = create_window(app)
    window.show()
    window.start()
    run_until(lambda: window.ctx.store is not None, 30)
    meter = GapMeter()
    done: list[object] = []
    window.capture.captureFinished.connect(done.append)
    window.capture.captureFailed.connect(done.append)
    window.capture.url_field.setText(web.url(path))
    meter.start()
    start = time.perf_counter()
    window.capture.start()
    run_until(lambda: bool(done), 180)
    took = time.perf_counter() - start
    gap = meter.stop()
    ticks = meter.ticks
    window.close()
    web.close()
    return gap, took, ticks


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--captures", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    shown, ready = launch_times(args.rounds)
    print(f"launch → window shown: median {statistics.median(shown):.2f} s  ({', '.join(f'{s:.2f}' for s in shown)})")
    print(f"launch → usable (store open, list shown): median {statistics.median(ready):.2f} s  "
          f"({', '.join(f'{s:.2f}' for s in ready)})   goal < 2 s")

    root = big_store(args.captures)
    figures = open_big_store(root)
    print(f"open a store of {figures['captures']:.0f} captures with the window up: list shown "
          f"{figures['list']:.2f} s, first thumbnails {figures['thumbnails']:.2f} s   goal < 1 s")
    print(f"  largest event-loop gap meanwhile: {figures['gap'] * 1000:.0f} ms;  one scroll step through the list "
          f"(paint, lazy thumbnails): {figures['scroll_step'] * 1000:.0f} ms")

    for path in ("/", "/tall"):
        gap, took, ticks = gap_during_capture(path)
        print(f"capture of {path}: {took:.1f} s, largest event-loop gap {gap * 1000:.0f} ms over {ticks} ticks"
              "   goal < 100 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
