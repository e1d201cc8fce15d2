"""verify.html, the verifier every export carries, in a real Chromium opened from disk with the network
blocked and every request recorded: it gives the verdicts, problems and trust answers `vidne verify`
gives on the same zips (an intact export of three bundles, seven kinds of tampering, a stamp from an
authority nobody listed, an export handed on by HR, a stranger's re-export listing the stranger's own
root), shows hostile text as text, reads an unzipped folder too, speaks Danish and English, and makes
no request at all. What export.json lists (the organisation's time-stamp roots) counts only once the
person ticks "I have confirmed this fingerprint with the sender", as `vidne verify --trust-key FP`."""

from __future__ import annotations

import base64
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from capture.browser.find import launch_args
from evidence_store.bundle.keys import SigningKey
from evidence_store.handover.importing import import_zip
from evidence_store.handover.record import verify_html
from evidence_store.rfc3161.client import request_token
from evidence_store.store.store import Store
from evidence_store.trust.policy import TrustPolicy, load_root_file
from tests.e2e.helpers import vidne
from tests.evidence_store.conftest import Art, png_bytes, sample_facts
from tests.evidence_store.handover.helpers import export, rewrite_zip
from tests.evidence_store.handover.test_hostile_zips import CASES as HOSTILE
from tests.support.forged import forge_stamp
from tests.support.tsa_server import running_tsa

CHROMIUM = "/usr/bin/chromium"
HOSTILE_TITLE = "<script>document.body.dataset.verdict='intact'</script><b>Opslag</b> \u202e😀"
HOSTILE_NOTE = "<img src=x onerror=\"document.title='pwned'\"> note"
DONE = "body:not([data-verdict=working]):not([data-verdict=waiting])"
CONFIRMED = "body[data-exporter-confirmed=yes]:not([data-verdict=working]):not([data-verdict=waiting])"


@dataclass(frozen=True)
class Exports:
    trusted: Path              # export.json lists the stamping authority's root as the organisation's
    untrusted: Path            # the same bundles exported again, listing no root
    handed_on: Path            # HR imported `trusted` and exported it again, listing the same root
    attack: Path               # a stranger imported `trusted`, stamped `tall` with their own authority
                               # and exported it again with their own key, listing their own root
    exporter: str              # the fingerprints of the keys that signed each export.json
    hr: str
    stranger: str
    stranger_stamper: str      # the key that signed the stranger's "timestamped" event
    tall: str                  # the capture ids: a 60,000 px screenshot, a time-stamped one, hostile text
    stamped: str
    hostile: str
    other_token: bytes         # a real token from the same authority, for other data


