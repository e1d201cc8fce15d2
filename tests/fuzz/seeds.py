"""Make the seed corpus: ``python -m tests.fuzz.seeds``. The files are checked in; running this again
rewrites them (the impostor chain gets new keys). Files the fuzzers found are added by hand (README.md).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID
from PIL import Image

from evidence_store.bundle import custody
from evidence_store.bundle.manifest import sha256sums_bytes
from evidence_store.files import png
from evidence_store.files.hashing import sha256_bytes
from tests.fuzz import bundle
from tests.fuzz.harness import CORPUS, OLD_DATA
from tests.fuzz.pngs import chunk


def _noise(size: tuple[int, int]) -> Image.Image:
    width, height = size
    return Image.frombytes("RGBA", size, bytes((x * 37 + y * 11 + (x * y) % 7) % 256
                                               for y in range(height) for x in range(width) for _ in range(4)))


def _save(image: Image.Image, name: str, **options: object) -> None:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    (CORPUS / "png" / f"seed-{name}.png").write_bytes(buffer.getvalue())


def pngs() -> None:
    (CORPUS / "png").mkdir(parents=True, exist_ok=True)
    base = _noise((23, 19))
    _save(base.convert("RGB"), "rgb")
    _save(base, "rgba")
    _save(base.convert("L"), "grey")
    _save(base.convert("LA"), "grey-alpha")
    palette = base.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    _save(palette, "palette-trns", transparency=3)
    _save(base.convert("1"), "one-bit")
    _save(base.convert("RGB"), "interlaced", interlace=1)
    _save(base.convert("I;16"), "sixteen-bit")
    # 8-bit RGB whose picture data is split into chunks of 61 bytes, with a text chunk between
    raw = base.convert("RGB").tobytes()
    stride = 23 * 3
    packed = zlib.compress(b"".join(b"\x00" + raw[y * stride:(y + 1) * stride] for y in range(19)), 9)
    idats = [chunk(b"IDAT", packed[i:i + 61]) for i in range(0, len(packed), 61)]
    head = chunk(b"IHDR", struct.pack(">IIBBBBB", 23, 19, 8, 2, 0, 0, 0))
    data = png.SIGNATURE + head + chunk(b"tEXt", b"Comment\x00fuzz") + b"".join(idats) + chunk(b"IEND", b"")
    (CORPUS / "png" / "seed-split-idat.png").write_bytes(data)


def impostor() -> None:
    """A chain with the real test TSA's names and other keys: the root looks the same and is not."""
    real = x509.load_pem_x509_certificates(bundle.base_files(bundle.BASES[0])["tsa-chain.pem"])
    keys = [ec.generate_private_key(ec.SECP256R1()) for _ in real]
    start, end = dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.datetime(2045, 1, 1, tzinfo=dt.UTC)
    pem = b""
    for i, cert in enumerate(real):
        issuer_key = keys[min(i + 1, len(real) - 1)]
        builder = (x509.CertificateBuilder().subject_name(cert.subject).issuer_name(cert.issuer)
                   .public_key(keys[i].public_key()).serial_number(cert.serial_number)
                   .not_valid_before(start).not_valid_after(end))
        if i == 0:
            builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        else:
            builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        pem += builder.sign(issuer_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)
    (CORPUS / "tsa-chain").mkdir(parents=True, exist_ok=True)
    (CORPUS / "tsa-chain" / "impostor.pem").write_bytes(pem)


