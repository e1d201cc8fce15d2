"""A bare Playwright script making the same artifacts as a Vidne capture: the baseline."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from capture.browser.find import find_browser, launch_args


def main(url: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(pw).executable, args=launch_args())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        cdp = page.context.new_cdp_session(page)
        response = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=out / "screenshot-viewport.png")
        height = page.evaluate("document.documentElement.scrollHeight")
        for y in range(0, height, 810):
            page.evaluate("y => window.scrollTo(0, y)", y)
            page.wait_for_timeout(30)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=out / "screenshot-full.png", full_page=True)
        (out / "page.html").write_text(page.content(), encoding="utf-8")
        (out / "page.mhtml").write_text(cdp.send("Page.captureSnapshot", {"format": "mhtml"})["data"])
        assert response is not None
        _ = (response.status, response.headers_array(), response.server_addr(), response.security_details())
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
