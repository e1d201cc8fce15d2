"""Fuzz target "bundle": evidence_store.verify_bundle (and read_bundle) on a folder built from a real
sealed bundle and changed: manifest bytes, custody lines (also re-signed by a stranger), SHA256SUMS,
signatures, keys, time-stamps, artifacts; files removed, added, or made links, folders or pipes.

An input is a JSON object (a corpus file): the bundle it starts from and what differs,
``{"base": "<capture id>", "put": {name: base64}, "remove": [...], "link": {name: target},
"dirs": [...], "fifos": [...]}``. The bases are the two bundles of tests/data/before-issue-10 (one
time-stamped by the test TSA, whose root this check trusts, so the whole token check runs).

Property: verify_bundle raises nothing but NotABundle (and that only for a folder with none of
manifest.json, manifest.json.sig, custody.jsonl); its report and problems are printable JSON; a
trusted time is the one the TSA signed; and the report is intact only for the bundle as sealed, or
with events appended to its log that are attributed to an unknown signer (the outside record, the
custody count and head, is held against it as a store does).
"""

from __future__ import annotations

import base64
import functools
import json
import os
from collections.abc import Callable, Hashable
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evidence_store.bundle import custody
from evidence_store.bundle.custody import ExpectedCustody
from evidence_store.bundle.keys import SigningKey
from evidence_store.bundle.manifest import manifest_bytes, sha256sums_bytes
from evidence_store.bundle.read import read_bundle
from evidence_store.bundle.verify import verify_bundle
from evidence_store.errors import NotABundle
from evidence_store.files.hashing import sha256_bytes
from evidence_store.rfc3161 import certs as tsa_certs
from evidence_store.trust.policy import TrustPolicy
from tests.fuzz import mutate as m
from tests.fuzz.harness import OLD_DATA, Target, Violation, expect, shape
from tests.fuzz.mutate import Chooser, pick

BASES = ("20261203T133058Z-519b9f2c", "20261203T133101Z-21fb7d0e")    # time-stamped, not
TOP = ("manifest.json", "manifest.json.sig", "custody.jsonl")
META = ("manifest.json", "manifest.json.sig", "signer.pub.pem", "SHA256SUMS", "custody.jsonl", "VERIFY.txt",
        "timestamp.tsr", "tsa-chain.pem")
ADDED_NAMES = ("extra.txt", "artifacts/extra.html", "artifacts/deep/a/b/c/d/e/f/g/h/i.txt", "artifacts/Page.html",
               "artifacts/page.html.", "artifacts/con.txt", "artifacts/a b.txt", "artifacts/\u00e6.png",
               "artifacts/\x1b[2J.txt", "timestamp.tsr", "tsa-chain.pem", ".hidden", "artifacts/page.wacz/x")
LINK_TARGETS = ("/etc/passwd", "../../../../../../etc/hostname", "manifest.json", "/dev/zero", "artifacts")
# A stranger's key, the same in every run: the events it signs must never count as the sealer's.
STRANGER = SigningKey(Ed25519PrivateKey.from_private_bytes(bytes(range(32))))


@functools.cache
def base_files(capture_id: str) -> dict[str, bytes]:
    root = OLD_DATA / "bundles" / capture_id
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@functools.cache
def policy() -> TrustPolicy:
    chain = tsa_certs.load_pem_certificates(base_files(BASES[0])["tsa-chain.pem"])
    return TrustPolicy(tsa_roots=(chain[-1],))


@functools.cache
def base_time(capture_id: str) -> Any:
    return verify_bundle(OLD_DATA / "bundles" / capture_id, trust=policy()).trusted_time


def expected(capture_id: str) -> ExpectedCustody:
    summary = custody.summarize(base_files(capture_id)["custody.jsonl"])
    assert summary.head_sha256 is not None
    return ExpectedCustody(summary.count, summary.head_sha256, "the fuzz target's record")


# -- inputs --------------------------------------------------------------------------------------
def encode(state: dict[str, Any]) -> bytes:
    return json.dumps(state, sort_keys=True, indent=1).encode("utf-8")


