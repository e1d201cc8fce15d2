"""The installation's Ed25519 signing key, and checking signatures with public keys.

The private key lives at ``<store>/private/signing-key.pem`` (PKCS#8 PEM, unencrypted), in a folder
only its owner can open, in a file only its owner can read. It is created on first use; it is never
written into a bundle, an export, a log or a report. ``repr()`` of a SigningKey shows only its
fingerprint.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import os
import secrets
import stat
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from evidence_store.bundle.names import MAX_KEY_BYTES
from evidence_store.errors import InvalidPublicKey, SigningKeyError
from evidence_store.files.fsutil import UnreadableFile, fsync_dir, make_private_dir, read_limited, write_new_file

log = logging.getLogger(__name__)

KEY_FILE_NAME = "signing-key.pem"
_IS_WINDOWS = sys.platform == "win32"


def fingerprint_of_der(der: bytes) -> str:
    """Hex sha256 of a DER SubjectPublicKeyInfo: the key's fingerprint as Vidne shows it."""
    return hashlib.sha256(der).hexdigest()


def public_key_der(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_public_key(data: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM or DER SubjectPublicKeyInfo bytes; InvalidPublicKey otherwise.

    PEM (a key file: signer.pub.pem, exporter.pub.pem) is read strictly, see :func:`strict_pem_problem`:
    a key file holds one key and nothing else, so no byte of it can change unnoticed."""
    pem = not data.startswith(b"\x30")       # DER begins with a SEQUENCE; anything else must be PEM
    try:
        if pem:
            problem = strict_pem_problem(data)
            if problem is not None:
                raise InvalidPublicKey(problem)
            key = serialization.load_pem_public_key(data)
        else:
            key = serialization.load_der_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise InvalidPublicKey("The public key cannot be read: it is not a PEM or DER public key.") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidPublicKey("The public key is not an Ed25519 key, which is the only kind Vidne uses.")
    if pem and data not in _canonical_pem(key):
        raise InvalidPublicKey("is not written as one PEM block of 64-character base64 lines with LF line ends, "
                               "as Vidne writes a key: the file was changed")
    return key


_BEGIN, _END = b"-----BEGIN PUBLIC KEY-----", b"-----END PUBLIC KEY-----"


def strict_pem_problem(data: bytes) -> str | None:
    """What makes ``data`` more or less than exactly one public-key PEM block (nothing before its BEGIN
    line, nothing after its END line but one final newline); None when it is exactly that."""
    begin, end = data.find(_BEGIN), data.find(_END)
    if begin < 0 or end < begin:
        return "is not a PEM public key (no -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY----- block)"
    if data.count(b"-----BEGIN") != 1 or data.count(b"-----END") != 1:
        return "holds more than one PEM block; a key file must hold exactly one"
    if b"\r" in data:
        return "has CR (Windows) line ends; a key file is one PEM block with LF line ends, as it was written"
    if begin > 0:
        return f"has {begin} byte(s) before its -----BEGIN line; a key file must hold one PEM block and nothing else"
    after = data[end + len(_END):]
    if after not in (b"", b"\n"):
        extra = len(after[1:] if after.startswith(b"\n") else after)
        return (f"has {extra} byte(s) after its -----END line; a key file must hold one PEM block and "
                "nothing else")
    return None


def _canonical_pem(key: Ed25519PublicKey) -> tuple[bytes, bytes]:
    written = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return written, written.rstrip(b"\n")


def load_public_key_b64(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from base64 of its DER form (as custody events carry it)."""
    try:
        der = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidPublicKey("The public key is not valid base64.") from exc
    return load_public_key(der)


def verify_signature(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is ``key``'s Ed25519 signature over exactly ``data``."""
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


class SigningKey:
    """An Ed25519 private key that signs manifests and custody events."""

    def __init__(self, private_key: Ed25519PrivateKey, path: Path | None = None) -> None:
        self._key = private_key
        self.path = path
        self._public_der = public_key_der(private_key.public_key())

    def __repr__(self) -> str:
        return f"SigningKey(fingerprint={self.fingerprint()!r}, path={self.path!r})"

    @classmethod
    def generate(cls) -> SigningKey:
        """A new key held only in memory."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load_or_create(cls, path: Path) -> SigningKey:
        """The key at ``path``, created there (owner-only) if there is none yet."""
        try:
            if not path.exists():
                cls._create(path)
            return cls._load(path)
        except OSError as exc:
            raise SigningKeyError(
                f"Vidne could not create or open its signing key at {path}: {exc.strerror or exc}. "
                "Check that the folder exists and that you may write to it."
            ) from exc

    @staticmethod
    def _create(path: Path) -> None:
        make_private_dir(path.parent)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        # Written under a temporary name that is 0600 from the moment it exists, then linked into
        # place: the key file is never partly written, never readable by others, and if two
        # processes race, the first link wins and both use that key.
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        write_new_file(tmp, pem, mode=0o600)
        try:
            if not _IS_WINDOWS:
                os.chmod(tmp, 0o600)
            try:
                os.link(tmp, path)
                log.info("created a new signing key at %s", path)
            except FileExistsError:
                log.info("another process created the signing key at %s first; using it", path)
        finally:
            tmp.unlink()
        fsync_dir(path.parent)

    @classmethod
    def _load(cls, path: Path) -> SigningKey:
        if not _IS_WINDOWS:
            _check_folder(path.parent)
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o077:
                log.warning("signing key %s was readable by others (mode %o); made it owner-only", path, mode)
                os.chmod(path, 0o600)
        try:
            pem = read_limited(path, MAX_KEY_BYTES)
            key = serialization.load_pem_private_key(pem, password=None)
        except (UnreadableFile, ValueError, TypeError, UnsupportedAlgorithm) as exc:
            raise SigningKeyError(
                f"Vidne's signing key at {path} cannot be read ({exc}). It identifies the bundles "
                "sealed on this computer, so Vidne will not replace it on its own: restore the file "
                "from a backup, or move it away to let Vidne make a new key (bundles sealed with the "
                "old key stay verifiable, but new ones will have a different fingerprint)."
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError(
                f"The signing key at {path} is not an Ed25519 key. Move it away to let Vidne make a new one."
            )
        return cls(key, path)

    def public_key(self) -> Ed25519PublicKey:
        return self._key.public_key()

    def public_der(self) -> bytes:
        return self._public_der

    def public_pem(self) -> bytes:
        return self._key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def public_b64(self) -> str:
        return base64.b64encode(self._public_der).decode("ascii")

    def fingerprint(self) -> str:
        return fingerprint_of_der(self._public_der)

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)


def _check_folder(folder: Path) -> None:
    """The key's folder must be the person's own and closed to others: one that others may open is made
    owner-only (and logged); one another user owns is refused, since that user could swap the key."""
    info = folder.stat()
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise SigningKeyError(
            f"The folder of Vidne's signing key, {folder}, belongs to another user, who could read or replace "
            "the key. Vidne will not sign with it. Ask your IT support to give the folder to you alone.")
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        log.warning("the signing key's folder %s was open to others (mode %o); made it owner-only", folder, mode)
        os.chmod(folder, 0o700)
