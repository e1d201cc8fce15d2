"""manifest.json and SHA256SUMS: building them when sealing, checking their structure when verifying.

The layout is the contract in docs/bundle-format.md (format_version 1).
"""

from __future__ import annotations

import json
import re
import reprlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeGuard

from evidence_store.bundle.names import bundle_path_problem, is_capture_id
from evidence_store.problems import Problem
from evidence_store.safe_text import printable

FORMAT = "vidne-evidence-bundle"
FORMAT_VERSION = 1

MANIFEST_FILE = "manifest.json"
SIGNATURE_FILE = "manifest.json.sig"
PUBLIC_KEY_FILE = "signer.pub.pem"
SUMS_FILE = "SHA256SUMS"
VERIFY_FILE = "VERIFY.txt"
TIMESTAMP_FILE = "timestamp.tsr"
TSA_CHAIN_FILE = "tsa-chain.pem"
# Files the signed manifest lists by hash in "bundle_files".
BUNDLE_FILES = (VERIFY_FILE, PUBLIC_KEY_FILE)

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_SUMS_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_KEYS = (
    "format", "format_version", "capture_id", "case", "note", "operator", "organisation",
    "capture", "tool", "signer", "bundle_files", "artifacts",
)  # fmt: skip
_ARTIFACT_KEYS = ("path", "media_type", "size", "sha256", "description")
# A part of a tall screenshot also says which rows of which image it holds (rows: [start, end)).
_PART_KEYS = ("rows", "part_of")


class ArtifactLike(Protocol):
    """What the store needs to know of each file the capture wrote under artifacts/."""

    @property
    def name(self) -> str: ...  # relative to artifacts/, e.g. "screenshot-full.png"

    @property
    def media_type(self) -> str: ...

    @property
    def description(self) -> str: ...


@dataclass(frozen=True)
class ArtifactEntry:
    path: str           # relative to the bundle: "artifacts/page.html"
    media_type: str
    size: int
    sha256: str
    description: str = ""
    rows: tuple[int, int] | None = None     # a screenshot part: rows [start, end) of ``part_of``
    part_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
            "description": self.description,
        }
        if self.rows is not None and self.part_of is not None:
            out["rows"] = list(self.rows)
            out["part_of"] = self.part_of
        return out


@dataclass
class ManifestInfo:
    """The parts of a manifest the verifier relies on, from a structurally checked manifest."""

    capture_id: str | None = None
    signer_fingerprint: str | None = None
    bundle_files: dict[str, str] = field(default_factory=dict)
    artifacts: list[ArtifactEntry] = field(default_factory=list)
    supported: bool = False   # False: not a v1 manifest; artifact checks cannot be done


def build_manifest(
    *,
    capture_id: str,
    case: str,
    note: str,
    operator: str,
    organisation: str,
    facts: dict[str, Any],
    tool_version: str,
    signer_fingerprint: str,
    bundle_files: dict[str, str],
    artifacts: list[ArtifactEntry],
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "capture_id": capture_id,
        "case": case,
        "note": note,
        "operator": operator,
        "organisation": organisation,
        "capture": facts,
        "tool": {"name": "Vidne", "version": tool_version},
        "signer": {"algorithm": "Ed25519", "public_key_sha256": signer_fingerprint},
        "bundle_files": {name: bundle_files[name] for name in BUNDLE_FILES},
        "artifacts": [_as_part(a, facts).to_json() for a in artifacts],
    }