def decode(data: bytes) -> dict[str, Any]:
    state = json.loads(data)
    state.setdefault("put", {})
    for key in ("remove", "dirs", "fifos"):
        state.setdefault(key, [])
    state.setdefault("link", {})
    return state


def bases() -> list[bytes]:
    return [encode({"base": b}) for b in BASES]


def files_of(state: dict[str, Any]) -> dict[str, bytes]:
    """The regular files the folder will hold."""
    special = set(state["remove"]) | set(state["dirs"]) | set(state["fifos"]) | set(state["link"])
    files = {k: v for k, v in base_files(state["base"]).items() if k not in special}
    files.update({k: base64.b64decode(v) for k, v in state["put"].items() if k not in special})
    return files


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and "\x00" not in name and not path.is_absolute() and ".." not in path.parts


def build(state: dict[str, Any], folder: Path) -> None:
    """The bundle folder an input describes (names that would leave the folder are left out)."""
    folder.mkdir()
    for name, data in files_of(state).items():
        _make(folder, name, _writer(data))
    for name in state["dirs"]:
        _make(folder, name, lambda path: path.mkdir(exist_ok=True))
    for name in state["fifos"]:
        _make(folder, name, os.mkfifo)
    for name, target in state["link"].items():
        _make(folder, name, _linker(target))


def _writer(data: bytes) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(data)


def _linker(target: str) -> Callable[[Path], object]:
    return lambda path: os.symlink(target, path)


def _make(folder: Path, name: str, action: Callable[[Path], object]) -> None:
    if not _safe(name):
        return
    path = folder / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        action(path)
    except OSError:          # a name both a file and a folder, too long, ...: that part is left out
        pass


# -- mutations ------------------------------------------------------------------------------------
def _json_dump(doc: Any, canonical: bool) -> bytes:
    try:
        return custody.canonical_json(doc) if canonical else manifest_bytes(doc)
    except (TypeError, ValueError):
        return json.dumps(doc, sort_keys=canonical, ensure_ascii=True).encode("ascii")


def mutate_custody(c: Chooser, data: bytes, manifest: bytes, stamps: dict[str, bytes]) -> bytes:
    """One change to a custody log: an event's JSON edited (written canonically again), an event signed by
    a stranger put in (chained or not), lines moved, or bytes. ``stamps``: the bundle's stamp files."""
    lines, tail = custody.split_lines(data)
    op = c.below(5)
    if op == 0 and lines:
        i = c.below(len(lines))
        try:
            lines[i] = _json_dump(m.mutate_json(c, json.loads(lines[i])), canonical=True)
        except (ValueError, RecursionError):
            lines[i] = m.mutate_bytes(c, lines[i])
        return b"".join(line + b"\n" for line in lines) + tail
    if op == 1:
        return _forge(c, lines, manifest, stamps) + tail
    if op == 2:
        return m.mutate_lines(c, data)
    return m.mutate_bytes(c, data)


def _forge(c: Chooser, lines: list[bytes], manifest: bytes, stamps: dict[str, bytes]) -> bytes:
    at = c.below(len(lines) + 1) if c.below(3) == 0 else len(lines)
    prev = sha256_bytes(lines[at - 1]) if at else sha256_bytes(manifest)
    event = pick(c, custody.EVENTS)
    details: dict[str, Any] = {}
    if event == "timestamped":                 # vouches for whatever stamp files are there now
        details["files"] = {n: sha256_bytes(d) for n, d in stamps.items()}
    new = custody.build_event(seq=at + 1 + pick(c, (0, 0, 0, 1, -1)), event=event, actor="Fuzz Stranger",
                              organisation="Elsewhere", details=details, prev_sha256=prev, key=STRANGER,
                              at="2026-12-03T13:40:00.000Z")
    return b"".join(line + b"\n" for line in [*lines[:at], custody.canonical_json(new), *lines[at:]])


