"""The short fuzz run of `make test`: every target replays its seed corpus, then checks a fixed set of
mutated inputs (Hypothesis, derandomized: the same inputs on every run and every machine). Long runs:
scripts/fuzz.sh (tests/fuzz/README.md).

A corpus file that runs into an open bug (the target's ``known``) is expected to fail (strict xfail,
so the test says so once the bug is fixed), and the mutated inputs leave that bug alone meanwhile.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from tests.fuzz.harness import Target, Violation
from tests.fuzz.mutate import DataChooser
from tests.fuzz.targets import TARGETS


def _replays() -> list[object]:
    params: list[object] = []
    for target in TARGETS.values():
        params += [pytest.param(target, data, id=f"{target.name}-base{i}") for i, data in enumerate(target.bases())]
        for path in target.corpus_files():
            data = path.read_bytes()
            reason = target.known(data)
            marks = [pytest.mark.xfail(strict=True, raises=Violation, reason=reason)] if reason else []
            params.append(pytest.param(target, data, id=f"{target.name}/{path.name}", marks=marks))
    return params


@pytest.mark.parametrize(("target", "data"), _replays())
def test_the_seed_corpus_replays(target: Target, data: bytes) -> None:
    target.run(data)


def _seeds(target: Target) -> list[bytes]:
    seeds = [*target.bases(), *(p.read_bytes() for p in target.corpus_files())]
    return [s for s in seeds if target.known(s) is None]


@pytest.mark.parametrize("target", list(TARGETS.values()), ids=list(TARGETS))
def test_mutated_inputs_keep_the_property(target: Target) -> None:
    seeds = _seeds(target)

    @settings(max_examples=target.examples, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
    @given(st.data())
    def fuzz(data: st.DataObject) -> None:
        chooser = DataChooser(data)
        mutated = target.mutate(chooser, seeds[chooser.below(len(seeds))])
        if target.known(mutated) is not None:
            reject()                          # an open bug, replayed by its corpus file instead
        target.run(mutated)

    fuzz()
