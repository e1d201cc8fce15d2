"""What is not write-once is refused before any upload (a message with "Object Lock" in it); a vault out
of reach leaves the bundle pending; no credentials say how to give them; the fixture's filer is closed."""

from __future__ import annotations

import http.client
import secrets
from urllib.parse import quote

import pytest

from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from evidence_store.vault.errors import VaultCredentialsMissing, VaultNotWorm, VaultUnavailable
from evidence_store.vault.layout import VaultConfig
from evidence_store.vault.pending import pending_ids
from evidence_store.vault.push import push_captures
from tests.evidence_store.vault.conftest import versions
from tests.support.seaweed import Seaweed, free_port

ACTOR, ORG = "Mette Hansen", "Aarhus Kommune"


def _config(weed: Seaweed, bucket: str, **kwargs: object) -> VaultConfig:
    return VaultConfig(bucket=bucket, endpoint=weed.endpoint, region="us-east-1", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("versioning", [True, False])
def test_a_bucket_without_object_lock_is_refused_before_any_upload(
        store: Store, sealed: CaptureRecord, weed: Seaweed, aws_env: dict[str, str], versioning: bool) -> None:
    config = _config(weed, weed.make_bucket(f"plain-{secrets.token_hex(3)}", lock=False, versioning=versioning))
    with pytest.raises(VaultNotWorm, match="Object Lock"):
        push_captures(store, config, [sealed.id], actor=ACTOR, organisation=ORG)
    assert versions(weed, config) == {}
    assert [e["event"] for e in store.custody_events(sealed.id)] == ["captured"]
    assert pending_ids(store, config) == [sealed.id]


def test_a_default_retention_shorter_than_configured_is_refused(
        store: Store, sealed: CaptureRecord, weed: Seaweed, aws_env: dict[str, str]) -> None:
    bucket = weed.make_bucket(f"short-{secrets.token_hex(3)}")
    weed.client().put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 1}}})
    config = _config(weed, bucket, retention_days=3650)
    with pytest.raises(VaultNotWorm, match="Object Lock retention for 1 day"):
        push_captures(store, config, [sealed.id], actor=ACTOR, organisation=ORG)
    assert versions(weed, config) == {}


def test_a_vault_out_of_reach_leaves_the_capture_pending_and_sealed(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig) -> None:
    closed = VaultConfig(bucket=vault_config.bucket, endpoint=f"http://127.0.0.1:{free_port()}",
                         region="us-east-1", retention_days=30)
    with pytest.raises(VaultUnavailable, match="cannot be reached") as caught:
        push_captures(store, closed, [sealed.id], actor=ACTOR, organisation=ORG)
    assert "kept on this computer" in str(caught.value)
    assert store.verify(sealed.id).intact
    assert pending_ids(store, vault_config) == [sealed.id]
    [later] = push_captures(store, vault_config, pending_ids(store, vault_config), actor=ACTOR, organisation=ORG)
    assert later.status == "pushed" and pending_ids(store, vault_config) == []


def test_no_credentials_says_where_they_come_from(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(VaultCredentialsMissing) as caught:
        push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    assert "AWS_ACCESS_KEY_ID" in str(caught.value) and "standard AWS chain" in str(caught.value)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "WRONGKEY")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong-secret-value")
    with pytest.raises(VaultCredentialsMissing) as wrong:
        push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    assert "wrong-secret-value" not in str(wrong.value)
    assert [e["event"] for e in store.custody_events(sealed.id)] == ["captured"]


def test_the_fixtures_filer_is_closed_to_all_but_s3(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig) -> None:
    """Object Lock binds S3 callers only; the filer's own HTTP port needs a JWT only weed holds."""
    push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    base = f"/buckets/{vault_config.bucket}/"
    key = next(iter(versions(weed, vault_config)))
    for method, path in (("DELETE", base + key), ("GET", base), ("PUT", base + "x.txt")):
        connection = http.client.HTTPConnection("127.0.0.1", weed.filer_port, timeout=10)
        connection.request(method, quote(path), body=b"x" if method == "PUT" else None)
        status = connection.getresponse().status
        connection.close()
        assert status == 401, (method, status)
    assert key in versions(weed, vault_config)
