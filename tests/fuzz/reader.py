"""Fuzz targets "manifest" and "custody": the readers of a bundle's two central files, alone and fast.

- manifest: changed manifest.json bytes (its JSON edited value by value, or blindly) through
  evidence_store.bundle.read (parse_manifest, read_bundle and every BundleView property),
  manifest.check_manifest, and custody.verify_chain with the bundle's real log.
- custody: changed custody.jsonl bytes (events edited and written canonically again, events signed
  by a stranger, lines moved, bytes) through custody.verify_chain, check_expected, parse_events and
  summarize, and read_bundle's view of it.

An input is the file's bytes; the other file is the real one of the time-stamped bundle in
tests/data/before-issue-10. Property: nothing raises; a changed manifest never has a log that chains
to it; a log without problems (held to the real count and head) starts with the real log, and what
follows is signed by the stranger's key, never by the sealer's.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from pathlib import Path

from evidence_store.bundle import custody
from evidence_store.bundle.manifest import check_manifest
from evidence_store.bundle.read import parse_manifest, read_bundle
from tests.fuzz import bundle
from tests.fuzz import mutate as m
from tests.fuzz.harness import MAX_INPUT, Target, expect, shape
from tests.fuzz.mutate import Chooser

BASE = bundle.BASES[0]


def _real(name: str) -> bytes:
    return bundle.base_files(BASE)[name]


def _view(folder: Path, manifest: bytes, log: bytes) -> None:
    folder.mkdir()
    (folder / "manifest.json").write_bytes(manifest)
    (folder / "custody.jsonl").write_bytes(log)
    view = read_bundle(folder)
    _ = (view.capture_id, view.case, view.note, view.operator, view.organisation, view.signer_fingerprint,
         view.facts, view.url, view.final_url, view.title, view.http_status, view.started_at, view.finished_at,
         view.artifacts, view.custody_events, view.custody_summary, view.manifest_sha256, view.problems)


# -- manifest ------------------------------------------------------------------------------------------
def mutate_manifest(c: Chooser, data: bytes) -> bytes:
    if c.below(3):
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError):
            return m.mutate_bytes(c, data)[:MAX_INPUT]
        for _ in range(1 + c.below(3)):
            doc = m.mutate_json(c, doc)
        return bundle._json_dump(doc, canonical=False)[:MAX_INPUT]
    return (m.mutate_lines(c, data) if c.below(2) else m.mutate_bytes(c, data))[:MAX_INPUT]


def check_manifest_input(data: bytes, scratch: Path) -> Hashable:
    _parsed, problem = parse_manifest(data)
    try:
        value = json.loads(data.decode("utf-8"))            # any JSON value, not only objects
    except (UnicodeDecodeError, ValueError, RecursionError):
        value = None
    info, problems = check_manifest(value)
    chain = custody.verify_chain(data, _real("custody.jsonl"))
    if data != _real("manifest.json"):
        expect(any(p.line == 1 and "prev_sha256" in p.message for p in chain),
               "the real custody log chains to a changed manifest")
    if problem is None and not problems:
        expect(info.supported and info.capture_id is not None, "a manifest without problems lacks its capture id")
    _view(scratch / "bundle", data, _real("custody.jsonl"))
    return shape([str(p) for p in problems] + ([problem] if problem else []))


# -- custody ---------------------------------------------------------------------------------------------
def mutate_log(c: Chooser, data: bytes) -> bytes:
    stamps = {n: _real(n) for n in ("timestamp.tsr", "tsa-chain.pem")}
    for _ in range(1 + c.below(2)):
        data = bundle.mutate_custody(c, data, _real("manifest.json"), stamps)
    return data[:MAX_INPUT]


def check_log(data: bytes, scratch: Path) -> Hashable:
    manifest, real = _real("manifest.json"), _real("custody.jsonl")
    problems = custody.verify_chain(manifest, data) + custody.check_expected(data, bundle.expected(BASE))
    events = custody.parse_events(data)
    summary = custody.summarize(data)
    expect(summary.count == len(custody.split_lines(data)[0]), "summarize miscounts the lines")
    if not problems:
        expect(data.startswith(real), "a changed log has no problems, though it does not start with the real one")
        added = events[custody.summarize(real).count:]
        expect(all(e.get("signer_fingerprint") == bundle.STRANGER.fingerprint() for e in added),
               "an event added to the log verifies without the stranger's key")
    _view(scratch / "bundle", manifest, data)
    return shape([p.message for p in problems])


MANIFEST_TARGET = Target("manifest", ".json", lambda: [_real("manifest.json")], mutate_manifest, check_manifest_input,
                         examples=60)
CUSTODY_TARGET = Target("custody", ".jsonl", lambda: [_real("custody.jsonl")], mutate_log, check_log, examples=60)
