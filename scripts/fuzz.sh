#!/bin/sh
# Long fuzz runs of the parsers of hostile input (tests/fuzz/README.md):
#   scripts/fuzz.sh [TARGET|all] [SECONDS] [--seed N] [--hang S] [--memory MB] [--out DIR]
# Each target runs SECONDS (default 60). Prints per target the executions, the crashes (each input saved
# under build/fuzz/<target>/ with its traceback) and the slowest input. Exit 1 when anything crashed,
# 2 on bad arguments. Runs without a terminal (CI, nohup, cron). `make test` runs a short, fixed part.
set -eu
cd "$(dirname "$0")/.."
PY=${VIDNE_VENV:-.venv}/bin/python
if [ ! -x "$PY" ]; then
    make --no-print-directory .venv/.installed-stamp >&2
fi
exec "$PY" -m tests.fuzz.run "$@"
