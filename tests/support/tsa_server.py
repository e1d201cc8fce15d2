"""A real RFC 3161 time-stamp authority on 127.0.0.1, for tests.

The certificates are made with ``cryptography`` (a throwaway root CA, an intermediate CA and a TSA
certificate with the critical timeStamping EKU); the replies are made by the real ``openssl ts
-reply``. The URL path picks how the TSA behaves, so one server serves every test:

    /ok           a proper reply; the certificates in it are the TSA's and the intermediate's
    /with-root    a proper reply that also carries the root certificate
    /cross-signed a proper reply carrying a copy of the root cross-signed by an older root (as
                  DigiCert and Sectigo send)
    /ess-chain    a proper reply whose signing-certificate attribute lists the whole chain
    /refuse       HTTP 500
    /rejection    HTTP 200 with a TimeStampResp whose status is "rejection"
    /garbage      HTTP 200 with random bytes
    /other-data   a proper reply, but for other data (same nonce)
    /wrong-nonce  a proper reply, but with another nonce
    /no-certs     a proper reply that ignores certReq and carries no certificates
    /hang         answers nothing until the server is closed
    /drip         sends the headers, then one byte every 0.1 s
    /huge         sends 2 MiB

Use it as a context manager; ``tests/evidence_store/rfc3161/test_timestamp.py`` has a module fixture::

    with running_tsa(tmp_path) as tsa:
        token = request_token(data, tsa.url("ok"), extra_roots=[tsa.pki.root_cert])

The throwaway root is not one Vidne ships, so code that cannot pass ``extra_roots`` (the app, the
CLI, end-to-end tests) should use ``tsa.url("with-root")``: that reply carries the root, so
tsa-chain.pem is complete and ``openssl ts -verify`` works (the token notes the unknown root).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

TSA_POLICY = "1.3.6.1.4.1.99999.1.1"
HANG_LIMIT_S = 30.0  # a hanging request gives up by itself after this, even if nobody closes the server
MAX_QUERY_BYTES = 64 * 1024


@dataclass(frozen=True)
class TsaPki:
    """The test TSA's files, all PEM. ``chain_pem`` is signer -> intermediate -> root.

    ``old_root_cert`` is another self-signed root that cross-signed ``root_cert``
    (``cross_signed_root_cert``: same name and key as the root, issued by the old root).
    """

    folder: Path
    root_cert: x509.Certificate
    intermediate_cert: x509.Certificate
    tsa_cert: x509.Certificate
    old_root_cert: x509.Certificate
    cross_signed_root_cert: x509.Certificate
    root_pem: Path
    intermediate_pem: Path
    cross_signed_root_pem: Path
    tsa_pem: Path
    tsa_key: Path
    chain_pem: bytes
    config: Path
    config_ess_chain: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "DK"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Vidne test TSA"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _cert(
    subject: x509.Name,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    ca: bool,
    tsa: bool = False,
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    if tsa:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def make_tsa_pki(folder: Path, *, label: str = "Vidne Test") -> TsaPki:
    """A root CA, an intermediate CA and a TSA certificate, and an openssl.cnf for ``openssl ts``."""
    folder.mkdir(parents=True, exist_ok=True)
    root_key, old_key, inter_key, tsa_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(4))
    root_name, inter_name = _name(f"{label} Root CA"), _name(f"{label} Intermediate CA")
    old_name = _name(f"{label} Old Root CA")
    root = _cert(root_name, root_key, root_name, root_key, ca=True)
    old_root = _cert(old_name, old_key, old_name, old_key, ca=True)
    cross = _cert(root_name, root_key, old_name, old_key, ca=True)
    inter = _cert(inter_name, inter_key, root_name, root_key, ca=True)
    tsa = _cert(_name(f"{label} TSA"), tsa_key, inter_name, inter_key, ca=False, tsa=True)

    names = ("root.pem", "intermediate.pem", "cross-signed-root.pem", "tsa.pem", "tsa.key")
    paths = {name: folder / name for name in names}
    paths["root.pem"].write_bytes(_pem(root))
    paths["intermediate.pem"].write_bytes(_pem(inter))
    paths["cross-signed-root.pem"].write_bytes(_pem(cross))
    paths["tsa.pem"].write_bytes(_pem(tsa))
    paths["tsa.key"].write_bytes(
        tsa_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    os.chmod(paths["tsa.key"], 0o600)
    (folder / "serial").write_text("01\n", encoding="ascii")
    config, config_ess_chain = folder / "openssl.cnf", folder / "openssl-ess-chain.cnf"
    settings = (
        "[ tsa ]\n"
        "default_tsa = tsa_config\n"
        "[ tsa_config ]\n"
        f"serial = {folder / 'serial'}\n"
        "crypto_device = builtin\n"
        f"signer_cert = {paths['tsa.pem']}\n"
        f"signer_key = {paths['tsa.key']}\n"
        "signer_digest = sha256\n"
        f"default_policy = {TSA_POLICY}\n"
        "digests = sha256, sha384, sha512\n"
        "accuracy = secs:1\n"
        "ordering = no\n"
        "tsa_name = yes\n"
        "ess_cert_id_chain = no\n"
        "ess_cert_id_alg = sha256\n"
    )
    config.write_text(settings, encoding="ascii")
    config_ess_chain.write_text(settings.replace("ess_cert_id_chain = no", "ess_cert_id_chain = yes"))
    return TsaPki(
        folder=folder,
        root_cert=root,
        intermediate_cert=inter,
        tsa_cert=tsa,
        old_root_cert=old_root,
        cross_signed_root_cert=cross,
        root_pem=paths["root.pem"],
        intermediate_pem=paths["intermediate.pem"],
        cross_signed_root_pem=paths["cross-signed-root.pem"],
        tsa_pem=paths["tsa.pem"],
        tsa_key=paths["tsa.key"],
        chain_pem=_pem(tsa) + _pem(inter) + _pem(root),
        config=config,
        config_ess_chain=config_ess_chain,
    )


# --- patching a TimeStampReq (DER) in place, for the "other data" and "wrong nonce" modes ---


def _tlv(der: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of value, end of value) of the DER element at ``pos``."""
    tag, first = der[pos], der[pos + 1]
    if first < 0x80:
        return tag, pos + 2, pos + 2 + first
    n = first & 0x7F
    length = int.from_bytes(der[pos + 2 : pos + 2 + n], "big")
    return tag, pos + 2 + n, pos + 2 + n + length


