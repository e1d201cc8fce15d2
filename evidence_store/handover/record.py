"""The export's own files: export.json (the signed record of what was exported), its signature, the
exporter's public key, and the top-level VERIFY.txt. See docs/export-format.md.

export.json is the outside record the bundle format asks for: it names every bundle with the number
of its custody events and the sha256 of the last one, so a custody line dropped from the end of a
log is caught; it carries the sha256 of the report, of VERIFY.txt and of exporter.pub.pem (since
issue 11; an older export's key file is held to the strict PEM form instead); and the exporter's Ed25519 key
signs its exact bytes (``export.json.sig``, checkable with ``openssl pkeyutl`` like a manifest).

Since issue 17 it also pins ``verify.html`` (the verifier that runs in a browser) by its sha256, and lists
the sha256 of the time-stamp roots the exporting organisation trusts (``organisation_tsa_roots``): a
recipient's check trusts a bundle's time up to one of those roots only once the recipient's own
policy knows the exporter's key (confirmed out of band, e.g. ``--trust-key``); a list signed by a
key nobody confirmed is shown, never trusted. Exports made before have neither field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import resources
from evidence_store.bundle.keys import fingerprint_of_der, load_public_key, public_key_der, verify_signature
from evidence_store.bundle.names import is_capture_id
from evidence_store.errors import InvalidPublicKey
from evidence_store.files.hashing import sha256_bytes
from evidence_store.problems import Problem
from evidence_store.safe_text import printable

RECORD_FILE = "export.json"
RECORD_SIG_FILE = "export.json.sig"
EXPORTER_KEY_FILE = "exporter.pub.pem"
REPORT_FILE = "chain-of-custody.pdf"
VERIFY_FILE = "VERIFY.txt"
VERIFY_HTML_FILE = "verify.html"
VERIFY_HTML_SHA256 = "verify_html_sha256"    # export.json: the sha256 of verify.html's bytes
ORGANISATION_ROOTS = "organisation_tsa_roots"   # export.json: sha256 of each root the organisation trusts
KEY_FILE_SHA256 = "key_file_sha256"      # export.json "exporter": the sha256 of exporter.pub.pem's bytes
FORMAT = "vidne-case-export"
FORMAT_VERSION = 1
MAX_RECORD_BYTES = 16 << 20
MAX_SMALL_FILE = 1 << 20

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_KEYS: dict[str, type | tuple[type, ...]] = {
    "format": str, "format_version": int, "export_id": str, "case": str, "organisation": str,
    "exported_by": str, "exported_at": str, "file_name": str, "tool": dict, "exporter": dict,
    "report": dict, "verify_txt_sha256": str, "damaged_included": bool, "bundles": list,
}  # fmt: skip
_BUNDLE_KEYS: dict[str, type | tuple[type, ...]] = {
    "capture_id": str, "manifest_sha256": str, "custody_count": int, "custody_head_sha256": str,
    "intact": bool, "problems": list,
}  # fmt: skip


@dataclass(frozen=True)
class Progress:
    """Where a long export, import or check is: ``phase`` is one of "verify", "record", "report",
    "zip", "check", "unpack", "add"; ``capture_id`` is the bundle just dealt with, if any."""

    phase: str
    done: int
    total: int
    capture_id: str | None = None


@dataclass(frozen=True)
class RecordedBundle:
    capture_id: str
    manifest_sha256: str
    custody_count: int
    custody_head_sha256: str
    intact: bool = True
    problems: tuple[str, ...] = ()


def verify_html() -> bytes:
    """verify.html as shipped (resources/verify, built by scripts/build-verify-html.sh)."""
    return resources.path("verify", VERIFY_HTML_FILE).read_bytes()


def record_bytes(record: dict[str, Any]) -> bytes:
    """export.json as written: UTF-8, 2-space indent, keys in the order given, ending in a newline."""
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def verify_text(*, case: str, exported_at: str, exported_by: str, organisation: str, fingerprint: str,
                bundles: list[RecordedBundle]) -> bytes:
    """The top-level VERIFY.txt, from the template in resources/texts (Danish and English)."""
    rows = "\n".join(
        f"     {b.capture_id}  {b.custody_count:>6}   {b.custody_head_sha256}" for b in bundles
    )
    template = resources.read_text("texts", "EXPORT-VERIFY.txt")
    values = {
        "case": _one_line(case) or "-", "exported_at": exported_at, "exported_by": _one_line(exported_by),
        "organisation": _one_line(organisation), "fingerprint": fingerprint, "count": str(len(bundles)),
        "bundles": rows, "example_id": bundles[0].capture_id if bundles else "",
    }
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template.encode("utf-8")


def _one_line(text: str, limit: int = 200) -> str:
    """Text from people, fit for one line of a text file: no control characters, bounded."""
    flat = printable(text, replacement=" ").strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- checking ------------------------------------------------------------------------------------
@dataclass
class RecordCheck:
    record: dict[str, Any] | None = None
    bundles: dict[str, RecordedBundle] | None = None
    exporter_fingerprint: str | None = None
    signature_ok: bool = False


def check_record(data: bytes, signature: bytes | None, public_pem: bytes | None,
                 problems: list[Problem]) -> RecordCheck:
    """Parse export.json, check its structure and its signature; append what is wrong to ``problems``."""
    result = RecordCheck()
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        problems.append(Problem(RECORD_FILE, "is not valid UTF-8 JSON (damaged or cut off)"))
        return result
    if not isinstance(parsed, dict):
        problems.append(Problem(RECORD_FILE, "is not a JSON object"))
        return result
    if parsed.get("format") != FORMAT:
        problems.append(Problem(RECORD_FILE, f"is not a Vidne export record (format is not {FORMAT!r})"))
        return result
    version = parsed.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        problems.append(Problem(RECORD_FILE, f"was made by a newer Vidne (format_version {version}); "
                                             "use that version to check it"))
        return result
    wrong = [k for k, kind in _KEYS.items() if not isinstance(parsed.get(k), kind)
             or (kind is int and isinstance(parsed.get(k), bool))]
    if wrong or version != FORMAT_VERSION:
        named = ", ".join(wrong or ["format_version"])
        problems.append(Problem(RECORD_FILE, f"field(s) missing or of the wrong type: {named}"))
        return result
    result.record = parsed
    result.bundles = _recorded_bundles(parsed["bundles"], problems)
    report = parsed["report"]
    if report.get("path") != REPORT_FILE or not _is_hex64(report.get("sha256")):
        problems.append(Problem(RECORD_FILE, f"'report' must name {REPORT_FILE} and its sha256"))
    if not _is_hex64(parsed["verify_txt_sha256"]):
        problems.append(Problem(RECORD_FILE, "verify_txt_sha256 is not a sha256"))
    if VERIFY_HTML_SHA256 in parsed and not _is_hex64(parsed[VERIFY_HTML_SHA256]):
        problems.append(Problem(RECORD_FILE, f"{VERIFY_HTML_SHA256} is not a sha256"))
    roots = parsed.get(ORGANISATION_ROOTS, [])
    if not isinstance(roots, list) or not all(_is_hex64(r) for r in roots):
        problems.append(Problem(RECORD_FILE, f"{ORGANISATION_ROOTS} is not a list of sha256 fingerprints"))
    _check_signature(parsed, data, signature, public_pem, problems, result)
    return result


def _recorded_bundles(items: list[Any], problems: list[Problem]) -> dict[str, RecordedBundle]:
    found: dict[str, RecordedBundle] = {}
    for number, item in enumerate(items, start=1):
        where = f"bundles[{number}]"
        if not isinstance(item, dict) or any(
            not isinstance(item.get(k), kind) or (kind is int and isinstance(item.get(k), bool))
            for k, kind in _BUNDLE_KEYS.items()
        ):
            problems.append(Problem(RECORD_FILE, f"{where} is not a bundle entry with the fields "
                                                 f"{', '.join(_BUNDLE_KEYS)}"))
            continue
        capture_id = item["capture_id"]
        if (not is_capture_id(capture_id) or not _is_hex64(item["manifest_sha256"])
                or not _is_hex64(item["custody_head_sha256"]) or item["custody_count"] < 1):
            problems.append(Problem(RECORD_FILE, f"{where} holds an invalid capture id, hash or count"))
            continue
        if capture_id in found:
            problems.append(Problem(RECORD_FILE, f"names capture {capture_id} more than once"))
            continue
        found[capture_id] = RecordedBundle(
            capture_id, item["manifest_sha256"], item["custody_count"], item["custody_head_sha256"],
            item["intact"], tuple(str(p) for p in item["problems"]),
        )
    return found


def _check_signature(parsed: dict[str, Any], data: bytes, signature: bytes | None, public_pem: bytes | None,
                     problems: list[Problem], result: RecordCheck) -> None:
    if public_pem is None:
        problems.append(Problem(EXPORTER_KEY_FILE, "missing: export.json cannot be checked without it"))
        return
    if signature is None:
        problems.append(Problem(RECORD_SIG_FILE, "missing: export.json is not signed"))
        return
    try:
        key = load_public_key(public_pem)
    except InvalidPublicKey as exc:
        problems.append(Problem(EXPORTER_KEY_FILE, str(exc)))
        return
    fingerprint = fingerprint_of_der(public_key_der(key))
    result.exporter_fingerprint = fingerprint
    named = parsed["exporter"].get("public_key_sha256")
    if named != fingerprint:
        problems.append(Problem(EXPORTER_KEY_FILE, f"its fingerprint {fingerprint} is not the one export.json "
                                                   "names: the key was replaced"))
        return
    pinned = parsed["exporter"].get(KEY_FILE_SHA256)      # absent in exports made before issue 11
    if pinned is not None and pinned != sha256_bytes(public_pem):
        problems.append(Problem(EXPORTER_KEY_FILE, f"its sha256 is not the {KEY_FILE_SHA256} export.json "
                                                   "records (changed after the export)"))
        return
    if len(signature) != 64 or not verify_signature(key, signature, data):
        problems.append(Problem(RECORD_SIG_FILE, "the signature does not verify over export.json: the record "
                                                 "was changed after the export"))
        return
    result.signature_ok = True


def _is_hex64(value: object) -> bool:
    return isinstance(value, str) and _HEX64.fullmatch(value) is not None
