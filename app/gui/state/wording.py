"""The trust answers in plain words, the same everywhere the GUI shows a bundle (the list's tooltip,
the detail view, the custody log, the import window): the time's status (trusted, not trusted,
none, broken) and who signed each custody event (the sealer, a known key by name, an unknown key).

Authority and key names come from certificates and files a stranger may have written: they pass
through ``plain()``, and everything here is plain text (set as Qt.PlainText)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.gui.text import fill, grouped_fingerprint, plain
from app.gui.timefmt import local_time, utc_text
from evidence_store import CustodyEntry, Signer, TimeVerdict

translate = QCoreApplication.translate


def event_name(event: str) -> str:
    """A custody event's kind in words ("timestamped" records a stamp; it never makes one trusted)."""
    names = {
        "captured": translate("Trust", "Captured and sealed"),
        "timestamped": translate("Trust", "Time-stamp added"),
        "exported": translate("Trust", "Exported"),
        "received": translate("Trust", "Received"),
        "note": translate("Trust", "Note"),
        "handed_over": translate("Trust", "Handed over"),
        "vaulted": translate("Trust", "Kept in the vault (write-once)"),
        "rechecked": translate("Trust", "Re-checked"),
    }
    return names.get(event, plain(event, 60))


def outcome_words(outcome: str) -> str:
    """A re-check's outcome (or "captured", a first capture) in the app's language; one this version does
    not know, as it is."""
    words = {
        "captured": translate("Timeline", "First captured"),
        "unchanged": translate("Timeline", "Unchanged"),
        "changed": translate("Timeline", "Changed"),
        "gone": translate("Timeline", "Gone"),
        "login_needed": translate("Timeline", "Log-in needed"),
        "unreachable": translate("Timeline", "Unreachable"),
    }
    return words.get(outcome) or plain(outcome, 40)


def custody_sentence(event: dict[str, object]) -> str:
    """One custody event as a sentence: "01.12.2026 22.04 — Mette Holm (HR) received the evidence"."""
    who = plain(event.get("actor"), 120) or translate("Trust", "someone")
    organisation = plain(event.get("organisation"), 120)
    if organisation:
        who = f"{who} ({organisation})"
    kind = str(event.get("event", ""))
    details = event.get("details")
    note = plain(details.get("text"), 300) if isinstance(details, dict) else ""
    sentences = {
        "captured": translate("Trust", "%1 saved the page as evidence"),
        "timestamped": translate("Trust", "%1 added a time-stamp"),
        "exported": translate("Trust", "%1 exported the evidence"),
        "received": translate("Trust", "%1 received the evidence"),
        "handed_over": translate("Trust", "%1 handed the evidence over"),
        "vaulted": translate("Trust", "%1 put the evidence in the organisation's write-once vault"),
    }
    if kind == "note":
        sentence = fill(translate("Trust", "%1 added a note: “%2”"), who, note)
    elif kind == "rechecked" and isinstance(details, dict):
        again = plain(details.get("recheck"), 80)
        outcome = outcome_words(plain(details.get("outcome"), 40))
        sentence = (fill(translate("Trust", "%1 re-checked the page: %2 (capture %3)"), who, outcome, again) if again
                    else fill(translate("Trust", "%1 re-checked the page: %2 (nothing was saved)"), who, outcome))
    elif kind in sentences:
        sentence = fill(sentences[kind], who)
    else:
        sentence = fill(translate("Trust", "%1: %2"), who, event_name(kind))
    return f"{local_time(str(event.get('at', '')))} — {sentence}"


def authority(time: TimeVerdict) -> str:
    return plain(time.authority, 200) or translate("Trust", "an unnamed time-stamp service")


def _when(time: TimeVerdict) -> str:
    return local_time(time.at.isoformat()) if time.at is not None else "–"


def time_line(time: TimeVerdict) -> str:
    """One line on the time, in the organisation's time zone: where it comes from and whether it is trusted."""
    if time.status == "trusted" and time.at is not None:
        return fill(translate("Trust", "Trusted time: %1, from %2."), _when(time), authority(time))
    if time.status == "untrusted":
        when = _when(time)
        text = translate("Trust", "Time NOT trusted: the time-stamp from %1 says %2, but it leads to a root "
                                  "this computer does not trust.")
        return fill(text, authority(time), when)
    if time.status == "broken":
        return translate("Trust", "The time-stamp is broken: it does not verify, so it gives no time.")
    return translate("Trust", "No time-stamp yet: the times shown come from the capturing computer's clock.")


