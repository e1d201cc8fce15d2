"""The log-in commands: ``vidne login [URL]`` opens Vidne's own browser profile in a window so the
person can log in once; ``vidne profile-path`` prints where that profile is kept."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from app.cli.common import EXIT_OK, open_store
from app.login import log_in, profile_dir
from app.settings import load_settings
from evidence_store import printable


def add_parsers(sub: argparse._SubParsersAction) -> None:
    login = sub.add_parser("login", help="open Vidne's own browser in a window to log in to a site (e.g. "
                           "Facebook); later captures see what you see there")
    login.add_argument("url", nargs="?", metavar="URL", help="the page to open first (e.g. https://www.facebook.com)")
    login.add_argument("--json", action="store_true")
    path = sub.add_parser("profile-path", help="print the folder of Vidne's own browser profile")
    path.add_argument("--json", action="store_true")


def cmd_login(args: argparse.Namespace) -> int:
    settings = load_settings()
    store = open_store(args)
    if not args.json:
        print("A browser window opens with Vidne's own profile (not your everyday browser). Log in there, "
              "then close the window to finish.", file=sys.stderr)
    outcome = log_in(store, settings, args.url)
    if args.json:
        print(json.dumps({"profile": str(outcome.profile), "sites": outcome.sites}, ensure_ascii=False))
        return EXIT_OK
    if outcome.sites:
        print("Vidne's browser now holds log-ins (cookies) for: " + ", ".join(printable(s) for s in outcome.sites))
    else:
        print("Vidne's browser holds no log-ins yet.")
    print("Captures use this profile from now on; its secrets never go into a bundle.")
    return EXIT_OK


def cmd_profile_path(args: argparse.Namespace) -> int:
    folder = profile_dir(open_store(args))
    if args.json:
        print(json.dumps({"profile": str(folder), "exists": folder.is_dir()}, ensure_ascii=False))
    else:
        print(folder)
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"login": cmd_login, "profile-path": cmd_profile_path}
