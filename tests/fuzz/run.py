"""Long fuzz runs (scripts/fuzz.sh runs this): ``python -m tests.fuzz.run [TARGET|all] [SECONDS]``.

Each target runs SECONDS (default 60) from its bases and corpus: an input is mutated one to four
times with a seeded random generator, checked, and kept for further mutation when the parser said
something it had not said before (a complaint of a new shape). Every input runs under a time limit (a hang is a
crash) and the process under a memory limit. Prints, per target: executions, crashes (each saved
with its traceback under build/fuzz/<target>/), inputs that ran into a known open bug, and the
slowest input (its time and size, saved too). Exits 1 when anything crashed. Needs no terminal.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import resource
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Hashable
from pathlib import Path
from types import FrameType

from tests.fuzz.harness import ROOT, Target
from tests.fuzz.mutate import RandomChooser
from tests.fuzz.targets import TARGETS

MAX_POOL = 2000
SAVED_PER_KIND = 3


class Hang(BaseException):
    """One input ran longer than the time limit (a BaseException, so no ``except Exception`` hides it)."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Hang


class Run:
    def __init__(self, target: Target, out: Path, seed: int, hang_seconds: float) -> None:
        self.target, self.out, self.hang_seconds = target, out / target.name, hang_seconds
        self.rnd = random.Random(seed)
        self.chooser = RandomChooser(self.rnd)
        self.pool = [*target.bases(), *(p.read_bytes() for p in target.corpus_files())]
        self.seen: set[Hashable] = set()
        self.executions = 0
        self.crashes: dict[str, list[Path]] = {}
        self.known: dict[str, int] = {}
        self.slowest = (0.0, b"")
        self.harness_errors = 0

    def one(self, data: bytes) -> None:
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, self.hang_seconds)
        try:
            outcome = self.target.run(data)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:          # noqa: BLE001 — every other exception is what is looked for
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.failed(data, exc)
            return
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.executions += 1
            took = time.perf_counter() - start
            if took > self.slowest[0]:
                self.slowest = (took, data)
        parts = outcome if isinstance(outcome, frozenset) else frozenset([outcome])
        if not parts <= self.seen:            # a complaint (or outcome) not met before: worth mutating further
            self.seen |= parts
            if len(self.pool) < MAX_POOL:
                self.pool.append(data)
            else:
                self.pool[self.rnd.randrange(len(self.pool))] = data

    def failed(self, data: bytes, exc: BaseException) -> None:
        reason = self.target.known(data)
        if reason is not None:
            self.known[reason] = self.known.get(reason, 0) + 1
            return
        kind = "hang" if isinstance(exc, Hang) else f"{type(exc).__name__}: {str(exc)[:80]}"
        saved = self.crashes.setdefault(kind, [])
        path = self.out / f"crash-{hashlib.sha256(data).hexdigest()[:12]}{self.target.suffix}"
        if len([p for p in saved if p.name]) < SAVED_PER_KIND and path not in saved:
            self.out.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            detail = "".join(traceback.format_exception(exc))
            path.with_name(path.name + ".txt").write_text(f"{kind}\n\n{detail}", encoding="utf-8")
            saved.append(path)
        else:
            saved.append(Path())                 # counted, not saved again

    def go(self, seconds: float) -> None:
        for data in list(self.pool):
            self.one(data)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            data = self.pool[self.rnd.randrange(len(self.pool))]
            try:
                for _ in range(1 + self.rnd.randrange(4)):
                    data = self.target.mutate(self.chooser, data)
            except Exception as exc:          # noqa: BLE001 — a fault of the fuzzer, not of Vidne: said, not counted
                self.harness_errors += 1
                if self.harness_errors == 1:
                    print(f"  (fuzzer fault, not Vidne's: {''.join(traceback.format_exception(exc))})", flush=True)
                continue
            self.one(data)

    def report(self, seconds: float) -> str:
        crashes = sum(len(v) for v in self.crashes.values())
        lines = [f"{self.target.name}: {self.executions} executions in {seconds:.0f} s "
                 f"({self.executions / max(seconds, 1e-9):.1f}/s), {crashes} crash(es), "
                 f"{len(self.seen)} distinct complaints"
                 + (f", {self.harness_errors} fuzzer fault(s)" if self.harness_errors else "")]
        for kind, paths in self.crashes.items():
            shown = [_shown(p) for p in paths if p.name]
            lines.append(f"  CRASH x{len(paths)}: {kind}\n    saved: {', '.join(shown)}")
        for reason, count in self.known.items():
            lines.append(f"  known x{count}: {reason[:140]}")
        took, data = self.slowest
        slow_path = self.out / f"slowest{self.target.suffix}"
        self.out.mkdir(parents=True, exist_ok=True)
        slow_path.write_bytes(data)
        lines.append(f"  slowest input: {took:.3f} s, {len(data):,} bytes ({_shown(slow_path)})")
        return "\n".join(lines)


def _shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/fuzz.sh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", nargs="?", default="all", choices=["all", *TARGETS])
    parser.add_argument("seconds", nargs="?", type=float, default=60.0, help="per target (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock, printed)")
    parser.add_argument("--hang", type=float, default=20.0, help="seconds one input may take (default 20)")
    parser.add_argument("--memory", type=int, default=4096, help="MB of address space for the run (default 4096)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz", help="where crashes are saved")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    limit = args.memory << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    signal.signal(signal.SIGALRM, _alarm)
    logging.disable(logging.CRITICAL)        # the parsers log every refusal; the counts below say it all
    warnings.simplefilter("ignore")
    names = list(TARGETS) if args.target == "all" else [args.target]
    print(f"fuzzing {', '.join(names)}: {args.seconds:.0f} s each, seed {seed}", flush=True)
    crashed = False
    for number, name in enumerate(names):
        run = Run(TARGETS[name], args.out, seed + number, args.hang)
        start = time.monotonic()
        try:
            run.go(args.seconds)
        except KeyboardInterrupt:
            print(run.report(time.monotonic() - start), flush=True)
            return 130
        print(run.report(time.monotonic() - start), flush=True)
        crashed |= bool(run.crashes)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
