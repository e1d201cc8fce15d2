"""What happened, in the person's language, for each kind of error the core raises: the first line of an
error's "Details" (app/gui/messages.py), above the core's own English message.

A capture error's kind is its stable ``code`` (capture/errors.py CODES), a store error's kind is its
class (evidence_store/errors.py and the vault's errors); the core's message is never parsed. Every
sentence is built at call time, so a language switch rewords it at once. No widgets here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from capture.errors import CaptureError
from evidence_store import (
    TrustSettingError,
    VaultCredentialsMissing,
    VaultError,
    VaultNotWorm,
    VaultRefused,
    VaultUnavailable,
)
from evidence_store.errors import (
    AmbiguousCaptureId,
    BundleNotFound,
    CustodyError,
    ExportError,
    ExportPathInvalid,
    ImportRefused,
    InvalidPublicKey,
    NotABundle,
    NotAnExport,
    NotAZip,
    SealError,
    SigningKeyError,
    StoreError,
    StoreUnavailable,
    UnknownCase,
    ZipRefused,
)

translate = QCoreApplication.translate


def capture_happened(code: str) -> str:
    """What happened, for a capture error of kind ``code`` (one sentence for each of CODES)."""
    words = {
        "invalid_url": translate("Messages", "The address is not a web page Vidne may save: it must be a whole "
                                             "address that starts with http:// or https://."),
        "browser_not_found": translate("Messages", "No Chrome, Edge or Chromium browser could be found or "
                                                   "started on this computer."),
        "capture_failed": translate("Messages", "The browser could not open or save the page."),
        "timeout": translate("Messages", "The capture did not finish within its time limit, so Vidne "
                                         "stopped it."),
        "network_timeout": translate("Messages", "The browser gave up waiting for the site to answer."),
        "cancelled": translate("Messages", "The capture was stopped before it had finished."),
        "name_not_resolved": translate("Messages", "The site's name could not be looked up (DNS): it may be "
                                                   "misspelt, or the computer is not on the internet."),
        "offline": translate("Messages", "This computer is not connected to the internet."),
        "connection_refused": translate("Messages", "The site refused the connection."),
        "unreachable": translate("Messages", "The site's address could not be reached: the connection timed "
                                             "out, or there is no way to it from this network."),
        "unsafe_port": translate("Messages", "The browser does not open addresses with this port number, as "
                                             "a safety rule."),
        "invalid_tls": translate("Messages", "The site's security certificate is not valid: it has expired, "
                                             "is for another name, or is not issued by a known authority."),
        "tls_failed": translate("Messages", "A secure (TLS) connection to the site could not be made at all."),
        "disk_full": translate("Messages", "The disk that holds the evidence folder is full."),
        "not_writable": translate("Messages", "The evidence folder is read-only, or Vidne has no permission "
                                              "to write there."),
    }
    return words.get(code, words["capture_failed"])


def _store_happened(exc: StoreError) -> str:
    """What happened, for a store error: the sentence of its own class, or of the nearest one above it."""
    words: list[tuple[type[StoreError], str]] = [      # the narrower class before the wider one
        (SigningKeyError, translate("Messages", "Vidne's signing key could not be created or read.")),
        (SealError, translate("Messages", "The capture could not be sealed as evidence.")),
        (StoreUnavailable, translate("Messages", "The evidence folder could not be created, opened or "
                                                 "written to.")),
        (ExportPathInvalid, translate("Messages", "The file the export was to be saved as cannot be used: its "
                                                  "folder does not exist, or the file exists already.")),
        (ExportError, translate("Messages", "The case could not be exported.")),
        (NotAZip, translate("Messages", "The file is not a zip file, or it is too damaged to be read as "
                                        "one.")),
        (NotAnExport, translate("Messages", "The file is not an export from Vidne: it holds no evidence.")),
        (ZipRefused, translate("Messages", "The zip file holds something Vidne does not unpack, such as paths "
                                           "outside its folder, links or very large files.")),
        (ImportRefused, translate("Messages", "The evidence was not added: it did not pass the check, or the "
                                              "store holds it already.")),
        (CustodyError, translate("Messages", "Nothing could be added to the capture's custody log: the log is "
                                             "damaged, or the event is unknown.")),
        (AmbiguousCaptureId, translate("Messages", "More than one capture matches the id given.")),
        (UnknownCase, translate("Messages", "No capture in the store belongs to this case.")),
        (BundleNotFound, translate("Messages", "No capture in the store has this id.")),
        (NotABundle, translate("Messages", "The folder is not a capture of evidence: it has no manifest, seal "
                                           "or custody log.")),
        (InvalidPublicKey, translate("Messages", "The key given is not a public key Vidne can use.")),
        (TrustSettingError, translate("Messages", "The organisation's settings for trusted time-stamps or keys "
                                                  "cannot be used.")),
        (VaultCredentialsMissing, translate("Messages", "Vidne has no credentials (access key) for the "
                                                        "organisation's vault.")),
        (VaultUnavailable, translate("Messages", "The organisation's vault cannot be reached now.")),
        (VaultNotWorm, translate("Messages", "The organisation's vault is not set up as write-once, so "
                                             "nothing was put there.")),
        (VaultRefused, translate("Messages", "The organisation's vault answered, but refused.")),
        (VaultError, translate("Messages", "Something went wrong with the organisation's vault.")),
    ]
    return next((sentence for kind, sentence in words if isinstance(exc, kind)),
                translate("Messages", "The evidence store could not do what was asked."))


def what_happened(exc: BaseException) -> str:
    """One sentence in the person's language that says what happened, by the kind of ``exc``."""
    if isinstance(exc, CaptureError):
        return capture_happened(exc.code)
    if isinstance(exc, StoreError):
        return _store_happened(exc)
    if isinstance(exc, PermissionError):
        return translate("Messages", "The system did not allow Vidne to read or write a file or folder.")
    if isinstance(exc, FileNotFoundError):
        return translate("Messages", "A file or folder that Vidne needed does not exist.")
    if isinstance(exc, OSError):
        return translate("Messages", "A file or folder could not be read or written.")
    return translate("Messages", "An error that Vidne did not expect: a fault in Vidne, not something you "
                                 "did.")
