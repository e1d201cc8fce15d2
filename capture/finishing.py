"""The last part of a capture, after the screenshots: what makes the record complete and safe.

protect_page   before the DOM is saved: learn every secret value, blank hidden token fields
finish_page    after it: login-wall check, media files, the network record (WACZ)
session_facts  what the manifest says about the browser profile, by site and name only
seal_secrets   at the very end: no secret value in any file written or in the facts
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError

from capture.browser import profile
from capture.facts import CaptureFacts
from capture.page.login_wall import check_login_wall
from capture.privacy.secrets import BLANK_PAGE_TOKENS_JS, Redactions, secret_name_pattern
from capture.record.media import save_media
from capture.record.wacz import save_network_record
from capture.result import Artifact, CaptureOptions
from capture.steplog import Deadline, StepLog

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

    from capture.page.watcher import PageWatcher

log = logging.getLogger(__name__)

# Artifacts whose bytes may repeat a secret the page held; screenshots are pixels, the WACZ was
# written already scrubbed (and is compressed), media files are the site's own files.
SCRUBBED_ARTIFACTS = ("page.html", "page.mhtml", "page-text.txt", "response-body")


def remember_cookies(context: BrowserContext, redactions: Redactions) -> None:
    """Every cookie value the browser holds (for every site in the profile) joins the by-value search."""
    try:
        for cookie in context.cookies():
            redactions.add_value(str(cookie.get("value", "")))
    except PlaywrightError as err:
        log.debug("cookies could not be read: %s", err)


def protect_page(context: BrowserContext, page: Page, redactions: Redactions, steps: StepLog) -> None:
    """Before the page is saved: learn the session's secret values, and blank hidden fields and meta
    tags that carry tokens (CSRF tokens, session ids) in the live page. The change is logged."""
    remember_cookies(context, redactions)
    try:
        found: list[dict[str, str]] = page.evaluate(BLANK_PAGE_TOKENS_JS, secret_name_pattern())
    except PlaywrightError as err:
        log.debug("token fields could not be read: %s", err)
        return
    for item in found:
        redactions.note("page_fields", item["name"] or "(password field)", item["value"])
    if found:
        steps.add("blank_token_fields", names=sorted({i["name"] for i in found})[:50], count=len(found),
                  why="hidden fields that carry session or CSRF tokens are replaced by REDACTED before saving")


@dataclass
class Finished:
    """What finish_page found and wrote; a part is None when its step did not run."""

    login_wall: dict[str, Any]
    media: list[dict[str, Any]] | None = None
    network: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)


def finish_page(context: BrowserContext, page: Page, redactions: Redactions, steps: StepLog, *,
                final_url: str, title: str, status: int | None, user_agent: str, options: CaptureOptions,
                out_dir: Path, deadline: Deadline, watcher: PageWatcher, software: str) -> Finished:
    steps.add("check_login_wall")
    wall = check_login_wall(page, url_requested=options.url, final_url=final_url, status=status)
    done = Finished(login_wall=wall)
    if wall["detected"]:
        steps.add("login_wall_detected", kind=wall["kind"], reasons=wall["reasons"])
        done.warnings.append(wall["message"])
    if options.save_media and deadline.remaining() > 10:
        done.media, saved, warnings = save_media(
            page, context, out_dir, max_bytes=options.max_media_bytes, allow_invalid_tls=options.allow_invalid_tls,
            user_agent=user_agent, deadline=deadline, steps=steps, redactions=redactions)
        done.warnings += warnings
        done.artifacts += saved
    if watcher.recorder is not None:
        remember_cookies(context, redactions)
        if deadline.remaining() > 8:
            done.network, saved, warnings = save_network_record(
                watcher.recorder, out_dir, redactions, page_url=final_url,
                page_title=redactions.scrub_text(title)[0],
                software=software, max_body=options.max_network_body_bytes, max_total=options.max_network_bytes,
                deadline=deadline, steps=steps)
            done.warnings += warnings
            done.artifacts += saved
        else:
            steps.add("network_record_skipped", reason="time limit")
            done.network = {"saved": False, "reason": "the capture's time limit was reached"}
            done.warnings.append("There was no time left to write the network record (page.wacz).")
    return done


def session_facts(context: BrowserContext, urls: list[str], redactions: Redactions, *,
                  uses_profile: bool) -> dict[str, Any]:
    remember_cookies(context, redactions)
    if not uses_profile:
        return {"profile": None, "logged_in_session": False, "sites": [],
                "note": "A fresh, empty browser was used: no log-in, no cookies from earlier visits."}
    try:
        return profile.session_facts(context, urls)
    except PlaywrightError as err:
        log.debug("cookies for the page could not be read: %s", err)
        return {"profile": "Vidne's own browser profile", "logged_in_session": None, "sites": [],
                "note": "Vidne's own browser profile was used; which sites had cookies could not be read."}


def seal_secrets(facts: CaptureFacts, artifacts: list[Artifact], out_dir: Path,
                 redactions: Redactions) -> CaptureFacts:
    """Redact secret parameters from every address in the facts and secret headers, by name; then
    every known secret value in the files the capture wrote and in the facts. Adds the account of
    what was removed (names, never values). The network record plays no part: on or off, the same."""
    named = redactions.urls_in({item.name: getattr(facts, item.name) for item in fields(facts)})
    facts = CaptureFacts(**named)
    if facts.response_headers:
        facts = replace(facts, response_headers=[list(pair) for pair in redactions.headers(
            [(str(n), str(v)) for n, v in facts.response_headers], "manifest_response_headers")])
    replaced_in_files: dict[str, int] = {}
    for artifact in artifacts:
        if artifact.name.startswith(SCRUBBED_ARTIFACTS):
            count = redactions.scrub_file(out_dir / artifact.name)
            if count:
                replaced_in_files[artifact.name] = count
    scrubbed = {item.name: redactions.scrub_json(getattr(facts, item.name)) for item in fields(facts)}
    summary = redactions.as_json()
    summary["values_replaced_in_files"] = replaced_in_files
    summary["note"] = ("Cookies, session tokens, Authorization headers, CSRF tokens and similar secrets were "
                       "replaced by REDACTED wherever a saved file would have held them. 'removed' lists them "
                       "by name; their values are not in this bundle.")
    scrubbed["redactions"] = summary
    return CaptureFacts(**scrubbed)
