"""The window gives both answers for a bundle: intact, and trusted (its time and who signed each custody
event), judged by the app's policy (app.trust.build_policy). The forged stamp of issue 11 shows as
intact with its time NOT trusted and an unknown signer, in the list, the detail view, the custody log
and the import window; trusting the attacker's root in the organisation's config.toml makes the time
trusted; "Trust this key…" names the stranger's key once it has been read back out of band."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.gui.evidence.model import StatusRole, VerdictRole
from app.gui.main_window import MainWindow
from app.gui.state.status import Status, Verdict
from evidence_store.handover.export import export_case
from evidence_store.handover.record import REPORT_FILE
from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store
from evidence_store.trust.confirmed import read_confirmed
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window
from tests.support.forged import ForgedStamp, forge_stamp


@pytest.fixture
def forged(isolated_home: Path, tmp_path: Path) -> tuple[CaptureRecord, ForgedStamp]:
    """A bundle sealed in the person's own store, then given the attacker's stamp and event."""
    store = Store.open(isolated_home)
    record = make_bundle(store, case="Sag", title="Opslag")
    stamp = forge_stamp(record.path, tmp_path / "attacker")
    store.close()
    return record, stamp


def open_detail(window: MainWindow, qtbot: QtBot, capture_id: str) -> None:
    window.show_evidence()
    detail = window.evidence.detail
    with qtbot.waitSignal(detail.loaded, timeout=10_000, check_params_cb=lambda i: i == capture_id):
        assert window.evidence.list.select(capture_id)


def checked(window: MainWindow, qtbot: QtBot, capture_id: str) -> tuple[QModelIndex, Verdict]:
    """The list's row of the capture once its background check has answered."""
    model = window.evidence.list.model
    qtbot.waitUntil(lambda: model.index_of(capture_id).isValid(), timeout=10_000)
    index = model.index_of(capture_id)
    qtbot.waitUntil(lambda: model.data(index, StatusRole) != Status.CHECKING, timeout=20_000)
    verdict = model.data(index, VerdictRole)
    assert isinstance(verdict, Verdict)
    return index, verdict


def test_a_forged_stamp_is_intact_but_its_time_not_trusted_and_its_signer_unknown(
        forged: tuple[CaptureRecord, ForgedStamp], qtbot: QtBot) -> None:
    record, stamp = forged
    window = open_window(qtbot)
    index, verdict = checked(window, qtbot, record.id)
    model = window.evidence.list.model
    assert model.data(index, StatusRole) == Status.UNTRUSTED_TIME
    delegate = window.evidence.list.view.itemDelegate()
    assert delegate.badge_text(Status.UNTRUSTED_TIME) == "Intact · time not trusted"
    assert delegate.signer_badge_text(verdict) == "Unknown signer"
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "time NOT trusted (from CN=Attacker TSA" in tooltip and "unknown key" in tooltip

    open_detail(window, qtbot, record.id)
    detail = window.evidence.detail
    lines = detail.result.text().splitlines()
    assert lines[0] == "The evidence is unchanged ✓"
    assert lines[1].startswith("Time NOT trusted: the time-stamp from CN=Attacker TSA")
    short = " ".join(stamp.key.fingerprint()[i:i + 4] for i in range(0, 16, 4))
    assert lines[2] == (f"Event 2 (Time-stamp added) was signed by an unknown key {short}…: not the sealer's, "
                        "and not one this computer knows.")
    assert "Sealed on this computer." in detail.result.text()
    assert "Sealed with this computer's key" in detail.result_more.text()           # the fingerprint: Details
    assert "Attacker Root CA" in detail.result_more.text()
    assert detail.result.property("state") == "pending"
    custody = detail.custody
    assert custody.horizontalHeaderItem(1).text() == "Signed by"
    assert [custody.item(r, 1).text() for r in range(custody.rowCount())] == ["sealer", "unknown"]
    assert short.replace(" ", "") in custody.item(1, 1).toolTip().replace(" ", "")
    assert not detail.trust_key.isHidden()


def test_trusting_the_stranger_key_names_it_after_an_out_of_band_check(
        forged: tuple[CaptureRecord, ForgedStamp], qtbot: QtBot, isolated_home: Path) -> None:
    record, stamp = forged
    window = open_window(qtbot)
    checked(window, qtbot, record.id)
    open_detail(window, qtbot, record.id)
    detail = window.evidence.detail
    qtbot.waitUntil(lambda: detail.custody.item(1, 1).text() == "unknown", timeout=10_000)
    detail.custody.setCurrentCell(1, 0)
    qtbot.mouseClick(detail.trust_key, Qt.MouseButton.LeftButton)
    dialog = detail.trust_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.fingerprint == stamp.key.fingerprint()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "read this fingerprint back" in dialog.explain.text() and "out of band" in dialog.checked.text()
    qtbot.keyClicks(dialog.name, "Jens, HR")
    assert not ok.isEnabled()                # not without saying it was read back
    dialog.checked.setChecked(True)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.custody.item(1, 1).text() == "known: Jens, HR", timeout=20_000)
    assert window.ctx.store is not None
    confirmed = read_confirmed(window.ctx.store.confirmed_keys_path)[stamp.key.fingerprint()]
    assert confirmed["name"] == "Jens, HR" and confirmed["confirmed_by"] == "Test Operatør"
    assert "unknown key" not in detail.result.text()
    assert "Time NOT trusted" in detail.result.text()        # a known signer does not make the time trusted
    assert detail.trust_key.isHidden()
    _, verdict = checked(window, qtbot, record.id)
    assert window.evidence.list.view.itemDelegate().signer_badge_text(verdict) is None


