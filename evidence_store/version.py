"""The one version: read from the installed package's metadata."""

from __future__ import annotations

from importlib import metadata


def vidne_version() -> str:
    try:
        return metadata.version("vidne")
    except metadata.PackageNotFoundError:
        return "0+unknown"
