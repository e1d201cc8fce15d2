"""Text in many scripts is drawn with real fonts (set-up installs the Noto families), and a character
the machine has no font for is named in the warnings and the facts."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

from tests.capture.whole import site
from tests.capture.whole.conftest import capture

# Letters of scripts added to Unicode in 2022-2024 (Kawi, Nag Mundari, Garay, Todhri, Sunuwar): the
# test uses the first that no font on this machine has, as fontconfig itself says.
RARE = ["\U00011F04", "\U0001E4D0", "\U00010D50", "\U000105C0", "\U00011BC0"]


def _fontless() -> str:
    fc_list = shutil.which("fc-list")
    assert fc_list, "fc-list (fontconfig) is missing: run scripts/system-deps.sh"
    for char in RARE:
        found = subprocess.run([fc_list, f":charset={ord(char):x}", "family"], capture_output=True, text=True,
                               check=True)
        if not found.stdout.strip():
            return char
    raise AssertionError("every test character has a font here; add a newer one to RARE")


def test_many_scripts_all_have_fonts(whole_site: site.Site, tmp_path: Path) -> None:
    result = capture(whole_site.url("/scripts"), tmp_path / "artifacts", run_behaviors=False)
    fonts = result.facts["fonts"]
    shown = {c for c in site.SCRIPTS_TEXT if unicodedata.category(c)[0] in "LNPS"}   # not marks or spaces
    assert fonts["characters_checked"] == len(shown) == 78
    assert fonts["characters_without_font"] == 0 and fonts["without_font"] == []
    assert not [w for w in result.facts["warnings"] if "no font" in w]


def test_a_character_without_a_font_is_named(tmp_path: Path) -> None:
    char = _fontless()
    server = site.Site({"/": site.no_font(char * 3)})
    try:
        result = capture(server.url("/"), tmp_path / "artifacts", run_behaviors=False)
    finally:
        server.close()
    code = f"U+{ord(char):04X}"
    assert result.facts["fonts"]["without_font"] == [{"char": char, "code": code, "count": 3}]
    assert [w for w in result.facts["warnings"] if "no font for 1 different characters" in w and code in w]