def _seal(store: Store, title: str, note: str, png: bytes) -> str:
    with store.begin_capture() as staging:
        (staging.artifacts_dir / "screenshot-full.png").write_bytes(png)
        (staging.artifacts_dir / "page.html").write_text("<html><body>Hej æøå</body></html>", encoding="utf-8")
        record = store.seal(staging, facts=sample_facts(title), operator="Mette Hansen",
                            organisation="Aarhus Kommune", case="Facebook-gruppe oktober", note=note,
                            artifacts=[Art("screenshot-full.png", "image/png"), Art("page.html", "text/html")])
    return record.id


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exports]:
    folder = tmp_path_factory.mktemp("verify-html")
    store = Store.open(folder / "store")
    try:
        tall = _seal(store, "A long page", "", png_bytes(4, 60_000))
        stamped = _seal(store, "Stamped", "", png_bytes())
        hostile = _seal(store, HOSTILE_TITLE, HOSTILE_NOTE, png_bytes(5, 5))
        with running_tsa(folder / "tsa") as tsa:
            manifest = (store.get(stamped).path / "manifest.json").read_bytes()
            token = request_token(manifest, tsa.url("ok"), extra_roots=[tsa.pki.root_cert])
            store.add_timestamp(stamped, token.tsr_bytes, token.chain_pem, actor="Vidne", organisation="Aarhus Kommune")
            other = request_token(b"other data", tsa.url("ok"), extra_roots=[tsa.pki.root_cert]).tsr_bytes
            organisation = store.trust_policy(TrustPolicy(tsa_roots=(tsa.pki.root_cert,)))
        trusted = export(store, folder / "trusted.zip", trust=organisation).zip_path
        untrusted = export(store, folder / "untrusted.zip").zip_path
        with Store.open(folder / "hr") as hr:
            import_zip(hr, trusted, actor="Hanne HR", organisation="Aarhus Kommune, HR")
            handed_on = export(hr, folder / "handed-on.zip", by="Hanne HR",
                               trust=hr.trust_policy(TrustPolicy(tsa_roots=(tsa.pki.root_cert,)))).zip_path
            hr_fp = hr.fingerprint()
        with Store.open(folder / "stranger") as stranger:
            import_zip(stranger, trusted, actor="Mallory", organisation="Nobody")
            forged = forge_stamp(stranger.get(tall).path, folder / "stranger-tsa", label="Stranger")
            stranger.reconcile()
            own = stranger.trust_policy(TrustPolicy(tsa_roots=load_root_file(forged.root_pem)))
            attack = export(stranger, folder / "attack.zip", by="Mallory", trust=own).zip_path
            stranger_fp = stranger.fingerprint()
        yield Exports(trusted, untrusted, handed_on, attack, store.fingerprint(), hr_fp, stranger_fp,
                      forged.key.fingerprint(), tall, stamped, hostile, other)
    finally:
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[tuple[BrowserContext, list[str]]]:
    assert os.path.exists(CHROMIUM), "Chromium is missing: run scripts/system-deps.sh / make setup"
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=launch_args())
        context = browser.new_context(locale="en-GB", service_workers="block")
        context.on("request", lambda request: requests.append(request.url))
        context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
        yield context, requests
        browser.close()


@pytest.fixture
def browser_context(browser: tuple[BrowserContext, list[str]]) -> tuple[BrowserContext, list[str]]:
    """The module's browser, with the requests of this test only (every one recorded; none but file:
    ones allowed out)."""
    browser[1].clear()
    return browser


@pytest.fixture
def page_html(tmp_path: Path) -> Path:
    """verify.html as an export carries it, saved to disk as a recipient would."""
    path = tmp_path / "verify.html"
    path.write_bytes(verify_html())
    return path


def _check(context: BrowserContext, html: Path, target: Path, *, folder: bool = False) -> Page:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(html.as_uri())
    assert page.get_attribute("body", "data-verdict") == "waiting"
    page.set_input_files("#folder" if folder else "#zip", str(target))
    page.wait_for_selector(DONE, state="attached", timeout=180_000)
    assert errors == []
    return page


Trust = dict[str, tuple[str, str, list[str]]]     # capture id -> (time status, seal signer, custody signers)


def _page_answers(page: Page) -> tuple[str, list[str], Trust]:
    verdict = page.get_attribute("body", "data-verdict") or ""
    problems = page.locator(".problem").all_inner_texts()
    trust = page.locator(".bundle").evaluate_all(
        """(nodes) => nodes.map((n) => [n.dataset.captureId, n.dataset.time, n.dataset.seal,
                                        Array.from(n.querySelectorAll("tr[data-signer]"), (r) => r.dataset.signer)])""")
    return verdict, problems, {cid: (time, seal, signers) for cid, time, seal, signers in trust}


def _confirm(page: Page) -> None:
    """Tick "I have confirmed this fingerprint with the sender" and wait for the check it runs again."""
    assert page.get_attribute("body", "data-exporter-confirmed") == "no"
    page.check("#confirm-exporter")
    page.wait_for_selector(CONFIRMED, state="attached", timeout=180_000)


