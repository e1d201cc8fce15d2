"""The desktop app's figures (issue 4). Prints them; asserts nothing.

1. Launch to a usable window: a fresh process (Python start, Qt, the window, the store opened and the
   list shown), from just before the process is started. Goal < 2 s.
2. Opening a store of 10,000 captures once the window is up: the index read off the GUI thread, the
   list filled, and the thumbnails of the rows on screen decoded. Goal < 1 s.
3. The largest gap between ticks of a 10 ms QTimer (the event loop blocked) while a capture runs
   through the window, and while the 10,000-capture store opens. Goal < 100 ms.

    .venv/bin/python benchmarks/gui_bench.py [--captures 10000] [--rounds 3] [--only launch,store,capture]
        [--warm both]

``--only`` runs only those parts; ``--warm both`` captures each page with the app's warm browser and
without it (VIDNE_WARM_BROWSER=0), interleaved, in one run; ``--pages /tall`` captures only that page.
Gaps over 50 ms are listed with when they began (seconds after the capture started) and what the GUI
thread did meanwhile: ran (its own work), or waited for a CPU (runnable; other processes had the cores).

The 10,000 bundles are real sealed bundles made through the store API without a browser (and
without fsync, which only slows making them); they are kept in /tmp/vidne-gui-bench-<n> for the
next run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))



def make_home() -> Path:
    """A home of the bench's own (store, settings, logs), in the environment of this process and the ones
    it starts. Made in main(), not on import: every capture child imports this module again (spawn)."""
    home = Path(tempfile.mkdtemp(prefix="vidne-gui-bench-home-"))
    os.environ.update({
        "VIDNE_HOME": str(home / "store"), "VIDNE_CONFIG_DIR": str(home / "config"),
        "VIDNE_LOG_DIR": str(home / "logs"), "VIDNE_SYSTEM_CONFIG": str(home / "none.toml"),
        "VIDNE_OPERATOR": "Bench", "VIDNE_ORGANISATION": "Bench", "VIDNE_TSA_URL": "http://127.0.0.1:9/tsr",
    })
    (home / "config").mkdir()
    (home / "config" / "settings.toml").write_text('language = "en"\n', encoding="utf-8")
    return home

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
    """The largest gap between ticks of a 10 ms timer: how long the event loop was blocked. For each gap
    over 50 ms also what the GUI thread did meanwhile (Linux: /proc/thread-self/schedstat): ran (work on
    the GUI thread), waited for a CPU (runnable, the machine busy) or slept (blocked: a lock, the GIL)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.largest = 0.0
        self.ticks = 0
        self.began = 0.0
        self.sched = (0.0, 0.0)
        self.long: list[tuple[float, float, float, float]] = []    # (began after start, gap, ran, waited) s

    def start(self) -> None:
        self.last, self.largest, self.ticks = time.perf_counter(), 0.0, 0
        self.began, self.long, self.sched = self.last, [], _schedstat()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.largest

    def _tick(self) -> None:
        now, sched = time.perf_counter(), _schedstat()
        gap = now - self.last
        self.largest = max(self.largest, gap)
        if gap > 0.05:
            self.long.append((self.last - self.began, gap, sched[0] - self.sched[0], sched[1] - self.sched[1]))
        self.last, self.sched = now, sched
        self.ticks += 1

    def describe(self) -> str:
        return ", ".join(f"{at:.2f}: {gap * 1000:.0f} (ran {ran * 1000:.0f}, waited for a CPU {wait * 1000:.0f})"
                         for at, gap, ran, wait in self.long)


def _schedstat() -> tuple[float, float]:
    """This thread's time on a CPU and waiting for one, in seconds (0, 0 where the system does not say)."""
    try:
        ran, waited, _ = Path("/proc/thread-self/schedstat").read_text().split()
    except (OSError, ValueError):
        return 0.0, 0.0
    return int(ran) / 1e9, int(waited) / 1e9


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


def open_big_store(root: Path) -> dict[str, Any]:
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
            "scroll_step": scroll_time, "gaps": meter.describe()}


def gap_during_capture(path: str) -> tuple[float, float, int, str]:
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
    already = bench_browsers()
    meter.start()
    start = time.perf_counter()
    window.capture.start()
    run_until(lambda: bool(done), 180)
    took = time.perf_counter() - start
    if done and isinstance(done[0], BaseException):
        print(f"  the capture of {path} failed: {type(done[0]).__name__}: {done[0]}")
    gap = meter.stop()
    ticks = meter.ticks
    window.close()
    web.close()
    running = bench_browsers()
    print(f"  the bench's browsers running when the capture of {path} started: {already}, when it ended: {running}")
    return gap, took, ticks, meter.describe()


def bench_browsers() -> int:
    """How many browsers this bench's windows have running now (each in a folder of its own)."""
    from capture.browser.lifetime import _marked

    return len({folder for _, folder in _marked() if "vidne-gui-bench" in folder})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--captures", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="launch,store,capture", help="comma-separated: launch, store, capture")
    parser.add_argument("--warm", choices=("as-set", "both"), default="as-set",
                        help="both: each capture with the warm browser and without (VIDNE_WARM_BROWSER=0)")
    parser.add_argument("--pages", default="/,/tall", help="comma-separated paths of the test site to capture")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    home = make_home()
    try:
        run(parts, args)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


def run(parts: set[str], args: argparse.Namespace) -> None:
    if "launch" in parts:
        launch(args.rounds)
    if "store" in parts:
        store(args.captures)
    if "capture" in parts:
        variants = [("warm", "1"), ("no warm browser", "0")] if args.warm == "both" else [("", None)]
        for path in args.pages.split(","):
            for name, choice in variants:
                if choice is not None:
                    os.environ["VIDNE_WARM_BROWSER"] = choice
                gap, took, ticks, long = gap_during_capture(path)
                label = f" ({name})" if name else ""
                print(f"capture of {path}{label}: {took:.1f} s, largest event-loop gap {gap * 1000:.0f} ms over "
                      f"{ticks} ticks   goal < 100 ms")
                if long:
                    print(f"  gaps > 50 ms (at s: ms): {long}")


def launch(rounds: int) -> None:
    shown, ready = launch_times(rounds)
    print(f"launch → window shown: median {statistics.median(shown):.2f} s  ({', '.join(f'{s:.2f}' for s in shown)})")
    print(f"launch → usable (store open, list shown): median {statistics.median(ready):.2f} s  "
          f"({', '.join(f'{s:.2f}' for s in ready)})   goal < 2 s")


def store(captures: int) -> None:
    root = big_store(captures)
    figures = open_big_store(root)
    print(f"open a store of {figures['captures']:.0f} captures with the window up: list shown "
          f"{figures['list']:.2f} s, first thumbnails {figures['thumbnails']:.2f} s   goal < 1 s")
    print(f"  largest event-loop gap meanwhile: {figures['gap'] * 1000:.0f} ms;  one scroll step through the list "
          f"(paint, lazy thumbnails): {figures['scroll_step'] * 1000:.0f} ms")
    if figures["gaps"]:
        print(f"  gaps > 50 ms (at s: ms): {figures['gaps']}")


if __name__ == "__main__":
    sys.exit(main())
