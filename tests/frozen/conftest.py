"""The packaged app, run as IT's users run it: from its folder, in a clean environment.

These tests need a build (``make dist``); ``make test-dist`` builds and runs them. ``make test``
leaves them out (``-m "not dist"`` in pyproject.toml). ``VIDNE_FROZEN_DIR`` points them at another
copy, e.g. the one the .deb installed: ``VIDNE_FROZEN_DIR=/opt/vidne VIDNE_FROZEN_BIN=/usr/bin`` (the
programs are then run through the package's symlinks).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def frozen_dir() -> Path:
    folder = Path(os.environ.get("VIDNE_FROZEN_DIR") or ROOT / "dist" / "vidne")
    if not (folder / "vidne").is_file() and not (folder / "vidne.exe").is_file():
        pytest.fail(f"No packaged Vidne in {folder}: run 'make dist' first (or set VIDNE_FROZEN_DIR).")
    return folder


@pytest.fixture(scope="session")
def frozen_bin(frozen_dir: Path) -> Path:
    """Where the programs ``vidne`` and ``vidne-app`` are run from (the folder, or /usr/bin)."""
    return Path(os.environ.get("VIDNE_FROZEN_BIN") or frozen_dir)


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """Like ``env -i``: an empty HOME, no virtualenv or Python on PATH, no VIDNE_* but an absent
    organisation file (so a config on this machine cannot change the result)."""
    home = tmp_path / "home"
    home.mkdir()
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "VIDNE_SYSTEM_CONFIG": str(tmp_path / "no-organisation-config.toml")}


def run(cmd: list[str], env: dict[str, str], *, timeout: float = 180,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=cwd)
