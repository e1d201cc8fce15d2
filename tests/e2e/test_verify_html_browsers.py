"""verify.html in the other engines its recipients open it in: the system's Firefox (ESR, through
WebDriver BiDi) and WebKitGTK (Safari's engine, through WebKitWebDriver), each opened from disk with
every request sent to a local proxy that records and refuses it. Each gives the verdicts, problems and
trust answers `vidne verify --json` gives on the same zips (as tests/e2e/test_verify_html.py checks in
Chromium), speaks Danish and English, shows hostile text as text, takes a dropped zip and makes no
request at all. And in Chromium with WebCrypto's Ed25519 taken away, the pinned @noble/ed25519
fallback gives the same answers (the path a browser without Ed25519 takes).

Not tested here: choosing the unzipped folder (#folder), as neither driver can hand a page a directory
(Firefox 153's BiDi input.setFiles: "File error: Is directory"; WebKitWebDriver 2.50 hands over the
directory as one empty file with no relative path); test_verify_html.py does it in Chromium.
The full matrix of damaged and hostile zips is marked long (make test-long)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from capture.browser.find import launch_args
from evidence_store.handover.record import verify_html
from tests.e2e import test_verify_html as in_chromium
from tests.e2e.helpers import vidne
from tests.e2e.test_verify_html import CHROMIUM, EDITS, HOSTILE, HOSTILE_NOTE, HOSTILE_TITLE, Exports, _tampered
from tests.evidence_store.handover.helpers import rewrite_zip
from tests.support.browsers.drivers import Driver, running
from tests.support.browsers.proxy import RecordingProxy, recording_proxy

DONE = ("const v = document.body.dataset.verdict; return v !== 'working' && v !== 'waiting'"
        " && document.body.dataset.exporterConfirmed === args[0];")
ANSWERS = """
  return [document.body.dataset.verdict,
          Array.from(document.querySelectorAll(".problem"), (n) => n.textContent),
          Array.from(document.querySelectorAll(".bundle"), (n) => [n.dataset.captureId, n.dataset.time, n.dataset.seal,
            Array.from(n.querySelectorAll("tr[data-signer]"), (r) => r.dataset.signer)])];"""
exports = in_chromium.exports        # the same exports as the Chromium tests', built once for this module
TAMPERINGS = ["flipped", "deleted", "added", "edited-custody", "dropped-custody", "swapped-token", "forged-record"]
Trust = dict[str, tuple[str, str, list[str]]]
Answers = tuple[str, list[str], Trust]


@pytest.fixture(scope="module")
def proxy() -> Iterator[RecordingProxy]:
    with recording_proxy() as recording:
        yield recording


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def browser(request: pytest.FixtureRequest, proxy: RecordingProxy) -> Iterator[Driver]:
    with running(request.param, proxy.port) as driver:
        yield driver


@pytest.fixture
def driver(browser: Driver, proxy: RecordingProxy, page_html: Path) -> Iterator[Driver]:
    """The module's browser; after the test, no request was recorded: not by the proxy every request
    goes to, not by the driver (Firefox's BiDi network events)."""
    proxy.take()
    browser.page_requests()
    yield browser
    assert proxy.take() == []
    assert _requests(browser, page_html) == []


def _requests(browser: Driver, page_html: Path) -> list[str]:
    """What the driver saw pages ask for, but the page itself and data: addresses (Firefox reports a
    data: font of its own; nothing that leaves the browser)."""
    return [url for url in browser.page_requests() if url != page_html.as_uri() and not url.startswith("data:")]


@pytest.fixture(scope="module")
def page_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """verify.html as an export carries it, saved to disk as a recipient would."""
    path = tmp_path_factory.mktemp("page") / "verify.html"
    path.write_bytes(verify_html())
    return path


class Zips:
    """The zips the tests hand both browsers, each made once, and `vidne verify --json`'s answers on
    each, asked once."""

    def __init__(self, exports: Exports, folder: Path) -> None:
        self.exports, self.folder = exports, folder
        self._cli: dict[tuple[Path, tuple[str, ...]], Answers] = {}
        self._tampered: dict[str, tuple[Path, str]] = {}

    def tampered(self, kind: str) -> tuple[Path, str]:
        """test_verify_html.py's tampered copy of the trusted export, and the file the verdict must name."""
        if kind not in self._tampered:
            self._tampered[kind] = _tampered(self.exports, self.folder, kind)
        return self._tampered[kind]

    def made(self, name: str, make: Callable[[], Path]) -> Path:
        path = self.folder / f"{name}.zip"
        return path if path.exists() else make()

    def cli(self, zip_path: Path, *extra: str) -> Answers:
        key = (zip_path, extra)
        if key not in self._cli:
            report = json.loads(vidne("verify", str(zip_path), "--json", *extra).stdout)
            trust = {c["capture_id"]: (c["time"]["status"], c["seal"]["signer"] if c["seal"] else "",
                                       [e["signer"] for e in c["custody"]]) for c in report["captures"]}
            self._cli[key] = ("intact" if report["intact"] else "not-intact", list(report["problems"]), trust)
        return self._cli[key]


@pytest.fixture(scope="module")
def zips(exports: Exports, tmp_path_factory: pytest.TempPathFactory) -> Zips:
    return Zips(exports, tmp_path_factory.mktemp("zips"))


LISTEN = """window.vidneErrors = [];
  addEventListener("error", (e) => window.vidneErrors.push(String(e.message)));
  addEventListener("unhandledrejection", (e) => window.vidneErrors.push(String(e.reason)));"""


def _check(driver: Driver, html: Path, target: Path) -> Answers:
    driver.open(html.as_uri())
    assert driver.evaluate("return document.body.dataset.verdict;") == "waiting"
    driver.evaluate(LISTEN)
    driver.set_files("#zip", [target])
    driver.wait(DONE, "no")
    assert driver.evaluate("return window.vidneErrors;") == []
    return _answers(driver)


def _answers(driver: Driver) -> Answers:
    verdict, problems, bundles = driver.evaluate(ANSWERS)
    return verdict, problems, {cid: (time, seal, signers) for cid, time, seal, signers in bundles}


def _confirm(driver: Driver) -> Answers:
    """Tick "I have confirmed this fingerprint with the sender" and wait for the check it runs again."""
    assert driver.evaluate("return document.body.dataset.exporterConfirmed;") == "no"
    driver.click("#confirm-exporter")
    driver.wait(DONE, "yes")
    return _answers(driver)


def _text(driver: Driver, selector: str) -> str:
    return str(driver.evaluate("return document.querySelector(args[0]).textContent;", selector))


def test_an_intact_export_is_intact_and_trusted_once_the_exporter_is_confirmed(
    exports: Exports, zips: Zips, driver: Driver, page_html: Path
) -> None:
    answers = _check(driver, page_html, exports.trusted)
    assert answers == zips.cli(exports.trusted)
    verdict, problems, times = answers
    assert verdict == "intact" and problems == [] and times[exports.stamped][0] == "untrusted"
    # Firefox 129+ and Safari 17+ verify Ed25519 in WebCrypto (the fallback is tested in Chromium below)
    assert _text(driver, ".engine").startswith("Ed25519 by WebCrypto;")
    cli = json.loads(vidne("verify", str(exports.trusted), "--json").stdout)
    assert _text(driver, "#zip-sha256") == cli["zip_sha256"]
    fingerprints = driver.evaluate("return Array.from(document.querySelectorAll('.confirm .fingerprint'),"
                                   " (n) => n.textContent);")
    assert exports.exporter in fingerprints
    # hostile text is text: shown as it is, no element made of it, nothing run
    hostile = f"[data-capture-id='{exports.hostile}']"
    assert _text(driver, f"{hostile} .capture_title") == HOSTILE_TITLE
    assert _text(driver, f"{hostile} .capture_note") == HOSTILE_NOTE
    assert driver.evaluate("return [document.querySelectorAll('script').length,"
                           " document.querySelectorAll('#result img, #result b').length, document.title];") \
        == [1, 0, "Vidne — check an export"]

    answers = _confirm(driver)
    assert answers == zips.cli(exports.trusted, "--trust-key", exports.exporter)
    assert answers[2][exports.stamped][0] == "trusted"
    assert _text(driver, f"[data-capture-id='{exports.stamped}'] .time").startswith("Trusted time ")


@pytest.mark.parametrize("which", ["untrusted", "handed_on", "attack"])
def test_untrusted_handed_on_and_a_strangers_exports_get_vidne_verifys_answers(
    which: str, exports: Exports, zips: Zips, driver: Driver, page_html: Path
) -> None:
    zip_path = getattr(exports, which)
    answers = _check(driver, page_html, zip_path)
    assert answers == zips.cli(zip_path)
    assert answers[0] == "intact" and answers[2][exports.stamped][0] == "untrusted"
    # the person confirms the key that signed export.json, as `vidne verify --trust-key FP`
    confirmed_key = {"untrusted": exports.exporter, "handed_on": exports.hr, "attack": exports.stranger}[which]
    answers = _confirm(driver)
    assert answers == zips.cli(zip_path, "--trust-key", confirmed_key)
    if which == "handed_on":      # the organisation's root, listed by HR's confirmed key, counts
        assert answers[2][exports.stamped][0] == "trusted"


@pytest.mark.parametrize("kind", TAMPERINGS)
def test_each_tampering_is_not_intact_naming_the_file_as_vidne_verify_does(
    kind: str, zips: Zips, driver: Driver, page_html: Path
) -> None:
    zip_path, named = zips.tampered(kind)
    answers = _check(driver, page_html, zip_path)
    assert answers == zips.cli(zip_path)
    assert answers[0] == "not-intact" and any(p.startswith(named) for p in answers[1]), answers[1]


@pytest.mark.long
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_each_damage_to_a_bundle_or_the_record_gets_the_answers_vidne_verify_gives(
    edit: str, exports: Exports, zips: Zips, driver: Driver, page_html: Path
) -> None:
    where, change = EDITS[edit]
    target = (where[1:] if where.startswith("/") else f"{exports.stamped}/{where[1:]}" if where.startswith("@")
              else f"{exports.tall}/{where}")
    zip_path = zips.made(f"edit-{edit}", lambda: rewrite_zip(
        exports.trusted, zips.folder / f"edit-{edit}.zip", lambda name, data: change(data) if name == target else data))
    answers = _check(driver, page_html, zip_path)
    assert answers == zips.cli(zip_path)
    assert answers[0] == "not-intact" and answers[1]


@pytest.mark.long
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_zip_gets_the_answers_vidne_verify_gives(
    case: str, exports: Exports, zips: Zips, driver: Driver, page_html: Path
) -> None:
    def make() -> Path:
        path = zips.folder / f"hostile-{case}.zip"
        path.write_bytes(HOSTILE[case][0](exports.trusted.read_bytes(), exports.tall))
        return path
    zip_path = zips.made(f"hostile-{case}", make)
    verdict, problems, _ = _check(driver, page_html, zip_path)
    assert (verdict, problems) == zips.cli(zip_path)[:2]
    assert verdict == "not-intact"


def test_not_a_zip_is_an_error_and_the_page_speaks_english_and_danish(
    driver: Driver, page_html: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "not-an-export.zip"
    junk.write_bytes(b"this is not a zip")
    assert _check(driver, page_html, junk)[0] == "error"
    assert "is not a zip file" in _text(driver, "#result")
    assert _text(driver, "h1") == "Vidne — check an export"
    driver.click("#lang")
    assert _text(driver, "h1") == "Vidne — kontrollér en eksport"
    assert "Filen kan ikke kontrolleres" in _text(driver, "#result")


def test_a_dropped_zip_is_checked_and_its_problem_named_as_vidne_verify_does(
    zips: Zips, driver: Driver, page_html: Path
) -> None:
    zip_path, named = zips.tampered("flipped")
    driver.open(page_html.as_uri())
    # dropped onto the page, as a person drags the zip from a folder window
    driver.evaluate(
        """const [name, b64] = args;
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], name, {type: "application/zip"}));
        document.getElementById("drop").dispatchEvent(
            new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));""",
        zip_path.name, base64.b64encode(zip_path.read_bytes()).decode("ascii"))
    driver.wait(DONE, "no")
    assert _answers(driver) == zips.cli(zip_path)
    driver.click("#lang")
    assert driver.evaluate("return Array.from(document.querySelectorAll('.problem'), (n) => n.textContent);") \
        == [f"{named}: dens sha256 er ikke den, manifest.json angiver (ændret efter forseglingen)"]


def test_the_proxy_records_what_a_page_asks_for_and_verify_html_asks_for_nothing(
    browser: Driver, proxy: RecordingProxy, page_html: Path, tmp_path: Path
) -> None:
    """The record the other tests find empty is real: a plain page's requests reach the proxy (and, in
    Firefox, the driver's network events) and are refused. The same requests from verify.html are not
    even made: its Content-Security-Policy forbids them."""
    fetch = """return Promise.all(args.map((url) => fetch(url).then(() => "answered", () => "refused")));"""
    canary = ["http://example.com/vidne-canary", "https://example.com/vidne-canary"]
    plain = tmp_path / "plain.html"
    plain.write_text("<!doctype html><title>plain</title>", encoding="utf-8")
    proxy.take()
    browser.page_requests()
    browser.open(plain.as_uri())
    assert browser.evaluate(fetch, *canary) == ["refused", "refused"]
    recorded = proxy.take()
    assert "GET http://example.com/vidne-canary HTTP/1.1" in recorded, recorded
    # Firefox asks the proxy to CONNECT; WebKit speaks TLS to it (as to an https proxy)
    assert any(line.startswith("CONNECT example.com:443 ") or line == "TLS hello" for line in recorded), recorded
    if browser.name == "firefox":
        assert set(canary) <= set(browser.page_requests())

    browser.open(page_html.as_uri())
    assert browser.evaluate(fetch, *canary) == ["refused", "refused"]
    assert proxy.take() == []
    assert _requests(browser, page_html) == []


@pytest.mark.parametrize("name", ["firefox", "webkit"])
def test_a_danish_browser_gets_the_page_in_danish(name: str, proxy: RecordingProxy, page_html: Path) -> None:
    proxy.take()
    with running(name, proxy.port, languages="da-DK,da") as danish:
        danish.open(page_html.as_uri())
        assert danish.evaluate("return [document.documentElement.lang, document.querySelector('h1').textContent];") \
            == ["da", "Vidne — kontrollér en eksport"]
    assert proxy.take() == []


NO_ED25519 = """
(() => {
  const subtle = crypto.subtle;
  const named = (algorithm) => String(algorithm && (algorithm.name || algorithm)).toLowerCase() === "ed25519";
  for (const method of ["importKey", "verify"]) {
    const original = subtle[method].bind(subtle);
    subtle[method] = (...args) => args.some(named)
      ? Promise.reject(new DOMException("Ed25519 is not supported", "NotSupportedError")) : original(...args);
  }
})();"""


def test_without_webcrypto_ed25519_the_pinned_fallback_gives_the_same_answers(
    exports: Exports, zips: Zips, page_html: Path
) -> None:
    """A browser without Ed25519 in WebCrypto (older Safari and Firefox) verifies with the inlined
    @noble/ed25519: Chromium with Ed25519 taken out of crypto.subtle gives the answers `vidne verify`
    gives, for the manifest's, the custody lines' and export.json's signatures, good and bad."""
    cases = [(exports.trusted, ()), (exports.handed_on, ("--trust-key", exports.hr))]
    cases += [(zips.tampered(kind)[0], ()) for kind in ("edited-custody", "forged-record")]
    cases += [(zips.made("edit-signature-zeros", lambda: rewrite_zip(
        exports.trusted, zips.folder / "edit-signature-zeros.zip",
        lambda name, data: bytes(64) if name == f"{exports.tall}/manifest.json.sig" else data)), ())]
    requests: list[str] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=launch_args())
        context = chromium.new_context(locale="en-GB", service_workers="block")
        context.on("request", lambda request: requests.append(request.url))
        context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
        context.add_init_script(NO_ED25519)
        for zip_path, extra in cases:
            page = context.new_page()
            page.goto(page_html.as_uri())
            page.set_input_files("#zip", str(zip_path))
            page.wait_for_selector("body:not([data-verdict=working]):not([data-verdict=waiting])",
                                   state="attached", timeout=180_000)
            assert page.inner_text(".engine").startswith("Ed25519 by @noble/ed25519")
            if extra:
                page.check("#confirm-exporter")
                page.wait_for_selector("body[data-exporter-confirmed=yes]:not([data-verdict=working])",
                                       state="attached", timeout=180_000)
            verdict, problems, bundles = page.evaluate(f"() => {{ {ANSWERS} }}")
            answers = (verdict, problems, {cid: (t, s, signers) for cid, t, s, signers in bundles})
            assert answers == zips.cli(zip_path, *extra)
            page.close()
        chromium.close()
    assert [url for url in requests if url != page_html.as_uri()] == []
