"""Re-checks through the real browser, of a local post that the test edits, deletes and takes down, whose
clock, "for N min. siden", like counter and ad id change on every load: unchanged, changed (the removed
words named), gone (404, and a 200 page with the site's removal notice in English and Danish),
login_needed and unreachable; the original's custody log records each, each re-check bundle verifies and
names its original, and the case's timeline tells the story in order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from app.overtime.recheck import recheck
from app.settings import Settings, load_settings
from app.tasks import CaptureRequest, capture_to_store, open_store, open_warm
from capture.errors import CaptureCancelled
from evidence_store import CaptureRecord, Store, case_timeline, read_bundle
from tests.app.overtime.post_server import ORIGINAL, PostServer

CASE = "Opslag om sagsbehandleren"


def _capture(store: Store, url: str, settings: Settings) -> CaptureRecord:
    return capture_to_store(store, CaptureRequest(url, case=CASE, use_tsa=False), settings).record


@pytest.mark.slow
def test_a_post_edited_deleted_and_taken_down(post: PostServer, tmp_path: Path) -> None:
    settings = load_settings()
    with open_store(tmp_path / "store") as store:
        original = _capture(store, post.url, settings)
        assert "page-text.txt" in {a.path.rsplit("/", 1)[-1] for a in read_bundle(original.path).artifacts}

        same = recheck(store, original.id, settings, use_tsa=False)
        assert same.outcome == "unchanged", same.changes
        assert same.changes == {"removed": [], "added": []} and same.http_status == 200
        assert same.picture is not None and isinstance(same.picture["distance"], int)

        post.show("edited")
        edited = recheck(store, original.id, settings, use_tsa=False)
        assert edited.outcome == "changed"
        # ORIGINAL -> EDITED: "... Ærø [er inkompetent og] burde [fyres] med [det samme.]" became
        # "... Ærø burde [tage en snak] med [sin chef.]"; the clock, counters and ad id are no change
        assert edited.changes == {"removed": ["er inkompetent og", "fyres", "det samme."],
                                  "added": ["tage en snak", "sin chef."]}

        post.show("deleted")
        gone = recheck(store, original.id, settings, use_tsa=False)
        assert gone.outcome == "gone" and gone.http_status == 404
        assert any(ORIGINAL in piece for piece in gone.changes["removed"])

        post.close()
        down = recheck(store, original.id, settings, use_tsa=False)
        assert down.outcome == "unreachable" and down.id is None and down.bundle is None
        assert down.error is not None and down.error["code"] in ("connection_refused", "unreachable")

        logged = [e for e in store.custody_events(original.id) if e["event"] == "rechecked"]
        assert [e["details"]["outcome"] for e in logged] == ["unchanged", "changed", "gone", "unreachable"]
        assert [e["details"]["recheck"] for e in logged] == [same.id, edited.id, gone.id, None]
        assert logged[-1]["details"]["error"]["code"] == down.error["code"]
        assert store.verify(original.id).intact

        first = read_bundle(original.path)
        for outcome in (same, edited, gone):
            assert outcome.id is not None and store.verify(outcome.id).intact
            view = read_bundle(store.get(outcome.id).path)
            facts = view.facts["recheck"]
            assert facts["of"] == original.id and facts["of_manifest_sha256"] == first.manifest_sha256
            assert facts["outcome"] == outcome.outcome and facts["changes"] == outcome.changes
            assert facts["text_source"] == {"original": "page-text.txt", "recheck": "page-text.txt"}
            assert facts["note"] == "A re-check sees what the browser sees now, logged in as the profile is."
            assert view.case == CASE and view.url == post.url

        timeline = case_timeline(store, CASE)
        assert [(e.id, e.outcome) for e in timeline] == [
            (original.id, "captured"), (same.id, "unchanged"), (edited.id, "changed"), (gone.id, "gone"),
            (original.id, "unreachable")]
        assert [e.at for e in timeline] == sorted(e.at for e in timeline)
        assert timeline[2].changes == edited.changes and timeline[3].http_status == 404


@dataclass(frozen=True)
class Art:
    name: str
    media_type: str
    description: str = ""


@pytest.mark.slow
def test_removal_notices_a_login_wall_and_an_older_bundle_without_page_text(post: PostServer,
                                                                            tmp_path: Path) -> None:
    settings = load_settings()
    with open_store(tmp_path / "store") as store, open_warm(store) as warm:    # these in one warm browser
        original = _capture(store, post.url, settings)
        for mode, words in (("notice_en", "This content isn't available right now"),
                            ("notice_da", "Dette indhold er ikke tilgængeligt lige nu")):
            post.show(mode)
            found = recheck(store, original.id, settings, use_tsa=False, warm=warm)
            assert found.outcome == "gone" and found.http_status == 200 and words in found.reason, found

        post.show("login")
        wall = recheck(store, original.id, settings, use_tsa=False, warm=warm)
        assert wall.outcome == "login_needed", wall

        # a bundle sealed before captures wrote page-text.txt: its text is derived from page.html, and so
        # is the re-check's, so that both sides are read alike
        post.show("original")
        with store.begin_capture() as staging:
            html = (f"<html><head><title>Opslag</title><style>p{{color:red}}</style></head><body><h1>Hans Jensen</h1>"
                    f"<p>for 3 min. siden · kl. 09:00:01</p><p>{ORIGINAL}</p><script>var x = 'ikke tekst';</script>"
                    "<p>5 synes godt om · Annonce ad-1</p></body></html>")
            (staging.artifacts_dir / "page.html").write_text(html, encoding="utf-8")
            older = store.seal(staging, facts={"url_requested": post.url, "final_url": post.url, "http_status": 200,
                                               "title": "Opslag", "viewport": {"width": 1024, "height": 700}},
                               artifacts=[Art("page.html", "text/html")], operator="T", organisation="O", case=CASE)
        # a re-check of it sealed just before a crash, which kept the "rechecked" event from being written
        with store.begin_capture() as staging:
            (staging.artifacts_dir / "page.html").write_text(html, encoding="utf-8")
            facts = {"url_requested": post.url, "http_status": 200,
                     "recheck": {"of": older.id, "of_manifest_sha256": read_bundle(older.path).manifest_sha256,
                                 "outcome": "unchanged", "changes": {"removed": [], "added": []}}}
            missed = store.seal(staging, facts=facts, artifacts=[Art("page.html", "text/html")], operator="T",
                                organisation="O", case=CASE)
        again = recheck(store, older.id, settings, use_tsa=False, warm=warm)
        assert again.id is not None
        logged = [e["details"] for e in store.custody_events(older.id) if e["event"] == "rechecked"]
        assert [(d["recheck"], d.get("recorded_late")) for d in logged] == [(missed.id, True), (again.id, None)]
        facts = read_bundle(store.get(again.id).path).facts
        assert facts["recheck"]["text_source"] == {"original": "page.html", "recheck": "page.html"}
        assert facts["viewport"] == {"width": 1024, "height": 700}        # the original's options
        assert again.outcome == "unchanged", again.changes
        assert again.picture is None                                        # the older bundle has no first view


def test_one_recheck_at_a_time_per_store(tmp_path: Path) -> None:
    settings = load_settings()
    with open_store(tmp_path / "store") as store:
        with store.begin_capture() as staging:
            (staging.artifacts_dir / "page.html").write_text("<p>x</p>", encoding="utf-8")
            record = store.seal(staging, facts={"url_requested": "http://127.0.0.1:9/post", "http_status": 200},
                                artifacts=[Art("page.html", "text/html")], operator="T", organisation="O")
        with store.work_lock("recheck") as got:
            assert got
            with store.work_lock("recheck") as second:
                assert not second                       # the lock is taken: a second re-check waits
            with pytest.raises(CaptureCancelled):
                recheck(store, record.id, settings, use_tsa=False, cancelled=lambda: True)
        assert [r.id for r in store.list_captures()] == [record.id]
        assert [e["event"] for e in store.custody_events(record.id)] == ["captured"]
