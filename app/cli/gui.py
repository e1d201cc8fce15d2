"""``vidne gui``: the desktop app, started from the command line. Qt is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app.cli.common import EXIT_BAD_INPUT, store_choice_refused
from app.settings import load_settings


def add_parsers(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("gui", help="open the desktop app")


def cmd_gui(args: argparse.Namespace) -> int:
    if store_choice_refused(args, load_settings()):
        print("vidne: your organisation has fixed where evidence is kept; --store cannot change it.",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    from app.gui.main import main as gui_main  # Qt only here, so the rest of the CLI works without it

    return gui_main(sys.argv[:1], store_root=Path(args.store) if args.store else None, setup_logs=False)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"gui": cmd_gui}
