"""The app runs due watches while it is open (app/gui/watch/): its timer starts a run off the GUI thread,
a post that disappeared is told calmly in the status bar (in Danish too) and the list shows the new
bundle; "Follow this post…" and "Stop following this post" on the evidence list's selected capture."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QRadioButton
from pytestqt.qtbot import QtBot

from app.gui.watch.actions import WatchActions, WatchDialog
from app.gui.watch.runner import Watching, WatchRun
from app.overtime.watches import add_watch
from app.overtime.watchlist import read_watches
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window
from tests.support import pages


@pytest.mark.slow
def test_the_timer_runs_a_due_watch_off_the_gui_thread_and_says_calmly_that_the_post_is_gone(
        qtbot: QtBot, tmp_path: Path, web: pages.Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pages.Handler.routes, "/deleted-post",
                        lambda h: h.html("<!doctype html><title>Not found</title><p>Siden findes ikke</p>", 404))
    root = tmp_path / "store"
    with Store.open(root) as store:     # a capture of a post that has since been deleted (404 now)
        record = make_bundle(store, title="Opslag om <b>borgmesteren</b>", url=web.url("/deleted-post"))
        add_watch(store, record.id, 60, now=datetime.now(UTC) - timedelta(minutes=5))
    window = open_window(qtbot, root)
    watching = window.findChild(Watching)
    assert watching is not None and watching.timer.isActive()
    assert watching.timer.interval() == 60_000
    qtbot.waitUntil(lambda: record.id in watching.watched, timeout=10_000)
    listing = window.evidence.list
    watching.timer.timeout.connect(lambda: watching.timer.setInterval(60_000))     # one early tick only
    with qtbot.waitSignal(watching.finished, timeout=180_000) as ran, \
            qtbot.waitSignal(listing.listed, timeout=180_000):
        watching.timer.setInterval(10)          # the next tick now, not in a minute
    run = ran.args[0]
    assert isinstance(run, WatchRun)
    assert run.thread == "vidne-RunDueJob"                    # the job runner's own thread, not the GUI's
    assert window.ctx.warm is not None and window.ctx.warm.running     # in the app's warm browser, kept warm
    [news] = run.news
    assert (news.result.outcome, news.result.watch) == ("gone", record.id) and news.result.recheck
    text = watching.label.text()
    assert watching.label.isVisible()
    assert text == ("The post you follow (Opslag om <b>borgmesteren</b>) could not be found just now. The "
                    "check is saved as evidence; Vidne looks again later.")
    assert window.statusBar().currentMessage() == text
    assert {r.id for r in listing.model.records()} == {record.id, news.result.recheck}   # the list shows it
    assert not watching.running
    assert watching.tick() is True                           # nothing due now: the run checks nothing
    with qtbot.waitSignal(watching.finished, timeout=60_000) as idle:
        pass
    assert idle.args[0].news == [] and watching.label.text() == text     # the news stays until there is new
    with Store.open(root) as store:
        add_watch(store, record.id, 60, now=datetime.now(UTC) - timedelta(minutes=5))     # due again
    with qtbot.assertNotEmitted(watching.news), qtbot.waitSignal(watching.finished, timeout=180_000) as again:
        assert watching.tick() is True
    [still] = again.args[0].news
    assert (still.result.outcome, still.result.news) == ("gone", False)   # still gone: not told twice
    window.ctx.set_language("da")
    qtbot.waitUntil(lambda: watching.label.text() != text, timeout=5_000)
    assert watching.label.text().startswith("Opslaget, du følger (Opslag om <b>borgmesteren</b>)")


def test_follow_and_stop_following_the_selected_capture(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        record = make_bundle(store, title="Opslag", url="https://example.dk/opslag/7")
    window = open_window(qtbot, root)
    actions = window.findChild(WatchActions)
    watching = window.findChild(Watching)
    assert actions is not None and watching is not None
    qtbot.waitUntil(lambda: watching.loaded, timeout=10_000)
    view = window.evidence.list.view
    assert actions.follow in view.actions() and actions.unfollow in view.actions()
    assert window.evidence.list.select(record.id)
    assert actions.follow.isEnabled() and not actions.unfollow.isVisible()
    actions.follow.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, WatchDialog)
    choices = dialog.findChildren(QRadioButton)
    assert [c.text() for c in choices] == ["Every &30 minutes", "Every &6 hours", "Once a &day"]
    assert choices[0].isChecked()
    choices[1].setChecked(True)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: record.id in watching.watched, timeout=10_000)
    [watch] = read_watches(root)
    assert (watch.id, watch.every_s, watch.active) == (record.id, 6 * 3600, True)
    assert "every 6 hours" in window.statusBar().currentMessage()
    assert actions.unfollow.isVisible() and actions.unfollow.isEnabled()
    actions.unfollow.trigger()
    qtbot.waitUntil(lambda: record.id not in watching.watched, timeout=10_000)
    assert [w.ended for w in read_watches(root)] == ["stopped"]
    assert not actions.unfollow.isVisible()
    assert "no longer follows" in window.statusBar().currentMessage()


@pytest.mark.slow
def test_no_run_starts_while_a_capture_runs(qtbot: QtBot, tmp_path: Path, web: pages.Server) -> None:
    """A capture uses the browser (and Vidne's profile): the watches wait for it, and run after it."""
    root = tmp_path / "store"
    with Store.open(root) as store:
        record = make_bundle(store, url=web.url("/deleted-post"))
        add_watch(store, record.id, 60, now=datetime.now(UTC) - timedelta(minutes=5))
    window = open_window(qtbot, root)
    watching = window.findChild(Watching)
    assert watching is not None
    panel = window.capture
    panel.url_field.setText(web.url("/hang"))
    with qtbot.waitSignal(panel.captureStarted, timeout=10_000):
        panel.start()
    assert panel.running and panel.worker is not None
    assert watching.tick() is False and not watching.running
    with qtbot.waitSignal(panel.captureFailed, timeout=60_000):
        panel.worker.cancel()                     # as Cancel does, without its question
    assert [w.checks for w in read_watches(root)] == [0]         # nothing ran meanwhile
    with qtbot.waitSignal(watching.finished, timeout=120_000):
        assert watching.tick() is True
    assert [w.checks for w in read_watches(root)] == [1]


@pytest.mark.slow
def test_a_capture_that_starts_stops_the_run_and_the_watch_stays_due(qtbot: QtBot, tmp_path: Path,
                                                                      web: pages.Server) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:     # a post that never answers: the check would take its whole time limit
        record = make_bundle(store, url=web.url("/hang"))
        add_watch(store, record.id, 60, now=datetime.now(UTC) - timedelta(minutes=5))
    window = open_window(qtbot, root)
    watching = window.findChild(Watching)
    assert watching is not None
    assert watching.tick() is True
    staging = root / "staging"
    qtbot.waitUntil(lambda: staging.is_dir() and any(p.is_dir() for p in staging.iterdir()), timeout=30_000)
    panel = window.capture
    panel.url_field.setText(web.url("/dansk"))
    with qtbot.waitSignal(watching.finished, timeout=60_000) as ran:
        panel.start()                            # the person saves a page: the watch run gives way
    assert ran.args[0].news == []
    [watch] = read_watches(root)
    assert (watch.checks, watch.last_outcome, watch.active) == (0, None, True)       # still due, nothing recorded
    with qtbot.waitSignal(panel.captureFinished, timeout=120_000):
        pass