def _cli_answers(zip_path: Path, *extra: str) -> tuple[str, list[str], Trust]:
    done = vidne("verify", str(zip_path), "--json", *extra)
    report = json.loads(done.stdout)
    verdict = "intact" if report["intact"] else "not-intact"
    trust = {c["capture_id"]: (c["time"]["status"], c["seal"]["signer"] if c["seal"] else "",
                               [e["signer"] for e in c["custody"]]) for c in report["captures"]}
    return verdict, list(report["problems"]), trust


def test_an_intact_export_is_intact_as_vidne_verify_says_with_no_request(
    exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path
) -> None:
    context, requests = browser_context
    page = _check(context, page_html, exports.trusted)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(exports.trusted)
    assert verdict == "intact" and problems == []
    # export.json lists the authority's root, but nobody confirmed the key that signed it: not trusted
    assert {cid: answer[0] for cid, answer in times.items()} == {
        exports.tall: "none", exports.stamped: "untrusted", exports.hostile: "none"}
    assert {answer[1] for answer in times.values()} == {"unknown"}
    assert page.get_attribute("body", "data-exporter-confirmed") == "no"
    # the zip's own sha256 and every fingerprint to confirm out of band
    cli = json.loads(vidne("verify", str(exports.trusted), "--json").stdout)
    assert page.inner_text("#zip-sha256") == cli["zip_sha256"]
    fingerprints = page.locator(".confirm .fingerprint").all_inner_texts()
    assert cli["exporter_fingerprint"] == exports.exporter and exports.exporter in fingerprints
    record = json.loads(zipfile.ZipFile(exports.trusted).read("export.json"))
    assert record["organisation_tsa_roots"] and record["organisation_tsa_roots"][0] in fingerprints
    assert "Confirm the exporter's key first" in page.inner_text(".confirm")
    assert any(record["organisation_tsa_roots"][0] in note and "confirmed the exporter's key" in note
               for note in cli["notes"])
    # hostile text is text: shown as it is, no element made of it, nothing run
    hostile = page.locator(f"[data-capture-id='{exports.hostile}']")
    assert hostile.locator(".capture_title").inner_text() == HOSTILE_TITLE
    assert hostile.locator(".capture_note").inner_text() == HOSTILE_NOTE
    assert page.locator("script").count() == 1 and page.locator("#result img, #result b").count() == 0
    assert page.title() != "pwned"
    # the custody signers: the store's key sealed and signed every event
    signers = page.locator(f"[data-capture-id='{exports.stamped}'] tr[data-signer]")
    assert [signers.nth(i).get_attribute("data-signer") for i in range(signers.count())] == ["sealer"] * 3
    assert [c["signer"] for c in next(c for c in cli["captures"] if c["capture_id"] == exports.stamped)["custody"]] \
        == ["sealer"] * 3

    # the person confirmed the exporter's fingerprint with the sender: as `vidne verify --trust-key FP`
    _confirm(page)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(exports.trusted, "--trust-key", exports.exporter)
    assert times[exports.stamped][0] == "trusted" and {answer[1] for answer in times.values()} == {"known"}
    assert page.locator(f"[data-capture-id='{exports.stamped}'] .time").inner_text().startswith("Trusted time ")
    assert page.is_checked("#confirm-exporter") and "Confirmed by you" in page.inner_text(".confirm")
    page.close()
    assert [url for url in requests if url != page_html.as_uri()] == []


def test_a_stamp_from_an_authority_nobody_listed_is_not_trusted(
    exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path
) -> None:
    context, requests = browser_context
    page = _check(context, page_html, exports.untrusted)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(exports.untrusted)
    assert verdict == "intact" and times[exports.stamped][0] == "untrusted"
    shown = page.locator(f"[data-capture-id='{exports.stamped}'] .time").inner_text()
    assert "NOT TRUSTED" in shown and "Vidne Test" in shown       # the authority is named
    # confirming the exporter's key makes its events known, but no root was listed: still not trusted
    _confirm(page)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(exports.untrusted, "--trust-key", exports.exporter)
    assert times[exports.stamped][0] == "untrusted"
    page.close()
    assert [url for url in requests if url != page_html.as_uri()] == []


