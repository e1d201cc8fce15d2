"""The command line: a contract that scripts, IT and tests rely on.

This module builds the parser and hands each command to its family (capture, bundles, handover,
settings, gui, session); what the families share is in common.py. Nothing but the entry point imports
this module. Exit codes: 0 success; 1 the work failed (capture failed, bundle not intact); 2 bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app.cli import bundles as cli_bundles
from app.cli import capture as cli_capture
from app.cli import gui as cli_gui
from app.cli import handover as cli_handover
from app.cli import session as cli_session
from app.cli import settings as cli_settings
from app.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, LockedSetting, capture_error_text, print_error
from app.cli.vault import commands as cli_vault
from app.logs import setup_logging
from capture.errors import CaptureError, InvalidURL
from evidence_store import TrustSettingError, vidne_version
from evidence_store.errors import BundleNotFound, NotABundle, StoreError

EXIT_BROKEN_PIPE = 141      # 128 + SIGPIPE: what a shell reports for a writer whose reader went away


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vidne", description="Preserve web pages as signed, verifiable "
                                     "evidence bundles.")
    parser.add_argument("--version", action="version", version=f"vidne {vidne_version()}")
    parser.add_argument("--store", metavar="DIR", help="the evidence store (default: VIDNE_HOME, then the "
                        "user's data folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr as well")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    cli_capture.add_parsers(sub)
    cli_bundles.add_parsers(sub)
    cli_handover.add_parsers(sub)
    cli_settings.add_parsers(sub)
    cli_gui.add_parsers(sub)
    cli_session.add_parsers(sub)
    cli_vault.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()        # inside the try: a reader that went away is noticed here
        return code
    except BrokenPipeError:
        # `vidne verify … | head -1`: the reader closed the pipe. End quietly, as other tools do:
        # nothing more goes to stdout (not even Python's flush at exit), and the shell's code for SIGPIPE.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    setup_logging(args.verbose)
    handlers = {**cli_capture.HANDLERS, **cli_bundles.HANDLERS, **cli_handover.HANDLERS,
                **cli_settings.HANDLERS, **cli_gui.HANDLERS, **cli_session.HANDLERS, **cli_vault.HANDLERS}
    try:
        cli_settings.refuse_for_command(args.command)      # a locked setting's environment variable: exit 2
        return handlers[args.command](args)
    except InvalidURL as err:
        print_error(capture_error_text(err))
        return EXIT_BAD_INPUT
    except (BundleNotFound, NotABundle, LockedSetting, TrustSettingError) as err:   # bad input: exit 2
        print_error(str(err))
        return EXIT_BAD_INPUT
    except CaptureError as err:
        print_error(capture_error_text(err))
        return EXIT_FAILED
    except StoreError as err:
        print_error(str(err))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print_error("Stopped. Nothing was saved for an unfinished capture.")
        return 130


if __name__ == "__main__":
    sys.exit(main())
