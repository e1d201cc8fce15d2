"""HR's tools in the window: export a case to a zip; import a zip, checked before anything is added."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.gui.handover.export_dialog import suggested_name
from app.gui.main_window import MainWindow
from evidence_store.handover.export import export_case
from evidence_store.handover.verify import verify_export
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window


@pytest.fixture
def two_cases(isolated_home: Path) -> Path:
    store = Store.open(isolated_home)
    for n in range(3):
        make_bundle(store, case="Sag A", title=f"Opslag {n}")
    make_bundle(store, case="Sag B", title="Andet")
    store.close()
    return isolated_home


def test_export_a_case_from_the_window(two_cases: Path, qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot)
    listing = window.evidence.list
    with qtbot.waitSignal(listing.listed, timeout=10_000):
        listing.case_filter.setCurrentIndex(listing.case_filter.findData("Sag A"))
    window.act_export.trigger()
    dialog = window.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.chosen_case() == "Sag A"
    out = tmp_path / suggested_name("Sag A")
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as done:
        dialog.export_to(out)
        assert dialog.running and not dialog.go.isEnabled()
    result = done.args[0]
    assert out.is_file() and result.zip_path == out and len(result.bundles) == 3
    report = verify_export(out)
    assert report.intact, report.problem_text()
    text = dialog.status.text()
    assert str(out) in text and result.sha256[:4] in text.replace(" ", "")
    store = Store.open(two_cases)
    for record in store.list_captures(case="Sag A"):
        assert store.custody_events(record.id)[-1]["event"] == "exported"
    store.close()


def test_suggested_file_name_is_safe() -> None:
    assert suggested_name("Facebook/oktober: ../x") .startswith("Vidne-Facebook-oktober-x-")
    assert suggested_name("").startswith("Vidne-uden-sag-")


def _export_from_elsewhere(tmp_path: Path) -> Path:
    source = Store.open(tmp_path / "colleague")
    for n in range(2):
        make_bundle(source, case="Jobcenter", title=f"Opslag {n}")
    out = tmp_path / "from-colleague.zip"
    export_case(source, "Jobcenter", out, exported_by="Mette Hansen", organisation="Aarhus Kommune",
                language="da")
    source.close()
    return out


def test_import_shows_the_check_before_adding(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                               isolated_home: Path) -> None:
    zip_path = _export_from_elsewhere(tmp_path)
    window.act_import.trigger()
    dialog = window.import_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    steps = dialog.steps.text()                       # before a file is chosen: what to do, step by step
    assert dialog.steps.isVisible() and steps.startswith("1.  Choose the .zip file you received.")
    assert "Nothing is added yet." in steps and not dialog.show_evidence.isVisible()
    with qtbot.waitSignal(dialog.checked, timeout=60_000):
        dialog.check(zip_path)
    text = dialog.verdict.text()
    assert text.startswith("INTACT.") and "Mette Hansen" in text and "Jobcenter" in text
    exported = next(line for line in text.splitlines() if line.startswith("Exported at: "))
    assert "T" not in exported.removeprefix("Exported at: ") and "Z" not in exported   # the app's time words
    assert dialog.add.isEnabled() and dialog.steps.isHidden()
    assert window.ctx.store is not None and window.ctx.store.list_captures() == []    # nothing added yet
    with qtbot.waitSignal(dialog.imported, timeout=60_000) as done:
        dialog.add.click()
    assert len(done.args[0].added) == 2
    qtbot.waitUntil(lambda: window.evidence.list.model.capture_count() == 2, timeout=10_000)
    events = window.ctx.store.custody_events(done.args[0].added[0])
    assert events[-1]["event"] == "received"
    assert dialog.show_evidence.isVisible() and not dialog.add.isVisible()
    after = dialog.verdict.text()                     # what was added, and the check still there below it
    assert after.startswith("2 captures added to your evidence.") and "\nINTACT. The zip" in after
    qtbot.mouseClick(dialog.show_evidence, Qt.MouseButton.LeftButton)      # "Show the evidence"
    listing = window.evidence.list
    first = done.args[0].added[0]
    qtbot.waitUntil(lambda: listing.current_record() is not None and listing.current_record().id == first,
                    timeout=10_000)
    assert window.tabs.currentWidget() is window.evidence


def test_a_damaged_zip_is_shown_not_intact_and_nothing_is_added(window: MainWindow, qtbot: QtBot,
                                                                 tmp_path: Path) -> None:
    zip_path = _export_from_elsewhere(tmp_path)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(zip_path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("page.html"):
                data = data.replace(b"Opslag", b"0pslag")       # a changed byte, re-zipped with a good CRC
            dst.writestr(info, data)
    window.act_import.trigger()
    dialog = window.import_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.checked, timeout=60_000):
        dialog.check(damaged)
    assert dialog.verdict.text().startswith("NOT INTACT.")
    assert "page.html" in dialog.verdict.text()
    assert not dialog.add.isEnabled()
    assert window.ctx.store is not None and window.ctx.store.list_captures() == []
