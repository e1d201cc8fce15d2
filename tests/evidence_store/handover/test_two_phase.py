"""Issue 12: an event that says something happened is written only once it has. An export or import
killed at any point, or failing on a full disk, leaves the store exactly as before, or (killed after
the zip took its name) is finished when the store is next opened: never an 'exported' event for a zip
that does not exist, never a zip whose events the store lacks."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from evidence_store.handover.export import EXPORT_LOG, export_case
from evidence_store.store.ledger import LEDGER_FILE
from evidence_store.store.records import PENDING_DIR
from evidence_store.store.store import Store
from tests.evidence_store.conftest import SealFn

ROOT = Path(__file__).parents[3]
CASE = "Sag 7"

# Runs one export or import in a process of its own that kills itself (SIGKILL, like a power cut) at
# the Nth progress report; N = 0 never kills.
SCRIPT = """
import os, signal, sys
from pathlib import Path
from evidence_store.store.store import Store
from evidence_store.handover.export import export_case
from evidence_store.handover.importing import import_zip
kind, root, target, kill_at = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
seen = 0
def progress(p):
    global seen
    seen += 1
    print(seen, p.phase, flush=True)
    if seen == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
if kill_at < 0:                 # at the moment the 'received' event is written, wherever that is
    from evidence_store.bundle import custody
    real = custody.append_event
    def dying(*args, **kwargs):
        if kwargs.get("event") == "received":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    custody.append_event = dying
store = Store.open(root)
if kind == "export":
    export_case(store, "Sag 7", target, exported_by="HR", organisation="Aarhus Kommune", language="en",
                on_progress=progress)
else:
    import_zip(store, target, actor="HR", organisation="Aarhus Kommune", on_progress=progress)
print("done", flush=True)
"""


def run(kind: str, root: Path, target: Path, kill_at: int,
        wrap: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", SCRIPT, kind, str(root), str(target), str(kill_at)]
    if wrap:
        command = [*wrap[:-1], f"{wrap[-1]} {' '.join(shlex.quote(c) for c in command)}"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every custody log, the ledger and the export log, byte for byte."""
    files = {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "bundles").glob("*/custody.jsonl"))}
    for name in (LEDGER_FILE, EXPORT_LOG):
        if (root / name).exists():
            files[name] = (root / name).read_bytes()
    return files


@pytest.fixture
def case_store(store: Store, seal: SealFn) -> Path:
    seal(case=CASE)
    seal(case=CASE)
    store.close()
    return store.root


def test_every_point_of_an_export_killed_leaves_no_event_without_its_zip(case_store: Path, tmp_path: Path) -> None:
    steps = [line for line in run("export", case_store, tmp_path / "probe.zip", 0).stdout.splitlines()
             if line != "done"]
    assert len(steps) >= 8, steps              # verify, record, report, zip and check for two bundles
    for point in range(1, len(steps) + 1):
        before = snapshot(case_store)
        target = tmp_path / f"killed-{point}.zip"
        done = run("export", case_store, target, point)
        assert done.returncode == -9 and "done" not in done.stdout, (point, done.stdout, done.stderr)
        with Store.open(case_store) as reopened:           # finishes or drops what the kill interrupted
            assert reopened.ledger_disagreements == []
        assert not list((case_store / PENDING_DIR).glob("*.json")), point
        after = snapshot(case_store)
        if not target.exists():
            assert after == before, f"killed at {steps[point - 1]}: the store changed for an export that never was"
            continue
        with zipfile.ZipFile(target) as zf:                # the zip exists: the store holds exactly its events
            for name, data in after.items():
                if name.endswith("custody.jsonl"):
                    assert zf.read(name.removeprefix("bundles/")) == data, (point, name)
        exports = [json.loads(line) for line in after[EXPORT_LOG].splitlines()]
        assert [e["file"] for e in exports].count(str(target)) == 1


def test_an_export_that_fails_on_a_full_disk_records_nothing(case_store: Path, tmp_path: Path) -> None:
    before = snapshot(case_store)
    disk = tmp_path / "full-disk"
    disk.mkdir()
    mount = f"mount -t tmpfs -o size=64k tmpfs {shlex.quote(str(disk))} && exec"
    namespace = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]
    done = run("export", case_store, disk / "case.zip", 0, wrap=[*namespace, "sh", "-c", mount])
    assert done.returncode == 1 and "could not be written" in done.stderr, done.stderr
    assert snapshot(case_store) == before
    with Store.open(case_store) as reopened:
        assert reopened.ledger_disagreements == [] and snapshot(case_store) == before


def test_an_import_killed_anywhere_leaves_each_bundle_whole_with_its_received_event(
        case_store: Path, tmp_path: Path) -> None:
    with Store.open(case_store) as store:
        export_case(store, CASE, tmp_path / "case.zip", exported_by="Mette", organisation="Aarhus Kommune")
    hr = tmp_path / "hr"
    Store.open(hr).close()
    steps = [line for line in run("import", hr, tmp_path / "case.zip", 0).stdout.splitlines() if line != "done"]
    for point in [-1, *range(1, len(steps) + 1)]:
        fresh = tmp_path / f"hr-{point}"
        Store.open(fresh).close()
        done = run("import", fresh, tmp_path / "case.zip", point)
        assert done.returncode == -9, done.stderr
        with Store.open(fresh) as reopened:
            for record in reopened.list_captures():
                events = [e["event"] for e in reopened.custody_events(record.id)]
                assert events[-1] == "received", (point, events)
                assert reopened.verify(record.id).intact
            assert reopened.ledger_disagreements == []
