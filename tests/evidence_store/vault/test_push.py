"""Pushing a sealed bundle into a real SeaweedFS with Object Lock: every file a locked version, read back;
then, and only then, a signed 'vaulted' event; the server itself refuses to delete a locked version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from evidence_store.bundle.verify import verify_bundle
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from evidence_store.vault.layout import VaultConfig
from evidence_store.vault.pending import pending_ids
from evidence_store.vault.push import push_captures
from tests.evidence_store.conftest import SealFn
from tests.evidence_store.vault.conftest import bundle_files, versions
from tests.support.seaweed import Seaweed

ACTOR, ORG = "Mette Hansen", "Aarhus Kommune"


def _events(store: Store, capture_id: str) -> list[str]:
    return [e["event"] for e in store.custody_events(capture_id)]


def test_push_locks_every_file_reads_it_back_and_then_records_it(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig) -> None:
    assert pending_ids(store, vault_config) == [sealed.id]
    [outcome] = push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    assert outcome.status == "pushed", outcome.message
    folder = Path(sealed.path)
    prefix = vault_config.bundle_prefix("Facebook-gruppe oktober", sealed.id)
    held = versions(weed, vault_config, prefix)
    assert sorted(k[len(prefix):] for k in held) == bundle_files(folder)
    # the event came after the upload and names every object but the log, with its version and lock
    events = store.custody_events(sealed.id)
    assert [e["event"] for e in events] == ["captured", "vaulted"]
    details = events[-1]["details"]
    assert details["bucket"] == vault_config.bucket and details["prefix"] == prefix
    assert details["lock_mode"] == "COMPLIANCE"
    assert set(details["objects"]) == set(bundle_files(folder)) - {"custody.jsonl"}
    s3 = weed.client()
    for rel, item in details["objects"].items():
        assert item["key"] == prefix + rel and held[item["key"]] == [item["version_id"]]
        body = s3.get_object(Bucket=vault_config.bucket, Key=item["key"], VersionId=item["version_id"])["Body"]
        assert body.read() == (folder / rel).read_bytes()
    # retention read back from the server: COMPLIANCE, about 30 days from now
    head = s3.head_object(Bucket=vault_config.bucket, Key=prefix + "manifest.json",
                          VersionId=details["objects"]["manifest.json"]["version_id"])
    assert head["ObjectLockMode"] == "COMPLIANCE"
    until = head["ObjectLockRetainUntilDate"].astimezone(UTC)
    assert timedelta(days=29) < until - datetime.now(UTC) <= timedelta(days=30)
    assert details["locked_until"] == until.isoformat().replace("+00:00", "Z")
    # the newest custody version in the vault is the log with the 'vaulted' event in it
    custody_key = prefix + "custody.jsonl"
    newest = s3.get_object(Bucket=vault_config.bucket, Key=custody_key, VersionId=held[custody_key][0])
    assert newest["Body"].read() == (folder / "custody.jsonl").read_bytes()
    assert verify_bundle(folder).intact
    assert pending_ids(store, vault_config) == []


def test_a_locked_version_cannot_be_deleted_or_shortened(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig) -> None:
    push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    item = store.custody_events(sealed.id)[-1]["details"]["objects"]["artifacts/page.html"]
    s3 = weed.client()
    with pytest.raises(ClientError) as refused:
        s3.delete_object(Bucket=vault_config.bucket, Key=item["key"], VersionId=item["version_id"])
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    with pytest.raises(ClientError):
        s3.put_object_retention(Bucket=vault_config.bucket, Key=item["key"], VersionId=item["version_id"],
                                Retention={"Mode": "COMPLIANCE",
                                           "RetainUntilDate": datetime.now(UTC) + timedelta(days=1)})
    body = s3.get_object(Bucket=vault_config.bucket, Key=item["key"], VersionId=item["version_id"])["Body"]
    assert body.read() == (Path(sealed.path) / "artifacts/page.html").read_bytes()


def test_pushing_again_checks_and_uploads_nothing(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig) -> None:
    push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    before = versions(weed, vault_config)
    [again] = push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    assert again.status == "checked" and again.uploaded == [] and again.vaulted_seq is None
    assert versions(weed, vault_config) == before
    assert _events(store, sealed.id) == ["captured", "vaulted"]


def test_a_later_custody_event_goes_up_as_a_new_locked_version_of_the_log(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig) -> None:
    push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    store.append_custody(sealed.id, "note", {"text": "Vist til HR"}, ACTOR, ORG)
    assert pending_ids(store, vault_config) == [sealed.id]
    [outcome] = push_captures(store, vault_config, pending_ids(store, vault_config), actor=ACTOR, organisation=ORG)
    assert outcome.uploaded == ["custody.jsonl"] and outcome.vaulted_seq is None
    assert _events(store, sealed.id) == ["captured", "vaulted", "note"]
    key = vault_config.bundle_prefix("Facebook-gruppe oktober", sealed.id) + "custody.jsonl"
    held = versions(weed, vault_config)[key]
    assert len(held) == 2
    head = weed.client().head_object(Bucket=vault_config.bucket, Key=key, VersionId=held[0])
    assert head["ObjectLockMode"] == "COMPLIANCE"
    assert pending_ids(store, vault_config) == []


def test_many_bundles_and_cases_with_hostile_names(
        store: Store, seal: SealFn, weed: Seaweed, vault_config: VaultConfig) -> None:
    cases = ["Sag 1/2 ~ æøå", "", "x" * 200 + "ø" * 50]
    records = [seal(case=c) for c in cases]
    outcomes = push_captures(store, vault_config, [r.id for r in records], actor=ACTOR, organisation=ORG)
    assert [o.status for o in outcomes] == ["pushed"] * 3
    keys = list(versions(weed, vault_config))
    assert all(len(k.encode()) < 1024 for k in keys)
    assert {k.split("/")[1] for k in keys} == {vault_config.case_prefix(c).split("/")[1] for c in cases}