def _mutate_file(c: Chooser, name: str, data: bytes, state: dict[str, Any]) -> bytes:
    if name == "custody.jsonl":
        files = files_of(state)
        stamps: dict[str, bytes] = {n: files[n] for n in ("timestamp.tsr", "tsa-chain.pem") if n in files}
        return mutate_custody(c, data, files.get("manifest.json", b""), stamps)
    if name == "manifest.json" and c.below(2):
        try:
            return _json_dump(m.mutate_json(c, json.loads(data)), canonical=False)
        except (ValueError, RecursionError):
            pass
    if name == "SHA256SUMS" and c.below(3) == 0:    # sums made to agree with the (changed) manifest
        manifest = files_of(state).get("manifest.json", b"")
        try:
            items = [(a["path"], a["sha256"]) for a in json.loads(manifest)["artifacts"]]
            return sha256sums_bytes(sha256_bytes(manifest), items)
        except (ValueError, KeyError, TypeError):
            pass
    if name in ("SHA256SUMS", "signer.pub.pem", "tsa-chain.pem", "VERIFY.txt") and c.below(2):
        return m.mutate_lines(c, data)
    return m.mutate_bytes(c, data)


def mutate(c: Chooser, data: bytes) -> bytes:
    state = decode(data)
    for _ in range(1 + c.below(3)):
        files = files_of(state)
        names = sorted(files)
        metas = [n for n in META if n in files] or names or ["manifest.json"]
        op = c.below(11)
        if op <= 4 and names:
            name = pick(c, metas) if op <= 3 else pick(c, names)
            state["put"][name] = base64.b64encode(_mutate_file(c, name, files[name], state)).decode()
        elif op == 5 and names:
            state["remove"].append(pick(c, names))
        elif op == 6:
            state["put"][pick(c, ADDED_NAMES)] = base64.b64encode(c.blob(64)).decode()
        elif op == 7:                              # a file of the other bundle
            other = base_files(pick(c, BASES))
            name = pick(c, sorted(other))
            state["put"][name] = base64.b64encode(other[name]).decode()
        elif op == 8 and names:
            name = pick(c, names)
            kind = c.below(3)
            if kind == 0:
                state["link"][name] = pick(c, LINK_TARGETS)
            else:
                state["dirs" if kind == 1 else "fifos"].append(name)
        elif op == 9:                              # the time-stamp taken away
            state["remove"] += ["timestamp.tsr", "tsa-chain.pem"][: 1 + c.below(2)]
        else:
            state["base"] = pick(c, BASES)
    return encode(state)


# -- the check --------------------------------------------------------------------------------------
def check(data: bytes, scratch: Path) -> Hashable:
    state = decode(data)
    folder = scratch / state["base"]
    build(state, folder)
    view = read_bundle(folder)                     # never raises; its properties neither
    _ = (view.capture_id, view.title, view.url, view.http_status, view.artifacts, view.custody_events,
         view.custody_summary, view.manifest_sha256, view.signer_fingerprint, view.facts)
    try:
        report = verify_bundle(folder, expected_custody=expected(state["base"]), trust=policy())
    except NotABundle:
        present = set(os.listdir(folder))
        expect(not present & set(TOP), f"NotABundle for a folder holding {sorted(present & set(TOP))}")
        return ("not a bundle",)
    json.dumps(report.as_json())
    _ = report.problem_text()
    if report.time.trusted:
        expect(report.trusted_time == base_time(state["base"]),
               f"trusted time {report.trusted_time} is not the one the TSA signed")
    if report.intact:
        _check_intact(state, folder, report)
    return shape([str(p) for p in report.problems])


def _check_intact(state: dict[str, Any], folder: Path, report: Any) -> None:
    original = base_files(state["base"])
    now = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*")}
    changed = sorted(n for n in set(now) | set(original)
                     if n not in original or n not in now or not now[n].is_file() or now[n].is_symlink()
                     or now[n].read_bytes() != original[n])
    changed = [n for n in changed if not (n in now and now[n].is_dir() and not now[n].is_symlink()
                                          and any(k.startswith(n + "/") for k in original))]
    if changed == ["custody.jsonl"]:
        old, new = original["custody.jsonl"], now["custody.jsonl"].read_bytes()
        base_count = custody.summarize(old).count
        added = report.custody[base_count:]
        if new.startswith(old) and added and all(e.signer.kind == "unknown" for e in added):
            return                                 # a stranger's events, attributed to the stranger
    if changed:
        raise Violation(f"verify_bundle says INTACT, but these changed: {changed}")


TARGET = Target("bundle", ".json", bases, mutate, check, examples=40)
