"""The vault's S3 calls, over boto3 (the reference S3 client), with every failure turned into a VaultError
a person can read. Credentials come only from boto3's standard chain; nothing here writes, logs or
returns one.

Every object is uploaded with ``ObjectLockMode``, ``ObjectLockRetainUntilDate`` and ``ChecksumSHA256``
(a server that keeps checksums refuses wrong bytes); what is read back is hashed by Vidne itself, since
some servers (Ceph) ignore the checksum.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
    ProfileNotFound,
    ReadTimeoutError,
)

from evidence_store.files.fsutil import fsync_file
from evidence_store.safe_text import printable
from evidence_store.vault.errors import (
    VaultCredentialsMissing,
    VaultError,
    VaultNotWorm,
    VaultRefused,
    VaultUnavailable,
)
from evidence_store.vault.layout import VaultConfig

log = logging.getLogger(__name__)

T = TypeVar("T")
_CHUNK = 1 << 20
_UNREACHABLE = (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError, ConnectionClosedError)
_NO_CREDENTIALS = (NoCredentialsError, PartialCredentialsError, ProfileNotFound)
CREDENTIALS_ADVICE = ("Vidne takes them only from the standard AWS chain: the environment (AWS_ACCESS_KEY_ID and "
                      "AWS_SECRET_ACCESS_KEY), the shared credentials file, SSO or the computer's role. Ask IT.")


@dataclass(frozen=True)
class Version:
    key: str
    version_id: str
    latest: bool
    size: int
    modified: datetime


@dataclass
class Listing:
    """A prefix's versions, each key's newest first (as S3 lists them), and its delete markers."""

    versions: dict[str, list[Version]] = field(default_factory=dict)
    delete_markers: dict[str, list[str]] = field(default_factory=dict)


class Vault:
    """One connection to the configured bucket."""

    def __init__(self, config: VaultConfig, workers: int = 1) -> None:
        problem = config.problem()
        if problem is not None:
            raise VaultError(f"The vault is not set up correctly: {problem}. Ask IT to correct config.toml.")
        self.config = config
        try:
            session = boto3.Session(profile_name=config.profile or None)
            self.s3: Any = session.client(
                "s3", endpoint_url=config.endpoint or None, region_name=config.region or None,
                config=Config(connect_timeout=5, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"},
                              max_pool_connections=max(10, workers + 4),
                              s3={"addressing_style": "path"} if config.endpoint else None,
                              request_checksum_calculation="when_required",
                              response_checksum_validation="when_required"))
        except _NO_CREDENTIALS as exc:
            raise VaultCredentialsMissing(f"No credentials for the vault ({exc}). {CREDENTIALS_ADVICE}") from exc
        except (BotoCoreError, ValueError) as exc:
            raise VaultError(f"The vault's settings cannot be used: {exc}.") from exc
        self._checked = False
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vidne-vault")

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    # -- errors ------------------------------------------------------------------------------------
    def call(self, what: str, fn: Callable[..., T], **kwargs: Any) -> T:
        """``fn(**kwargs)``; a failure becomes a VaultError saying ``what`` was being done."""
        where = self.config.where()
        try:
            return fn(**kwargs)
        except _NO_CREDENTIALS as exc:
            raise VaultCredentialsMissing(f"No credentials for the vault ({where}) while {what}. "
                                          f"{CREDENTIALS_ADVICE}") from exc
        except _UNREACHABLE as exc:
            raise VaultUnavailable(f"The vault ({where}) cannot be reached while {what}: {exc}. The evidence is "
                                   "kept on this computer and is pushed when the vault answers.") from exc
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = printable(str(error.get("Code", "?"))[:80])          # the server's words are hostile text
            message = printable(str(error.get("Message", ""))[:300])
            if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken"):
                raise VaultCredentialsMissing(f"The vault ({where}) did not accept the credentials while {what} "
                                              f"({code}). {CREDENTIALS_ADVICE}") from exc
            if code in ("NoSuchBucket",):
                raise VaultRefused(f"The vault's bucket does not exist ({where}). Ask IT.") from exc
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if isinstance(status, int) and status >= 500:
                raise VaultUnavailable(f"The vault ({where}) failed while {what}: {code} {message}. The evidence "
                                       "is kept on this computer and is pushed later.") from exc
            raise VaultRefused(f"The vault ({where}) refused {what}: {code} {message}") from exc
        except BotoCoreError as exc:
            raise VaultUnavailable(f"The vault ({where}) failed while {what}: {exc}.") from exc

    # -- write-once, checked before any upload ----------------------------------------------------------
    def check_worm(self) -> None:
        """VaultNotWorm (its message says "Object Lock") unless the bucket has Object Lock enabled,
        versioning on, and no default retention shorter than the configured one."""
        if self._checked:
            return
        bucket, where = self.config.bucket, self.config.where()
        try:
            answer = self.call("checking Object Lock", self.s3.get_object_lock_configuration, Bucket=bucket)
        except VaultRefused as exc:
            cause = exc.__cause__
            code = str(cause.response.get("Error", {}).get("Code", "")) if isinstance(cause, ClientError) else ""
            if code.startswith("ObjectLockConfigurationNotFound"):
                raise VaultNotWorm(f"The vault ({where}) is not write-once: Object Lock is not enabled on the "
                                   "bucket, so evidence could be deleted or overwritten. Nothing was uploaded. "
                                   "IT must use a bucket created with Object Lock.") from exc
            raise
        lock = answer.get("ObjectLockConfiguration", {})
        if lock.get("ObjectLockEnabled") != "Enabled":
            raise VaultNotWorm(f"The vault ({where}) is not write-once: Object Lock is not enabled on the bucket. "
                               "Nothing was uploaded.")
        versioning = self.call("checking versioning", self.s3.get_bucket_versioning, Bucket=bucket)
        if versioning.get("Status") != "Enabled":
            raise VaultNotWorm(f"The vault ({where}) is not write-once: versioning is not on, which Object Lock "
                               "needs. Nothing was uploaded.")
        default = lock.get("Rule", {}).get("DefaultRetention", {})
        days = int(default.get("Days") or 0) or int(default.get("Years") or 0) * 365
        if default and days < self.config.retention_days:
            raise VaultNotWorm(f"The vault ({where}) keeps Object Lock retention for {days} day(s) by default, "
                               f"shorter than the {self.config.retention_days} day(s) configured. Nothing was "
                               "uploaded; IT must make the two agree.")
        self._checked = True

    # -- objects ---------------------------------------------------------------------------------
    def put_locked(self, key: str, path: Path, sha256_hex: str, retain_until: datetime) -> str:
        """Upload ``path`` as a new locked version of ``key``; return its version id."""
        self.check_worm()
        checksum = base64.b64encode(bytes.fromhex(sha256_hex)).decode("ascii")
        with path.open("rb") as body:
            answer = self.call(f"uploading {key}", self.s3.put_object, Bucket=self.config.bucket, Key=key,
                               Body=body, ContentLength=os.fstat(body.fileno()).st_size, ChecksumSHA256=checksum,
                               ObjectLockMode=self.config.mode, ObjectLockRetainUntilDate=retain_until)
        version = answer.get("VersionId")
        if not isinstance(version, str) or not version or version == "null":
            raise VaultNotWorm(f"The vault ({self.config.where()}) gave no version for {key}: it does not keep "
                               "versions, so Object Lock cannot hold. Nothing is recorded as vaulted.")
        return version

    def read_back(self, key: str, version_id: str, dest: Path | None = None, limit: int | None = None) -> str:
        """Read a version, hashing it as it comes (and writing it to ``dest``); return its sha256 (hex)."""
        return self.read_back_locked(key, version_id, dest, limit)[0]

    def read_back_locked(self, key: str, version_id: str, dest: Path | None = None,
                         limit: int | None = None) -> tuple[str, tuple[str | None, datetime | None] | None]:
        """read_back, and the version's Object Lock as the answer's headers give it (None when they give no
        mode: then ask retention())."""
        answer = self.call(f"reading back {key}", self.s3.get_object, Bucket=self.config.bucket, Key=key,
                           VersionId=version_id)
        mode, until = answer.get("ObjectLockMode"), answer.get("ObjectLockRetainUntilDate")
        lock = (mode, until.astimezone(UTC)) if isinstance(mode, str) and isinstance(until, datetime) else None
        digest, size = hashlib.sha256(), 0
        out = dest.open("wb") if dest is not None else None
        try:
            for chunk in self._chunks(answer["Body"], key):
                size += len(chunk)
                if limit is not None and size > limit:
                    raise VaultError(f"{key} in the vault is larger than Vidne accepts for that file.")
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
        finally:
            if out is not None:
                out.close()
        if dest is not None:
            fsync_file(dest)
        return digest.hexdigest(), lock

    def read_bytes(self, key: str, version_id: str, limit: int) -> bytes:
        answer = self.call(f"reading {key}", self.s3.get_object, Bucket=self.config.bucket, Key=key,
                           VersionId=version_id)
        data = bytearray()
        for chunk in self._chunks(answer["Body"], key):
            data += chunk
            if len(data) > limit:
                raise VaultError(f"{key} in the vault is larger than Vidne accepts for that file.")
        return bytes(data)

    def _chunks(self, body: Any, key: str) -> Iterator[bytes]:
        try:
            yield from body.iter_chunks(_CHUNK)
        except (BotoCoreError, OSError) as exc:
            raise VaultUnavailable(f"Reading {key} from the vault stopped: {exc}.") from exc

    def retention(self, key: str, version_id: str) -> tuple[str | None, datetime | None]:
        """The version's Object Lock mode and retain-until date (None, None when it is not locked)."""
        head = self.call(f"reading the retention of {key}", self.s3.head_object, Bucket=self.config.bucket,
                         Key=key, VersionId=version_id)
        mode, until = head.get("ObjectLockMode"), head.get("ObjectLockRetainUntilDate")
        return (mode if isinstance(mode, str) else None,
                until.astimezone(UTC) if isinstance(until, datetime) else None)

    def extend_retention(self, key: str, version_id: str, retain_until: datetime) -> None:
        self.call(f"extending the retention of {key}", self.s3.put_object_retention, Bucket=self.config.bucket,
                  Key=key, VersionId=version_id,
                  Retention={"Mode": self.config.mode, "RetainUntilDate": retain_until})

    def listing(self, prefix: str) -> Listing:
        """Every version and delete marker under ``prefix``."""
        found = Listing()
        pages = self.s3.get_paginator("list_object_versions").paginate(Bucket=self.config.bucket, Prefix=prefix)
        for page in self.call(f"listing {prefix}", lambda: list(pages)):
            for item in page.get("Versions", []):
                found.versions.setdefault(item["Key"], []).append(
                    Version(item["Key"], str(item["VersionId"]), bool(item.get("IsLatest")), int(item.get("Size", 0)),
                            item.get("LastModified") or datetime.min.replace(tzinfo=UTC)))
            for item in page.get("DeleteMarkers", []):
                found.delete_markers.setdefault(item["Key"], []).append(str(item["VersionId"]))
        return found

    def folders(self, prefix: str) -> list[str]:
        """The names of the "folders" right under ``prefix`` (S3 common prefixes), without the slash."""
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.config.bucket, Prefix=prefix,
                                                                   Delimiter="/")
        names = []
        for page in self.call(f"listing {prefix or 'the bucket'}", lambda: list(pages)):
            for item in page.get("CommonPrefixes", []):
                names.append(str(item["Prefix"])[len(prefix):].rstrip("/"))
        return names
