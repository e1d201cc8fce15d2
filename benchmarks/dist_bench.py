"""Prints the packaged app's figures (issue 6): the size of dist/vidne and what fills it, and the
frozen app's start-up against the source run, measured interleaved in one run:

- ``vidne --version`` (process start to exit), median of N rounds;
- time to the desktop app's first window (``vidne-app``, QT_QPA_PLATFORM=offscreen: Qt's
  ``qt.widgets.showhide`` log says when the main window's native window becomes visible);
- one ``vidne capture --no-tsa`` of a local page (start to exit).

Goals: folder < 250 MB without a browser; frozen start-up ≤ 1.2× the source run.
Both runs get the same clean environment (empty HOME, PATH=/usr/bin:/bin, no organisation file).

Usage: make dist && .venv/bin/python benchmarks/dist_bench.py [--rounds N] [--frozen DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support import pages  # noqa: E402  (the local test site, served on 127.0.0.1)
from tests.support.first_window import first_window_seconds  # noqa: E402

MB = 1_000_000          # the goal's unit; MiB (what `du -h` prints) shown beside the total
MIB = 1024 * 1024


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def size_report(frozen: Path) -> None:
    internal = frozen / "_internal"
    total = folder_bytes(frozen)
    parts = {
        "Playwright's Node.js (driver/node)": sum(f.stat().st_size for f in internal.glob("playwright/driver/node*")),
        "Playwright's driver package (JS)": folder_bytes(internal / "playwright" / "driver" / "package"),
        "Qt + PySide6": folder_bytes(internal / "PySide6") + sum(
            f.stat().st_size for f in internal.glob("lib*shiboken6*")) + sum(
            f.stat().st_size for f in internal.glob("lib*pyside6*")),
        "Python runtime (libpython, stdlib)": sum(f.stat().st_size for f in internal.glob("libpython*")) +
        folder_bytes(internal / f"python{sys.version_info.major}.{sys.version_info.minor}") +
        sum(f.stat().st_size for f in internal.glob("base_library.zip")),
        "the program(s) (each carries the Python code; on Linux vidne-app is a link)": sum(
            f.stat().st_size for f in (frozen / "vidne", frozen / "vidne-app", frozen / "vidne.exe",
                                       frozen / "vidne-app.exe") if f.is_file() and not f.is_symlink()),
        "browsers bundled (.local-browsers)": folder_bytes(internal / "playwright" / "driver" / "package" /
                                                           ".local-browsers")
        if (internal / "playwright" / "driver" / "package" / ".local-browsers").exists() else 0,
    }
    # .local-browsers lies inside the driver package: count it once.
    parts["Playwright's driver package (JS)"] -= parts["browsers bundled (.local-browsers)"]
    parts["everything else (other libraries, resources)"] = total - sum(parts.values())
    browsers = parts["browsers bundled (.local-browsers)"]
    print(f"dist folder: {frozen}")
    print(f"  total                        {total / MB:7.1f} MB  ({total / MIB:.1f} MiB)")
    print(f"  without a bundled browser    {(total - browsers) / MB:7.1f} MB  ({(total - browsers) / MIB:.1f} MiB)"
          "   (goal < 250 MB)")
    for name, size in parts.items():
        print(f"    {name:<76} {size / MB:7.1f} MB")
    for deb in sorted((ROOT / "dist").glob("vidne_*.deb")):
        print(f"  {deb.name}: {deb.stat().st_size / MB:.1f} MB")


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "VIDNE_SYSTEM_CONFIG": str(home / "no-organisation-config.toml"), "VIDNE_OPERATOR": "bench",
            "VIDNE_ORGANISATION": "bench", **extra}


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return time.perf_counter() - started


def first_window(cmd: list[str], env: dict[str, str], limit: float = 60) -> float:
    """Seconds until the main window's native window is shown; then the app is stopped."""
    seconds = first_window_seconds(cmd, env, limit)
    if seconds is None:
        raise RuntimeError(f"{cmd[0]} showed no window within {limit:.0f} s")
    return seconds


def compare(label: str, rounds: int, source: object, frozen: object) -> None:
    assert callable(source) and callable(frozen)
    source(), frozen()                                   # warm-up: page cache, first-run key, fonts
    src: list[float] = []
    frz: list[float] = []
    for _ in range(rounds):                              # interleaved: the machine is shared and noisy
        src.append(source())
        frz.append(frozen())
    s, f = statistics.median(src), statistics.median(frz)
    print(f"  {label:<34} source {s:6.2f} s   frozen {f:6.2f} s   frozen/source {f / s:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist" / "vidne")
    parser.add_argument("--no-capture", action="store_true", help="skip the capture timing")
    args = parser.parse_args()
    if not (args.frozen / "vidne").is_file():
        sys.exit(f"No packaged Vidne in {args.frozen}: run 'make dist' first.")
    size_report(args.frozen)
    venv = ROOT / ".venv" / "bin"
    print(f"start-up, median of {args.rounds} (goal: frozen ≤ 1.2× source)")
    with tempfile.TemporaryDirectory() as tmp:
        src_home, frz_home = Path(tmp, "src"), Path(tmp, "frz")
        src_home.mkdir()
        frz_home.mkdir()
        src_env, frz_env = clean_env(src_home), clean_env(frz_home)
        compare("vidne --version", args.rounds,
                lambda: timed([str(venv / "vidne"), "--version"], src_env),
                lambda: timed([str(args.frozen / "vidne"), "--version"], frz_env))
        compare("vidne-app, time to first window", max(3, args.rounds // 2),
                lambda: first_window([str(venv / "vidne-app")], src_env),
                lambda: first_window([str(args.frozen / "vidne-app")], frz_env))
        if not args.no_capture:
            server = pages.Server()
            url = server.url("/dansk")
            compare("vidne capture (local page)", max(3, args.rounds // 2),
                    lambda: timed([str(venv / "vidne"), "--store", f"{tmp}/s1", "capture", url, "--no-tsa"], src_env),
                    lambda: timed([str(args.frozen / "vidne"), "--store", f"{tmp}/s2", "capture", url, "--no-tsa"],
                                  frz_env))
            pages.STOP.set()
            server.close()


if __name__ == "__main__":
    main()
