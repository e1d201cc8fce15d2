"""The verifier never crashes on garbage, and refuses only what is not a bundle at all."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from evidence_store.bundle.keys import SigningKey
from evidence_store.bundle.manifest import manifest_bytes, sha256sums_bytes
from evidence_store.bundle.verify import verify_bundle
from evidence_store.errors import NotABundle
from evidence_store.files.hashing import sha256_bytes
from evidence_store.store.index import CaptureRecord

ROOT = Path(__file__).resolve().parents[3]


def test_empty_folder_is_not_a_bundle(tmp_path: Path) -> None:
    with pytest.raises(NotABundle, match="not a Vidne evidence bundle"):
        verify_bundle(tmp_path)


def test_a_file_or_nothing_is_not_a_bundle(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(NotABundle, match="not a folder"):
        verify_bundle(tmp_path / "file.txt")
    with pytest.raises(NotABundle):
        verify_bundle(tmp_path / "missing")


def test_folder_of_random_files_is_not_a_bundle(tmp_path: Path) -> None:
    rng = random.Random(7)
    for i in range(5):
        (tmp_path / f"f{i}.bin").write_bytes(rng.randbytes(100))
    with pytest.raises(NotABundle):
        verify_bundle(tmp_path)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        bytes(random.Random(1).randbytes(4096)),
        b"\xff\xfe{}",
        b"[1, 2, 3]",
        b"null",
        b'"a string"',
        b"{",
        b'{"format": "vidne-evidence-bundle"',
        b"[" * 200_000,
        b'{"format": "vidne-evidence-bundle", "format_version": 1' + b', "x": 1' * 10,
        b'{"format_version": 1e400}',
        b'{"format": "vidne-evidence-bundle", "format_version": ' + b"9" * 5000 + b"}",
        b'{"format": "vidne-evidence-bundle", "format_version": true}',
        b'{"format": "vidne-evidence-bundle", "format_version": NaN}',
        b'{"format": ' + b"[" * 900 + b"]" * 900 + b"}",
        b'{"format": "vidne-evidence-bundle", "format_version": 1, "capture_id": ' + b"[" * 900
        + b"]" * 900 + b"}",
    ],
)
def test_garbage_manifest_is_reported(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "manifest.json").write_bytes(content)
    report = _deep_in_the_stack(lambda: verify_bundle(tmp_path), depth=150)
    assert not report.intact
    assert any(p.file == "manifest.json" for p in report.problems), report.problem_text()
    for name in ("manifest.json.sig", "signer.pub.pem", "SHA256SUMS", "custody.jsonl", "VERIFY.txt"):
        assert any(p.file == name and p.message == "missing" for p in report.problems)


def _deep_in_the_stack(call: Any, depth: int) -> Any:
    """Run ``call`` under ``depth`` extra frames, as it would be deep inside a GUI or a test runner."""
    return call() if depth == 0 else _deep_in_the_stack(call, depth - 1)


def test_newer_format_version_is_a_clear_problem(sealed: CaptureRecord) -> None:
    path = sealed.path / "manifest.json"
    manifest = json.loads(path.read_bytes())
    manifest["format_version"] = 2
    path.write_bytes(manifest_bytes(manifest))
    report = verify_bundle(sealed.path)
    assert any("newer Vidne (format_version 2)" in p.message for p in report.problems), report.problem_text()


def _forge(folder: Path, mutate: Any) -> None:
    """A bundle whose manifest is edited and then re-signed consistently by a forger's key."""
    manifest = json.loads((folder / "manifest.json").read_bytes())
    mutate(manifest)
    key = SigningKey.generate()
    manifest["signer"]["public_key_sha256"] = key.fingerprint()
    manifest["bundle_files"]["signer.pub.pem"] = sha256_bytes(key.public_pem())
    data = manifest_bytes(manifest)
    (folder / "manifest.json").write_bytes(data)
    (folder / "manifest.json.sig").write_bytes(key.sign(data))
    (folder / "signer.pub.pem").write_bytes(key.public_pem())
    artifacts = manifest["artifacts"] if isinstance(manifest.get("artifacts"), list) else []
    pairs = [(a.get("path"), a.get("sha256")) for a in artifacts if isinstance(a, dict)]
    (folder / "SHA256SUMS").write_text(
        sha256sums_bytes(sha256_bytes(data), [(str(p), str(s)) for p, s in pairs]).decode("ascii", "replace")
    )


@pytest.mark.parametrize("path", ["../../etc/passwd", "artifacts/../../../etc/passwd", "/etc/passwd",
                                  "artifacts//etc/passwd", "artifacts/./x", "artifacts\\..\\x", "VERIFY.txt",
                                  "artifacts/", "artifacts/a\nb", 5, None])
def test_artifact_paths_cannot_escape(sealed: CaptureRecord, path: object) -> None:
    def mutate(manifest: dict[str, Any]) -> None:
        manifest["artifacts"][0]["path"] = path

    _forge(sealed.path, mutate)
    report = verify_bundle(sealed.path)
    assert any(p.file == "manifest.json" and "artifact 1" in p.message for p in report.problems), \
        report.problem_text()
    assert not any("root:" in str(p) for p in report.problems)