def _cli_text_block(zip_path: Path, capture_id: str, *extra: str) -> str:
    done = vidne("verify", str(zip_path), *extra)
    lines = done.stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"  {capture_id}: "))
    end = next((n for n in range(start + 1, len(lines)) if not lines[n].startswith("    ")), len(lines))
    return "\n".join(lines[start:end])


def test_an_export_handed_on_by_hr_is_trusted_only_once_hrs_key_is_confirmed(
    exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path
) -> None:
    """HR's export lists the organisation's root; HR's "received" and "exported" events are by HR's
    key. Not confirmed: the stamp is NOT TRUSTED and HR's events are by an UNKNOWN key, on the page and
    in `vidne verify`. Confirmed (the tick; --trust-key HR): trusted, and HR's events known."""
    context, requests = browser_context
    page = _check(context, page_html, exports.handed_on)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(exports.handed_on)
    assert verdict == "intact"
    assert times[exports.stamped] == ("untrusted", "unknown", ["sealer"] * 3 + ["unknown"] * 2)
    stamped = page.locator(f"[data-capture-id='{exports.stamped}']")
    assert "NOT TRUSTED" in stamped.locator(".time").inner_text()
    assert f"UNKNOWN key {exports.hr}" in (stamped.locator("tr[data-signer=unknown]").first.text_content() or "")
    text = _cli_text_block(exports.handed_on, exports.stamped)
    assert "time: NOT TRUSTED (" in text and "WARNING" in text and exports.hr in text

    _confirm(page)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(exports.handed_on, "--trust-key", exports.hr)
    # the seal is the employee's key, which nobody confirmed here
    assert times[exports.stamped] == ("trusted", "unknown", ["sealer"] * 3 + ["known"] * 2)
    assert "NOT TRUSTED" not in stamped.locator(".time").inner_text()
    text = _cli_text_block(exports.handed_on, exports.stamped, "--trust-key", exports.hr)
    assert "time: TRUSTED " in text and "WARNING" not in text
    page.close()
    assert [url for url in requests if url != page_html.as_uri()] == []


def test_a_strangers_re_export_listing_their_own_root_gains_no_trust(
    exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path
) -> None:
    """The attack: export.json signed by a stranger's key, listing the stranger's own root, over a stamp
    from the stranger's authority. Intact, but the time is not trusted and the stranger's events are
    unknown, on the page and in `vidne verify`, also for a verifier who trusts the genuine exporter."""
    context, requests = browser_context
    record = json.loads(zipfile.ZipFile(exports.attack).read("export.json"))
    assert record["exporter"]["public_key_sha256"] == exports.stranger and record["organisation_tsa_roots"]
    page = _check(context, page_html, exports.attack)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(exports.attack)
    assert verdict == "intact" and page.get_attribute("body", "data-exporter-confirmed") == "no"
    time, seal, signers = times[exports.tall]
    assert (time, seal) == ("untrusted", "unknown") and signers.count("unknown") == 3   # received, stamped, exported
    assert "NOT TRUSTED" in page.locator(f"[data-capture-id='{exports.tall}'] .time").inner_text()
    cli = json.loads(vidne("verify", str(exports.attack), "--json").stdout)
    tall = next(c for c in cli["captures"] if c["capture_id"] == exports.tall)
    assert {c["signer_fingerprint"] for c in tall["custody"] if c["signer"] == "unknown"} == {
        exports.stranger, exports.stranger_stamper}
    assert cli["exporter"]["signer"] == "unknown"
    # trusting the genuine exporter's key gives the stranger's list nothing
    trusting_genuine = _cli_answers(exports.attack, "--trust-key", exports.exporter)[2]
    assert trusting_genuine[exports.tall][0] == "untrusted"
    page.close()
    assert [url for url in requests if url != page_html.as_uri()] == []