def hand_zipped() -> None:
    """The not time-stamped bundle zipped by hand: no export.json, so it is checked bundle by bundle."""
    folder = OLD_DATA / "bundles" / bundle.BASES[1]
    (CORPUS / "export-zip").mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(CORPUS / "export-zip" / "hand-zipped.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", (2026, 12, 3, 13, 31, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16
            zf.writestr(info, path.read_bytes())


def _stranger_event(log: bytes, event: str, details: dict[str, object]) -> bytes:
    lines, _ = custody.split_lines(log)
    new = custody.build_event(seq=len(lines) + 1, event=event, actor="Fuzz Stranger", organisation="Elsewhere",
                              details=details, prev_sha256=sha256_bytes(lines[-1]), key=bundle.STRANGER,
                              at="2026-12-03T13:40:00.000Z")
    return log + custody.event_line(new)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def bundles() -> None:
    stamped, plain = bundle.BASES
    files = bundle.base_files(stamped)
    log, manifest = files["custody.jsonl"], files["manifest.json"]
    changed = manifest.replace(b"Vidne", b"Vidme", 1)
    items = [(a["path"], a["sha256"]) for a in json.loads(changed)["artifacts"]]
    fake_tsr = files["timestamp.tsr"][:-1] + b"\x00"
    cases: dict[str, dict[str, Any]] = {
        "stamp-removed": {"base": stamped, "remove": ["timestamp.tsr", "tsa-chain.pem"]},
        "stranger-appended-note": {"base": stamped, "put": {"custody.jsonl": _b64(_stranger_event(log, "note", {}))}},
        "stranger-vouches-for-new-stamp": {"base": stamped, "put": {
            "timestamp.tsr": _b64(fake_tsr),
            "custody.jsonl": _b64(_stranger_event(log, "timestamped", {"files": {
                "timestamp.tsr": sha256_bytes(fake_tsr), "tsa-chain.pem": sha256_bytes(files["tsa-chain.pem"])}}))}},
        "last-custody-line-dropped": {"base": stamped, "put": {
            "custody.jsonl": _b64(b"".join(line + b"\n" for line in custody.split_lines(log)[0][:-1]))}},
        "sums-agree-with-changed-manifest": {"base": stamped, "put": {
            "manifest.json": _b64(changed), "SHA256SUMS": _b64(sha256sums_bytes(sha256_bytes(changed), items))}},
        "signature-of-the-other-bundle": {"base": stamped, "put": {
            "manifest.json.sig": _b64(bundle.base_files(plain)["manifest.json.sig"])}},
        "manifest-is-a-link": {"base": plain, "link": {"manifest.json": "/etc/passwd"}},
        "custody-is-a-pipe": {"base": plain, "fifos": ["custody.jsonl"]},
        "artifact-is-a-folder": {"base": plain, "dirs": ["artifacts/page.html/deeper/still"]},
    }
    (CORPUS / "bundle").mkdir(parents=True, exist_ok=True)
    for name, state in cases.items():
        (CORPUS / "bundle" / f"{name}.json").write_bytes(bundle.encode(bundle.decode(bundle.encode(state))))
    (CORPUS / "custody").mkdir(parents=True, exist_ok=True)
    (CORPUS / "custody" / "stranger-appended-note.jsonl").write_bytes(_stranger_event(log, "note", {}))
    (CORPUS / "custody" / "torn-last-line.jsonl").write_bytes(log[:-40])
    (CORPUS / "manifest").mkdir(parents=True, exist_ok=True)
    (CORPUS / "manifest" / "nested-deeply.json").write_bytes(b"[" * 5_000 + b"]" * 5_000)
    (CORPUS / "manifest" / "artifact-outside.json").write_bytes(
        manifest.replace(b'"artifacts/page.html"', b'"artifacts/../../etc/passwd"', 1))


def _rezip(source: Path, target: Path, change: dict[str, bytes | None], links: tuple[str, ...] = ()) -> None:
    """A copy of the zip at ``source`` with entries replaced (None: removed) and some made links."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change.get(info.filename, old.read(info))
            if data is None:
                continue
            if info.filename in links:
                info.external_attr = 0o120777 << 16
            new.writestr(info, data)
        for name, extra in change.items():
            if extra is not None and name not in old.namelist():
                new.writestr(name, extra)


def zips() -> None:
    export, hand = OLD_DATA / "export.zip", CORPUS / "export-zip" / "hand-zipped.zip"
    stamped, plain = bundle.BASES
    (CORPUS / "import-zip").mkdir(parents=True, exist_ok=True)
    _rezip(export, CORPUS / "export-zip" / "stamp-stripped.zip",
           {f"{stamped}/timestamp.tsr": None, f"{stamped}/tsa-chain.pem": None})
    _rezip(hand, CORPUS / "export-zip" / "custody-is-a-link.zip", {}, links=(f"{plain}/custody.jsonl",))
    _rezip(hand, CORPUS / "export-zip" / "bomb.zip", {f"{plain}/artifacts/bomb.bin": bytes(4 << 20)})
    _rezip(hand, CORPUS / "export-zip" / "name-twice-other-case.zip", {f"{plain.upper()}/manifest.json": b"{}"})
    data = hand.read_bytes()
    (CORPUS / "import-zip" / "cut-off.zip").write_bytes(data[: len(data) // 2])


def stamps() -> None:
    tsr = bundle.base_files(bundle.BASES[0])["timestamp.tsr"]
    (CORPUS / "tsa-token").mkdir(parents=True, exist_ok=True)
    (CORPUS / "tsa-token" / "cut-off.tsr").write_bytes(tsr[:700])
    (CORPUS / "tsa-token" / "length-lies.tsr").write_bytes(tsr[:1] + b"\x84\x7f\xff\xff\xff" + tsr[4:])


if __name__ == "__main__":
    pngs()
    impostor()
    hand_zipped()
    bundles()
    zips()
    stamps()
    print(f"seed files written under {Path(CORPUS).relative_to(Path.cwd())}")
