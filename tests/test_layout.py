"""The layout rules of docs/architecture.md, checked: small modules, small packages, folders not
filename prefixes, and one home for each limit and parser."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "capture", "evidence_store")


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py") if "__pycache__" not in p.parts)


def test_no_module_is_over_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text("utf-8").splitlines())) > 400}
    assert long == {}


def test_no_package_has_more_than_8_modules_at_its_top_level() -> None:
    packages = {p.parent for p in _modules()}
    crowded = {str(d.relative_to(ROOT)): n for d in packages
               if (n := sum(1 for m in d.glob("*.py") if m.name != "__init__.py")) > 8}
    assert crowded == {}


def test_every_folder_of_code_is_a_package() -> None:
    assert [str(d.relative_to(ROOT)) for d in {p.parent for p in _modules()} if not (d / "__init__.py").is_file()] == []


def test_no_family_of_modules_shares_a_filename_prefix_instead_of_a_folder() -> None:
    families = []
    for folder in {p.parent for p in _modules()}:
        prefixes = Counter(m.stem.split("_")[0] for m in folder.glob("*_*.py"))
        families += [f"{folder.relative_to(ROOT)}/{prefix}_*" for prefix, n in prefixes.items() if n > 1]
    assert families == []


def test_the_manifest_size_limit_is_written_once() -> None:
    pattern = re.compile(r"64 ?<< ?20|64 \* 1024 \* 1024|67108864")
    found = [str(p.relative_to(ROOT)) for p in _modules() if pattern.search(p.read_text("utf-8"))]
    assert found == ["evidence_store/bundle/names.py"]


def test_one_png_decoder_and_one_printable_rule() -> None:
    decoders = [str(p.relative_to(ROOT)) for p in _modules() if "zlib.decompressobj" in p.read_text("utf-8")]
    assert decoders == ["evidence_store/files/png.py"]
    loops = [str(p.relative_to(ROOT)) for p in _modules()
             if re.search(r"ch\.isprintable\(\) else", p.read_text("utf-8"))]
    assert loops == ["evidence_store/safe_text.py"]
