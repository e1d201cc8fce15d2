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


class UnknownCase(BundleNotFound):
    """No capture in the store belongs to the case asked for."""


class ExportError(StoreError):
    """A case could not be exported (a bundle does not verify, the disk is full, ...)."""


class ExportPathInvalid(ExportError):
    """The file an export was asked to be written to cannot be used (no such folder, exists, ...)."""


class NotAnExport(StoreError):
    """The file is not a Vidne export: not a zip at all, or a zip with no evidence bundle in it."""


class NotAZip(NotAnExport):
    """The file is not a zip file (or is so damaged that it cannot be read as one)."""


class ZipRefused(ImportRefused):
    """A zip holds something Vidne will not unpack (paths out of the folder, links, zip bombs, ...).

    ``problems`` holds one line per offending entry, each starting with the entry's name.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])
