"""What a re-check reads from a sealed bundle: page-text.txt when its bytes match the signed manifest,
else text derived from page.html (no head, script, style, template or noscript); an altered or linked
file is not compared."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.overtime.sources import html_text, new_text, original_text
from evidence_store import Store, read_bundle


@dataclass(frozen=True)
class Art:
    name: str
    media_type: str
    description: str = ""


PAGE = ("<!doctype html><html><head><title>Titel</title><style>p{color:red}</style>"
        "<script>var secret = 'ikke tekst';</script></head><body><h1>Overskrift</h1><p>Første &amp; <b>anden</b>"
        "</p><noscript>Slå JavaScript til</noscript><template><p>skabelon</p></template><div>Sidste"
        "<br>linje</div><script>document.write('nej')</script></body></html>")


def test_visible_text_of_a_saved_page() -> None:
    lines = [line.strip() for line in html_text(PAGE.encode()).splitlines() if line.strip()]
    assert lines == ["Overskrift", "Første & anden", "Sidste", "linje"]


def _bundle(store: Store, files: dict[str, str]) -> Path:
    with store.begin_capture() as staging:
        for name, text in files.items():
            (staging.artifacts_dir / name).write_text(text, encoding="utf-8")
        record = store.seal(staging, facts={"url_requested": "https://example.dk/"}, operator="T", organisation="O",
                            artifacts=[Art(name, "text/plain") for name in files])
    return record.path


def test_page_text_first_then_page_html_and_nothing_altered(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        both = _bundle(store, {"page-text.txt": "Synlig tekst", "page.html": PAGE})
        assert original_text(read_bundle(both)) == ("Synlig tekst", "page-text.txt")
        older = _bundle(store, {"page.html": PAGE})
        text, source = original_text(read_bundle(older))
        assert source == "page.html" and "Første & anden" in text and "ikke tekst" not in text

        (both / "artifacts" / "page-text.txt").chmod(0o600)
        (both / "artifacts" / "page-text.txt").write_text("Ændret bagefter", encoding="utf-8")
        assert original_text(read_bundle(both))[1] == "page.html"      # altered: not compared
        (older / "artifacts" / "page.html").unlink()
        os.symlink(both / "artifacts" / "page.html", older / "artifacts" / "page.html")
        assert original_text(read_bundle(older)) == ("", None)           # a link: not followed


def test_the_recheck_is_read_like_the_original(tmp_path: Path) -> None:
    (tmp_path / "page-text.txt").write_text("Synlig tekst", encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    assert new_text(tmp_path, "page-text.txt") == ("Synlig tekst", "page-text.txt")
    text, source = new_text(tmp_path, "page.html")
    assert source == "page.html" and "Overskrift" in text
    assert new_text(tmp_path / "nothing", None) == ("", None)
