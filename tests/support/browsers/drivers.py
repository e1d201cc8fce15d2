"""The system's Firefox (WebDriver BiDi through puppeteer-core, tests/support/browsers/firefox.mjs) and
WebKitGTK's MiniBrowser (Safari's engine, through WebKitWebDriver and Selenium), behind one small
interface: open a file:// page, hand a file input files, run a script, wait for a condition, click.
Both send every request to a recording proxy (tests/support/browsers/proxy.py); Firefox's driver also
records the requests each page makes (BiDi network events). WebKitWebDriver offers no request events,
so in WebKit the proxy is the record."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

HERE = Path(__file__).resolve().parent
FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
# Debian's libwebkit2gtk-4.1-0 ships MiniBrowser, the small browser WebKitWebDriver drives
MINIBROWSER = next(iter(sorted(glob.glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser"))), "MiniBrowser")
TIMEOUT = 180.0


class Driver(Protocol):
    name: str
    version: str

    def open(self, url: str) -> None: ...
    def set_files(self, selector: str, paths: list[Path]) -> None: ...
    def evaluate(self, script: str, *args: Any) -> Any:
        """Run ``script``, the body of a function of ``args`` (a list), awaiting a promise it returns."""
    def wait(self, script: str, *args: Any, timeout: float = TIMEOUT) -> None:
        """Until ``script`` (the body of a function of ``args``) returns something true."""
    def click(self, selector: str) -> None: ...
    def page_requests(self) -> list[str]:
        """The requests pages made since the last call, as the driver saw them (none where it cannot see)."""


class Firefox:
    name = "firefox"

    def __init__(self, proxy_port: int, languages: str) -> None:
        assert os.path.exists(FIREFOX), "Firefox is missing: run scripts/system-deps.sh / make setup"
        assert (HERE / "node_modules" / "puppeteer-core").is_dir(), \
            "puppeteer-core is missing: run scripts/install-test-browsers.sh / make setup"
        self._next = 0
        self._node = subprocess.Popen(
            ["node", str(HERE / "firefox.mjs"), FIREFOX, str(proxy_port), languages], cwd=HERE,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.version = f"Firefox {self._call('version').split('/')[-1]}"

    def _call(self, op: str, **params: Any) -> Any:
        assert self._node.stdin is not None and self._node.stdout is not None
        self._next += 1
        self._node.stdin.write(json.dumps({"id": self._next, "op": op, **params}) + "\n")
        self._node.stdin.flush()
        line = self._node.stdout.readline()
        assert line, f"the Firefox driver ended (exit code {self._node.poll()})"
        answer = json.loads(line)
        assert answer["id"] == self._next
        if "error" in answer:
            raise AssertionError(f"Firefox: {answer['error']}")
        return answer["value"]

    def open(self, url: str) -> None:
        self._call("open", url=url)

    def set_files(self, selector: str, paths: list[Path]) -> None:
        self._call("files", selector=selector, paths=[str(p) for p in paths])

    def evaluate(self, script: str, *args: Any) -> Any:
        return self._call("evaluate", script=script, args=list(args))

    def wait(self, script: str, *args: Any, timeout: float = TIMEOUT) -> None:
        self._call("wait", script=script, args=list(args), timeout=int(timeout * 1000))

    def click(self, selector: str) -> None:
        self._call("click", selector=selector)

    def page_requests(self) -> list[str]:
        return list(self._call("requests"))

    def quit(self) -> None:
        assert self._node.stdin is not None
        self._node.stdin.close()
        self._node.wait(30)


class WebKit:
    name = "webkit"

    def __init__(self, proxy_port: int, languages: str, display: str, locales: Path) -> None:
        from selenium import webdriver
        from selenium.webdriver.common.proxy import Proxy, ProxyType
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        assert os.path.exists(MINIBROWSER) and os.path.exists(WEBKIT_DRIVER), \
            "WebKitGTK's MiniBrowser and WebKitWebDriver are missing: run scripts/system-deps.sh / make setup"
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        options.proxy = Proxy({"proxyType": ProxyType.MANUAL, "httpProxy": f"127.0.0.1:{proxy_port}",
                               "sslProxy": f"127.0.0.1:{proxy_port}", "noProxy": []})
        # WebKitGTK takes the page's language (navigator.languages) from the desktop's locale, as Safari
        # takes it from the Mac's: one compiled here from glibc's sources, so none need be installed
        env = {**os.environ, "DISPLAY": display, **_locale_env(languages.split(",")[0], locales)}
        service = Service(executable_path=WEBKIT_DRIVER, env=env)
        self._driver = webdriver.WebKitGTK(options=options, service=service)
        self.version = f"WebKitGTK {self._driver.capabilities.get('browserVersion')}"

    def open(self, url: str) -> None:
        self._driver.get(url)

    def set_files(self, selector: str, paths: list[Path]) -> None:
        from selenium.webdriver.common.by import By
        self._driver.find_element(By.CSS_SELECTOR, selector).send_keys("\n".join(str(p) for p in paths))

    def evaluate(self, script: str, *args: Any) -> Any:
        return self._driver.execute_script(f"const args = arguments[0];\n{script}", list(args))

    def wait(self, script: str, *args: Any, timeout: float = TIMEOUT) -> None:
        from selenium.webdriver.support.wait import WebDriverWait
        WebDriverWait(self._driver, timeout, poll_frequency=0.1).until(lambda _: self.evaluate(script, *args))

    def click(self, selector: str) -> None:
        from selenium.webdriver.common.by import By
        self._driver.find_element(By.CSS_SELECTOR, selector).click()

    def page_requests(self) -> list[str]:
        return []

    def quit(self) -> None:
        self._driver.quit()


def _locale_env(language: str, folder: Path) -> dict[str, str]:
    """LANG and LC_ALL for ``language`` ("da-DK"), its locale compiled into ``folder`` (LOCPATH)."""
    name = f"{language.replace('-', '_')}.UTF-8"
    if not (folder / name).is_dir():
        subprocess.run(["localedef", "-i", name.split(".")[0], "-f", "UTF-8", str(folder / name)], check=True,
                       capture_output=True, timeout=120)
    return {"LOCPATH": str(folder), "LANG": name, "LC_ALL": name, "LANGUAGE": ""}


@contextmanager
def running(name: str, proxy_port: int, languages: str = "en-GB") -> Iterator[Driver]:
    """The browser ``name`` ("firefox" or "webkit"), its traffic sent to the proxy on ``proxy_port``,
    its pages' languages ``languages``."""
    if name == "firefox":
        firefox = Firefox(proxy_port, languages)
        try:
            yield firefox
        finally:
            firefox.quit()
        return
    from tests.support.xdisplay import virtual_display
    assert shutil.which("Xvfb") and shutil.which("xdotool"), "Xvfb is missing: run scripts/system-deps.sh / make setup"
    assert shutil.which("localedef"), "localedef (glibc) is missing"
    with virtual_display() as display, tempfile.TemporaryDirectory(prefix="vidne-locales-") as locales:
        webkit = WebKit(proxy_port, languages, display, Path(locales))
        try:
            yield webkit
        finally:
            webkit.quit()
