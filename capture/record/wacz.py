"""Packaging the network record as a WACZ (Web Archive Collection Zipped) with py-wacz.

A WACZ is a zip holding the WARC, a CDXJ index, a page list and a datapackage.json with the hash
of every file in it; ReplayWeb.page replays it, and ``wacz validate`` checks it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import logging
import shutil
import sys
import tempfile
import threading
import time
import types
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from capture.result import Artifact
from capture.steplog import Deadline, StepLog

if TYPE_CHECKING:
    from capture.privacy.secrets import Redactions
    from capture.record.network import NetworkRecorder

log = logging.getLogger(__name__)

WACZ_MEDIA_TYPE = "application/wacz"   # the type ReplayWeb.page and the WACZ spec use; a zip inside


def prewarm() -> None:
    """Import py-wacz in the background (a thread of its own; returns at once), so the capture does not
    wait for it at the end. Safe to call from any thread, and more than once. It costs about 0.1 s of
    one core (py-wacz's indexer: cdxj-indexer, surt, tldextract, requests); see _wacz_main."""
    threading.Thread(target=_import_wacz, name="vidne-wacz-import", daemon=True).start()


def _import_wacz() -> None:
    try:
        _wacz_main()
    except (ImportError, RuntimeError) as err:    # reported where it is used; here it only would have saved time
        log.debug("py-wacz could not be imported: %s", err)


_IMPORT_LOCK = threading.Lock()     # one import at a time: the prewarm thread and package_wacz may race


def _wacz_main() -> Callable[[list[str]], int]:
    """py-wacz's command entry (``wacz create ...``).

    py-wacz imports frictionless at the top of wacz.main for one thing, ``wacz validate``, which Vidne
    never runs in its own process: Vidne only creates WACZ files. Loading frictionless (pydantic and
    more) costs about 0.15 s of every capture, so wacz.main is imported with a stand-in that refuses if
    validation is ever asked, and the stand-in is removed again at once (a later ``import frictionless``
    gets the real one). Only when frictionless is installed: from source, a missing one is an error.
    Likewise pkg_resources (0.06 s), which pyamf, under the indexer, tries first for a folder it then
    finds without it; the packaged app leaves it out altogether (build.spec).
    """
    with _IMPORT_LOCK:
        if "wacz.main" in sys.modules or "frictionless" in sys.modules or importlib.util.find_spec(
                "frictionless") is None:
            return _import_main()
        stand_ins = ["frictionless"]
        sys.modules["frictionless"] = _frictionless_left_out()
        if "pkg_resources" not in sys.modules:    # None: `import pkg_resources` fails, for this one import
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]
            stand_ins.append("pkg_resources")
        try:
            from wacz.main import main
        finally:
            for name in stand_ins:
                del sys.modules[name]
        return main


def _import_main() -> Callable[[list[str]], int]:
    try:
        from wacz.main import main
    except ModuleNotFoundError as err:
        if err.name != "frictionless" or not getattr(sys, "frozen", False):
            raise
        # The packaged app (build.spec) leaves out frictionless and what only it needs (pydantic,
        # jsonschema, typer, rich, PyYAML, ...: 14 MB). This stand-in lets wacz.main import there too
        # (tests/frozen checks a WACZ made by the packaged app with the full py-wacz's `wacz validate`).
        sys.modules["frictionless"] = _frictionless_left_out()
        from wacz.main import main
    return main