def test_the_organisations_root_makes_the_time_trusted(
        forged: tuple[CaptureRecord, ForgedStamp], qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    record, stamp = forged
    config = tmp_path / "org" / "config.toml"
    config.parent.mkdir()
    config.write_text(f"trusted_tsa_roots = [{json.dumps(str(stamp.root_pem))}]\n", encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(config))
    window = open_window(qtbot)
    index, verdict = checked(window, qtbot, record.id)
    assert window.evidence.list.model.data(index, StatusRole) == Status.INTACT
    assert verdict.time.trusted
    assert window.evidence.list.view.itemDelegate().badge_text(Status.INTACT) == "Intact · trusted time"
    open_detail(window, qtbot, record.id)
    detail = window.evidence.detail
    lines = detail.result.text().splitlines()
    assert lines[1].startswith("Trusted time: ") and ", from CN=Attacker TSA" in lines[1]
    assert lines[2].startswith("Event 2 (Time-stamp added) was signed by an unknown key")
    with qtbot.waitSignal(detail.verified, timeout=20_000) as done:         # "Verify now" by the same policy
        qtbot.mouseClick(detail.verify, Qt.MouseButton.LeftButton)
    assert done.args[0].time.status == "trusted"
    assert detail.result.text().splitlines()[1].startswith("Trusted time: ")


def test_the_import_window_shows_each_captures_time_unknown_signers_and_notes(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    colleague = Store.open(tmp_path / "colleague")
    record = make_bundle(colleague, case="Jobcenter", title="Opslag")
    forge_stamp(record.path, tmp_path / "attacker")
    make_bundle(colleague, case="Jobcenter", title="Andet")
    zip_path = tmp_path / "from-colleague.zip"
    export_case(colleague, "Jobcenter", zip_path, exported_by="Mette Hansen", organisation="Aarhus Kommune")
    colleague.close()
    window.act_import.trigger()
    dialog = window.import_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.checked, timeout=60_000) as done:
        dialog.check(zip_path)
    report = done.args[0]
    assert report.intact
    text = dialog.verdict.text()
    lines = text.splitlines()
    assert lines[0].startswith("INTACT.")
    assert lines[1] == "The time of 1 capture is NOT trusted (see each capture below)."
    assert lines[2] == "1 capture has custody events signed by a key this computer does not know (see below)."
    assert f"{record.id}: intact, time NOT trusted (from CN=Attacker TSA" in text
    assert "    Event 2 (Time-stamp added) was signed by an unknown key" in text
    other = next(b for b in report.bundles if b.capture_id != record.id)
    assert f"{other.capture_id}: intact, no time-stamp yet" in text
    for bundle in report.bundles:
        for note in bundle.notes:
            assert note[:60] in text
    assert "Exporter's key: " in text and "(unknown)" in text      # the colleague's key is not known here
    assert dialog.verdict.property("state") == "pending"
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        dialog.add_to_store()


def test_an_export_from_the_window_judges_the_report_by_the_organisations_roots(
        forged: tuple[CaptureRecord, ForgedStamp], qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, stamp = forged
    config = tmp_path / "org" / "config.toml"
    config.parent.mkdir()
    config.write_text(f"trusted_tsa_roots = [{json.dumps(str(stamp.root_pem))}]\n", encoding="utf-8")
    monkeypatch.setenv("VIDNE_SYSTEM_CONFIG", str(config))
    window = open_window(qtbot)
    window.show_evidence()
    window.act_export.trigger()
    dialog = window.export_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.case.setCurrentIndex(dialog.case.findData("Sag"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    out = tmp_path / "Sag.zip"
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.export_to(out)
    with zipfile.ZipFile(out) as archive:
        (tmp_path / "report.pdf").write_bytes(archive.read(REPORT_FILE))
    first = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(tmp_path / "report.pdf"), "-"],
                           check=True, capture_output=True, text=True).stdout
    first = " ".join(first.split())
    assert "Trusted time: " in first and "NOT trusted" not in first
    assert "Event 2 (Time-stamped) was signed by an UNKNOWN key" in first
