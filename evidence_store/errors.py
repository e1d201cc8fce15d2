"""Errors raised by the evidence store, each with a message written for the person using Vidne.

``str(err)`` says what happened and, where there is something to do, what to do next. The CLI turns
these into a message and an exit code; the GUI into a dialog.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every error the evidence store raises on purpose."""


class StoreUnavailable(StoreError):
    """The store's folder cannot be created, opened or written."""


class NotABundle(StoreError):
    """The folder given is not an evidence bundle at all (no manifest, signature or custody log)."""


class BundleNotFound(StoreError):
    """No capture in the store has the id (or id prefix) asked for."""


class AmbiguousCaptureId(BundleNotFound):
    """An id prefix matches more than one capture."""


class SealError(StoreError):
    """A capture could not be sealed into a bundle (bad artifact names, undeclared files, disk full)."""


class SigningKeyError(StoreError):
    """The installation's signing key cannot be created or read."""


class InvalidPublicKey(StoreError):
    """Bytes given as a public key are not an Ed25519 public key in PEM or DER form."""


class CustodyError(StoreError):
    """An event cannot be added to a bundle's custody log (unknown event, or the log is damaged)."""


class ImportRefused(StoreError):
    """A bundle cannot be added to the store (it does not verify, or the store already holds it)."""
