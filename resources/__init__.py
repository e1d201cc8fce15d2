"""Files shown to users or shipped with the app: texts, translations, fonts, stylesheet, icons."""

from __future__ import annotations

from importlib import resources as _res
from pathlib import Path


def path(*parts: str) -> Path:
    """Absolute path of a resource file shipped in this package."""
    return Path(str(_res.files(__name__).joinpath(*parts)))


def read_text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")
