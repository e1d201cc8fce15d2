"""Watches (app/overtime/watches.py, ``vidne watch``): kept durably in the store, run when due and not
before, ended after their end date or after three gones in a row, a damaged list never taken for an
empty one, and two runs at once never both checking a watch."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.overtime.watches import (
    ENDED_DATE,
    ENDED_GONE,
    GONE_LIMIT,
    WatchesBusy,
    WatchInputError,
    add_watch,
    parse_every,
    run_due,
    stop_watch,
)
from app.overtime.watchlist import Watch, WatchError, iso, parse_iso, read_watches, watches_path
from app.settings import load_settings
from evidence_store.errors import BundleNotFound
from evidence_store.store.store import Store
from tests.app.bundles import make_bundle
from tests.support import pages

T0 = datetime(2026, 12, 3, 12, 0, 0, tzinfo=UTC)
VIDNE = [sys.executable, "-m", "app.cli.main"]


@pytest.fixture
def store(isolated_home: Path) -> Store:
    return Store.open(isolated_home)


def test_every_parses_minutes_hours_days_and_refuses_less_than_a_minute() -> None:
    assert [parse_every(t) for t in ("30m", "6h", "1d", "90s", "1m", "120")] == [1800, 21600, 86400, 90, 60, 120]
    for bad in ("30", "59s", "0m", "", "m", "1w", "-1m", "1.5h", "1d2h"):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_a_watch_is_kept_owner_only_and_its_first_check_is_one_interval_after_it_started(store: Store) -> None:
    record = make_bundle(store, url="https://example.dk/opslag/1")
    watch = add_watch(store, record.id[:12], 60, now=T0)
    assert (watch.id, watch.url, watch.every_s) == (record.id, "https://example.dk/opslag/1", 60)
    assert watch.next_due == "2026-12-03T12:01:00Z"
    assert watch.ends_at == "2027-01-02T12:00:00Z"               # 30 days by default
    path = watches_path(store.root)
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [w.id for w in read_watches(store.root)] == [record.id]
    assert not list(path.parent.glob(".watches.json.*"))          # no temporary file left
    again = add_watch(store, record.id, 3600, now=T0 + timedelta(minutes=5))   # changed, not doubled
    assert [w.every_s for w in read_watches(store.root)] == [3600]
    assert again.started_at == watch.started_at
    with pytest.raises(BundleNotFound):
        add_watch(store, "20991231T000000Z-ffffffff", 60, now=T0)
    with pytest.raises(WatchInputError):
        add_watch(store, record.id, 60, now=T0, until=T0 - timedelta(days=1))


def test_stop_keeps_the_watch_as_ended_and_an_unwatched_capture_is_bad_input(store: Store) -> None:
    record = make_bundle(store)
    other = make_bundle(store, url="https://example.dk/andet")
    add_watch(store, record.id, 60, now=T0)
    stopped = stop_watch(store, record.id, now=T0 + timedelta(minutes=1))
    assert (stopped.active, stopped.ended, stopped.ended_at) == (False, "stopped", "2026-12-03T12:01:00Z")
    assert [(w.id, w.ended) for w in read_watches(store.root)] == [(record.id, "stopped")]
    with pytest.raises(WatchInputError):
        stop_watch(store, other.id)
    # a stopped watch never runs: nothing is due, so no browser is started and nothing is checked
    assert run_due(store, load_settings(), now=T0 + timedelta(days=1)) == []


def test_a_watch_past_its_end_date_ends_without_a_check(store: Store) -> None:
    record = make_bundle(store)
    add_watch(store, record.id, 3600, now=T0, until=T0 + timedelta(hours=2))
    assert run_due(store, load_settings(), now=T0 + timedelta(minutes=59)) == []     # not due, not ended
    results = run_due(store, load_settings(), now=T0 + timedelta(hours=2))
    assert [(r.watch, r.outcome, r.ended, r.recheck) for r in results] == [(record.id, "ended", ENDED_DATE, None)]
    [watch] = read_watches(store.root)
    assert (watch.ended, watch.ended_at, watch.checks) == (ENDED_DATE, "2026-12-03T14:00:00Z", 0)
    assert run_due(store, load_settings(), now=T0 + timedelta(hours=3)) == []        # ended once only


@pytest.mark.parametrize("damage", [b"{not json", b'{"version": 1, "watches": {}}', b'{"version": 2, "watches": []}',
                                    b'{"version": 1, "watches": [{"id": "x"}]}', b"",
                                    b'{"version": 1, "watches": [{"id": "a", "url": "u", "every_s": 5, '
                                    b'"started_at": "2026-01-01T00:00:00Z", "next_due": "2026-01-01T00:00:00Z", '
                                    b'"ends_at": "2026-02-01T00:00:00Z"}]}'])
def test_a_damaged_list_is_a_clear_error_and_is_never_emptied(store: Store, damage: bytes) -> None:
    record = make_bundle(store)
    path = watches_path(store.root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(damage)
    for attempt in (lambda: read_watches(store.root), lambda: add_watch(store, record.id, 60),
                    lambda: run_due(store, load_settings())):
        with pytest.raises(WatchError, match=r"cannot be read.*Nothing was changed"):
            attempt()
    assert path.read_bytes() == damage
    done = subprocess.run([*VIDNE, "watch", "--list"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "cannot be read" in done.stderr and str(path) in done.stderr
    assert path.read_bytes() == damage


def _hold_run_lock(root: str, started: multiprocessing.synchronize.Event,
                   release: multiprocessing.synchronize.Event) -> None:
    from app.overtime.watchlist import file_lock

    with file_lock(watches_path(Path(root)).with_name("watches-run.lock"), blocking=False) as got:
        assert got
        started.set()
        release.wait(60)


def test_a_second_run_while_one_runs_does_nothing(store: Store) -> None:
    """Another process (cron's run, the app's) holds the run lock: this run checks nothing and says so;
    the command exits 0 (the other run checks the due watches)."""
    record = make_bundle(store)
    add_watch(store, record.id, 60, now=T0)
    context = multiprocessing.get_context("spawn")
    started, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_run_lock, args=(str(store.root), started, release))
    holder.start()
    try:
        assert started.wait(60)
        with pytest.raises(WatchesBusy):
            run_due(store, load_settings(), now=T0 + timedelta(days=1))
        done = subprocess.run([*VIDNE, "watch", "--run-due", "--no-tsa"], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        assert "under way" in done.stderr and done.stdout == ""
    finally:
        release.set()
        holder.join(60)
    [watch] = read_watches(store.root)
    assert (watch.checks, watch.last_outcome, watch.next_due) == (0, None, "2026-12-03T12:01:00Z")


def test_cli_refuses_bad_input_with_exit_2(store: Store) -> None:
    record = make_bundle(store)
    for argv, words in ((["watch", record.id, "--every", "30s"], "at most once a minute"),
                        (["watch", record.id, "--every", "often"], "not an interval"),
                        (["watch", record.id], "--every"),
                        (["watch", record.id, "--every", "1m", "--until", "tomorrow"], "not a date"),
                        (["watch", record.id, "--every", "1m", "--until", "2001-01-01"], "already passed"),
                        (["watch", record.id, "--stop"], "not watched"),
                        (["watch", "--list", record.id], "take no ID"),
                        (["watch", "--run-due", "--list"], "not allowed with")):
        done = subprocess.run([*VIDNE, *argv], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, (argv, done.stderr)
        assert words in done.stderr, (argv, done.stderr)
    assert read_watches(store.root) == []


def test_cli_watch_list_and_stop(store: Store) -> None:
    record = make_bundle(store, url="https://example.dk/opslag/\x1b[31mrødt")
    done = subprocess.run([*VIDNE, "watch", record.id, "--every", "6h", "--until", "2099-06-30"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # the end of 30 June, Danish time
    assert f"Watching {record.id} every 6h until 2099-06-30T22:00:00Z" in done.stdout
    assert "\x1b" not in done.stdout
    listed = json.loads(subprocess.run([*VIDNE, "watch", "--list", "--json"], capture_output=True, text=True,
                                       timeout=60, check=True).stdout)
    assert [(w["id"], w["every"], w["active"], w["ends_at"]) for w in listed] == [
        (record.id, "6h", True, "2099-06-30T22:00:00Z")]
    stopped = subprocess.run([*VIDNE, "watch", record.id[:15], "--stop"], capture_output=True, text=True, timeout=60)
    assert stopped.returncode == 0 and f"Stopped watching {record.id}" in stopped.stdout
    text = subprocess.run([*VIDNE, "watch", "--list"], capture_output=True, text=True, timeout=60, check=True).stdout
    assert record.id in text and "stopped" in text and "\x1b" not in text
    assert [w.ended for w in read_watches(store.root)] == ["stopped"]
    nothing = subprocess.run([*VIDNE, "watch", "--run-due", "--json"], capture_output=True, text=True, timeout=60)
    assert (nothing.returncode, nothing.stdout) == (0, "")


class Post:
    """A local post the test edits and deletes between checks (a route of tests/support/pages.py)."""

    def __init__(self) -> None:
        self.text, self.status = "Borgmesteren burde skamme sig over beslutningen i dag", 200

    def __call__(self, h: pages.Handler) -> None:
        h.html(f"<!doctype html><title>Opslag</title><article><p>{self.text}</p></article>", self.status)


@pytest.fixture
def post(web: pages.Server, monkeypatch: pytest.MonkeyPatch) -> Post:
    route = Post()
    monkeypatch.setitem(pages.Handler.routes, "/watched-post", route)
    return route


def _watch(store: Store, capture_id: str) -> Watch:
    return next(w for w in read_watches(store.root) if w.id == capture_id)


def _vidne(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VIDNE, *args], capture_output=True, text=True, timeout=240)


@pytest.mark.long
@pytest.mark.slow
def test_a_watch_every_minute_runs_when_due_and_not_before_until_its_post_is_gone(
        store: Store, web: pages.Server, post: Post) -> None:
    """The whole story with a real Chromium: capture, watch --every 1m, nothing before it is due; the CLI's
    --run-due checks it once due (and a broken capture's watch beside it is an error while the other still
    runs: exit 1); then, by the clock the test gives, unchanged, changed (the removed words named), and
    gone three checks in a row, which ends the watch."""
    captured = _vidne("capture", web.url("/watched-post"), "--no-tsa", "--json")
    assert captured.returncode == 0, captured.stderr
    first = json.loads(captured.stdout)["id"]
    started = _vidne("watch", first, "--every", "1m", "--json")
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout)["every"] == "1m"
    early = _vidne("watch", "--run-due", "--no-tsa", "--json")
    assert (early.returncode, early.stdout) == (0, ""), early.stderr      # due in a minute: not yet
    [watch] = read_watches(store.root)
    assert watch.checks == 0

    broken = make_bundle(store, url=web.url("/watched-post"))            # a capture whose manifest is lost
    (broken.path / "manifest.json").unlink()
    past = datetime.now(UTC) - timedelta(minutes=2)
    add_watch(store, broken.id, 60, now=past)
    add_watch(store, first, 60, now=past)                                 # both due now, by the real clock
    ran = _vidne("watch", "--run-due", "--no-tsa", "--json")
    assert ran.returncode == 1, ran.stderr                                # one check failed
    lines = {r["watch"]: r for r in map(json.loads, ran.stdout.splitlines())}
    assert lines[broken.id]["outcome"] == "error" and "re-checked" in lines[broken.id]["message"]
    assert lines[first]["outcome"] == "unchanged" and lines[first]["recheck"] and lines[first]["news"]
    assert "Cookie" not in ran.stdout
    by_id = {w.id: w for w in read_watches(store.root)}
    assert by_id[first].checks == 1 and by_id[first].last_check == lines[first]["recheck"]
    assert by_id[broken.id].last_outcome == "error" and by_id[broken.id].active
    stop_watch(store, broken.id)

    settings = load_settings()
    base = parse_iso(by_id[first].last_at or "") + timedelta(seconds=1)
    assert run_due(store, settings, now=base + timedelta(seconds=58), use_tsa=False) == []     # 59 s after
    post.text = "Borgmesteren burde skamme sig i dag"
    [changed] = run_due(store, settings, now=base + timedelta(seconds=60), use_tsa=False)
    assert changed.outcome == "changed" and changed.recheck and changed.news
    assert "over beslutningen" in " ".join(changed.changes["removed"])
    assert _watch(store, first).next_due == iso(base + timedelta(seconds=120))
    [again] = run_due(store, settings, now=base + timedelta(minutes=2), use_tsa=False)
    assert (again.outcome, again.news) == ("changed", False)        # the same change: no news the second time
    post.status, post.text = 404, "Siden findes ikke"
    outcomes = []
    for minute in (3, 4, 5):
        [result] = run_due(store, settings, now=base + timedelta(minutes=minute), use_tsa=False)
        outcomes.append((result.outcome, result.ended, result.news))
    assert outcomes == [("gone", None, True), ("gone", None, False), ("gone", ENDED_GONE, False)]
    watch = _watch(store, first)
    assert (watch.active, watch.ended, watch.gone_in_a_row, watch.checks) == (False, ENDED_GONE, GONE_LIMIT, 6)
    assert run_due(store, settings, now=base + timedelta(minutes=10), use_tsa=False) == []      # ended
    listed = _vidne("watch", "--list")
    assert f"ended: the post was gone {GONE_LIMIT} checks in a row" in listed.stdout
    rechecks = [r for r in store.list_captures() if r.id not in (first, broken.id)]
    assert len(rechecks) == 6                        # every check that got an answer is a sealed bundle
    assert all(store.verify(r.id).intact for r in rechecks)
    again = add_watch(store, rechecks[-1].id, 3600)      # following a re-check follows the capture it re-checks
    assert (again.id, again.active, again.every_s) == (first, True, 3600)


@pytest.mark.slow
def test_two_runs_started_together_check_a_due_watch_once(store: Store, web: pages.Server, post: Post) -> None:
    record = make_bundle(store, url=web.url("/watched-post"))
    add_watch(store, record.id, 60, now=datetime.now(UTC) - timedelta(minutes=2))
    runs = [subprocess.Popen([*VIDNE, "watch", "--run-due", "--no-tsa", "--json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=240) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    checks = [json.loads(line) for out, _ in outputs for line in out.splitlines()]
    assert [c["watch"] for c in checks] == [record.id]        # one of them checked it, the other did not
    [watch] = read_watches(store.root)
    assert watch.checks == 1
    assert len(store.list_captures()) == 2
