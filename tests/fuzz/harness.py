"""What a fuzz target is, where its corpus lives, and running one input through it.

A target turns bytes into a call of one of Vidne's parsers of hostile input and checks the property
every target shares: the parser raises nothing but its documented errors, and a changed input is
never reported intact when bytes that matter changed. A broken property raises :class:`Violation`;
any other exception escaping ``check`` is a crash. ``check`` returns an outcome (a short, hashable
summary of what the parser said) that the long runs use to keep inputs that made it say something new.
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.mutate import Chooser

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
OLD_DATA = ROOT / "tests" / "data" / "before-issue-10"
MAX_INPUT = 1 << 20          # no input grows beyond this: every run is bounded


class Violation(AssertionError):
    """The parser answered, but wrongly (a changed input reported intact, an error of the wrong kind)."""


@dataclass(frozen=True)
class Target:
    name: str
    suffix: str                                         # of its corpus files: ".json", ".zip", ".png", ...
    bases: Callable[[], list[bytes]]                    # valid inputs, the starting points of mutations
    mutate: Callable[[Chooser, bytes], bytes]
    check: Callable[[bytes, Path], Hashable]            # (input, an empty scratch folder) -> outcome
    examples: int = 25                                  # Hypothesis examples in `make test`
    known: Callable[[bytes], str | None] = lambda _data: None   # an open bug this input runs into, if any
    also: tuple[str, ...] = ()                          # other targets whose corpus this one replays too

    def corpus_dir(self) -> Path:
        return CORPUS / self.name

    def corpus_files(self) -> list[Path]:
        folders = [self.corpus_dir(), *(CORPUS / name for name in self.also)]
        return sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir()
                      if p.is_file() and p.suffix == self.suffix)

    def run(self, data: bytes) -> Hashable:
        """Check one input in a scratch folder that is removed afterwards."""
        scratch = Path(tempfile.mkdtemp(prefix=f"vidne-fuzz-{self.name}-"))
        try:
            return self.check(data, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def cached(fn: Callable[[], list[bytes]]) -> Callable[[], list[bytes]]:
    return functools.cache(fn)


_DETAILS = re.compile(r"[0-9a-f]{8,}|'[^']*'|\"[^\"]*\"|\d+")


def shape(messages: list[str]) -> Hashable:
    """Problem messages without their numbers, digests and quoted values: the same complaint about
    another place or value is nothing new."""
    return frozenset(_DETAILS.sub("#", m)[:120] for m in messages)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise Violation(message)
