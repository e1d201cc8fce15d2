"""verify.html as shipped is exactly what its readable source builds to (scripts/build-verify-html.sh,
the packages pinned in verify/package-lock.json): the same inputs give the same bytes, and nothing in it
is minified or fetched."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import resources
from evidence_store.handover.record import verify_html

ROOT = Path(__file__).resolve().parents[3]


def test_the_shipped_verify_html_is_a_fresh_build_of_its_source(tmp_path: Path) -> None:
    assert shutil.which("node") and shutil.which("npm"), "node/npm missing: run scripts/system-deps.sh"
    built = []
    for name in ("one.html", "two.html"):
        done = subprocess.run(["bash", str(ROOT / "scripts" / "build-verify-html.sh"), str(tmp_path / name)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        built.append((tmp_path / name).read_bytes())
    assert built[0] == built[1], "the build is not reproducible"
    assert built[0] == resources.path("verify", "verify.html").read_bytes() == verify_html(), \
        "resources/verify/verify.html is not what its source builds to: run scripts/build-verify-html.sh and commit it"


def test_verify_html_is_one_readable_file_that_reaches_nothing() -> None:
    page = verify_html().decode("utf-8")
    assert page.count("<script>") == 1 and "<script src" not in page and "<link" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None and "default-src 'none'" in csp.group(1) and "unsafe" not in csp.group(1)
    assert not re.search(r"\b(fetch|XMLHttpRequest|WebSocket|sendBeacon|EventSource)\s*\(", page)
    # unminified: the verifier's own functions and the packages' sources are there by name
    for name in ("async function verifyChain", "function checkManifest", "var TimeStampResp = class",
                 "var verifyAsync = async", "// src/stamp.js", "node_modules/pkijs/build/index.es.js"):
        assert name in page, name
    # no minified code lines (the one long line is the shipped roots' PEM text, which the page embeds)
    assert max(len(line) for line in page.splitlines() if "-----BEGIN CERTIFICATE-----" not in line) < 2000
