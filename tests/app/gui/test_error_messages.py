"""The GUI's words for each kind of error come from its kind (a capture error's code, a store error's class),
in English and in Danish, the details included: what happened in the person's language, then the core's own
message under a "Technical message" label (issue 14: one language, nothing hidden from support)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import resources
from app.gui.main_window import MainWindow
from app.gui.messages import describe, show_error
from app.gui.state.happened import capture_happened, what_happened
from capture.errors import CODES, CaptureFailed, CaptureTimedOut, InvalidURL
from evidence_store import (
    TrustSettingError,
    VaultCredentialsMissing,
    VaultError,
    VaultNotWorm,
    VaultRefused,
    VaultUnavailable,
)
from evidence_store import errors as store_errors

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
    assert message.details == f"{capture_happened(code)}\n\nTechnical message:\nthe core's own words"


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


def store_error_kinds() -> list[type[BaseException]]:
    """Every error class of evidence_store/errors.py and of the vault, the trust settings' error."""
    kinds = [k for k in vars(store_errors).values()
             if isinstance(k, type) and issubclass(k, store_errors.StoreError) and k is not store_errors.StoreError]
    return [*kinds, VaultError, VaultUnavailable, VaultCredentialsMissing, VaultRefused, VaultNotWorm,
            TrustSettingError]


def make(kind: type[BaseException], message: str) -> BaseException:
    return kind(message)


def with_danish(qapp: QCoreApplication) -> QTranslator:
    translator = QTranslator()
    assert translator.load(str(resources.path("i18n", "vidne_da.qm")))
    qapp.installTranslator(translator)
    return translator


def test_each_kind_says_what_happened_in_its_own_words(qapp: QCoreApplication) -> None:
    """Each code and each store error class has a sentence of its own, not the generic one."""
    capture = [capture_happened(code) for code in CODES]
    assert len(set(capture)) == len(CODES)
    generic = what_happened(store_errors.StoreError("x"))
    store = [what_happened(make(kind, "x")) for kind in store_error_kinds()]
    assert generic not in store and len(set(store)) == len(store)
    assert what_happened(PermissionError("x")) != what_happened(OSError("x")) != what_happened(ValueError("x"))


def test_danish_details_say_what_happened_in_danish_and_label_the_technical_line(qapp: QCoreApplication) -> None:
    errors: list[BaseException] = [CaptureFailed("net::ERR_CONNECTION_REFUSED at http://x/", code=code)
                                   for code in CODES]
    errors += [make(kind, "the store's own words") for kind in store_error_kinds()]
    errors += [PermissionError("denied"), FileNotFoundError("gone"), OSError("io"), ValueError("bug")]
    english = [describe(exc).details for exc in errors]
    translator = with_danish(qapp)
    try:
        danish = [describe(exc).details for exc in errors]
    finally:
        qapp.removeTranslator(translator)
    for exc, en, da in zip(errors, english, danish, strict=True):
        en_happened, en_rest = en.split("\n\n", 1)
        da_happened, da_rest = da.split("\n\n", 1)
        en_label, en_technical = en_rest.split("\n", 1)
        da_label, da_technical = da_rest.split("\n", 1)
        assert en_label == "Technical message:" and da_label == "Teknisk besked (engelsk):", exc
        assert da_happened != en_happened, exc                     # the sentence is in Danish
        assert en_technical == da_technical and str(exc) in da_technical, exc    # nothing hidden
    danish_refused = danish[list(CODES).index("connection_refused")]
    assert danish_refused.startswith("Siden afviste forbindelsen.\n\nTeknisk besked (engelsk):\n"), danish_refused
    assert "English" not in "".join(danish).replace("(engelsk)", "")


def test_a_banner_rewords_its_details_when_the_language_changes(window: MainWindow, qtbot: QtBot) -> None:
    show_error(window, CaptureFailed("net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/",
                                     code="connection_refused"), retry=lambda: None)
    banner = window.banner
    assert banner.details.text() == ("The site refused the connection.\n\nTechnical message:\n"
                                     "net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/")
    window.ctx.set_language("da")
    qtbot.waitUntil(lambda: banner.details.text().startswith("Siden afviste forbindelsen."), timeout=2000)
    assert banner.details.text().endswith("Teknisk besked (engelsk):\nnet::ERR_CONNECTION_REFUSED at "
                                          "http://127.0.0.1:9/")
    window.ctx.set_language("en")
    qtbot.waitUntil(lambda: banner.details.text().startswith("The site refused"), timeout=2000)


def test_a_box_without_a_banner_shows_the_same_details(qapp: QCoreApplication, qtbot: QtBot) -> None:
    box = show_error(None, store_errors.NotAZip("example.zip is not a zip file."))
    assert isinstance(box, QMessageBox)
    assert box.detailedText() == ("The file is not a zip file, or it is too damaged to be read as one.\n\n"
                                  "Technical message:\nexample.zip is not a zip file.")
    box.close()
