"""What ``vidne vault`` prints: each push, each bundle read back from the vault, the vault's cases. Hostile
text (case names, problems from the vault) is made printable; no credential is ever part of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.cli.common import trust_lines
from evidence_store import printable

if TYPE_CHECKING:      # the vault's modules load boto3: only a vault command loads them
    from evidence_store import FetchResult, PushOutcome, VaultBundle, VaultEntry


def push_line(outcome: PushOutcome) -> str:
    if outcome.status == "pending":
        return f"{outcome.capture_id}: PENDING, not in the vault yet: {printable(outcome.message)}"
    until = f", locked until {outcome.retain_until}" if outcome.retain_until else ""
    if outcome.status == "checked":
        return f"{outcome.capture_id}: already in the vault, checked; nothing uploaded{until}"
    event = f"; 'vaulted' event {outcome.vaulted_seq} recorded" if outcome.vaulted_seq else ""
    return f"{outcome.capture_id}: pushed {len(outcome.uploaded)} file(s){until}{event}"


def bundle_lines(bundle: VaultBundle) -> list[str]:
    """One bundle read back from the vault: intact or not, then as `vidne verify` gives it, then its lock."""
    entry = bundle.entry
    lines = [f"{'INTACT' if bundle.intact else 'NOT INTACT'}: {entry.capture_id} (case '{printable(entry.case)}')"]
    report = bundle.report
    if report is not None:
        lines += [f"  {line}" for line in trust_lines(report.time, report.seal, report.unknown_signers)]
    mode, until = bundle.locks.get("manifest.json", (None, None))
    lines.append(f"  locked: {mode} until {until}" if mode else "  locked: NO (no Object Lock on manifest.json)")
    lines += [f"  {printable(problem)}" for problem in bundle.all_problems()]
    lines += [f"  note: {printable(note)}" for note in [*bundle.notes, *(report.notes if report else [])]]
    return lines


def case_lines(cases: dict[str, list[VaultEntry]]) -> list[str]:
    lines = []
    for case, entries in sorted(cases.items()):
        shortened = " (name shortened in the vault)" if any(e.shortened for e in entries) else ""
        lines.append(f"{printable(case) or '(no case)'}{shortened}: {len(entries)} capture(s)")
        lines += [f"  {e.capture_id}" for e in sorted(entries, key=lambda e: e.capture_id)]
    return lines


def fetch_lines(result: FetchResult) -> list[str]:
    lines = [f"Verified {len(result.bundles)} capture(s) of case '{printable(result.case)}' from the vault: "
             "all intact."]
    for bundle in result.bundles:
        lines += [f"  {line}" for line in bundle_lines(bundle)[1:]]
    lines += [f"Added {capture_id}" for capture_id in result.added]
    lines += [f"Skipped {capture_id}: {printable(why)}" for capture_id, why in result.skipped]
    return lines
