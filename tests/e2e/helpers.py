"""Running the real `vidne` command the way a person or a script would."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

VIDNE = [sys.executable, "-m", "app.cli.main"]
ROOT = Path(__file__).resolve().parents[2]


def vidne(*args: str, timeout: float = 180, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VIDNE, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def capture_json(store: Path, url: str, *extra: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    done = vidne("--store", str(store), "capture", url, "--json", *extra, env=env)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


_RUNNABLE = (r"^(sha256sum -c SHA256SUMS|openssl pkeyutl -verify -pubin -inkey signer\.pub\.pem"
             r"|openssl ts -verify -data manifest)")


def verify_txt_commands(bundle: Path) -> list[str]:
    """The shell commands VERIFY.txt tells a recipient to run (lines that start with a known tool)."""
    text = (bundle / "VERIFY.txt").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        cmd = line.strip().lstrip("$ ").strip()
        if re.match(_RUNNABLE, cmd) and cmd not in found:
            found.append(cmd)
    return found
