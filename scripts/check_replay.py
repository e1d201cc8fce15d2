"""Manual check: does a WACZ Vidne wrote replay in ReplayWeb.page? (Not part of the test suite: it needs
ReplayWeb.page's files, which the tests may not fetch.)

    npm pack replaywebpage && tar xzf replaywebpage-*.tgz          # gives package/ui.js and package/sw.js
    .venv/bin/python scripts/check_replay.py package/ bundle/artifacts/page.wacz URL "text the page shows"

Serves ui.js, sw.js and the WACZ on 127.0.0.1, opens ReplayWeb.page's embed in Chromium and waits until the
replayed page (from the archive alone) shows the text. Exit 0 if it does.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from capture.browser.find import find_browser, launch_args


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def replays(package: Path, wacz: Path, url: str, text: str, timeout_s: float = 30.0) -> bool:
    root = Path(tempfile.mkdtemp(prefix="vidne-replay-"))
    try:
        for name in ("ui.js", "sw.js"):
            shutil.copy(package / name, root / name)
        shutil.copy(wacz, root / "page.wacz")
        (root / "index.html").write_text(
            '<!doctype html><html><head><script src="ui.js"></script></head><body>'
            f'<replay-web-page style="height:800px;display:block" source="page.wacz" url="{url}" '
            'replayBase="./" embed="replayonly"></replay-web-page></body></html>', encoding="utf-8")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=find_browser(pw).executable, args=launch_args())
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
                for _ in range(int(timeout_s * 2)):
                    for frame in page.frames:
                        if "/w/" not in frame.url:
                            continue
                        try:
                            if text in frame.evaluate("document.body ? document.body.innerText : ''"):
                                browser.close()
                                return True
                        except PlaywrightError:
                            continue
                    page.wait_for_timeout(500)
                browser.close()
                return False
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__)
        sys.exit(2)
    ok = replays(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4])
    print("REPLAYS" if ok else "DOES NOT REPLAY")
    sys.exit(0 if ok else 1)
