"""A page with a video, from the command line: the media file is an artifact like any other."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from tests.e2e.helpers import capture_json, vidne
from tests.support import pages


def test_video_is_sealed_hashed_and_verifiable_with_standard_tools(web: pages.Server, tmp_path: Path) -> None:
    out = capture_json(tmp_path / "store", web.url("/video"), "--no-tsa")
    bundle = Path(out["bundle"])
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    by_path = {a["path"]: a for a in manifest["artifacts"]}
    video = by_path["artifacts/media/video-1.webm"]
    data = (pages.DATA / "tiny.webm").read_bytes()
    assert video["media_type"] == "video/webm" and video["size"] == len(data)
    assert video["sha256"] == hashlib.sha256(data).hexdigest()
    assert "artifacts/media/audio-1.wav" in by_path
    assert by_path["artifacts/page.wacz"]["media_type"] == "application/wacz"
    assert any("could not be saved" in w for w in out["warnings"])           # the missing third file
    ran = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=bundle, capture_output=True, text=True)
    assert ran.returncode == 0 and "artifacts/media/video-1.webm: OK" in ran.stdout
    assert vidne("verify", str(bundle)).returncode == 0
    done = subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(bundle / "artifacts" / "page.wacz")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout
