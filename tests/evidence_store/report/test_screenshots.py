"""The report's screenshot sections read only the file the bundle names: no link is followed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from reportlab.platypus import KeepTogether, Paragraph

from evidence_store.report.context import Ctx
from evidence_store.report.pdf.flowables import Picture
from evidence_store.report.screenshots import full_page_section
from evidence_store.report.text import Texts
from tests.evidence_store.report.fixtures import make_bundle


def _flat(story: list[Any]) -> list[Any]:
    """The flowables of a story, with those inside KeepTogether taken out."""
    return [inner for item in story for inner in (_flat(item._content) if isinstance(item, KeepTogether)
                                                  else [item])]


def _texts(story: list[Any]) -> str:
    return " ".join(item.getPlainText() for item in _flat(story) if isinstance(item, Paragraph))


def _pictures(story: list[Any]) -> int:
    return sum(isinstance(item, Picture) for item in _flat(story))


def test_a_screenshot_is_drawn_when_its_file_matches(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path, "20261121T101530Z-00000001", full_size=(640, 1_500))
    story = full_page_section(Ctx(Texts("en")), bundle)
    assert _pictures(story) >= 1
    assert "could not be shown" not in _texts(story)


def test_a_screenshot_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    # The link points at a file with the very bytes the manifest names, inside the bundle: still refused.
    bundle = make_bundle(tmp_path, "20261121T101530Z-00000002", full_size=(640, 1_500))
    shot = bundle.folder / "artifacts" / "screenshot-full.png"
    twin = bundle.folder / "artifacts" / "twin.png"
    shutil.copyfile(shot, twin)
    shot.unlink()
    shot.symlink_to(twin.name)
    story = full_page_section(Ctx(Texts("en")), bundle)
    text = _texts(story)
    assert "could not be shown" in text and "symbolic link" in text
    assert _pictures(story) == 0
