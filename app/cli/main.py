"""The command line: a contract that scripts, IT and tests rely on.

This module builds the parser and hands each command to its family (capture, bundles, handover,
settings, gui, session); what the families share is in common.py. Nothing but the entry point imports
this module. Exit codes: 0 success; 1 the work failed (capture failed, bundle not intact); 2 bad input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from app.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, LockedSetting, capture_error_text, print_error
from app.logs import setup_logging
from capture.errors import CaptureError, InvalidURL
from evidence_store import vidne_version
from evidence_store.errors import BundleNotFound, NotABundle, StoreError

EXIT_BROKEN_PIPE = 141      # 128 + SIGPIPE: what a shell reports for a writer whose reader went away

# Every command, the module that registers and runs it, and the line `vidne --help` shows for it (the
# same words as the module's own parser: tests/app/test_lean_imports.py checks). A command's module is
# imported only when that command runs, so a capture never loads the export's report or the vault's S3.
COMMANDS: dict[str, tuple[str, str]] = {
    "capture": ("app.cli.capture", "capture a web page into a sealed evidence bundle"),
    "timestamp": ("app.cli.capture", "add trusted time-stamps to captures that have none yet, or whose "
                  "time-stamp is broken or not trusted (the old one is kept in the custody log)"),
    "verify": ("app.cli.bundles", "check that a bundle (or an export zip) is intact, and whether its time "
               "and its signers are trusted"),
    "list": ("app.cli.bundles", "list the captures in the store"),
    "show": ("app.cli.bundles", "show one capture"),
    "export": ("app.cli.handover", "export a case as one zip: its bundles, the chain-of-custody report and "
               "VERIFY.txt"),
    "import": ("app.cli.handover", "take in an export zip: every bundle is verified first"),
    "settings": ("app.cli.settings", "show the settings in force, which are locked, and any problems with the "
                 "settings files (exit code 1 if a file has a problem)"),
    "trust-key": ("app.cli.settings", "confirm that a signing key belongs to someone (after checking its "
                  "fingerprint with them out of band), list the confirmed keys, or remove one"),
    "gui": ("app.cli.gui", "open the desktop app"),
    "login": ("app.cli.session", "open Vidne's own browser in a window to log in to a site (e.g. Facebook); "
              "later captures see what you see there"),
    "profile-path": ("app.cli.session", "print the folder of Vidne's own browser profile"),
    "vault": ("app.cli.vault.commands", "the organisation's vault (S3 with Object Lock): push, verify, list, "
              "fetch"),
    "watch": ("app.cli.overtime.watch", "re-check a capture's address on a schedule (and run the due checks)"),
    "recheck": ("app.cli.overtime.recheck", "capture a capture's address again now and say what changed "
                "(unchanged, changed, gone, login_needed, unreachable)"),
    "timeline": ("app.cli.overtime.recheck", "a case's captures and re-checks in time order"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser: ``command``'s own arguments (its module is imported for them); every other command
    only by name and help line, which is all ``vidne --help`` needs."""
    parser = argparse.ArgumentParser(prog="vidne", description="Preserve web pages as signed, verifiable "
                                     "evidence bundles.")
    parser.add_argument("--version", action="version", version=f"vidne {vidne_version()}")
    parser.add_argument("--store", metavar="DIR", help="the evidence store (default: VIDNE_HOME, then the "
                        "user's data folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to stderr as well")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if command is not None:           # its family registers all of its commands, with their arguments
        importlib.import_module(COMMANDS[command][0]).add_parsers(sub)
    for name, (_module, help_line) in COMMANDS.items():
        if name not in sub.choices:    # a stand-in: takes any arguments, which the second parse reads
            sub.add_parser(name, help=help_line, add_help=False)
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
    argv = list(sys.argv[1:] if argv is None else argv)
    command = build_parser().parse_known_args(argv)[0].command    # which command: --help/--version end here
    if command is None:
        build_parser().print_help()
        return EXIT_OK
    args = build_parser(command).parse_args(argv)
    family = importlib.import_module(COMMANDS[command][0])
    setup_logging(args.verbose)
    from app.cli import settings as cli_settings
    from evidence_store import TrustSettingError

    try:
        cli_settings.refuse_for_command(args.command)      # a locked setting's environment variable: exit 2
        return int(family.HANDLERS[args.command](args))
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
