"""Clicking away cookie-consent banners before the screenshots (optional, off by default).

Known consent managers are tried by their own buttons first, then buttons whose text says reject or
accept in Danish or English, but only inside something that talks about cookies or consent, so a
"Reject" on a friend request is never clicked. Reject / necessary-only is preferred where offered.
Every click is written in the step log; the viewport as it was before the clicks is kept as well.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError

from capture.steplog import Deadline, StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Locator, Page

log = logging.getLogger(__name__)

MAX_SECONDS = 10.0
MAX_CLICKS = 4

# Consent managers' own buttons, reject first. Cookiebot and Cookie Information are Danish.
REJECT_SELECTORS = (
    "#CybotCookiebotDialogBodyButtonDecline", "#CybotCookiebotDialogBodyLevelButtonLevelOptinDeclineAll",
    "#onetrust-reject-all-handler", ".coi-banner__decline", "#declineButton", "#didomi-notice-disagree-button",
    "button[data-testid='uc-deny-all-button']", "#truste-consent-required", ".cmpboxbtnno",
    "button.sp_choice_type_13", ".qc-cmp2-summary-buttons button[mode='secondary']",
)
ACCEPT_SELECTORS = (
    "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll", "#CybotCookiebotDialogBodyButtonAccept",
    "#onetrust-accept-btn-handler", ".coi-banner__accept", "#didomi-notice-agree-button",
    "button[data-testid='uc-accept-all-button']", "#truste-consent-button", ".cmpboxbtnyes",
    "button.sp_choice_type_11",
)
REJECT_TEXT = re.compile(
    r"^\s*(afvis( alle)?( cookies)?|afvis valgfrie cookies|kun nødvendige( cookies)?|tillad kun nødvendige"
    r"( cookies)?|brug kun nødvendige cookies|reject( all)?( cookies)?|decline( all)?( optional cookies)?|"
    r"only (necessary|essential)( cookies)?|(necessary|essential) (cookies )?only|"
    r"use necessary cookies only|allow (only )?necessary( cookies)?)\s*$", re.IGNORECASE)
ACCEPT_TEXT = re.compile(
    r"^\s*(accepter( alle)?( cookies)?|tillad alle( cookies)?|jeg accepterer|godkend( alle)?|ok,? forstået|"
    r"accept( all)?( cookies)?|allow all( cookies)?|i agree|agree|got it|ok)\s*$", re.IGNORECASE)

CONSENT_CONTEXT_JS = r"""(el) => {
  const words = /cookie|samtykke|consent|privatliv|privacy|gdpr|personoplysninger/i;
  let n = el;
  for (let i = 0; n && i < 8; i++, n = n.parentElement) {
    if (words.test((n.id || '') + ' ' + (n.className || '') + ' ' + (n.getAttribute('aria-label') || ''))) return true;
    if (n.innerText && n.innerText.length < 5000 && words.test(n.innerText)) return true;
  }
  return false;
}"""


def dismiss_overlays(page: Page, *, deadline: Deadline, steps: StepLog) -> list[dict[str, Any]]:
    """Click away consent banners; the clicks made, each as it is in the step log."""
    clicks: list[dict[str, Any]] = []
    budget = Deadline(min(MAX_SECONDS, max(deadline.remaining() * 0.2, 1.0)))
    steps.add("look_for_overlays")
    for _round in range(MAX_CLICKS):
        if budget.remaining() <= 0 or len(clicks) >= MAX_CLICKS:
            break
        click = _one_click(page, budget, steps)
        if click is None:
            break
        clicks.append(click)
        try:   # the banner goes away with an animation; give it a moment and the network a beat
            page.wait_for_timeout(400)
        except PlaywrightError as err:
            log.debug("page changed after an overlay click: %s", err)
            break
    if not clicks:
        steps.add("no_overlay_found")
    return clicks


def _one_click(page: Page, budget: Deadline, steps: StepLog) -> dict[str, Any] | None:
    for frame in page.frames[:20]:
        for choice, selectors, pattern in (("reject", REJECT_SELECTORS, REJECT_TEXT),
                                           ("accept", ACCEPT_SELECTORS, ACCEPT_TEXT)):
            for selector in selectors:
                found = _visible(frame.locator(selector), check_context=False)
                if found is not None:
                    return _click(found, frame, page, choice, {"selector": selector}, budget, steps)
            if budget.remaining() <= 0:
                return None
            found = _visible(frame.get_by_role("button", name=pattern), check_context=True)
            if found is None:
                found = _visible(frame.locator("a, [role=link], input[type=button], input[type=submit]").filter(
                    has_text=pattern), check_context=True)
            if found is not None:
                return _click(found, frame, page, choice, {}, budget, steps)
    return None


def _visible(locator: Locator, *, check_context: bool) -> Locator | None:
    try:
        for i in range(min(locator.count(), 5)):
            candidate = locator.nth(i)
            if candidate.is_visible() and (not check_context or candidate.evaluate(CONSENT_CONTEXT_JS)):
                return candidate
    except PlaywrightError as err:
        log.debug("overlay candidate went away: %s", err)
    return None


def _click(found: Locator, frame: Frame, page: Page, choice: str, detail: dict[str, Any], budget: Deadline,
           steps: StepLog) -> dict[str, Any] | None:
    try:
        text = bounded((found.inner_text(timeout=1000) or found.get_attribute("value", timeout=1000) or "").strip(),
                       100)
    except PlaywrightError:
        text = ""
    record = {"choice": choice, "text": text, **detail}
    if frame != page.main_frame:
        record["frame_url"] = bounded(frame.url, 300)
    try:
        found.click(timeout=budget.ms(3))
    except PlaywrightError as err:
        steps.add("overlay_click_failed", **record, error=bounded(str(err).splitlines()[0], 200))
        return None
    steps.add("overlay_clicked", **record)
    return record
