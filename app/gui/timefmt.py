"""Times from bundles (UTC, ISO 8601 with Z) shown in the organisation's time zone (the ``time_zone``
setting, Europe/Copenhagen unless IT chose another: the same zone as the report and the import check)
and the app's language. The UTC time stays in the record and is shown in the details.

The zone is set once per running app by AppContext (``use_zone``), as QLocale.setDefault sets the
language's formats: every time shown in the windows follows it."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QLocale, QTime

from app.gui.text import plain


def parse_utc(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


log = logging.getLogger(__name__)
DEFAULT_ZONE = "Europe/Copenhagen"
_zone: list[tzinfo] = []       # the one zone in use (a list, so that use_zone needs no 'global')


def use_zone(name: str) -> tzinfo:
    """Show every time in the zone ``name`` from now on (UTC where the system has no such zone)."""
    try:
        zone: tzinfo = ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("time zone %r is not known here; times are shown in UTC", name)
        zone = UTC
    _zone[:] = [zone]
    return zone


def zone() -> tzinfo:
    return _zone[0] if _zone else use_zone(DEFAULT_ZONE)


def in_zone(moment: datetime) -> datetime:
    """``moment`` in the organisation's time zone."""
    return moment.astimezone(zone())


def local_time(text: str, *, seconds: bool = False) -> str:
    """"21.11.2026 11.15" (Danish) or "21/11/2026 11:15" (English), in the organisation's time zone; the
    text as it is (made safe) when it is not a time."""
    moment = parse_utc(text)
    if moment is None:
        return plain(text, 40)
    locale = QLocale()
    local = in_zone(moment)
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in time_format:
        time_format = time_format.replace("mm", "mm:ss") if ":" in time_format else time_format.replace(
            "mm", "mm.ss")
    day = locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)
    clock = QTime(local.hour, local.minute, local.second)
    return f"{day} {locale.toString(clock, time_format)}"


def local_and_utc(text: str) -> str:
    """The time in the organisation's zone with seconds, and the UTC time as recorded (for the details)."""
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
