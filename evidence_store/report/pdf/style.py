"""Fonts, page geometry, colours and paragraph styles of the chain-of-custody report."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

import resources

SANS = "VidneSans"
SANS_BOLD = "VidneSans-Bold"
MONO = "VidneMono"
_FONT_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf", MONO: "DejaVuSansMono.ttf"}

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 40.0
MARGIN_TOP = 54.0          # room for the header line
MARGIN_BOTTOM = 48.0       # room for the footer line
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
# reportlab's Frame pads its content by 6 pt on every side by default; we use no padding.
FRAME_PADDING = 0.0

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#b8b8b8")
SHADE = colors.HexColor("#f1f1f1")
OK_BG = colors.HexColor("#e3f3e6")
OK_INK = colors.HexColor("#14532d")
BAD_BG = colors.HexColor("#fde2e1")
BAD_INK = colors.HexColor("#8a1111")

BODY_SIZE = 9.0
MONO_SIZE = 8.0            # 64 hex digits at 8 pt are 307 pt wide: a sha256 fits on one line
SMALL_MONO_SIZE = 6.5


@dataclass(frozen=True)
class Fonts:
    """Which code points each of our fonts can draw; anything else is printed as �."""

    sans: frozenset[int]
    mono: frozenset[int]


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of a font subset, as reportlab writes it, but with each destination in UTF-16BE
    as the PDF standard (9.10.3) asks: a character beyond the Basic Multilingual Plane (an emoji) is a
    surrogate pair, <D83DDE00> for U+1F600. reportlab writes <1F600>, which readers take for U+1F60
    ("ὠ"), so pdftotext and copy-paste would not give back what the report shows."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


@cache
def load_fonts() -> Fonts:
    """Register the DejaVu fonts shipped in resources/fonts with reportlab (once per process), and have
    reportlab write their ToUnicode maps with :func:`to_unicode_cmap`."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap    # looked up by TTFont when it writes a subset
    faces: dict[str, TTFont] = {}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name in registered:
            font = pdfmetrics.getFont(name)
            assert isinstance(font, TTFont)
        else:
            font = TTFont(name, str(resources.path("fonts", filename)))
            pdfmetrics.registerFont(font)
        faces[name] = font
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)

    def covered(name: str) -> frozenset[int]:
        return frozenset(faces[name].face.charToGlyph)

    return Fonts(sans=covered(SANS) & covered(SANS_BOLD), mono=covered(MONO))


@cache
def styles() -> dict[str, ParagraphStyle]:
    load_fonts()
    body = ParagraphStyle(
        "body", fontName=SANS, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3, textColor=INK,
        splitLongWords=1, spaceAfter=3,
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
        "muted": ParagraphStyle("muted", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED),
        "label": ParagraphStyle("label", parent=body, fontName=SANS_BOLD, fontSize=7.5, leading=9.5,
                                textColor=MUTED, spaceAfter=1, spaceBefore=5, keepWithNext=1),
        "hop": ParagraphStyle("hop", parent=body, fontSize=7.5, leading=9.5, spaceAfter=1,
                              keepWithNext=1),
        "hop_to": ParagraphStyle("hop_to", parent=body, fontSize=7.5, leading=9.5, spaceAfter=1,
                                 leftIndent=10, keepWithNext=1),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.3, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=SANS_BOLD, fontSize=7.5,
                                    leading=9.3, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=SANS_BOLD, fontSize=22, leading=27,
                                spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=12, leading=15, textColor=MUTED,
                                   spaceAfter=14),
        "h1": ParagraphStyle("h1", parent=body, fontName=SANS_BOLD, fontSize=15, leading=19,
                             spaceBefore=0, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=SANS_BOLD, fontSize=11, leading=14,
                             spaceBefore=10, spaceAfter=4),
        "ok": ParagraphStyle("ok", parent=body, textColor=OK_INK, fontName=SANS_BOLD, spaceAfter=0),
        "bad": ParagraphStyle("bad", parent=body, textColor=BAD_INK, fontName=SANS_BOLD, spaceAfter=2),
        "bad_item": ParagraphStyle("bad_item", parent=body, textColor=BAD_INK, leftIndent=10,
                                   spaceAfter=1),
        "caption": ParagraphStyle("caption", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED,
                                  spaceAfter=3),
    }