def _tampered(exports: Exports, tmp: Path, kind: str) -> tuple[Path, str]:
    """A copy of the trusted export changed in one way, and the file the verdict must name."""
    tall, stamped, hostile = exports.tall, exports.stamped, exports.hostile
    out = tmp / f"{kind}.zip"
    if kind == "flipped":
        def flip(name: str, data: bytes) -> bytes:
            if name == f"{tall}/artifacts/page.html":
                return data[:10] + bytes([data[10] ^ 1]) + data[11:]
            return data
        return rewrite_zip(exports.trusted, out, flip), f"{tall}/artifacts/page.html"
    if kind == "deleted":
        return rewrite_zip(exports.trusted, out, lambda n, d: None if n == f"{hostile}/artifacts/page.html" else d), \
            f"{hostile}/artifacts/page.html"
    if kind == "added":
        return rewrite_zip(exports.trusted, out, lambda n, d: d, {f"{tall}/artifacts/extra.txt": b"planted"}), \
            f"{tall}/artifacts/extra.txt"
    if kind == "edited-custody":
        def edit(name: str, data: bytes) -> bytes:
            return data.replace(b'"actor":"Mette Hansen"', b'"actor":"Mette Jensen"', 1) \
                if name == f"{stamped}/custody.jsonl" else data
        return rewrite_zip(exports.trusted, out, edit), f"{stamped}/custody.jsonl"
    if kind == "dropped-custody":
        def drop(name: str, data: bytes) -> bytes:
            return b"".join(data.splitlines(keepends=True)[:-1]) if name == f"{hostile}/custody.jsonl" else data
        return rewrite_zip(exports.trusted, out, drop), f"{hostile}/custody.jsonl"
    if kind == "swapped-token":
        return rewrite_zip(exports.trusted, out, lambda n, d: exports.other_token
                           if n == f"{stamped}/timestamp.tsr" else d), f"{stamped}/timestamp.tsr"
    assert kind == "forged-record"
    return rewrite_zip(exports.trusted, out, lambda n, d: d.replace(b"Facebook-gruppe", b"Facebook-gruppa")
                       if n == "export.json" else d), "export.json.sig"


@pytest.mark.parametrize("kind", ["flipped", "deleted", "added", "edited-custody", "dropped-custody",
                                  "swapped-token", "forged-record"])
def test_each_tampering_is_not_intact_naming_the_file_as_vidne_verify_does(
    kind: str, exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path, tmp_path: Path
) -> None:
    context, requests = browser_context
    zip_path, named = _tampered(exports, tmp_path, kind)
    page = _check(context, page_html, zip_path)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(zip_path)
    assert verdict == "not-intact"
    assert any(p.startswith(named) for p in problems), problems
    files = page.locator(".problem").evaluate_all("(nodes) => nodes.map((n) => n.dataset.file)")
    assert any(f.startswith(named) for f in files)
    page.close()
    assert [url for url in requests if url != page_html.as_uri()] == []


def test_the_unzipped_folder_checks_the_same_and_damage_in_it_is_named(
    exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path, tmp_path: Path
) -> None:
    context, _ = browser_context
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(exports.trusted) as zf:
        zf.extractall(folder)
    page = _check(context, page_html, folder, folder=True)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems) == ("intact", [])
    assert times[exports.stamped][0] == "untrusted"
    _confirm(page)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems) == ("intact", []) and times[exports.stamped][0] == "trusted"
    page.close()
    (folder / exports.tall / "artifacts" / "page.html").write_bytes(b"changed")
    page = _check(context, page_html, folder, folder=True)
    verdict, problems, _ = _page_answers(page)
    assert verdict == "not-intact" and any(p.startswith(f"{exports.tall}/artifacts/page.html") for p in problems)
    page.close()


