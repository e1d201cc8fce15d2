"""The packaged app leaves frictionless (py-wacz's validator) out; creating a WACZ must still work
there, and validation must refuse plainly rather than pass (capture/record/wacz.py, build.spec)."""

from __future__ import annotations

import gzip
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from capture.record import wacz as wacz_pack


def _without_frictionless(monkeypatch: pytest.MonkeyPatch, *, frozen: bool) -> None:
    for name in [m for m in sys.modules if m == "wacz" or m.startswith(("wacz.", "frictionless"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "frictionless", None)   # `import frictionless` now fails, as when left out
    monkeypatch.setattr(sys, "frozen", frozen, raising=False)


def _warc(path: Path) -> None:
    with gzip.open(path, "wb") as raw:
        writer = WARCWriter(raw, gzip=False)
        body = b"<html><title>x</title>hej</html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("http://127.0.0.1/x", "response", payload=io.BytesIO(body),
                                                      http_headers=headers))


def test_packaged_app_writes_a_wacz_without_frictionless(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _without_frictionless(monkeypatch, frozen=True)
    warc = tmp_path / "page.warc.gz"
    _warc(warc)
    out = tmp_path / "page.wacz"
    wacz_pack.package_wacz(warc, out, page_url="http://127.0.0.1/x", page_title="x", page_date=None,
                           work_dir=tmp_path)
    with zipfile.ZipFile(out) as wacz:
        names = set(wacz.namelist())
        package = json.loads(wacz.read("datapackage.json"))
    assert {"datapackage.json", "archive/page.warc.gz", "pages/pages.jsonl"} <= names
    assert {r["path"] for r in package["resources"]} >= {"archive/page.warc.gz", "pages/pages.jsonl"}
    stand_in = sys.modules["frictionless"]
    with pytest.raises(RuntimeError, match="not part of the packaged Vidne"):
        stand_in.validate("anything")  # type: ignore[union-attr]


def test_from_source_a_missing_frictionless_is_an_error_not_papered_over(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_frictionless(monkeypatch, frozen=False)
    with pytest.raises(ModuleNotFoundError):
        wacz_pack._wacz_main()
