"""One thing wrong with a bundle, as the verifier reports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A problem found in ``file`` (a path relative to the bundle), optionally at a 1-based ``line``.

    ``str(problem)`` reads like ``custody.jsonl line 3: the signature does not verify``.
    """

    file: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file} line {self.line}"
        return f"{where}: {self.message}"