def test_not_a_zip_is_an_error_and_the_page_speaks_danish_and_english(
    browser_context: tuple[BrowserContext, list[str]], page_html: Path, tmp_path: Path
) -> None:
    context, _ = browser_context
    junk = tmp_path / "not-an-export.zip"
    junk.write_bytes(b"this is not a zip")
    page = _check(context, page_html, junk)
    assert page.get_attribute("body", "data-verdict") == "error"
    assert "is not a zip file" in page.inner_text("#result")
    assert page.inner_text("h1") == "Vidne — check an export"
    page.click("#lang")
    assert page.inner_text("h1") == "Vidne — kontrollér en eksport"
    assert "Filen kan ikke kontrolleres" in page.inner_text("#result")
    page.close()
    assert context.browser is not None
    danish = context.browser.new_context(locale="da-DK")
    page = danish.new_page()
    page.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
    page.goto(page_html.as_uri())
    assert page.inner_text("h1") == "Vidne — kontrollér en eksport"
    assert page.get_attribute("html", "lang") == "da"
    danish.close()


def test_problems_in_danish_name_the_same_file_and_a_dropped_zip_is_checked(
    exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path, tmp_path: Path
) -> None:
    context, requests = browser_context
    assert context.browser is not None
    zip_path, named = _tampered(exports, tmp_path, "flipped")
    danish = context.browser.new_context(locale="da-DK")
    danish.on("request", lambda request: requests.append(request.url))
    danish.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
    page = danish.new_page()
    page.goto(page_html.as_uri())
    # dropped onto the page, as a person drags the zip from a folder window
    page.locator("#drop").evaluate(
        """(zone, [name, b64]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], name, {type: "application/zip"}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }""", [zip_path.name, base64.b64encode(zip_path.read_bytes()).decode("ascii")])
    page.wait_for_selector(DONE, state="attached", timeout=180_000)
    assert page.get_attribute("body", "data-verdict") == "not-intact"
    problems = page.locator(".problem").all_inner_texts()
    assert problems == [f"{named}: dens sha256 er ikke den, manifest.json angiver (ændret efter forseglingen)"]
    assert "IKKE INTAKT" in page.inner_text("#verdict")
    assert "Jeg har bekræftet dette fingeraftryk med afsenderen (pr. telefon eller personligt)" \
        in page.inner_text(".confirm-exporter")
    page.click("#lang")        # the same problem in English, as vidne verify words it
    assert page.locator(".problem").all_inner_texts() == _cli_answers(zip_path)[1]
    assert page.inner_text(".confirm-exporter").strip() == \
        "I have confirmed this fingerprint with the sender (by phone or in person)"
    danish.close()
    assert [url for url in requests if url != page_html.as_uri()] == []



@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_zip_gets_the_answers_vidne_verify_gives(
    case: str, exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path, tmp_path: Path
) -> None:
    """The hand-over's hostile zips (tests/evidence_store/handover/test_hostile_zips.py), each given to
    verify.html and to `vidne verify`: the same verdict and the same problems, word for word."""
    context, requests = browser_context
    make, _expected = HOSTILE[case]
    zip_path = tmp_path / f"{case}.zip"
    zip_path.write_bytes(make(exports.trusted.read_bytes(), exports.tall))
    page = _check(context, page_html, zip_path)
    verdict, problems, _times = _page_answers(page)
    cli_verdict, cli_problems, _ = _cli_answers(zip_path)
    assert (verdict, problems) == (cli_verdict, cli_problems)
    assert verdict == "not-intact"
    page.close()
    assert [url for url in requests if url != page_html.as_uri()] == []


def _other_key_pem() -> bytes:
    return SigningKey.generate().public_pem()


def _edit_custody(data: bytes, line: int, change: Callable[[bytes], bytes]) -> bytes:
    lines = data.split(b"\n")
    lines[line] = change(lines[line])
    return b"\n".join(lines)