def test_huge_size_and_odd_values_in_a_forged_manifest(sealed: CaptureRecord) -> None:
    def mutate(manifest: dict[str, Any]) -> None:
        manifest["artifacts"][0]["size"] = 10**40
        manifest["artifacts"][1]["sha256"] = "zz"
        manifest["artifacts"].append({"path": "artifacts/page.html", "media_type": "text/html", "size": 1,
                                      "sha256": "0" * 64, "description": ""})
        manifest["artifacts"].append("not an object")
        manifest["capture"] = [1, 2]
        manifest["surprise"] = {"x": 1}

    _forge(sealed.path, mutate)
    report = verify_bundle(sealed.path)
    text = report.problem_text()
    assert "more than once" in text
    assert "not a JSON object" in text
    assert "surprise" in text
    assert "sha256 'zz'" in text


def test_random_mutations_of_the_manifest_never_crash(sealed: CaptureRecord) -> None:
    rng = random.Random(2026)
    original = json.loads((sealed.path / "manifest.json").read_bytes())
    values: list[Any] = [None, True, 0, -1, 1.5, "", "x", [], {}, [None], {"a": None}, "\x00\u202e", 10**25]

    def walk(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        paths = [prefix]
        if isinstance(obj, dict):
            for k, v in obj.items():
                paths += walk(v, (*prefix, k))
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                paths += walk(v, (*prefix, i))
        return paths

    all_paths = [p for p in walk(original) if p]
    for _ in range(150):
        manifest = json.loads(json.dumps(original))
        target = rng.choice(all_paths)
        holder = manifest
        for part in target[:-1]:
            holder = holder[part]
        holder[target[-1]] = rng.choice(values)
        (sealed.path / "manifest.json").write_bytes(json.dumps(manifest).encode())
        report = verify_bundle(sealed.path)
        assert not report.intact


def test_huge_sparse_manifest_is_reported_not_read(sealed: CaptureRecord) -> None:
    path = sealed.path / "manifest.json"
    with open(path, "r+b") as f:
        f.truncate(200 * 1024 * 1024)
    report = verify_bundle(sealed.path)
    assert any(p.file == "manifest.json" and "more than" in p.message for p in report.problems)


def test_huge_sparse_artifact_with_wrong_size_is_not_hashed(sealed: CaptureRecord) -> None:
    path = sealed.path / "artifacts" / "page.html"
    with open(path, "r+b") as f:
        f.truncate(4 * 1024**3)
    report = verify_bundle(sealed.path)
    assert any(p.file == "artifacts/page.html" and "bytes" in p.message for p in report.problems)


# Root reads every file through CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH. Without them a file whose
# mode is 0 cannot be read by its owner either, root included: the child drops both (capset, for
# itself only), then verifies.
_VERIFY_WITHOUT_READ_ANYTHING = """
import ctypes, json, sys
class Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]
class Data(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]
libc = ctypes.CDLL(None, use_errno=True)
header, data = Header(0x20080522, 0), (Data * 2)()      # _LINUX_CAPABILITY_VERSION_3
assert libc.capget(ctypes.byref(header), data) == 0, ctypes.get_errno()
for field in ("effective", "permitted", "inheritable"):
    setattr(data[0], field, getattr(data[0], field) & ~0b110)   # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
assert libc.capset(ctypes.byref(header), data) == 0, ctypes.get_errno()
from evidence_store.bundle.verify import verify_bundle
print(json.dumps([[p.file, p.message] for p in verify_bundle(sys.argv[1]).problems]))
"""


def test_unreadable_file_is_reported(sealed: CaptureRecord) -> None:
    (sealed.path / "artifacts" / "page.html").chmod(0)
    if os.geteuid() == 0:       # CI runs as root: check as root without the power to read anything
        done = subprocess.run([sys.executable, "-c", _VERIFY_WITHOUT_READ_ANYTHING, str(sealed.path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        problems = json.loads(done.stdout)
    else:
        problems = [[p.file, p.message] for p in verify_bundle(sealed.path).problems]
    assert ["artifacts/page.html", "cannot be read (Permission denied)"] in problems, problems


def test_odd_file_names_are_shown_safely(sealed: CaptureRecord) -> None:
    name = "evil\x1b[31m\nname.txt"
    (sealed.path / "artifacts" / name).write_text("x")
    (sealed.path / os.fsdecode(b"bad-\xff-bytes")).write_text("x")
    report = verify_bundle(sealed.path)
    shown = report.problem_text()
    assert "\x1b" not in shown
    assert len(shown.splitlines()) == len(report.problems) == 2


def test_only_custody_log_is_still_checked(tmp_path: Path) -> None:
    (tmp_path / "custody.jsonl").write_bytes(b"garbage\n")
    report = verify_bundle(tmp_path)
    assert any(p.file == "custody.jsonl" and p.line == 1 for p in report.problems)
    assert any(p.file == "manifest.json" and p.message == "missing" for p in report.problems)


def test_timestamp_files_are_known_and_come_together(sealed: CaptureRecord) -> None:
    (sealed.path / "tsa-chain.pem").write_text("chain")
    report = verify_bundle(sealed.path)
    assert [p.file for p in report.problems] == ["timestamp.tsr"]
    assert "come together" in report.problems[0].message
