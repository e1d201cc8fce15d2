"""``vidne settings``: the settings in force, which of them the organisation locked, and what is
wrong with a settings file. IT runs it after placing the organisation's config.toml.

``vidne trust-key``: the keys a person of this store confirmed out of band (read back by phone, say),
so that bundles and custody events they signed show as *known*. ``refuse_locked_environment``: the one
rule that an environment variable cannot change a setting the organisation locked."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import fields

from app.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, open_store, print_error, refuse_locked
from app.settings import Settings, load_settings, locked_overrides, system_config_path, user_config_dir
from evidence_store import printable


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("settings", help="show the settings in force, which are locked, and any problems "
                         "with the settings files (exit code 1 if a file has a problem)")
    cmd.add_argument("--json", action="store_true", help="print one JSON object")

    trust = sub.add_parser("trust-key", help="confirm that a signing key belongs to someone (after checking its "
                           "fingerprint with them out of band), list the confirmed keys, or remove one")
    trust.add_argument("fingerprint", metavar="FINGERPRINT", nargs="?", help="the key's sha256 fingerprint, "
                       "as `vidne verify` shows it (spaces and colons are allowed)")
    trust.add_argument("--name", help="whose key it is, e.g. \"Jens Hansen, HR\" (needed to confirm a key)")
    trust.add_argument("--list", action="store_true", help="list the keys confirmed in this store")
    trust.add_argument("--remove", metavar="FINGERPRINT", help="withdraw the confirmation of a key")
    trust.add_argument("--json", action="store_true", help="print JSON")
    trust.add_argument("--store", metavar="DIR", default=argparse.SUPPRESS,
                       help="the evidence store (as vidne --store)")


# Commands that run while an environment variable is set for a locked setting: `settings` shows the
# conflict to IT; `gui` is the desktop app, which shows such settings read-only as vidne-app does.
NOT_REFUSED = frozenset({"settings", "gui"})


def refuse_locked_environment(settings: Settings) -> None:
    """LockedSetting (exit 2, naming the lock) when an environment variable is set for a locked setting."""
    for key, var in locked_overrides(settings):
        refuse_locked(settings, key, f"the environment variable {var}")


def refuse_for_command(command: str) -> None:
    """The lock rule for environment variables, once for every command (main calls it) but NOT_REFUSED."""
    if command not in NOT_REFUSED:
        refuse_locked_environment(load_settings())


def cmd_settings(args: argparse.Namespace) -> int:
    settings = load_settings()
    system, user = system_config_path(), user_config_dir() / "settings.toml"
    values = {f.name: _plain(getattr(settings, f.name)) for f in fields(Settings)
              if f.name not in ("locked", "problems")}
    refused = dict(locked_overrides(settings))
    if args.json:
        print(json.dumps({"organisation_file": str(system), "organisation_file_exists": system.is_file(),
                          "user_file": str(user), "user_file_exists": user.is_file(), "settings": values,
                          "locked": sorted(settings.locked), "problems": list(settings.problems),
                          "locked_environment": refused}, ensure_ascii=False))
    else:
        print(f"organisation file: {system}{'' if system.is_file() else ' (none)'}")
        print(f"user file:         {user}{'' if user.is_file() else ' (none)'}")
        width = max(len(k) for k in values)
        for key, value in values.items():
            mark = "  [locked]" if key in settings.locked else ""
            print(f"  {key:<{width}} = {json.dumps(value, ensure_ascii=False)}{mark}")
        for key, var in refused.items():
            print(f"locked: the environment variable {var} is set, but '{key}' is locked; other commands "
                  "refuse to run until it is unset")
        for problem in settings.problems:
            print(f"problem: {problem}")
    return EXIT_FAILED if settings.problems else EXIT_OK


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def cmd_trust_key(args: argparse.Namespace) -> int:
    from evidence_store import confirm_key, forget_key, parse_fingerprint, read_confirmed  # main imports this module

    settings = load_settings()
    chosen = [bool(args.fingerprint), args.list, args.remove is not None]
    if sum(chosen) != 1:
        print_error("Give one of: a FINGERPRINT with --name (confirm a key), --list, or --remove FINGERPRINT.")
        return EXIT_BAD_INPUT
    if args.fingerprint and not (args.name or "").strip():
        print_error("Say whose key it is with --name \"…\" (the person or office you checked the fingerprint "
                    "with).")
        return EXIT_BAD_INPUT
    store = open_store(args)
    path = store.confirmed_keys_path
    if args.list:
        confirmed = read_confirmed(path)
        if args.json:
            print(json.dumps([{"fingerprint": fp, **item} for fp, item in sorted(confirmed.items())],
                             ensure_ascii=False))
            return EXIT_OK
        for fp, item in sorted(confirmed.items()):
            print(f"{fp}  {printable(item['name'])}  (confirmed {printable(item['confirmed_at'])} by "
                  f"{printable(item['confirmed_by'])})")
        if not confirmed:
            print("No keys confirmed in this store yet.", file=sys.stderr)
        return EXIT_OK
    if args.remove is not None:
        fingerprint = parse_fingerprint(args.remove)
        if not forget_key(path, fingerprint):
            print_error(f"The key {fingerprint} was not confirmed in this store; nothing was removed.")
            return EXIT_FAILED
        _say(args, {"removed": fingerprint}, f"Removed the confirmation of key {fingerprint}.")
        return EXIT_OK
    known = confirm_key(path, args.fingerprint, args.name, confirmed_by=settings.operator_or_login())
    _say(args, {"confirmed": known.fingerprint, "name": known.name},
         f"Confirmed key {known.fingerprint} as {printable(known.name)}'s. Bundles and custody events it "
         "signed now show as known in this store.")
    return EXIT_OK


def _say(args: argparse.Namespace, shown: dict[str, str], text: str) -> None:
    print(json.dumps(shown, ensure_ascii=False) if args.json else text)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"settings": cmd_settings,
                                                            "trust-key": cmd_trust_key}
