"""The GUI's words for each kind of capture error come from its code, in English and in Danish."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

import resources
from app.gui.messages import describe
from capture.errors import CODES, CaptureFailed, CaptureTimedOut, InvalidURL

REACH = "The site could not be reached. It may be down. Try again later."
CERTIFICATE = "The site's security certificate is not valid, so the connection cannot be trusted."
NOT_SAVED = "The page could not be saved"

WORDS = [
    ("invalid_url", "This is not a web address Vidne can save", "address bar"),
    ("browser_not_found", "Vidne cannot find a browser to use", "Chromium"),
    ("timeout", "The page took too long", "Try again in a little while."),
    ("network_timeout", "The page took too long", "Try again in a little while."),
    ("cancelled", "Stopped", "The capture was stopped."),
    ("capture_failed", NOT_SAVED, "Check that the address is right"),
    ("name_not_resolved", NOT_SAVED, "The site's name could not be found."),
    ("offline", NOT_SAVED, "This computer is not on the internet."),
    ("connection_refused", NOT_SAVED, REACH),
    ("unreachable", NOT_SAVED, REACH),
    ("unsafe_port", NOT_SAVED, "as a safety rule"),
    ("invalid_tls", NOT_SAVED, CERTIFICATE),
    ("tls_failed", NOT_SAVED, CERTIFICATE),
    ("disk_full", "The disk is full", "Free some space"),
    ("not_writable", "Vidne may not write to the evidence folder", "read-only"),
]


@pytest.mark.parametrize(("code", "title", "in_text"), WORDS)
def test_each_code_has_its_words(qapp: QCoreApplication, code: str, title: str, in_text: str) -> None:
    message = describe(CaptureFailed("the core's own words", code=code))
    assert message.title == title and in_text in message.text
    assert message.details == ("What the program reported (in English, for your IT support):\n"
                               "the core's own words")


def test_every_code_has_words_above() -> None:
    assert {code for code, _, _ in WORDS} == set(CODES)


def test_the_kind_comes_from_the_code_not_from_the_message(qapp: QCoreApplication) -> None:
    fooled = describe(CaptureFailed("net::ERR_NAME_NOT_RESOLVED at http://x/"))
    assert "name could not be found" not in fooled.text and fooled.title == NOT_SAVED
    assert describe(CaptureTimedOut("slow")).title == "The page took too long"
    assert describe(InvalidURL("no")).title == "This is not a web address Vidne can save"


def test_every_code_has_danish_words(qapp: QCoreApplication) -> None:
    english = {code: describe(CaptureFailed("x", code=code)) for code in CODES}
    translator = QTranslator()
    assert translator.load(str(resources.path("i18n", "vidne_da.qm")))
    qapp.installTranslator(translator)
    try:
        for code in CODES:
            danish = describe(CaptureFailed("x", code=code))
            assert danish.title != english[code].title, code
            assert danish.text != english[code].text, code
    finally:
        qapp.removeTranslator(translator)
