"""Times from bundles (UTC, ISO 8601 with Z) shown in the person's own time zone and language."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale, QTimeZone

from app.gui.text import plain


def parse_utc(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _qt(moment: datetime) -> QDateTime:
    utc = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000), QTimeZone.utc())
    return utc.toLocalTime()


def local_time(text: str, *, seconds: bool = False) -> str:
    """"21.11.2026 11.15" (Danish) or "21/11/2026 11:15" (English), in local time; the text as it is
    (made safe) when it is not a time."""
    moment = parse_utc(text)
    if moment is None:
        return plain(text, 40)
    locale = QLocale()
    local = _qt(moment)
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in time_format:
        time_format = time_format.replace("mm", "mm:ss") if ":" in time_format else time_format.replace(
            "mm", "mm.ss")
    day = locale.toString(local.date(), QLocale.FormatType.ShortFormat)
    return f"{day} {locale.toString(local.time(), time_format)}"


def local_and_utc(text: str) -> str:
    """Local time with seconds, and the UTC time as recorded: for the facts of a capture."""
    moment = parse_utc(text)
    if moment is None:
        return plain(text, 40)
    return f"{local_time(text, seconds=True)}  ({moment.astimezone(UTC).strftime('%Y-%m-%d %H:%M:%S')} UTC)"


def utc_moment(moment: datetime) -> str:
    return local_and_utc(moment.astimezone(UTC).isoformat())


def utc_text(moment: datetime | str) -> str:
    """"2026-12-01 22:04:12 UTC": the time as it is recorded (for the details)."""
    parsed = parse_utc(moment) if isinstance(moment, str) else moment
    if parsed is None:
        return plain(moment, 40)
    return parsed.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
