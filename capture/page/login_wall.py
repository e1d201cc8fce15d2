"""Did the capture hit a login wall or a "confirm you're not a robot" page instead of the content?

Such a page is still sealed (it is what the browser was shown), but the capture says so in plain
words, so nobody mistakes a login form for the evidence. Heuristics, in Danish and English: a
password field with login words, known captcha and bot-check markers, 401/403 answers with a login
form, and redirects to a login address.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

if TYPE_CHECKING:
    from playwright.sync_api import Page

log = logging.getLogger(__name__)

LOGIN_WORDS = re.compile(
    r"\b(log ?in|sign ?in|log into|log on|you must log in|create new account|forgot password|"
    r"log ind|logge ind|log på|logge på|adgangskode|glemt adgangskode|opret (ny )?konto|"
    r"brugernavn|mitid|nemid)\b", re.IGNORECASE)
ROBOT_WORDS = re.compile(
    r"(not a robot|verify (that )?you are (a )?human|are you a robot|unusual traffic|security check|"
    r"checking your browser|just a moment\.\.\.|attention required|captcha|"
    r"ikke (er )?en robot|bekræft,? at du er et menneske|bekræft din identitet|usædvanlig trafik|"
    r"sikkerhedstjek)",
    re.IGNORECASE)
LOGIN_PATH = re.compile(r"/(login|log-in|log_in|signin|sign-in|sign_in|logon|auth|accounts/login|"
                        r"checkpoint|session/new|users/sign_in|account/login)(\b|/|\.|$)", re.IGNORECASE)

PAGE_SIGNS_JS = r"""() => {
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const pw = [...document.querySelectorAll('input[type=password]')].filter(visible).length;
  const captcha = document.querySelector(
    'iframe[src*="recaptcha"], iframe[src*="hcaptcha"], iframe[src*="challenges.cloudflare.com"], ' +
    'iframe[src*="captcha"], .g-recaptcha, .h-captcha, .cf-turnstile, #challenge-form, ' +
    '#cf-challenge-running, [data-sitekey], script[src*="recaptcha"], script[src*="hcaptcha"], ' +
    'script[src*="turnstile"], script[src*="captcha-delivery"]') !== null;
  const text = (document.body ? document.body.innerText : '').slice(0, 20000);
  return {password_fields: pw, captcha_markers: captcha, text: text, title: document.title.slice(0, 500)};
}"""


def check_login_wall(page: Page, *, url_requested: str, final_url: str, status: int | None) -> dict[str, Any]:
    """What the final page looks like: ``{"detected": bool, "kind", "reasons", "message"}``."""
    try:
        signs: dict[str, Any] = page.evaluate(PAGE_SIGNS_JS)
    except PlaywrightError as err:
        log.debug("login wall check could not read the page: %s", err)
        signs = {"password_fields": 0, "captcha_markers": False, "text": "", "title": ""}
    return judge(signs, url_requested=url_requested, final_url=final_url, status=status)


def judge(signs: dict[str, Any], *, url_requested: str, final_url: str, status: int | None) -> dict[str, Any]:
    text = f"{signs.get('title', '')}\n{signs.get('text', '')}"
    reasons: list[str] = []
    robot = bool(signs.get("captcha_markers")) or bool(ROBOT_WORDS.search(signs.get("title", "")))
    if signs.get("captcha_markers"):
        reasons.append("the page holds a captcha or bot check")
    robot_text = ROBOT_WORDS.search(text)
    if robot_text and len(text) < 5000:         # a short page about robots, not an article mentioning one
        robot = True
        reasons.append(f"the page says '{robot_text.group(0)}'")
    password = int(signs.get("password_fields") or 0) > 0
    words = LOGIN_WORDS.search(text)
    final_is_login = bool(LOGIN_PATH.search(urlsplit(final_url).path))
    asked_for_login = bool(LOGIN_PATH.search(urlsplit(url_requested).path))
    login = False
    if password and words:
        login = True
        reasons.append(f"the page has a password field and says '{words.group(0)}'")
    if final_is_login and not asked_for_login:
        login = True
        reasons.append("the browser was sent on to a login address")
    elif final_is_login and password:
        login = True
        reasons.append("the address is a login page with a password field")
    if status in (401, 403) and (password or words):
        login = True
        reasons.append(f"the server answered {status} (not allowed) with a login form")
    if not (login or robot):
        return {"detected": False, "kind": None, "reasons": [], "message": ""}
    kind = "robot_check" if robot else "login"
    if kind == "robot_check":
        message = ("This capture shows a 'confirm you're not a robot' page, not the content you asked for. "
                   "It was saved as evidence of what the site showed. Open the page in Vidne's log-in "
                   "window ('vidne login'), answer the check there, then capture again.")
    else:
        message = ("This capture shows a login page, not the content you asked for. It was saved as "
                   "evidence of what the site showed. Log in once in Vidne's own browser ('vidne login' or "
                   "'Log in to a site…'), then capture again.")
    return {"detected": True, "kind": kind, "reasons": reasons, "message": message}