def time_utc(time: TimeVerdict) -> str:
    """The time-stamp's time as recorded, in UTC (for the details); "" when there is none."""
    if time.at is None or time.status == "broken":
        return ""
    return fill(translate("Trust", "Time of the time-stamp in UTC: %1"), utc_text(time.at))


def time_short(time: TimeVerdict) -> str:
    """The time's status in a few words (a list's tooltip, one line per bundle in the import window)."""
    if time.status == "trusted" and time.at is not None:
        return fill(translate("Trust", "trusted time from %1"), authority(time))
    if time.status == "untrusted":
        return fill(translate("Trust", "time NOT trusted (from %1)"), authority(time))
    if time.status == "broken":
        return translate("Trust", "time-stamp broken")
    return translate("Trust", "no time-stamp yet")


def time_why(time: TimeVerdict) -> str:
    """Why the time is (not) trusted, for the details: the root and how it could become trusted."""
    if time.status == "untrusted":
        text = translate("Trust", "The time-stamp service's root is “%1” (SHA-256 %2). Anyone can run a "
                                  "time-stamp service: its time is trusted only when its root is one Vidne "
                                  "ships, one your organisation lists (trusted_tsa_roots), or one named for a "
                                  "check (vidne verify --tsa-root). Ask your IT department before relying on "
                                  "this time.")
        return fill(text, plain(time.root_name, 200) or "–", plain(time.root_sha256, 64) or "–")
    if time.status == "trusted":
        return fill(translate("Trust", "Verified up to the trusted root “%1”."), plain(time.root_name, 200) or "–")
    if time.status == "broken" and time.why:
        return fill(translate("Trust", "What the check reported (in English): %1"), plain(time.why, 600))
    return ""          # no time-stamp: the plain line says all there is


def signer_text(signer: Signer) -> str:
    """"sealer", "known: NAME" or "unknown"."""
    if signer.kind == "sealer":
        return translate("Trust", "sealer")
    if signer.kind == "known":
        return fill(translate("Trust", "known: %1"), plain(signer.name, 120))
    return translate("Trust", "unknown")


def short_fingerprint(fingerprint: str | None) -> str:
    grouped = grouped_fingerprint(fingerprint or "")
    return grouped[:19] + "…" if len(grouped) > 19 else grouped


def unknown_line(entry: CustodyEntry) -> str:
    """"Event 2 (Time-stamp added) was signed by an unknown key e630 d257 9055 34d7…"."""
    number = entry.seq if entry.seq is not None else "?"
    text = translate("Trust", "Event %1 (%2) was signed by an unknown key %3: not the sealer's, and not one "
                              "this computer knows.")
    return fill(text, number, event_name(entry.event), short_fingerprint(entry.signer.fingerprint))


def seal_plain(seal: Signer | None, fingerprint: str | None, own: str | None = None) -> str:
    """Who sealed the bundle, without fingerprints (they are in ``seal_line``, for the details)."""
    if fingerprint and fingerprint == own:
        return translate("Trust", "Sealed on this computer.")
    if seal is not None and seal.kind == "known":
        return fill(translate("Trust", "Sealed by %1 (a key known here)."), plain(seal.name, 120))
    return translate("Trust", "Sealed on another computer, with a key this computer does not know (see Details).")


def seal_line(seal: Signer | None, fingerprint: str | None, own: str | None = None) -> str:
    """Who sealed the bundle, as far as this computer knows (``own``: this store's key's fingerprint)."""
    if fingerprint and fingerprint == own:
        return fill(translate("Trust", "Sealed with this computer's key %1."), grouped_fingerprint(fingerprint))
    if seal is not None and seal.kind == "known":
        return fill(translate("Trust", "Sealed with the key %1, known here as %2."),
                    grouped_fingerprint(fingerprint or ""), plain(seal.name, 120))
    text = translate("Trust", "Sealed with the key %1 (not one this computer knows: confirm its fingerprint "
                              "with the sender).")
    return fill(text, grouped_fingerprint(fingerprint or ""))
