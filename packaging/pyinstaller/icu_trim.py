"""A smaller ICU data library for the packaged app on Linux (build.spec).

PySide6's Linux wheels ship Qt linked against ICU with ICU's whole data library,
``libicudata.so.73``: 31 MB of locale data for some 800 locales, 230 legacy character-set
converters, transliterators and Chinese/Japanese/Thai dictionaries. Qt uses ICU for collation
(QCollator, locale-aware sorting), locale-specific case mapping, time-zone display names, IDNA and
legacy text codecs; Vidne shows Danish and English and reads and writes UTF-8 only.

This module makes a copy of that library holding what Qt needs for Danish and English: the
normalisation, case, IDNA and emoji tables, the collation rules of root/da/en, the break rules
(not the CJK/Thai dictionaries), and the locale, zone, currency, language, region and unit names of
root, Danish and English. Another locale asked of it falls back to root, as ICU does for any locale
it lacks. About 4 MB instead of 31.

It uses ICU's own tool for the data package (``icupkg``, Debian's icu-devtools) and a C compiler
(``gcc``) to put the package back into a shared library under the same symbol
(``icudt<major>_dat``) and soname. If either is missing the build keeps the whole library and
says so; ``tests/frozen`` checks which one a build holds and that Danish collation works.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Locales kept in every tree (their parents too: en_GB -> en_001 -> en -> root).
KEEP_LOCALES = frozenset({"root", "da", "da_DK", "da_GL", "en", "en_001", "en_150", "en_DK", "en_GB", "en_US",
                          "en_US_POSIX"})
# Trees of per-locale data; another tree (translit: transliterators) is left out whole.
LOCALE_TREES = ("coll", "brkitr", "curr", "lang", "region", "unit", "zone", "rbnf")
TREE_INFRA = frozenset({"pool.res", "res_index.res"})  # each tree's shared strings and locale list

_SYMBOL = re.compile(rb"icudt(\d+)_dat")
_LOCALE = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*")   # af, en_GB, sr_Latn_BA; not pool, units, metaZones
_MISSING = re.compile(r"Item (\S+) depends on missing item (\S+)")


class TrimUnavailable(Exception):
    """The tools are missing or the library is not the expected shape; the reason is the message."""


def tools_missing() -> list[str]:
    return [tool for tool in ("icupkg", "gcc", "readelf") if shutil.which(tool) is None]


def wanted(item: str) -> bool:
    """Whether the package item ``item`` (e.g. ``coll/da.res``, ``ibm-37_P100-1995.cnv``) is kept."""
    if "/" in item:
        tree, name = item.split("/", 1)
        if tree not in LOCALE_TREES:
            return False
        if name in TREE_INFRA:
            return True
        if name.endswith(".dict"):          # CJK/Thai/Khmer/Lao/Burmese word dictionaries
            return False
        if name.endswith((".brk", ".icu")):  # break rules, the collation base table: shared by all locales
            return True
        return name.endswith(".res") and name[:-4] in KEEP_LOCALES
    stem, _, ext = item.rpartition(".")
    if ext == "cnv":                        # legacy character sets; UTF-8/16/32, ASCII, Latin-1 are built in
        return False
    if ext == "res" and _LOCALE.fullmatch(stem):   # a locale's own data
        return stem in KEEP_LOCALES
    return True                             # supplemental data, time zones, normalisation, names, ...


def _data_symbol(lib: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size in ``lib`` (via readelf)."""
    symbols = subprocess.run(["readelf", "-sW", str(lib)], capture_output=True, text=True, check=True).stdout
    sections = subprocess.run(["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True).stdout
    for line in symbols.splitlines():
        fields = line.split()
        if len(fields) >= 8 and _SYMBOL.fullmatch(fields[7].encode()) and fields[3] == "OBJECT":
            address, size, section = int(fields[1], 16), int(fields[2], 0), int(fields[6])
            break
    else:
        raise TrimUnavailable(f"{lib.name} has no icudt*_dat symbol")
    for line in sections.splitlines():
        match = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if match and int(match.group(1)) == section:
            return fields[7], address - int(match.group(3), 16) + int(match.group(4), 16), size
    raise TrimUnavailable(f"{lib.name}: section {section} of the data symbol not found")


def trim(lib: Path, out: Path, work: Path) -> tuple[int, int]:
    """Write a trimmed copy of the ICU data library ``lib`` to ``out``; returns (old size, new size)."""
    missing = tools_missing()
    if missing:
        raise TrimUnavailable(f"{', '.join(missing)} not found (Debian: apt-get install icu-devtools gcc binutils)")
    symbol, offset, size = _data_symbol(lib)
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp_name:
        tmp = Path(tmp_name)
        # icupkg takes the package's name (icudt73l: version, byte order) from the file's name.
        package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")
        (tmp / "in").mkdir()
        (tmp / "out").mkdir()
        full = tmp / "in" / f"{package}.dat"
        full.write_bytes(lib.read_bytes()[offset:offset + size])
        listed = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True)
        if listed.returncode != 0 or not listed.stdout.strip():
            raise TrimUnavailable(f"icupkg cannot read the data in {lib.name}: {listed.stderr.strip()[:200]}")
        dropped = [item for item in listed.stdout.split() if not wanted(item)]
        (tmp / "drop.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
        small = tmp / "out" / f"{package}.dat"
        removed = subprocess.run(["icupkg", "-r", str(tmp / "drop.txt"), str(full), str(small)],
                                 capture_output=True, text=True)
        if removed.returncode != 0:
            # icupkg refuses to drop an item something kept refers to. The one such reference allowed is
            # the root break rules' to the CJK/Thai word dictionaries (Qt breaks text with its own rules;
            # ICU without a dictionary breaks those scripts per character). Anything else: a rule here
            # is wrong, so keep the whole library rather than guess.
            missing = {needed for _, needed in _MISSING.findall(removed.stderr)}
            if not missing or any(not needed.endswith(".dict") for needed in missing):
                raise TrimUnavailable(f"icupkg: {removed.stderr.strip()[:300]}")
            subprocess.run(["icupkg", "--ignore-deps", "-r", str(tmp / "drop.txt"), str(full), str(small)],
                           check=True, capture_output=True)
        # The package as read-only data under the same symbol and soname libicuuc looks for.
        soname = subprocess.run(["readelf", "-dW", str(lib)], capture_output=True, text=True, check=True).stdout
        match = re.search(r"\(SONAME\).*\[(.+)\]", soname)
        asm = tmp / "icudata.S"
        asm.write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n'
            f'{symbol}:\n\t.incbin "{small}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n', encoding="utf-8")
        built = tmp / lib.name
        subprocess.run(["gcc", "-shared", "-nostdlib", "-Wl,--build-id",
                        f"-Wl,-soname,{match.group(1) if match else lib.name}", "-o", str(built), str(asm)],
                       check=True, capture_output=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, out)
        out.chmod(0o755)
    return lib.stat().st_size, out.stat().st_size
