"""``vidne recheck`` and ``vidne timeline`` as a person or a script runs them: the JSON fields scripts rely
on, the exit codes (0 sealed, 1 unreachable, 2 bad input), and the timeline in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.overtime.post_server import PostServer
from tests.e2e.helpers import capture_json, vidne

CASE = "Sag 7 <b>"


@pytest.mark.slow
def test_recheck_and_timeline_commands(post: PostServer, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    first = capture_json(Path(store), post.url, "--case", CASE, "--no-tsa")

    done = vidne("--store", store, "recheck", first["id"][:20], "--json", "--no-tsa")
    assert done.returncode == 0, done.stderr
    same = json.loads(done.stdout)
    assert {"id", "bundle", "of", "outcome", "http_status", "changes"} <= set(same)
    assert same["of"] == first["id"] and same["outcome"] == "unchanged" and same["http_status"] == 200
    assert same["changes"] == {"removed": [], "added": []} and Path(same["bundle"]).is_dir()
    assert same["timestamp"] == {"status": "skipped"}

    post.show("edited")
    done = vidne("--store", store, "recheck", first["id"], "--no-tsa")
    assert done.returncode == 0, done.stderr
    assert f"Re-checked {first['id']}: CHANGED (HTTP 200)" in done.stdout
    assert "  Removed: er inkompetent og" in done.stdout and "  Added: sin chef." in done.stdout
    assert "logged in as the profile is" in done.stdout

    post.close()
    done = vidne("--store", store, "recheck", first["id"], "--json", "--no-tsa")
    assert done.returncode == 1, done.stderr
    down = json.loads(done.stdout)
    assert down["outcome"] == "unreachable" and down["id"] is None and down["bundle"] is None
    assert down["error"]["code"] in ("connection_refused", "unreachable") and down["timestamp"] is None

    done = vidne("--store", store, "timeline", "--case", CASE, "--json")
    assert done.returncode == 0, done.stderr
    events = json.loads(done.stdout)
    assert [e["outcome"] for e in events] == ["captured", "unchanged", "changed", "unreachable"]
    assert [e["id"] for e in events][:2] == [first["id"], same["id"]] and events[3]["id"] == first["id"]
    assert all(set(e) >= {"at", "id", "url", "title", "outcome", "changes"} for e in events)
    assert events[2]["changes"]["removed"] == ["er inkompetent og", "fyres", "det samme."]

    done = vidne("--store", store, "timeline", "--case", CASE)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 4 and all(line.startswith(e["at"]) for line, e in zip(lines, events, strict=True))
    assert '-"er inkompetent og"' in lines[2] and '+"sin chef."' in lines[2]

    assert vidne("--store", store, "timeline", "--case", "No such case").returncode == 2
    assert vidne("--store", store, "recheck", "20991231T000000Z-00000000").returncode == 2
