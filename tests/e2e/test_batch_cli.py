"""`vidne capture URL URL …` and `--from FILE`: many pages in one warm browser, each in a fresh context;
one that hangs or loops fails alone, and the exit code says not all were sealed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.helpers import ROOT, VIDNE, vidne
from tests.support import pages


@pytest.mark.long
@pytest.mark.slow
def test_twenty_pages_in_one_browser_the_bad_ones_fail_alone(web: pages.Server, tmp_path: Path) -> None:
    store = tmp_path / "store"
    urls = [web.url(f"/state/{n}") for n in range(15)] + [web.url("/"), web.url("/dansk")]
    bad = {web.url("/hang"): "timeout", web.url("/loop"): "capture_failed"}
    urls[5:5] = [web.url("/hang"), web.url("/gone")]
    urls.insert(12, web.url("/loop"))
    assert len(urls) == 20
    listing = tmp_path / "addresses.txt"
    listing.write_text("# pages for the case\n\n" + "\n".join(urls[2:]) + "\n", encoding="utf-8")
    done = vidne("--store", str(store), "capture", urls[0], urls[1], "--from", str(listing), "--json", "--no-tsa",
                 "--no-behaviors", "--timeout", "12", "--case", "Batch", timeout=900)
    assert done.returncode == 1, done.stderr                  # not every page was sealed
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 20                                   # JSON Lines: one object per address, in order
    for url, line in zip(urls, lines, strict=True):
        if url in bad:
            assert line["url"] == url and line["error"]["code"] == bad[url], line
            continue
        assert line["url"] == url and line["case"] == "Batch" and line["timestamp"] == {"status": "skipped"}
        assert line["status"] == (404 if url.endswith("/gone") else 200)
        bundle = Path(line["bundle"])
        if "/state/" in url:     # the page's own cookie only: nothing another capture left in the browser
            shown = [t for t in (bundle / "artifacts" / "page-text.txt").read_text("utf-8").splitlines() if t]
            assert shown[:2] == ["cookie=[server=REDACTED]", "storage=[]"], (url, shown)
        steps = [s["action"] for s in json.loads((bundle / "manifest.json").read_text("utf-8"))["capture"]["steps"]]
        assert "warm_browser" in steps
    ids = {line["id"] for line in lines if "id" in line}
    assert len(ids) == 18
    checked = vidne("--store", str(store), "verify", lines[-1]["bundle"])
    assert checked.returncode == 0 and "INTACT" in checked.stdout
    assert not list((store / "warm").iterdir())                # the warm browser's folders are gone


def test_addresses_from_standard_input_and_a_bad_one_among_them(web: pages.Server, tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = subprocess.run([*VIDNE, "--store", str(store), "capture", "--from", "-", "--no-tsa", "--no-behaviors"],
                          input=f"{web.url('/')}\nnot a web address\n", capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert "Saved capture" in done.stdout and "FAILED not a web address" in done.stdout
    assert done.stdout.rstrip().endswith("1 of 2 sealed; 1 not sealed.")


def test_no_address_and_an_unreadable_list_are_bad_input(tmp_path: Path) -> None:
    assert vidne("--store", str(tmp_path / "s"), "capture").returncode == 2
    done = vidne("--store", str(tmp_path / "s"), "capture", "--from", str(tmp_path / "missing.txt"))
    assert done.returncode == 2 and "could not be read" in done.stderr
