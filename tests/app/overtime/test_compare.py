"""The re-check's comparison: normalised visible text, digits that change on every load ignored, the
removed and added words named, the verdict's order, and the picture's difference hash beside it."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from app.overtime.compare import MAX_ITEMS, Seen, classify, dhash, diff_text, mask, normalise, picture

POST = """Opslag af Hans Jensen · for 5 min. siden
Sagsbehandleren Søren Ærø er inkompetent og burde fyres.
Klokken er 12:04:33
Annonce ad-88123 · 14 synes godt om"""


def test_normalising_makes_spacing_and_unicode_forms_equal() -> None:
    decomposed = "Ærø  og\u00a0\tÅbenrå\n\n   \n"
    assert normalise(decomposed) == ["Ærø og Åbenrå"]
    assert normalise("A\u030a") == ["\u00c5"]          # NFC: A + ring is Å


def test_lines_that_differ_only_in_digits_are_no_change() -> None:
    later = POST.replace("5 min.", "27 min.").replace("12:04:33", "12:31:02").replace("88123", "4").replace("14", "15")
    assert diff_text(POST, later) == ({"removed": [], "added": []}, False)
    verdict = classify(Seen(200, POST), Seen(200, later))
    assert verdict.outcome == "unchanged"


def test_an_edited_line_names_the_words_that_went_and_came() -> None:
    edited = POST.replace("er inkompetent og burde fyres", "burde tage en snak med sin chef")
    verdict = classify(Seen(200, POST), Seen(200, edited.replace("12:04:33", "13:00:00")))
    assert verdict.outcome == "changed"
    assert verdict.changes == {"removed": ["er inkompetent og", "fyres."],    # "burde" stayed
                               "added": ["tage en snak med sin chef."]}


def test_whole_lines_removed_and_added() -> None:
    shorter = POST.replace("Sagsbehandleren Søren Ærø er inkompetent og burde fyres.\n", "")
    changes, cut = diff_text(POST, shorter + "\nRettet af forfatteren.")
    assert changes == {"removed": ["Sagsbehandleren Søren Ærø er inkompetent og burde fyres."],
                       "added": ["Rettet af forfatteren."]}
    assert cut is False


def test_a_line_replaced_by_something_else_entirely_is_reported_whole() -> None:
    changes, _ = diff_text("Første linje\nHun burde fyres i dag", "Første linje\nVejret er godt")
    assert changes == {"removed": ["Hun burde fyres i dag"], "added": ["Vejret er godt"]}


def test_very_many_changes_are_bounded_and_say_so() -> None:
    changes, cut = diff_text("", "\n".join(f"linje {chr(0x4e00 + i)}" for i in range(MAX_ITEMS + 50)))
    assert len(changes["added"]) == MAX_ITEMS and cut is True
    changes, cut = diff_text("", "x" * 5000)
    assert len(changes["added"][0]) == 2000 and changes["added"][0].endswith("…") and cut is True


def test_404_and_410_are_gone_with_the_removed_text() -> None:
    for status in (404, 410):
        verdict = classify(Seen(200, POST), Seen(status, "Not found"))
        assert verdict.outcome == "gone" and str(status) in verdict.reason
        assert "Sagsbehandleren Søren Ærø er inkompetent og burde fyres." in verdict.changes["removed"]


def test_a_removal_notice_on_a_200_page_is_gone_in_both_languages() -> None:
    for notice in ("This content isn't available right now", "Dette indhold er ikke tilgængeligt",
                   "This content isn’t available"):
        verdict = classify(Seen(200, POST), Seen(200, f"Facebook\n{notice}\nLog ind"))
        assert verdict.outcome == "gone", notice
    # a notice the original showed as well (a post quoting it) says nothing about removal
    quoting = POST + "\nHan skrev: Video unavailable"
    assert classify(Seen(200, quoting), Seen(200, quoting)).outcome == "unchanged"


def test_gone_comes_before_login_needed() -> None:
    assert classify(Seen(200, POST), Seen(404, "Log ind", login_wall=True)).outcome == "gone"


def test_a_login_wall_where_the_original_was_open_is_login_needed() -> None:
    assert classify(Seen(200, POST), Seen(200, "Log ind for at fortsætte", login_wall=True)).outcome \
        == "login_needed"
    assert classify(Seen(200, POST), Seen(401, "Unauthorized")).outcome == "login_needed"
    # the original was a log-in wall as well: the text decides
    wall = "Log ind for at fortsætte"
    assert classify(Seen(200, wall, login_wall=True), Seen(200, wall, login_wall=True)).outcome == "unchanged"


def _png(draw_box: bool, shade: int = 255) -> bytes:
    image = Image.new("RGB", (1280, 900), (shade, shade, shade))
    if draw_box:
        ImageDraw.Draw(image).rectangle((100, 100, 700, 500), fill=(20, 20, 120))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_the_picture_signal_is_a_difference_hash_distance() -> None:
    boxed = _png(True)
    same = picture(boxed, _png(True))
    assert same is not None and same["distance"] == 0 and same["similar"] is True
    other = picture(boxed, _png(False))
    assert other is not None and other["distance"] > 10 and other["similar"] is False
    assert picture(boxed, b"not a png") is None and picture(None, boxed) is None
    assert dhash(b"\x89PNG\r\n\x1a\n broken") is None


def test_a_number_with_separators_is_one_number_whatever_its_format() -> None:
    assert mask("kl. 09:00:01 og 17:23:22.623 den 2026-12-03, 1.234,50 kr ad-8812") == "kl. 0 og 0 den 0, 0 kr ad-0"
    assert diff_text("Opdateret kl. 09:00", "Opdateret kl. 17:23:22.623") == ({"removed": [], "added": []}, False)
