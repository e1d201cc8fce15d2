"""Each command loads only what it needs: a capture never loads the report, the export, the vault's S3
client, yt-dlp, py-wacz, Playwright or Qt in the person's process (the capture's child loads what
the page needs), and ``vidne --version`` loads next to nothing. Each check runs in a fresh Python,
since the test process itself has loaded everything by now."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HEAVY = ("reportlab", "evidence_store.report", "evidence_store.handover", "boto3", "botocore", "yt_dlp", "wacz",
         "playwright", "PySide6")


def _loaded(code: str, watch: tuple[str, ...] = HEAVY) -> list[str]:
    """Which of ``watch`` a fresh Python has loaded after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {list(watch)!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_a_capture_loads_no_report_export_vault_media_browser_or_qt() -> None:
    code = ("import app.cli.main, app.cli.capture, app.tasks, app.login, app.settings, app.trust\n"
            "import capture.child_process\n"
            "args = app.cli.main.build_parser('capture').parse_args(['capture', 'https://example.org/', '--no-tsa'])\n"
            "assert args.command == 'capture'")
    assert _loaded(code) == []


def test_vidne_version_loads_no_command() -> None:
    code = ("from app.cli.main import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit as end:\n    assert end.code == 0\n")
    assert _loaded(code, (*HEAVY, "app.tasks", "app.cli.capture", "capture.child_process", "cryptography")) == []


@pytest.mark.parametrize("module", ["app.cli.bundles", "app.cli.handover", "app.cli.settings", "app.cli.session",
                                    "app.cli.gui", "app.cli.vault.commands"])
def test_a_family_loads_its_heavy_parts_only_when_its_command_runs(module: str) -> None:
    assert _loaded(f"import {module}") == []


def test_the_help_list_is_what_each_family_registers() -> None:
    """main.py names every command and its help line without importing its family; here each family is
    imported and must register exactly the commands main.py sends to it, with the same help line."""
    import importlib

    from app.cli.main import COMMANDS

    for module in sorted({module for module, _ in COMMANDS.values()}):
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(module).add_parsers(sub)
        helps = {action.dest: action.help for action in sub._choices_actions}
        assert helps == {name: help_line for name, (home, help_line) in COMMANDS.items() if home == module}, module
