#!/bin/sh
# Translations: collect the texts of app/gui into the .ts sources, then compile the .qm files the
# app loads. Translate with Qt Linguist (.venv/bin/pyside6-linguist resources/i18n/vidne_da.ts) or any
# editor, then run this again. Both the .ts and the .qm files are committed.
set -eu
cd "$(dirname "$0")/.."
BIN=${VIDNE_VENV:-.venv}/bin
OUT=resources/i18n
"$BIN/pyside6-lupdate" -extensions py -no-obsolete -locations relative -source-language en \
    -target-language da app/gui -ts "$OUT/vidne_da.ts"
# English is the source language: its file only holds plural forms ("1 capture", "2 captures").
"$BIN/pyside6-lupdate" -extensions py -no-obsolete -locations relative -source-language en \
    -target-language en -pluralonly app/gui -ts "$OUT/vidne_en.ts"
"$BIN/pyside6-lrelease" -removeidentical "$OUT/vidne_da.ts" "$OUT/vidne_en.ts"
