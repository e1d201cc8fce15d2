"""Reading the vault back: verify as `vidne verify` does, an overwrite attempt named by its file, the list
without downloading, and HR's fetch into a second store (verified first, a signed 'received' event)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_store.errors import ImportRefused
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from evidence_store.vault.fetch import fetch_case
from evidence_store.vault.layout import VaultConfig
from evidence_store.vault.push import push_captures
from evidence_store.vault.remote import list_cases, verify_vault
from tests.evidence_store.conftest import SealFn
from tests.support.seaweed import Seaweed

ACTOR, ORG, CASE = "Mette Hansen", "Aarhus Kommune", "Facebook-gruppe oktober"


def test_verify_reads_the_locked_versions_back_and_finds_them_intact(
        store: Store, sealed: CaptureRecord, vault_config: VaultConfig) -> None:
    push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    [result] = verify_vault(vault_config, [sealed.id[:12]])
    assert result.intact, result.all_problems()
    assert result.report is not None and result.report.custody_count == 2
    assert result.locks["manifest.json"][0] == "COMPLIANCE"
    assert result.locks["custody.jsonl"][0] == "COMPLIANCE"


def test_an_overwrite_is_caught_naming_the_file_and_the_locked_version_is_verified(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig) -> None:
    push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    key = vault_config.bundle_prefix(CASE, sealed.id) + "artifacts/page.html"
    weed.client().put_object(Bucket=vault_config.bucket, Key=key, Body=b"<html>rewritten</html>")
    [result] = verify_vault(vault_config, case=CASE)
    assert not result.intact
    assert any("artifacts/page.html" in p and "overwrite" in p for p in result.problems), result.problems
    assert result.report is not None and result.report.intact      # the first, locked bytes still verify


def test_a_custody_log_rewritten_in_the_vault_is_caught(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig) -> None:
    push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    key = vault_config.bundle_prefix(CASE, sealed.id) + "custody.jsonl"
    first_line = (Path(sealed.path) / "custody.jsonl").read_bytes().split(b"\n")[0] + b"\n"
    weed.client().put_object(Bucket=vault_config.bucket, Key=key, Body=first_line)
    [result] = verify_vault(vault_config)
    assert any("custody.jsonl" in p and "does not begin with" in p for p in result.problems), result.problems


def test_list_names_cases_and_bundles_without_downloading(
        store: Store, seal: SealFn, vault_config: VaultConfig) -> None:
    records = [seal(case="Sag A"), seal(case="Sag A"), seal(case="Sag ~ B/æ")]
    push_captures(store, vault_config, [r.id for r in records], actor=ACTOR, organisation=ORG)
    cases = list_cases(vault_config)
    assert {c: sorted(e.capture_id for e in entries) for c, entries in cases.items()} == {
        "Sag A": sorted(r.id for r in records[:2]), "Sag ~ B/æ": [records[2].id]}
    assert list(list_cases(vault_config, "Sag ~ B/æ")) == ["Sag ~ B/æ"]


def test_hr_fetches_a_case_into_its_own_store(
        store: Store, seal: SealFn, vault_config: VaultConfig, tmp_path: Path) -> None:
    records = [seal(), seal()]
    push_captures(store, vault_config, [r.id for r in records], actor=ACTOR, organisation=ORG)
    with Store.open(tmp_path / "hr-store") as hr:
        result = fetch_case(hr, vault_config, CASE, actor="HR Hanne", organisation=ORG)
        assert sorted(result.added) == sorted(r.id for r in records)
        for record in records:
            assert hr.verify(record.id).intact
            events = hr.custody_events(record.id)
            assert [e["event"] for e in events] == ["captured", "vaulted", "received"]
            assert events[-1]["details"]["bucket"] == vault_config.bucket
            assert events[-1]["signer_fingerprint"] == hr.fingerprint()
        again = fetch_case(hr, vault_config, CASE, actor="HR Hanne", organisation=ORG)
        assert again.added == [] and len(again.skipped) == 2


def test_a_fetch_of_an_overwritten_case_adds_nothing(
        store: Store, sealed: CaptureRecord, weed: Seaweed, vault_config: VaultConfig, tmp_path: Path) -> None:
    push_captures(store, vault_config, [sealed.id], actor=ACTOR, organisation=ORG)
    key = vault_config.bundle_prefix(CASE, sealed.id) + "manifest.json"
    weed.client().put_object(Bucket=vault_config.bucket, Key=key, Body=b"{}")
    with Store.open(tmp_path / "hr-store") as hr:
        with pytest.raises(ImportRefused, match=r"manifest\.json"):
            fetch_case(hr, vault_config, CASE, actor="HR Hanne", organisation=ORG)
        assert hr.list_captures() == []
