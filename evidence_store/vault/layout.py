"""Where the vault is (VaultConfig) and where a bundle's files lie in it.

```
<prefix>cases/<case>/<capture-id>/manifest.json      every file of the bundle, as one object each
<prefix>cases/<case>/<capture-id>/artifacts/...       (each upload a new, locked version)
```

``<case>`` is "c-" and the case name percent-encoded (UTF-8, every character but letters, digits and
``-._`` escaped, ``~`` too); a name whose encoding is longer than 240 characters is cut and ends in "~~"
and 16 hex digits of its sha256, so every case has one place and the list shows the name. The case and
the id come from the sealed manifest, so they never change. Credentials are not part of the
configuration: boto3's standard chain gives them (environment, shared files, SSO, an instance role).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote

from evidence_store.bundle.names import ARTIFACTS_DIR, artifact_name_problem, is_capture_id

MODES = ("COMPLIANCE", "GOVERNANCE")
CASES = "cases/"
CUSTODY = "custody.jsonl"
STAMP_FILES = ("timestamp.tsr", "tsa-chain.pem")   # may be replaced by a re-stamp; the log names each
TOP_FILES = ("manifest.json", "manifest.json.sig", "signer.pub.pem", "SHA256SUMS", "VERIFY.txt", CUSTODY,
             *STAMP_FILES)
_MAX_CASE_SEGMENT = 240
_SHORTENED = re.compile(r"~~[0-9a-f]{16}$")


@dataclass(frozen=True)
class VaultConfig:
    bucket: str
    endpoint: str = ""              # "" = AWS S3
    region: str = ""
    retention_days: int = 3650
    mode: str = "COMPLIANCE"
    prefix: str = ""                # e.g. "vidne/" to share a bucket
    profile: str = ""               # a named profile of the shared AWS files; "" = the default chain

    def where(self) -> str:
        """The vault as a person reads it: the bucket and the endpoint (never a credential)."""
        return f"bucket '{self.bucket}' at {self.endpoint or 'AWS S3'}"

    def problem(self) -> str | None:
        """What is wrong with the configuration itself, or None."""
        if not self.bucket:
            return "no vault bucket is set (vault_bucket)"
        if self.mode not in MODES:
            return f"vault_mode must be COMPLIANCE or GOVERNANCE, not {self.mode!r}"
        if self.retention_days < 1:
            return "vault_retention_days must be at least 1"
        return None

    def retain_until(self, now: datetime | None = None) -> datetime:
        """The retain-until date for an upload now, in whole seconds (as S3 keeps it)."""
        moment = (now or datetime.now(UTC)) + timedelta(days=self.retention_days)
        return moment.replace(microsecond=0)

    def cases_prefix(self) -> str:
        return self.prefix + CASES

    def case_prefix(self, case: str) -> str:
        return self.cases_prefix() + case_segment(case) + "/"

    def bundle_prefix(self, case: str, capture_id: str) -> str:
        return self.case_prefix(case) + capture_id + "/"


def case_segment(case: str) -> str:
    """The case's folder name in the vault (see the module docstring)."""
    encoded = quote(case, safe="-._").replace("~", "%7E")
    if len(encoded) > _MAX_CASE_SEGMENT:
        cut = encoded[:_MAX_CASE_SEGMENT - 18]
        cut = cut[:cut.rfind("%")] if "%" in cut[-2:] else cut       # never half an escape
        encoded = cut + "~~" + hashlib.sha256(case.encode("utf-8")).hexdigest()[:16]
    return "c-" + encoded


def case_from_segment(segment: str) -> tuple[str, bool] | None:
    """The case name a folder stands for and whether it was shortened; None if it is no case folder."""
    if not segment.startswith("c-"):
        return None
    text = segment[2:]
    shortened = bool(_SHORTENED.search(text))
    if shortened:
        text = text[:-18]
    try:
        return unquote(text, errors="strict"), shortened
    except UnicodeDecodeError:
        return None


def file_problem(rel: str) -> str | None:
    """Why ``rel`` (an object's path inside a bundle's folder in the vault) cannot be a bundle's file."""
    if rel in TOP_FILES:
        return None
    if rel.startswith(ARTIFACTS_DIR + "/"):
        return artifact_name_problem(rel[len(ARTIFACTS_DIR) + 1:])
    return f"{rel[:200]!r} is not a file a bundle holds"


def bundle_id_problem(capture_id: str) -> str | None:
    return None if is_capture_id(capture_id) else f"{capture_id[:80]!r} is not a capture id"
