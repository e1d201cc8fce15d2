"""How long a desktop-app command takes to show its main window (offscreen Qt): Qt's
``qt.widgets.showhide`` log says when the main window's native window becomes visible. Used by
tests/frozen and benchmarks/dist_bench.py."""

from __future__ import annotations

import queue
import subprocess
import threading
import time


def first_window_seconds(cmd: list[str], env: dict[str, str], limit: float = 60) -> float | None:
    """Seconds from start until the main window is shown (None if not within ``limit``); the app is
    then stopped."""
    env = {**env, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "*.debug=false;qt.widgets.showhide.debug=true"}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        while (left := limit - (time.perf_counter() - started)) > 0:
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            if "mainWindowWindow" in line and "to true" in line:
                return time.perf_counter() - started
        return None
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
