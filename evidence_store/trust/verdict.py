"""The trust answers a verification gives beside "intact": the time's status and each signer's standing.

Time: ``trusted`` (the token verifies up to a root the verifier trusts), ``untrusted`` (it verifies,
but up to a root the verifier does not trust, or the verifier lacks the root), ``broken`` (it does
not verify, or its files are not those the custody log recorded), ``none`` (no time-stamp).

Signers: ``sealer`` (the key that signed manifest.json), ``known`` (see TrustPolicy) or ``unknown``.
The seal itself is ``known`` or ``unknown``: a bundle's own key vouches for nothing about itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from evidence_store.trust.policy import TrustPolicy

TimeStatus = Literal["trusted", "untrusted", "none", "broken"]
SignerKind = Literal["sealer", "known", "unknown"]

NO_STAMP = "The bundle has no time-stamp: its times come from the capturing computer's clock."


def iso_z(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


@dataclass(frozen=True)
class TimeVerdict:
    status: TimeStatus
    at: datetime | None = None              # the authority's time (trusted or not); None when none/broken
    authority: str | None = None
    why: str = NO_STAMP
    root_name: str | None = None
    root_sha256: str | None = None

    @property
    def trusted(self) -> bool:
        return self.status == "trusted"

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "at": iso_z(self.at), "authority": self.authority, "why": self.why,
                "root_sha256": self.root_sha256}


@dataclass(frozen=True)
class Signer:
    """Who signed the seal or a custody event, as the verifier can tell."""

    fingerprint: str | None
    kind: SignerKind
    name: str | None = None          # the known key's name, and where that trust comes from
    source: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"signer_fingerprint": self.fingerprint, "signer": self.kind, "signer_name": self.name,
                "signer_source": self.source}


@dataclass(frozen=True)
class CustodyEntry:
    """One custody event as shown: what it says and who signed it."""

    seq: int | None
    event: str
    at: str
    actor: str
    signer: Signer

    def as_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "event": self.event, "at": self.at, "actor": self.actor, **self.signer.as_json()}


def attribute(fingerprint: str | None, sealer: str | None, policy: TrustPolicy) -> Signer:
    """A custody event's signer: the sealer's key, a key the policy knows, or unknown."""
    known = policy.key(fingerprint)
    if fingerprint and fingerprint == sealer:
        return Signer(fingerprint, "sealer", known.name if known else None, known.source if known else None)
    if known is not None:
        return Signer(fingerprint, "known", known.name, known.source)
    return Signer(fingerprint, "unknown")


def seal_signer(fingerprint: str | None, policy: TrustPolicy) -> Signer:
    """The seal's signer: known when the policy knows the key, else unknown (to be confirmed out of band)."""
    known = policy.key(fingerprint)
    if known is not None:
        return Signer(fingerprint, "known", known.name, known.source)
    return Signer(fingerprint, "unknown")


def entries(events: list[dict[str, Any]], sealer: str | None, policy: TrustPolicy) -> list[CustodyEntry]:
    """The custody events (as parsed, hostile) with each signer attributed; odd fields become text."""
    shown = []
    for event in events:
        seq = event.get("seq")
        fingerprint = event.get("signer_fingerprint")
        shown.append(CustodyEntry(
            seq=seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
            event=str(event.get("event", ""))[:100],
            at=str(event.get("at", ""))[:100],
            actor=str(event.get("actor", ""))[:500],
            signer=attribute(fingerprint if isinstance(fingerprint, str) else None, sealer, policy),
        ))
    return shown


def time_verdict(
    *,
    has_token: bool,
    ok: bool,
    claimed: datetime | None,
    authority: str | None,
    root_name: str | None,
    root_sha256: str | None,
    root_trusted: bool,
    problem: str | None,
) -> TimeVerdict:
    """The time's status from what the token check found (``ok``: imprint, signature, chain, purpose
    and validity all check out, and the token is the one the custody log recorded)."""
    if not has_token:
        return TimeVerdict("none")
    if not ok:
        return TimeVerdict("broken", None, authority,
                           f"The time-stamp does not verify, so it gives no time: {problem or 'it is damaged'}")
    if root_trusted:
        return TimeVerdict("trusted", claimed, authority,
                           f"Time-stamp by '{authority}', verified up to the trusted root '{root_name}'.",
                           root_name, root_sha256)
    return TimeVerdict(
        "untrusted", claimed, authority,
        f"The time-stamp verifies, but up to the root '{root_name}' (sha256 {root_sha256}), which this "
        "verifier does not trust: it is neither one of Vidne's public time-stamp roots nor on the "
        "organisation's list, nor named with --tsa-root. Anyone can run a time-stamp authority; confirm "
        "that root with the authority before relying on the time.",
        root_name, root_sha256)
