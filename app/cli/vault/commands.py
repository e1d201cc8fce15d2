"""``vidne vault push | verify | fetch | list``: the organisation's vault (an S3 bucket with Object Lock, set
in its config.toml; credentials from the standard AWS chain only).

Exit codes as for the rest of the CLI: 0 done / intact; 1 a capture left pending, a bundle in the vault
not intact, the vault refused or out of reach; 2 bad input (no vault set, no such capture or case).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.cli.bundles import verification_policy
from app.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, open_store, print_error
from app.cli.handover import add_trust_options
from app.cli.vault.output import bundle_lines, case_lines, fetch_lines, push_line
from app.settings import Settings, load_settings
from app.trust import build_policy

if TYPE_CHECKING:
    from evidence_store import PushOutcome, VaultConfig

NO_VAULT = ("No vault is set: the organisation's config.toml names none (vault_bucket). Ask IT; "
            "docs/it-deployment.md, 'The vault', says how.")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``vidne vault`` and its subcommands."""
    vault = sub.add_parser("vault", help="the organisation's vault (S3 with Object Lock): push, verify, list, fetch")
    commands = vault.add_subparsers(dest="vault_command", metavar="SUBCOMMAND", required=True)
    push = commands.add_parser("push", help="upload captures as locked versions, read them back, record it")
    push.add_argument("ids", nargs="*", metavar="ID", help="capture ids (or unique beginnings)")
    which = push.add_mutually_exclusive_group()
    which.add_argument("--case", help="every capture of this case")
    which.add_argument("--all", action="store_true", help="every capture in the store")
    which.add_argument("--pending", action="store_true", help="every capture not yet (fully) in the vault")
    push.add_argument("--json", action="store_true", help="print one JSON object")

    check = commands.add_parser("verify", help="read captures back from the vault and verify them there")
    check.add_argument("ids", nargs="*", metavar="ID", help="capture ids (or unique beginnings)")
    group = check.add_mutually_exclusive_group()
    group.add_argument("--case", help="every capture of this case in the vault")
    group.add_argument("--all", action="store_true", help="every capture in the vault")
    add_trust_options(check)
    check.add_argument("--json", action="store_true", help="print one JSON object")

    fetch = commands.add_parser("fetch", help="copy a case from the vault into this store, verified first")
    fetch.add_argument("--case", required=True, help="the case to fetch")
    add_trust_options(fetch)
    fetch.add_argument("--json", action="store_true", help="print one JSON object")

    listing = commands.add_parser("list", help="the vault's cases and captures (nothing is downloaded)")
    listing.add_argument("--case", help="only this case")
    listing.add_argument("--json", action="store_true", help="print one JSON object")


def _vault(settings: Settings) -> VaultConfig | None:
    config = settings.vault()
    if config is None:
        print_error(NO_VAULT)
    return config


def cmd_push(args: argparse.Namespace, settings: Settings, config: VaultConfig) -> int:
    if not (args.ids or args.case is not None or args.all or args.pending):
        print_error("Say which captures to push: IDs, --case NAME, --all or --pending.")
        return EXIT_BAD_INPUT
    from evidence_store import pending_ids, push_captures  # boto3 is loaded by a vault command only

    store = open_store(args)
    if args.ids:
        ids = [store.get(text).id for text in args.ids]
    elif args.pending:
        ids = pending_ids(store, config)
    else:
        ids = sorted(r.id for r in store.list_captures(case=args.case if not args.all else None))

    def show(outcome: PushOutcome) -> None:
        if not args.json:
            print(push_line(outcome))

    outcomes = push_captures(store, config, ids, actor=settings.operator_or_login(),
                             organisation=settings.organisation, on_done=show)
    waiting = [o for o in outcomes if o.status == "pending"]
    if args.json:
        print(json.dumps({"vault": config.where(), "captures": [o.as_json() for o in outcomes],
                          "pending": len(waiting)}, ensure_ascii=False))
    elif not ids:
        print("Nothing to push: the vault holds every capture asked for." if args.pending else "No captures.")
    return EXIT_FAILED if waiting else EXIT_OK


def cmd_verify(args: argparse.Namespace, settings: Settings, config: VaultConfig) -> int:
    from evidence_store import verify_vault

    trust = verification_policy(args, settings)
    bundles = verify_vault(config, args.ids, args.case, trust=trust)
    if args.json:
        print(json.dumps({"vault": config.where(), "intact": all(b.intact for b in bundles),
                          "captures": [b.as_json() for b in bundles]}, ensure_ascii=False))
    else:
        for bundle in bundles:
            print("\n".join(bundle_lines(bundle)))
        if not bundles:
            print(f"The vault ({config.where()}) holds no captures.")
    return EXIT_OK if all(b.intact for b in bundles) else EXIT_FAILED


def cmd_fetch(args: argparse.Namespace, settings: Settings, config: VaultConfig) -> int:
    from evidence_store import fetch_case

    store = open_store(args)
    trust = build_policy(settings, store, tsa_root_files=args.tsa_root, trust_keys=args.trust_key)
    progress = None if args.json or not sys.stderr.isatty() else \
        (lambda phase, done, total: print(f"  {phase} {done}/{total}", file=sys.stderr))
    result = fetch_case(store, config, args.case, actor=settings.operator_or_login(),
                        organisation=settings.organisation, trust=trust, on_progress=progress)
    if args.json:
        print(json.dumps({"vault": config.where(), **result.as_json()}, ensure_ascii=False))
    else:
        print("\n".join(fetch_lines(result)))
    return EXIT_OK


def cmd_list(args: argparse.Namespace, settings: Settings, config: VaultConfig) -> int:
    from evidence_store import list_cases

    cases = list_cases(config, args.case)
    if args.json:
        print(json.dumps({"vault": config.where(), "cases": [
            {"case": case, "captures": sorted(e.capture_id for e in entries)}
            for case, entries in sorted(cases.items())]}, ensure_ascii=False))
    else:
        print("\n".join(case_lines(cases)) or f"The vault ({config.where()}) holds no captures.")
    return EXIT_OK


SUBCOMMANDS: dict[str, Callable[[argparse.Namespace, Settings, VaultConfig], int]] = {
    "push": cmd_push, "verify": cmd_verify, "fetch": cmd_fetch, "list": cmd_list}


def cmd_vault(args: argparse.Namespace) -> int:
    settings = load_settings()
    config = _vault(settings)
    if config is None:
        return EXIT_BAD_INPUT
    return SUBCOMMANDS[args.vault_command](args, settings, config)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {"vault": cmd_vault}