def _frictionless_left_out() -> types.ModuleType:
    module = types.ModuleType("frictionless", "Left out of Vidne: it creates WACZ files, never validates them.")

    def validate(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("WACZ validation is not part of the packaged Vidne, nor of any capture; check the file "
                           "with py-wacz (pip install wacz; wacz validate -f page.wacz).")

    module.validate = validate  # type: ignore[attr-defined]
    return module


class WaczFailed(Exception):
    """py-wacz could not package the record (the reason is in the message)."""


def package_wacz(warc: Path, out: Path, *, page_url: str, page_title: str, page_date: str | None,
                 work_dir: Path) -> None:
    """Write ``out`` (a .wacz) holding ``warc``, with ``page_url`` (recorded at ``page_date``, the
    WARC-Date of its response, when it is in the record) as its one page."""
    wacz_main = _wacz_main()  # imported here: only captures that record need it

    pages = work_dir / "pages.jsonl"
    header = {"format": "json-pages-1.0", "id": "pages", "title": "Pages"}
    entry = {"id": "page-1", "url": page_url, "title": page_title[:1000] or page_url,
             "ts": page_date or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    pages.write_text(json.dumps(header) + "\n" + json.dumps(entry, ensure_ascii=False) + "\n", encoding="utf-8")
    args = ["create", str(warc), "-o", str(out), "--pages", str(pages), "--copy-pages",
            "--title", page_title[:1000] or page_url, "--hash-type", "sha256"]
    if page_date:
        args += ["--url", page_url]     # the page ReplayWeb.page opens first
    said = io.StringIO()
    try:
        with contextlib.redirect_stdout(said):   # py-wacz prints its progress; keep stdout clean
            status = wacz_main(args)
    except (ValueError, OSError, KeyError, ImportError) as err:
        raise WaczFailed(str(err)[:300]) from err
    finally:
        log.debug("py-wacz: %s", said.getvalue()[-2000:])
    if status != 0 or not out.is_file():
        raise WaczFailed(f"py-wacz ended with status {status}: {said.getvalue()[-300:]}")


def save_network_record(recorder: NetworkRecorder, out_dir: Path, redactions: Redactions, *, page_url: str,
                        page_title: str, software: str, max_body: int, max_total: int, deadline: Deadline,
                        steps: StepLog) -> tuple[dict[str, Any], list[Artifact], list[str]]:
    """Write the WARC (outside the artifacts) and package it as artifacts/page.wacz.

    Returns (facts for the manifest, artifacts, warnings). A failure is a warning, never fatal.
    """
    started = time.monotonic()
    steps.add("save_network_record")
    work = Path(tempfile.mkdtemp(prefix=".vidne-network-", dir=out_dir.parent))
    warnings: list[str] = []
    try:
        warc = work / "page.warc.gz"
        facts = recorder.write_warc(warc, redactions, deadline=deadline, max_body=max_body, max_total=max_total,
                                    software=software, page_url=page_url)
        if facts.pop("warning", None):
            warnings.append(f"The page made more requests than Vidne records; the network record holds the "
                            f"first {facts['requests'] - facts['requests_not_recorded']}.")
        if facts["bodies_omitted_size"]:
            warnings.append(f"{facts['bodies_omitted_size']} response bodies were larger than the limit and are "
                            "in the network record without their content.")
        if facts["bodies_omitted_time"]:
            warnings.append(f"{facts['bodies_omitted_time']} response bodies were left out of the network record "
                            "because the capture's time limit was near.")
        try:
            package_wacz(warc, out_dir / "page.wacz", page_url=redactions.url(page_url), page_title=page_title,
                         page_date=facts.get("page_recorded_at"), work_dir=work)
        except WaczFailed as err:
            (out_dir / "page.wacz").unlink(missing_ok=True)
            steps.add("network_record_failed", reason=str(err)[:300])
            warnings.append(f"The network record (page.wacz) could not be written: {str(err)[:200]}")
            return {**facts, "saved": False}, [], warnings
    finally:
        shutil.rmtree(work, ignore_errors=True)
    facts.update(saved=True, artifact="page.wacz", format="WACZ, holding one WARC 1.0 file",
                 bodies="decoded (after Content-Encoding), see the WARC's warcinfo record",
                 seconds=round(time.monotonic() - started, 2))
    steps.add("network_record_saved", responses=facts["responses_recorded"])
    return facts, [Artifact("page.wacz", WACZ_MEDIA_TYPE,
                            "Every request and response the browser made for the page (WARC in a WACZ; "
                            "replays in ReplayWeb.page); secrets redacted")], warnings
