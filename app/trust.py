"""The trust policy the app judges bundles by: Vidne's shipped time-stamp roots, the organisation's
roots and keys (its config.toml), this store's own key and confirmed keys, and what a person names
for one check (``--tsa-root FILE``, ``--trust-key FINGERPRINT[=NAME]``).

Every front end (CLI, GUI, import, export) builds its policy here, so they all give the same answer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.settings import Settings
from evidence_store import KnownKey, TrustPolicy, TrustSettingError, load_root_files, parse_fingerprint

if TYPE_CHECKING:
    from evidence_store import Store

log = logging.getLogger(__name__)

ORGANISATION = "listed by the organisation"
NAMED = "named for this check"


def organisation_keys(entries: Sequence[str]) -> list[KnownKey]:
    """``trusted_keys`` entries, each "FINGERPRINT Name of the holder". TrustSettingError names a bad one."""
    keys = []
    for entry in entries:
        fingerprint, _, name = entry.strip().partition(" ")
        keys.append(KnownKey(parse_fingerprint(fingerprint), name.strip() or fingerprint[:16], ORGANISATION))
    return keys


def named_keys(entries: Sequence[str]) -> list[KnownKey]:
    """``--trust-key FINGERPRINT[=NAME]`` for one check."""
    keys = []
    for entry in entries:
        fingerprint, _, name = entry.partition("=")
        fingerprint = parse_fingerprint(fingerprint)
        keys.append(KnownKey(fingerprint, name.strip() or fingerprint[:16], NAMED))
    return keys


def build_policy(
    settings: Settings,
    store: Store | None = None,
    *,
    tsa_root_files: Sequence[str] = (),
    trust_keys: Sequence[str] = (),
) -> TrustPolicy:
    """The whole policy for one verification. TrustSettingError (a message for the person) when a root
    file or fingerprint given cannot be used; never silently trusting less or more than was asked."""
    roots = load_root_files([*settings.trusted_tsa_roots, *tsa_root_files])
    policy = TrustPolicy().adding(roots=roots, keys=[*named_keys(trust_keys),
                                                     *organisation_keys(settings.trusted_keys)])
    if store is not None:
        policy = store.trust_policy(policy)
    return policy


__all__ = ["TrustSettingError", "build_policy", "named_keys", "organisation_keys"]