def _as_part(entry: ArtifactEntry, facts: dict[str, Any]) -> ArtifactEntry:
    """The entry with the rows it holds of the full screenshot, when the capture's screenshot record
    (``capture.screenshot.split``) lists it as a part; else the entry as it is."""
    screenshot = facts.get("screenshot") if isinstance(facts, dict) else None
    split = screenshot.get("split") if isinstance(screenshot, dict) else None
    if not isinstance(split, dict) or not isinstance(split.get("of"), str):
        return entry
    parts = split.get("parts")
    for part in parts if isinstance(parts, list) else []:
        rows = part.get("rows") if isinstance(part, dict) else None
        if (isinstance(part, dict) and part.get("path") == entry.path and isinstance(rows, list) and len(rows) == 2
                and all(_is_int(r) for r in rows)):
            return replace(entry, rows=(rows[0], rows[1]), part_of=split["of"])
    return entry


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """UTF-8 JSON, 2-space indent, keys in the order given, ending with a newline.
    Raises TypeError/ValueError if something in it cannot be JSON."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def sha256sums_bytes(manifest_sha256: str, artifacts: Iterable[tuple[str, str]]) -> bytes:
    """SHA256SUMS as `sha256sum -c` reads it: manifest.json first, then the artifacts in the
    manifest's order, one ``<hex>  <path>`` line each."""
    lines = [f"{manifest_sha256}  {MANIFEST_FILE}\n"]
    lines.extend(f"{sha}  {path}\n" for path, sha in artifacts)
    return "".join(lines).encode("ascii")


def parse_sha256sums(data: bytes) -> tuple[list[tuple[int, str, str]], list[Problem]]:
    """(line number, sha256, path) for each well-formed line, and a problem for each other line."""
    entries: list[tuple[int, str, str]] = []
    problems: list[Problem] = []
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return [], [Problem(SUMS_FILE, "not plain ASCII text")]
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    else:
        problems.append(Problem(SUMS_FILE, "the last line does not end with a line break", len(lines)))
    for number, line in enumerate(lines, start=1):
        match = _SUMS_LINE.fullmatch(line)
        if match is None:
            problems.append(Problem(SUMS_FILE, "not a '<sha256>  <file>' line", number))
        else:
            entries.append((number, match.group(1), match.group(2)))
    return entries, problems


def check_manifest(manifest: object) -> tuple[ManifestInfo, list[Problem]]:
    """Check the structure of a parsed manifest.json; never raises on any JSON value."""
    info = ManifestInfo()
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(Problem(MANIFEST_FILE, message))

    if not isinstance(manifest, dict):
        problem("not a JSON object, so not a Vidne manifest")
        return info, problems
    if manifest.get("format") != FORMAT:
        problem(f"the format is {_show(manifest.get('format'))}, not {FORMAT!r}")
        return info, problems
    version = manifest.get("format_version")
    if not _is_int(version):
        problem(f"format_version is {_show(version)}, not a whole number")
        return info, problems
    if version > FORMAT_VERSION:
        problem(
            f"made by a newer Vidne (format_version {version}); this verifier reads format_version "
            f"{FORMAT_VERSION}. Update Vidne to check this bundle."
        )
        return info, problems
    if version != FORMAT_VERSION:
        problem(f"format_version {version} does not exist")
        return info, problems
    info.supported = True

    for key in _KEYS:
        if key not in manifest:
            problem(f"the field {key!r} is missing")
    for key in manifest:
        if key not in _KEYS:
            problem(f"unexpected field {_show(key)}")

    capture_id = manifest.get("capture_id")
    if isinstance(capture_id, str) and is_capture_id(capture_id):
        info.capture_id = capture_id
    elif "capture_id" in manifest:
        problem(f"capture_id {_show(capture_id)} is not a Vidne capture id")
    for key in ("case", "note", "operator", "organisation"):
        if key in manifest and not isinstance(manifest[key], str):
            problem(f"{key} is not text")
    if "capture" in manifest and not isinstance(manifest["capture"], dict):
        problem("capture is not a JSON object")
    tool = manifest.get("tool")
    if "tool" in manifest and not (
        isinstance(tool, dict) and isinstance(tool.get("name"), str) and isinstance(tool.get("version"), str)
    ):
        problem("tool is not {'name': ..., 'version': ...}")

    signer = manifest.get("signer")
    if isinstance(signer, dict) and signer.get("algorithm") == "Ed25519" and _is_hex64(
        signer.get("public_key_sha256")
    ):
        info.signer_fingerprint = signer["public_key_sha256"]
    elif "signer" in manifest:
        problem("signer is not {'algorithm': 'Ed25519', 'public_key_sha256': <hex sha256>}")

    bundle_files = manifest.get("bundle_files")
    if isinstance(bundle_files, dict):
        for name in BUNDLE_FILES:
            if _is_hex64(bundle_files.get(name)):
                info.bundle_files[name] = bundle_files[name]
            else:
                problem(f"bundle_files has no sha256 for {name}")
        for name in bundle_files:
            if name not in BUNDLE_FILES:
                problem(f"bundle_files lists {_show(name)}, which is not a file a bundle may have there")
    elif "bundle_files" in manifest:
        problem("bundle_files is not a JSON object")

    artifacts = manifest.get("artifacts")
    if isinstance(artifacts, list):
        info.artifacts = _check_artifacts(artifacts, problem)
    elif "artifacts" in manifest:
        problem("artifacts is not a list")
    return info, problems