# name -> (the file it changes inside the tall capture's folder, at the top ("/"), or in the time-stamped
# capture's folder ("@"), and how)
EDITS: dict[str, tuple[str, Callable[[bytes], bytes | None]]] = {
    "manifest-note": ("manifest.json", lambda d: d.replace(b'"note": "', b'"note": "X', 1)),
    "manifest-not-utf8": ("manifest.json", lambda d: d.replace(b'"note": "', b'"note": "\xff', 1)),
    "manifest-not-json": ("manifest.json", lambda d: d[:-20]),
    "signature-short": ("manifest.json.sig", lambda d: d[:10]),
    "signature-zeros": ("manifest.json.sig", lambda d: bytes(64)),
    "signature-removed": ("manifest.json.sig", lambda d: None),
    "key-replaced": ("signer.pub.pem", lambda d: _other_key_pem()),
    "key-crlf": ("signer.pub.pem", lambda d: d.replace(b"\n", b"\r\n")),
    "sums-reordered": ("SHA256SUMS", lambda d: b"".join(reversed(d.splitlines(keepends=True)))),
    "sums-line-removed": ("SHA256SUMS", lambda d: b"".join(d.splitlines(keepends=True)[:-1])),
    "sums-extra-line": ("SHA256SUMS", lambda d: d + b"0" * 64 + b"  artifacts/extra.png\n"),
    "sums-no-newline": ("SHA256SUMS", lambda d: d[:-1]),
    "custody-duplicated": ("custody.jsonl", lambda d: d + d.splitlines(keepends=True)[-1]),
    "custody-spaced": ("custody.jsonl", lambda d: _edit_custody(d, 0, lambda line: line.replace(b'","', b'", "', 1))),
    "custody-not-json": ("custody.jsonl", lambda d: _edit_custody(d, 1, lambda line: line[:-5])),
    "custody-torn": ("custody.jsonl", lambda d: d[:-1]),
    "custody-seq": ("custody.jsonl", lambda d: _edit_custody(d, 1, lambda line: line.replace(b'"seq":2', b'"seq":3'))),
    "custody-empty": ("custody.jsonl", lambda d: b""),
    "bundle-verify-txt": ("VERIFY.txt", lambda d: d + b"\nAll is well.\n"),
    "artifact-truncated": ("artifacts/page.html", lambda d: d[:5]),
    "top-verify-txt": ("/VERIFY.txt", lambda d: d + b"\n"),
    "top-report": ("/chain-of-custody.pdf", lambda d: d + b"%"),
    "top-key-replaced": ("/exporter.pub.pem", lambda d: _other_key_pem()),
    "top-signature-removed": ("/export.json.sig", lambda d: None),
    "top-record-removed": ("/export.json", lambda d: None),
    "top-record-not-json": ("/export.json", lambda d: d[:30]),
    "stamp-removed": ("@timestamp.tsr", lambda d: None),
    "stamp-garbage": ("@timestamp.tsr", lambda d: d[:40] + bytes(20) + d[60:]),
    "stamp-chain-removed": ("@tsa-chain.pem", lambda d: None),
    "stamp-chain-garbage": ("@tsa-chain.pem", lambda d: d.replace(b"MII", b"XYZ")),
    "stamp-chain-root-only": ("@tsa-chain.pem", lambda d: d[d.rfind(b"-----BEGIN"):]),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_each_damage_to_a_bundle_or_the_record_gets_the_answers_vidne_verify_gives(
    edit: str, exports: Exports, browser_context: tuple[BrowserContext, list[str]], page_html: Path, tmp_path: Path
) -> None:
    context, requests = browser_context
    where, change = EDITS[edit]
    target = (where[1:] if where.startswith("/") else f"{exports.stamped}/{where[1:]}" if where.startswith("@")
              else f"{exports.tall}/{where}")
    zip_path = rewrite_zip(exports.trusted, tmp_path / f"{edit}.zip",
                           lambda name, data: change(data) if name == target else data)
    page = _check(context, page_html, zip_path)
    verdict, problems, times = _page_answers(page)
    assert (verdict, problems, times) == _cli_answers(zip_path)
    assert verdict == "not-intact" and problems
    page.close()
    assert [url for url in requests if url != page_html.as_uri()] == []
