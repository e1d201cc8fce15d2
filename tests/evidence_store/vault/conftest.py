"""Fixtures for the vault tests: a real SeaweedFS for the module (tests/support/seaweed.py), a fresh
Object Lock bucket and the AWS environment for each test."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_store.vault.layout import VaultConfig
from tests.support.seaweed import Seaweed, running_seaweed


@pytest.fixture(scope="module")
def weed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seaweed]:
    with running_seaweed(tmp_path_factory.mktemp("weed")) as server:
        yield server


@pytest.fixture
def aws_env(weed: Seaweed, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The standard AWS chain, by environment only (no shared files, no instance metadata)."""
    for name, value in weed.env().items():
        monkeypatch.setenv(name, value)
    return weed.env()


@pytest.fixture
def vault_config(weed: Seaweed, aws_env: dict[str, str]) -> VaultConfig:
    bucket = weed.make_bucket(f"vault-{secrets.token_hex(4)}")
    return VaultConfig(bucket=bucket, endpoint=weed.endpoint, region="us-east-1", retention_days=30)


def versions(weed: Seaweed, config: VaultConfig, prefix: str = "") -> dict[str, list[str]]:
    """Key -> its version ids, newest first (the tests' own look, straight through boto3)."""
    found: dict[str, list[str]] = {}
    for page in weed.client().get_paginator("list_object_versions").paginate(Bucket=config.bucket, Prefix=prefix):
        for item in page.get("Versions", []):
            found.setdefault(item["Key"], []).append(item["VersionId"])
    return found


def bundle_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
