"""Issue 14: the report shows people's times in the organisation's zone (a setting, Europe/Copenhagen by
default), the same zone as the app, with UTC beside it; an export passes the setting through."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from evidence_store.report.render import render_custody_report
from tests.evidence_store.report.fixtures import make_bundle


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return " ".join(out.split())


def test_the_organisations_zone_is_named_and_used(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path, "20261121T101530Z-3f9a1c2b", title="Opslag", url="https://example.org/a")
    when = datetime(2026, 11, 21, 10, 15, 42, tzinfo=UTC)
    default, other = tmp_path / "default.pdf", tmp_path / "other.pdf"
    for out, zone in ((default, "Europe/Copenhagen"), (other, "America/New_York")):
        render_custody_report(out, case="Sag", organisation="Kommune", exported_by="HR", exported_at=when,
                              bundles=[bundle], language="en", time_zone=zone)
    plain, elsewhere = text_of(default), text_of(other)
    assert "11:15:42 CET Danish time" in plain and "America/New_York" not in plain
    assert "05:15:42 EST local time (America/New_York)" in elsewhere and "Danish time" not in elsewhere
    assert "10:15:42 UTC" in elsewhere
