"""Capture errors keep their kind (a stable code) when they cross from the capture child process."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from capture import errors
from capture.child_process import run_capture
from capture.errors import CODES, CaptureCancelled, CaptureError, CaptureFailed, CaptureTimedOut, InvalidURL
from capture.result import CaptureOptions
from tests.support import pages


def failure(url: str, tmp_path: Path, **options: object) -> CaptureError:
    out = tmp_path / "artifacts"
    out.mkdir()
    with pytest.raises(CaptureError) as caught:
        run_capture(CaptureOptions(url=url, record_network=False, save_media=False, **options), out)  # type: ignore[arg-type]
    return caught.value


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (and not one the browser refuses as unsafe)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_refused_connection_arrives_as_connection_refused(tmp_path: Path) -> None:
    err = failure(f"http://127.0.0.1:{closed_port()}/", tmp_path)
    assert type(err) is CaptureFailed and err.code == "connection_refused"
    assert "ERR_CONNECTION_REFUSED" in str(err) and "Nothing was saved" in str(err)


def test_a_port_the_browser_refuses_arrives_as_unsafe_port(tmp_path: Path) -> None:
    err = failure("http://127.0.0.1:9/", tmp_path)
    assert type(err) is CaptureFailed and err.code == "unsafe_port"


def test_the_time_limit_arrives_as_timeout(web: pages.Server, tmp_path: Path) -> None:
    err = failure(web.url("/hang"), tmp_path, timeout_s=5)
    assert type(err) is CaptureTimedOut and err.code == "timeout"


def test_an_invalid_certificate_arrives_as_invalid_tls(web_tls: pages.Server, tmp_path: Path) -> None:
    err = failure(web_tls.url("/"), tmp_path)
    assert type(err) is CaptureFailed and err.code == "invalid_tls"


def test_a_bad_address_arrives_as_invalid_url(tmp_path: Path) -> None:
    err = failure("javascript:alert(1)", tmp_path)
    assert type(err) is InvalidURL and err.code == "invalid_url"


def test_cancel_is_cancelled(web: pages.Server, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    out.mkdir()
    with pytest.raises(CaptureCancelled) as caught:
        run_capture(CaptureOptions(url=web.url("/hang")), out, cancelled=lambda: True)
    assert caught.value.code == "cancelled"


def test_every_class_has_a_known_code_and_a_raise_may_name_a_narrower_one() -> None:
    for cls in (CaptureError, InvalidURL, errors.BrowserNotFound, CaptureFailed, CaptureTimedOut, CaptureCancelled):
        assert cls("x").code in CODES
    assert CaptureFailed("x", code="offline").code == "offline"
    with pytest.raises(ValueError, match="unknown"):
        CaptureFailed("x", code="no-such-code")


def test_rebuilding_keeps_class_code_and_message_and_refuses_what_is_not_an_error() -> None:
    err = errors.rebuild("CaptureTimedOut", "network_timeout", "late")
    assert type(err) is CaptureTimedOut and err.code == "network_timeout" and str(err) == "late"
    assert type(errors.rebuild("NoSuchError", "offline", "m")) is CaptureFailed
    assert type(errors.rebuild("annotations", "offline", "m")) is CaptureFailed   # a module name, not a class
    assert errors.rebuild("InvalidURL", "from-a-newer-vidne", "m").code == "invalid_url"


def test_core_messages_name_no_command_line_flag(web: pages.Server, tmp_path: Path) -> None:
    err = failure(web.url("/hang"), tmp_path, timeout_s=5)
    assert "--" not in str(err)
