"""The detail view's answer about one capture, in two levels of words: plain sentences for the person
(unchanged or not, the time, who sealed it) and, behind "Details", the technical detail (each problem,
SHA-256, the time in UTC and why it is or is not trusted, the keys' full fingerprints). No widgets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.gui.state.status import Status, Verdict
from app.gui.state.wording import seal_line, seal_plain, time_line, time_utc, time_why, unknown_line
from app.gui.text import fill, grouped_fingerprint, plain

translate = QCoreApplication.translate


def result_text(verdict: Verdict | None, own: str | None, trust_problem: str | None) -> tuple[str, str]:
    """(state, text) of what is known, in plain words: unchanged or not, then the time and any unknown
    signer. Hashes, fingerprints and the problems' technical wording are in ``result_details``."""
    if verdict is None or verdict.status == Status.CHECKING:
        return "unknown", translate("DetailView", "Not checked yet. Press \"Verify now\" to check that nothing "
                                                  "has changed since the page was saved.")
    trust = [time_line(verdict.time)] if verdict.status != Status.UNREADABLE else []
    trust += [unknown_line(entry) for entry in verdict.unknown_signers[:5]]
    if trust_problem:
        trust.append(translate("DetailView", "Your organisation's list of trusted time-stamp services and keys "
                                             "could not be used, so less is trusted (see Details)."))
    if verdict.status == Status.NOT_INTACT or verdict.status == Status.UNREADABLE:
        lines = [translate("DetailView", "The evidence is NOT as it was saved ✗"),
                 fill(translate("DetailView", "Problems Vidne found: %1 (see Details)."), len(verdict.problems)),
                 *trust,
                 translate("DetailView", "Keep the capture exactly as it is and tell the person who handles the "
                                         "case. Capture the page again if it is still online.")]
        return "broken", "\n".join(lines)
    lines = [translate("DetailView", "The evidence is unchanged ✓"), *trust]
    lines.append(seal_plain(verdict.seal, verdict.seal.fingerprint if verdict.seal is not None else None, own))
    lines += [plain(note, 300) for note in verdict.notes[:5]]
    if verdict.unknown_signers or verdict.status not in (Status.INTACT, Status.NO_TIMESTAMP):
        return "pending", "\n".join(lines)                 # a warning: read the lines
    return ("intact" if verdict.status == Status.INTACT else "waiting"), "\n".join(lines)   # waiting: calm


def result_details(verdict: Verdict | None, own: str | None, trust_problem: str | None) -> str:
    """The technical detail behind the result (the "Details" view): each problem, every file checked
    against its SHA-256, the time in UTC and why it is (not) trusted, the keys' full fingerprints."""
    if verdict is None or verdict.status == Status.CHECKING:
        return ""
    lines: list[str] = []
    if verdict.status in (Status.NOT_INTACT, Status.UNREADABLE):
        lines.append(fill(translate("DetailView", "NOT INTACT. Problems Vidne found: %1"), len(verdict.problems)))
        lines += [f"  •  {plain(p, 300)}" for p in verdict.problems[:20]]
        if len(verdict.problems) > 20:
            lines.append("  …")
    else:
        lines.append(translate("DetailView", "INTACT. Every file matches its recorded SHA-256 fingerprint, the seal's "
                             "signature is valid and the custody log is unbroken."))
    if verdict.status != Status.UNREADABLE:
        lines += [time_utc(verdict.time), time_why(verdict.time)]
    if verdict.seal is not None and verdict.seal.fingerprint:
        lines.append(seal_line(verdict.seal, verdict.seal.fingerprint, own))
    for entry in verdict.unknown_signers[:5]:
        number = entry.seq if entry.seq is not None else "?"
        lines.append(fill(translate("DetailView", "Unknown key of event %1: %2"), number,
                          grouped_fingerprint(entry.signer.fingerprint or "")))
    if trust_problem:
        lines.append(plain(trust_problem, 300))
    return "\n".join(line for line in lines if line)
