"""The command line adds its own flag advice to capture errors, by their code; capture's messages name
no flag."""

from __future__ import annotations

from pathlib import Path

from app.cli.common import CLI_ADVICE, capture_error_text, cli_advice
from capture.errors import CODES, CaptureFailed, CaptureTimedOut
from tests.e2e.helpers import vidne
from tests.support import pages


def test_a_timeout_is_told_about_the_timeout_flag(web: pages.Server, tmp_path: Path) -> None:
    done = vidne("--store", str(tmp_path / "s"), "capture", web.url("/hang"), "--timeout", "5")
    assert done.returncode == 1
    assert "Nothing was saved" in done.stderr and done.stderr.rstrip().endswith("Or allow more time with --timeout.")


def test_an_invalid_certificate_is_told_about_the_flag_once(web_tls: pages.Server, tmp_path: Path) -> None:
    done = vidne("--store", str(tmp_path / "s"), "capture", web_tls.url("/"))
    assert done.returncode == 1
    assert done.stderr.count("--allow-invalid-tls") == 1
    assert "the bundle will record that the certificate was not valid" in done.stderr


def test_advice_is_given_by_code_and_only_for_codes_capture_knows() -> None:
    assert set(CLI_ADVICE) <= set(CODES)
    assert cli_advice("timeout") == "Or allow more time with --timeout." and cli_advice("offline") is None
    assert capture_error_text(CaptureTimedOut("Nothing was saved. Try again.")) == \
        "Nothing was saved. Try again. Or allow more time with --timeout."
    assert capture_error_text(CaptureTimedOut("Late.", code="network_timeout")) == "Late."
    assert capture_error_text(CaptureFailed("Refused.", code="connection_refused")) == "Refused."
