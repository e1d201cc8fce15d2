"""``vidne settings``: the settings in force, which of them the organisation locked, and what is
wrong with a settings file. IT runs it after placing the organisation's config.toml."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import fields

from app.cli.common import EXIT_FAILED, EXIT_OK
from app.settings import Settings, load_settings, system_config_path, user_config_dir


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("settings", help="show the settings in force, which are locked, and any problems "
                         "with the settings files (exit code 1 if a file has a problem)")
    cmd.add_argument("--json", action="store_true", help="print one JSON object")


def cmd_settings(args: argparse.Namespace) -> int:
    settings = load_settings()
    system, user = system_config_path(), user_config_dir() / "settings.toml"
    values = {f.name: _plain(getattr(settings, f.name)) for f in fields(Settings)
              if f.name not in ("locked", "problems")}
    if args.json:
        print(json.dumps({"organisation_file": str(system), "organisation_file_exists": system.is_file(),
                          "user_file": str(user), "user_file_exists": user.is_file(), "settings": values,
                          "locked": sorted(settings.locked), "problems": list(settings.problems)},
                         ensure_ascii=False))
    else:
        print(f"organisation file: {system}{'' if system.is_file() else ' (none)'}")
        print(f"user file:         {user}{'' if user.is_file() else ' (none)'}")
        width = max(len(k) for k in values)
        for key, value in values.items():
            mark = "  [locked]" if key in settings.locked else ""
            print(f"  {key:<{width}} = {json.dumps(value, ensure_ascii=False)}{mark}")
        for problem in settings.problems:
            print(f"problem: {problem}")
    return EXIT_FAILED if settings.problems else EXIT_OK


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"settings": cmd_settings}
