"""A re-check in the custody log, in words: who re-checked, what was found, and which capture holds it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.gui.state.wording import custody_sentence, event_name, outcome_words


def test_a_recheck_event_says_what_was_found_and_where_it_is(qapp: QApplication) -> None:
    sealed = custody_sentence({"event": "rechecked", "actor": "Mette", "at": "2026-12-03T10:00:00Z",
                               "details": {"recheck": "20261203-abc", "outcome": "changed"}})
    assert sealed.endswith("Mette re-checked the page: Changed (capture 20261203-abc)")
    unanswered = custody_sentence({"event": "rechecked", "actor": "Mette", "at": "2026-12-03T10:00:00Z",
                                   "details": {"recheck": None, "outcome": "unreachable"}})
    assert unanswered.endswith("Mette re-checked the page: Unreachable (nothing was saved)")
    hostile = custody_sentence({"event": "rechecked", "actor": "M", "at": "2026-12-03T10:00:00Z",
                                "details": {"recheck": "x", "outcome": "<b>new\u202e</b>"}})
    assert "\u202e" not in hostile
    assert event_name("rechecked") == "Re-checked" and outcome_words("gone") == "Gone"
