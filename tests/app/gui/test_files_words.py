"""The detail view's file list says what each file is in the person's language, the screenshot's parts and
the page's text included (the manifest's own descriptions are English)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

import resources
from app.gui.detail.tabs import FilesTab

PART = {"path": "artifacts/screenshot-full-part-02.png", "media_type": "image/png",
        "description": "Part 2 of 3 of screenshot-full.png: its rows 16000 to 31999, for programs that cannot "
                       "open the whole image"}
TEXT = {"path": "artifacts/page-text.txt", "media_type": "text/plain", "description": "The page's visible text"}
BODY = {"path": "artifacts/response-body.pdf", "media_type": "application/pdf",
        "description": "The file the address answered with, as the browser downloaded it"}


def test_parts_and_the_page_text_are_described_in_the_persons_language(qapp: QCoreApplication) -> None:
    tab = FilesTab()
    assert tab.kept_what(PART) == "Part 2 of the picture of the whole page, for programs that cannot open it whole"
    assert tab.kept_what(TEXT) == "The page's text, as the browser showed it"
    assert tab.kept_what(BODY).startswith("The file the address answered with (not a web page)")
    odd = {"path": "artifacts/screenshot-full-part-x.png", "description": "something else"}
    assert tab.kept_what(odd) == "something else"
    translator = QTranslator()
    assert translator.load(str(resources.path("i18n", "vidne_da.qm")))
    qapp.installTranslator(translator)
    try:
        assert tab.kept_what(PART) == "Del 2 af billedet af hele siden, til programmer, der ikke kan åbne det samlet"
        assert tab.kept_what(TEXT) == "Sidens tekst, som browseren viste den"
        assert tab.kept_what(BODY) == "Filen, adressen svarede med (ikke en webside), som browseren modtog den"
    finally:
        qapp.removeTranslator(translator)
    tab.deleteLater()