def _request_fields(query: bytes) -> dict[str, tuple[int, int]]:
    """Value spans of hashedMessage, nonce and certReq in a TimeStampReq."""
    spans: dict[str, tuple[int, int]] = {}
    _, pos, end = _tlv(query, 0)
    pos = _tlv(query, pos)[2]  # version
    _, imprint_start, imprint_end = _tlv(query, pos)
    algo_end = _tlv(query, imprint_start)[2]
    _, hm_start, hm_end = _tlv(query, algo_end)
    spans["hashed_message"] = (hm_start, hm_end)
    pos = imprint_end
    while pos < end:
        tag, start, stop = _tlv(query, pos)
        if tag == 0x02:
            spans["nonce"] = (start, stop)
        elif tag == 0x01:
            spans["cert_req"] = (start, stop)
        pos = stop
    return spans


def _patched(query: bytes, field: str, new_value: bytes) -> bytes:
    start, stop = _request_fields(query)[field]
    assert len(new_value) == stop - start
    return query[:start] + new_value + query[stop:]


def _other_imprint(query: bytes) -> bytes:
    start, stop = _request_fields(query)["hashed_message"]
    return bytes(b ^ 0xFF for b in query[start:stop])


def _other_nonce(query: bytes) -> bytes:
    start, stop = _request_fields(query)["nonce"]
    value = bytearray(query[start:stop])
    value[-1] ^= 0x01
    return bytes(value)


# A TimeStampResp with status "rejection" (2) and no token.
REJECTION_RESPONSE = bytes.fromhex("30053003020102")


