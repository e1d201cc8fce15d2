"""Packaging the network record as a WACZ (Web Archive Collection Zipped) with py-wacz.

A WACZ is a zip holding the WARC, a CDXJ index, a page list and a datapackage.json with the hash
of every file in it; ReplayWeb.page replays it, and ``wacz validate`` checks it.
"""

from __future__ import annotations

import contextlib
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
    """Import py-wacz (and its dependencies, about half a second) in the background while the page
    loads, so the capture does not wait for it at the end."""
    threading.Thread(target=_import_wacz, name="vidne-wacz-import", daemon=True).start()


def _import_wacz() -> None:
    try:
        _wacz_main()
    except ImportError as err:    # reported where it is used; here it only would have saved time
        log.debug("py-wacz could not be imported: %s", err)


def _wacz_main() -> Callable[[list[str]], int]:
    """py-wacz's command entry (``wacz create ...``)."""
    try:
        from wacz.main import main
    except ModuleNotFoundError as err:
        if err.name != "frictionless" or not getattr(sys, "frozen", False):
            raise
        # The packaged app (build.spec) leaves out frictionless and what only it needs (pydantic,
        # jsonschema, typer, rich, PyYAML, ...: 14 MB). py-wacz imports it at the top of wacz.main
        # for one thing, `wacz validate`, which Vidne never runs: Vidne only creates WACZ files
        # (tests/frozen checks one made by the packaged app with the full py-wacz's `wacz validate`).
        # This module stands in for it so the import succeeds, and refuses if validation is asked.
        sys.modules["frictionless"] = _frictionless_left_out()
        from wacz.main import main
    return main


def _frictionless_left_out() -> types.ModuleType:
    module = types.ModuleType("frictionless", "Left out of the packaged Vidne: WACZ validation is not part of it.")

    def validate(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("WACZ validation is not part of the packaged Vidne; check the file with py-wacz "
                           "(pip install wacz; wacz validate -f page.wacz).")

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
