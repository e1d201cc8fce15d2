"""The log file is for IT: it must not hold page content (title, text, dialog messages), the page's
full address, or a private key, even when Vidne runs with --verbose and the capture runs in-process."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main as cli
from app.logs import redact_urls, setup_logging
from capture.engine import capture_page
from capture.result import CaptureOptions
from tests.support import pages

TITLE = "Titel-QZX-7741 om Søren"
BODY = "Brødtekst-QZX-8852 med personoplysninger"
DIALOG = "Dialog-QZX-9963 hemmelig besked"
TOKEN = "token-QZX-1174"
SECRET_PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><h1>{BODY}</h1><script>alert("{DIALOG}");</script></body></html>"""
pages.Handler.routes["/deploy/secret-page"] = lambda h: h.html(SECRET_PAGE)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield tmp_path / "logs" / "vidne.log"          # VIDNE_LOG_DIR, set by the autouse fixture
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_redact_urls() -> None:
    assert redact_urls("at https://u:p@www.Example.dk:8443/s%C3%B8ren?t=1#x then") == "at https://www.Example.dk/… then"
    assert redact_urls("no address here /tmp/x") == "no address here /tmp/x"


def test_log_holds_no_page_content(web: pages.Server, tmp_path: Path, log_file: Path) -> None:
    url = web.url(f"/deploy/secret-page?session={TOKEN}")
    # The CLI, verbose, with the capture in its child process (as people run it)...
    assert cli.main(["-v", "--store", str(tmp_path / "store"), "capture", url, "--no-tsa"]) == 0
    # ...and the capture engine in this process, so its DEBUG step log reaches the root logger.
    out = tmp_path / "inprocess"
    out.mkdir()
    result = capture_page(CaptureOptions(url=url, timeout_s=60), out)
    assert any(s.action == "dialog_dismissed" for s in result.steps)
    text = log_file.read_text(encoding="utf-8")
    assert "capture " in text and "sealed" in text              # the log does record what happened
    for secret in (TITLE, BODY, DIALOG, TOKEN, "secret-page", "PRIVATE KEY"):
        assert secret not in text, secret
    assert " DEBUG " not in text


def test_setup_logging_keeps_debug_out_of_the_file(log_file: Path) -> None:
    path = setup_logging(verbose=True)
    assert path == log_file
    logging.getLogger("capture.steplog").debug("step dialog_dismissed %s", {"message": DIALOG})
    logging.getLogger("app.gui.runtime.workers").info("capture failed: cannot reach http://x.dk/a?%s", TOKEN)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert DIALOG not in text and TOKEN not in text and "http://x.dk/…" in text
