"""Bundles and an export made by Vidne before its code moved into sub-packages (issue 10) still verify.

tests/data/before-issue-10 holds two bundles (one time-stamped by the test TSA, one not) and an export
of their case, made with the code of commit cba4385 through the real `vidne capture` and `vidne export`.
The format is a promise to every recipient: these must verify, by Vidne and by the commands in their
own VERIFY.txt, as long as format_version stays the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from evidence_store.bundle.manifest import manifest_bytes
from evidence_store.bundle.verify import verify_bundle
from evidence_store.handover.verify import verify_export
from tests.e2e.helpers import verify_txt_commands, vidne

OLD = Path(__file__).resolve().parents[1] / "data" / "before-issue-10"
BUNDLES = sorted((OLD / "bundles").iterdir())


def test_the_old_data_is_there() -> None:
    assert len(BUNDLES) == 2 and (OLD / "export.zip").is_file()
    assert sum((b / "timestamp.tsr").is_file() for b in BUNDLES) == 1


@pytest.mark.parametrize("bundle", BUNDLES, ids=[b.name for b in BUNDLES])
def test_an_old_bundle_verifies_and_its_manifest_is_written_the_same_way(bundle: Path, tmp_path: Path) -> None:
    report = verify_bundle(bundle)
    assert report.intact, report.problem_text()
    stamped = (bundle / "timestamp.tsr").is_file()
    assert report.custody_count == (3 if stamped else 2)      # captured, (timestamped,) exported
    # made with the test TSA, whose root Vidne does not ship: the stamp verifies but is not trusted
    assert report.time.status == ("untrusted" if stamped else "none") and report.trusted_time is None
    raw = (bundle / "manifest.json").read_bytes()
    assert manifest_bytes(json.loads(raw)) == raw     # today's writer gives the same bytes

    copy = tmp_path / bundle.name
    shutil.copytree(bundle, copy)
    done = vidne("verify", str(copy))
    assert done.returncode == 0, done.stdout + done.stderr
    commands = verify_txt_commands(copy)
    assert len(commands) == 3
    if not (copy / "timestamp.tsr").is_file():
        commands = [c for c in commands if not c.startswith("openssl ts")]
    for command in commands:
        ran = subprocess.run(command, shell=True, cwd=copy, capture_output=True, text=True)  # noqa: S602 — VERIFY.txt's own
        assert ran.returncode == 0, (command, ran.stdout, ran.stderr)


def test_the_old_export_verifies(tmp_path: Path) -> None:
    report = verify_export(OLD / "export.zip", work_dir=tmp_path)
    assert report.intact, [str(p) for p in report.problems]
    assert sorted(b.capture_id for b in report.bundles) == [b.name for b in BUNDLES]
    done = vidne("verify", str(OLD / "export.zip"))
    assert done.returncode == 0, done.stdout + done.stderr
