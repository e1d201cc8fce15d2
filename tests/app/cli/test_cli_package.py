"""The command line as a package: families share common.py, and nothing but the entry point imports main.py."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[3] / "app" / "cli"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_cli_module_imports_main() -> None:
    for path in CLI.glob("*.py"):
        if path.name != "main.py":
            assert "app.cli.main" not in _imports(path), path.name


def test_common_imports_no_other_cli_module() -> None:
    assert not {name for name in _imports(CLI / "common.py") if name.startswith("app.cli")}


def test_every_family_registers_its_commands() -> None:
    from app.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == ["capture", "timestamp", "verify", "list", "show", "export", "import", "settings",
                              "trust-key", "gui", "login", "profile-path", "vault", "watch", "recheck", "timeline"]
