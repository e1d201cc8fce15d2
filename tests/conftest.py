"""Fixtures for every test: an isolated home for Vidne, and the local test web site."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support import pages


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches a real home folder, settings file or organisation config."""
    home = tmp_path / "vidne-home"
    monkeypatch.setenv("VIDNE_HOME", str(home))
    monkeypatch.setenv("VIDNE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("VIDNE_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(tmp_path / "no-system-config.toml"))
    monkeypatch.setenv("VIDNE_OPERATOR", "Test Operatør")
    monkeypatch.setenv("VIDNE_ORGANISATION", "Testkommune")
    # Tests reach only 127.0.0.1: by default the TSA is a closed local port (captures stay pending);
    # tests of trusted time start a real TSA and point VIDNE_TSA_URL at it.
    monkeypatch.setenv("VIDNE_TSA_URL", "http://127.0.0.1:9/tsr")
    # The app's warm browser starts with its first capture, not with every test's window (tests of the
    # warm start itself set it back).
    monkeypatch.setenv("VIDNE_WARM_BROWSER", "lazy")
    return home


@pytest.fixture(scope="session")
def web() -> Iterator[pages.Server]:
    server = pages.Server()
    yield server
    pages.STOP.set()
    server.close()


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vidne-test.local"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Vidne tests")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture(scope="session")
def web_tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pages.Server]:
    cert, key = _self_signed(tmp_path_factory.mktemp("tls"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = pages.Server(context)
    yield server
    pages.STOP.set()
    server.close()
