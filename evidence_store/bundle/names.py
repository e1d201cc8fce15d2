"""Capture ids, the names files may have inside a bundle, and how big each may be.

Bundles travel between Linux, macOS and Windows and are checked with ``sha256sum -c``, so artifact
names are kept to a portable, shell-safe set: each path component is ASCII letters, digits, ``.``,
``_`` and ``-``, starts with a letter or digit, does not end with ``.``, and is not a Windows device
name. Anything else is refused when sealing and reported when verifying.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime

CAPTURE_ID_RE = re.compile(r"([0-9]{8}T[0-9]{6}Z)-([0-9a-f]{8})")
_TIME_FORMAT = "%Y%m%dT%H%M%SZ"

ARTIFACTS_DIR = "artifacts"
_COMPONENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)
MAX_ARTIFACT_NAME = 255
MAX_ARTIFACT_DEPTH = 8

# The most bytes Vidne reads of each file of a bundle (evidence_store.bundle.read maps the names to
# these); a bigger file is refused as damaged or hostile, never read into memory.
MAX_MANIFEST_BYTES = 64 << 20      # manifest.json
MAX_SUMS_BYTES = 64 << 20          # SHA256SUMS
MAX_CUSTODY_BYTES = 64 << 20       # custody.jsonl
MAX_SIGNATURE_BYTES = 4096         # manifest.json.sig (an Ed25519 signature is 64)
MAX_KEY_BYTES = 64 << 10           # a PEM key: signer.pub.pem, and the store's signing key
MAX_VERIFY_TXT_BYTES = 1 << 20     # VERIFY.txt
MAX_TOKEN_BYTES = 1 << 20          # timestamp.tsr and tsa-chain.pem


def new_capture_id(now: datetime | None = None) -> str:
    """A fresh capture id: the UTC start time to the second and 8 random hex digits."""
    when = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{when.strftime(_TIME_FORMAT)}-{secrets.token_hex(4)}"


def is_capture_id(text: str) -> bool:
    return capture_id_time(text) is not None


def capture_id_time(text: str) -> datetime | None:
    """The UTC time encoded in a capture id, or None if ``text`` is not a valid capture id."""
    match = CAPTURE_ID_RE.fullmatch(text)
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), _TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def artifact_name_problem(name: object) -> str | None:
    """Why ``name`` (relative to artifacts/) is not allowed, or None when it is fine."""
    if not isinstance(name, str):
        return "the artifact name is not text"
    if not name:
        return "the artifact name is empty"
    if len(name) > MAX_ARTIFACT_NAME:
        return f"the artifact name is longer than {MAX_ARTIFACT_NAME} characters"
    parts = name.split("/")
    if len(parts) > MAX_ARTIFACT_DEPTH:
        return f"the artifact name has more than {MAX_ARTIFACT_DEPTH} folder levels"
    for part in parts:
        if part in ("", ".", ".."):
            return f"the artifact name {name!r} would point outside the artifacts folder"
        if not _COMPONENT_RE.fullmatch(part) or part.endswith("."):
            return (
                f"the artifact name {name!r} has characters Vidne does not allow "
                "(use letters, digits, '.', '_' and '-')"
            )
        if part.split(".", 1)[0].lower() in _WINDOWS_DEVICES:
            return f"the artifact name {name!r} is a reserved device name on Windows"
    return None


def artifact_path(name: str) -> str:
    """The bundle-relative path of an artifact named ``name``."""
    return f"{ARTIFACTS_DIR}/{name}"


def bundle_path_problem(path: object) -> str | None:
    """Why a bundle-relative artifact path from a manifest is not acceptable, or None."""
    if not isinstance(path, str):
        return "the artifact path is not text"
    prefix = ARTIFACTS_DIR + "/"
    if not path.startswith(prefix):
        return f"the artifact path {path!r} is not inside the artifacts folder"
    return artifact_name_problem(path[len(prefix):])
