"""The vault's errors, each with a message for the person. They are StoreErrors, so every front end that
shows a store's error shows these too; app/ gets them through the API (evidence_store/__init__.py)."""

from __future__ import annotations

from evidence_store.errors import StoreError


class VaultError(StoreError):
    """Something about the vault went wrong; nothing was recorded that did not happen."""


class VaultUnavailable(VaultError):
    """The vault cannot be reached now (offline, the server down, a time-out): the bundle waits as pending."""


class VaultCredentialsMissing(VaultUnavailable):
    """The standard AWS chain gave no credentials (environment, shared files, SSO, instance role)."""


class VaultRefused(VaultError):
    """The vault answered but refused (the bucket is missing, access denied, not write-once)."""


class VaultNotWorm(VaultRefused):
    """The bucket is not write-once as configured (no Object Lock, versioning off, too short a retention)."""