def _check_artifacts(items: list[Any], problem: Callable[[str], None]) -> list[ArtifactEntry]:
    entries: list[ArtifactEntry] = []
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        label = f"artifact {number}"
        if not isinstance(item, dict):
            problem(f"{label} is not a JSON object")
            continue
        path = item.get("path")
        path_problem = bundle_path_problem(path)
        if path_problem is not None or not isinstance(path, str):
            problem(f"{label}: {path_problem}")
            continue
        label = f"{label} ({path})"
        if path.casefold() in seen:
            problem(f"{label} is listed more than once")
            continue
        seen.add(path.casefold())
        bad = [key for key in _ARTIFACT_KEYS if key not in item] + [
            f"unexpected {_show(key)}" for key in item if key not in _ARTIFACT_KEYS + _PART_KEYS
        ]
        if bad:
            problem(f"{label}: field(s) missing or unexpected: {', '.join(bad)}")
        size, sha256 = item.get("size"), item.get("sha256")
        media_type, description = item.get("media_type"), item.get("description", "")
        if not _is_int(size) or size < 0:
            problem(f"{label}: size {_show(size)} is not a whole number of bytes")
            continue
        if not _is_hex64(sha256):
            problem(f"{label}: sha256 {_show(sha256)} is not a hex sha256")
            continue
        if not isinstance(media_type, str) or not media_type:
            problem(f"{label}: media_type is missing or not text")
        if not isinstance(description, str):
            problem(f"{label}: description is not text")
        rows, part_of = _part_fields(item, label, problem)
        entries.append(
            ArtifactEntry(
                path=path,
                media_type=media_type if isinstance(media_type, str) else "",
                size=size,
                sha256=sha256,
                description=description if isinstance(description, str) else "",
                rows=rows,
                part_of=part_of,
            )
        )
    listed = {e.path for e in entries}
    for entry in entries:
        if entry.part_of is not None and (entry.part_of not in listed or entry.part_of == entry.path):
            problem(f"artifact {entry.path}: part_of {_show(entry.part_of)} is not another listed artifact")
    return entries


def _part_fields(item: dict[str, Any], label: str,
                 problem: Callable[[str], None]) -> tuple[tuple[int, int] | None, str | None]:
    """A screenshot part's ``rows`` ([start, end), whole numbers, start < end) and ``part_of``: both or neither."""
    if "rows" not in item and "part_of" not in item:
        return None, None
    rows, part_of = item.get("rows"), item.get("part_of")
    if not (isinstance(rows, list) and len(rows) == 2 and all(_is_int(r) for r in rows) and 0 <= rows[0] < rows[1]):
        problem(f"{label}: rows {_show(rows)} is not [first row, row after the last]")
        return None, None
    if not isinstance(part_of, str):
        problem(f"{label}: a part must say which artifact it is part of (part_of)")
        return None, None
    return (rows[0], rows[1]), part_of


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hex64(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and _HEX64.fullmatch(value) is not None


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict = 2, 60, 60, 4, 4


def _show(value: object, limit: int = 60) -> str:
    """A short, printable rendering of a (possibly hostile, deeply nested) value for a message."""
    text = _REPR.repr(value)
    return printable(text, replacement="?", limit=limit)
