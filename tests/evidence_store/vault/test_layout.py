"""Where a bundle's objects lie in the vault: every case name has one folder, the list shows it back."""

from __future__ import annotations

import pytest

from evidence_store.vault.layout import VaultConfig, case_from_segment, case_segment, file_problem


@pytest.mark.parametrize("case", ["", "Sag 7", "Sag 1/2 ~ æøå", "../../etc", "a%2Fb", "c-x", "~~0123456789abcdef",
                                  "x" * 200, "ø" * 200, "\u202e\u0000tab\there"])
def test_every_case_has_one_folder_and_reads_back(case: str) -> None:
    segment = case_segment(case)
    assert "/" not in segment and len(segment.encode()) <= 250
    named, shortened = case_from_segment(segment) or (None, None)
    if shortened:
        assert case.startswith(named or "") and len(case) > len(named or "")
    else:
        assert named == case
    assert case_segment(case) == segment


def test_names_that_differ_get_different_folders() -> None:
    assert len({case_segment(c) for c in ["x" * 200, "x" * 199 + "y", "ø" * 100 + "a", "ø" * 100 + "b"]}) == 4


def test_only_a_bundles_files_are_taken_from_the_vault() -> None:
    for rel in ("manifest.json", "custody.jsonl", "timestamp.tsr", "artifacts/page.html", "artifacts/media/v-1.mp4"):
        assert file_problem(rel) is None, rel
    for rel in ("../x", "artifacts/../../x", "evil.sh", "artifacts/", "artifacts/a//b", "private/signing-key.pem"):
        assert file_problem(rel) is not None, rel


def test_a_bad_configuration_is_named() -> None:
    assert VaultConfig(bucket="").problem() is not None
    assert "GOVERNANCE" in (VaultConfig(bucket="b", mode="LOOSE").problem() or "")
    assert VaultConfig(bucket="b", retention_days=0).problem() is not None
    assert VaultConfig(bucket="b", prefix="v/").bundle_prefix("Sag", "X") == "v/cases/c-Sag/X/"