class _TsaServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins the request threads: nothing is left running
    block_on_close = True

    def __init__(self, pki: TsaPki) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pki = pki
        self.closing = threading.Event()
        self.openssl_lock = threading.Lock()  # openssl ts -reply updates one serial file
        self.requests: list[str] = []  # the mode of every request, in order
        self.replies: list[bytes] = []  # every time-stamp reply sent, byte for byte

    def reply(self, query: bytes, mode: str) -> bytes:
        pki = self.pki
        chain = pki.intermediate_pem.read_bytes()
        if mode == "with-root":
            chain += pki.root_pem.read_bytes()
        elif mode == "cross-signed":
            chain += pki.cross_signed_root_pem.read_bytes()
        config = pki.config_ess_chain if mode == "ess-chain" else pki.config
        with self.openssl_lock:
            work = self.pki.folder
            (work / "query.tsq").write_bytes(query)
            (work / "chain.pem").write_bytes(chain)
            out = work / "reply.tsr"
            subprocess.run(
                [
                    "openssl",
                    "ts",
                    "-reply",
                    "-config",
                    str(config),
                    "-queryfile",
                    str(work / "query.tsq"),
                    "-signer",
                    str(self.pki.tsa_pem),
                    "-inkey",
                    str(self.pki.tsa_key),
                    "-chain",
                    str(work / "chain.pem"),
                    "-out",
                    str(out),
                ],
                check=True,
                capture_output=True,
                timeout=20,
            )
            return out.read_bytes()


class _Handler(BaseHTTPRequestHandler):
    server: _TsaServer

    def log_message(self, format: str, *args: object) -> None:
        return  # keep test output quiet

    def _answer(self, status: int, body: bytes, content_type: str = "application/timestamp-reply") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading (too much data)
            self.close_connection = True

    def _drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        deadline = time.monotonic() + HANG_LIMIT_S
        while not self.server.closing.wait(0.1) and time.monotonic() < deadline:
            try:
                self.wfile.write(b"0")
                self.wfile.flush()
            except OSError:  # the client gave up
                return

    def do_POST(self) -> None:
        mode = self.path.strip("/")
        self.server.requests.append(mode)
        length = min(int(self.headers.get("Content-Length", "0")), MAX_QUERY_BYTES)
        query = self.rfile.read(length)
        if mode == "hang":
            self.server.closing.wait(HANG_LIMIT_S)
            return
        if mode == "drip":
            self._drip()
            return
        if mode == "huge":
            self._answer(200, bytes(2 * 1024 * 1024))
            return
        if mode == "refuse":
            self._answer(500, b"internal error", "text/plain")
            return
        if mode == "garbage":
            self._answer(200, os.urandom(300))
            return
        if mode == "rejection":
            self._answer(200, REJECTION_RESPONSE)
            return
        if self.headers.get("Content-Type") != "application/timestamp-query":
            self._answer(415, b"wrong content type", "text/plain")
            return
        if mode == "other-data":
            query = _patched(query, "hashed_message", _other_imprint(query))
        elif mode == "wrong-nonce":
            query = _patched(query, "nonce", _other_nonce(query))
        elif mode == "no-certs":
            query = _patched(query, "cert_req", b"\x00")
        elif mode not in ("ok", "with-root", "cross-signed", "ess-chain"):
            self._answer(404, b"no such mode", "text/plain")
            return
        try:
            body = self.server.reply(query, mode)
        except subprocess.CalledProcessError as exc:
            self._answer(500, exc.stderr or b"openssl failed", "text/plain")
            return
        self.server.replies.append(body)
        self._answer(200, body)


@dataclass(frozen=True)
class RunningTsa:
    pki: TsaPki
    base_url: str
    server: _TsaServer

    def url(self, mode: str = "ok") -> str:
        return f"{self.base_url}/{mode}"


@contextlib.contextmanager
def running_tsa(folder: Path) -> Iterator[RunningTsa]:
    """Make a PKI in ``folder`` and serve the TSA on 127.0.0.1 until the block ends."""
    pki = make_tsa_pki(folder)
    server = _TsaServer(pki)
    thread = threading.Thread(target=server.serve_forever, name="test-tsa", daemon=True)
    thread.start()
    try:
        yield RunningTsa(pki=pki, base_url=f"http://127.0.0.1:{server.server_address[1]}", server=server)
    finally:
        server.closing.set()  # wakes hanging requests
        server.shutdown()
        server.server_close()  # joins the request threads
        thread.join(timeout=10)


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsr"
