"""The whole page through the real `vidne` command: a page that scrolls inside itself gives a bundle whose
manifest says which scroller was captured and how, whose screenshot parts are sealed artifacts with their
rows, and whose warnings about what could not be captured reach the chain-of-custody report."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence_store.bundle.manifest import check_manifest
from tests.capture.whole import site
from tests.e2e.helpers import capture_json, vidne

CASE = "Gruppen"


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[site.Site, site.Site]]:
    other = site.Site({"/tall-document": site.TALL_DOCUMENT})
    main = site.Site({"/inner": site.INNER, "/cross-origin": lambda: site.cross_origin(other.base)})
    yield main, other
    main.close()
    other.close()


def test_inner_scroller_bundle_records_scroller_parts_and_verifies(sites: tuple[site.Site, site.Site],
                                                                   tmp_path: Path) -> None:
    main, _other = sites
    store = tmp_path / "store"
    out = capture_json(store, main.url("/inner"), "--case", CASE, "--no-tsa", "--no-behaviors")
    bundle = Path(out["bundle"])
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    capture = manifest["capture"]
    assert capture["scroller"]["kind"] == "element" and capture["scroller"]["element"] == "div#feed"
    assert capture["behaviors"] == {"ran": False, "reason": "switched off"}
    parts = [a for a in manifest["artifacts"] if "part_of" in a]
    assert [(a["path"], a["rows"]) for a in parts] == [("artifacts/screenshot-full-part-01.png", [0, 16_000]),
                                                        ("artifacts/screenshot-full-part-02.png", [16_000, 20_360])]
    for entry in parts:
        assert entry["part_of"] == "artifacts/screenshot-full.png"
        assert entry["sha256"] == hashlib.sha256((bundle / entry["path"]).read_bytes()).hexdigest()
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=bundle, capture_output=True, text=True, check=False)
    assert sums.returncode == 0 and "screenshot-full-part-02.png: OK" in sums.stdout
    done = vidne("--store", str(store), "verify", str(bundle))
    assert done.returncode == 0 and done.stdout.startswith("INTACT"), done.stdout + done.stderr

    # The verifier holds the new fields to their shape.
    info, problems = check_manifest(manifest)
    assert problems == [] and [e.rows for e in info.artifacts if e.rows] == [(0, 16_000), (16_000, 20_360)]
    for bad_rows, bad_of in (([16_000], "artifacts/screenshot-full.png"), ([5, 5], "artifacts/screenshot-full.png"),
                             ([0, 10], "artifacts/nothing.png"), ([0, 10], None)):
        changed = copy.deepcopy(manifest)
        part = next(a for a in changed["artifacts"] if "part_of" in a)
        part["rows"], part["part_of"] = bad_rows, bad_of
        assert check_manifest(changed)[1], (bad_rows, bad_of)


def test_what_could_not_be_captured_reaches_the_report(sites: tuple[site.Site, site.Site], tmp_path: Path) -> None:
    main, other = sites
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is missing: run scripts/system-deps.sh"
    store = tmp_path / "store"
    out = capture_json(store, main.url("/cross-origin"), "--case", CASE, "--no-tsa", "--no-behaviors")
    host = other.base.removeprefix("http://")
    assert [w for w in out["warnings"] if f"A frame from another site ({host})" in w]

    zipped = tmp_path / "case.zip"
    done = vidne("--store", str(store), "export", "--case", CASE, "--out", str(zipped), "--language", "en")
    assert done.returncode == 0, done.stderr
    unpacked = tmp_path / "unpacked"
    subprocess.run(["unzip", "-q", str(zipped), "-d", str(unpacked)], check=True)
    report = subprocess.run(["pdftotext", str(unpacked / "chain-of-custody.pdf"), "-"], capture_output=True,
                            text=True, check=True).stdout
    assert "A frame from another site" in " ".join(report.split())


def test_no_behaviors_is_refused_when_the_organisation_locked_them_on(sites: tuple[site.Site, site.Site],
                                                                      tmp_path: Path) -> None:
    org = tmp_path / "etc" / "config.toml"
    org.parent.mkdir()
    org.write_text('run_behaviors = true\nlocked = ["run_behaviors"]\n', encoding="utf-8")
    main, _other = sites
    store = tmp_path / "store"
    done = vidne("--store", str(store), "capture", main.url("/inner"), "--no-behaviors", "--no-tsa",
                 env={"VIDNE_SYSTEM_CONFIG": str(org)})
    assert done.returncode == 2, done.stderr
    assert "locked the setting 'run_behaviors'" in done.stderr and "--no-behaviors" in done.stderr
    assert not (store / "bundles").exists() or not any((store / "bundles").iterdir())
