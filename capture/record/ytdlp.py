"""Videos the page does not name as plain files: asking yt-dlp, which knows how sites serve them.

Used when the page plays a video from a stream it assembles itself (blob: addresses, as YouTube and
Facebook do), announces one only in its metadata (og:video), or is on a site yt-dlp has its own
extractor for. yt-dlp gets the profile's cookies in memory (never a file), saves one file with
video and audio together (no merging, so no ffmpeg is needed), within the size and time limits.
Everything it does is recorded; a failure is a warning, never fatal.
"""

from __future__ import annotations

import http.cookiejar
import logging
import mimetypes
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError

from capture.steplog import Deadline, StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

log = logging.getLogger(__name__)

_SAFE_EXT = {"mp4", "m4v", "webm", "ogv", "ogg", "mov", "mkv", "mp3", "m4a", "opus", "wav", "flac", "aac"}


def available() -> str | None:
    """yt-dlp's version, or None when it is not installed."""
    try:
        import yt_dlp
    except ImportError:
        return None
    return str(yt_dlp.version.__version__)


def knows_site(url: str) -> bool:
    """Whether yt-dlp has an extractor of its own (not the generic one) for ``url``."""
    with _KNOWN_LOCK:
        if url not in _KNOWN:
            try:
                from yt_dlp.extractor import gen_extractor_classes
            except ImportError:
                _KNOWN[url] = False
            else:
                _KNOWN[url] = any(ie.ie_key() != "Generic" and ie.suitable(url) for ie in gen_extractor_classes())
        return _KNOWN[url]


def prewarm(url: str) -> None:
    """Load yt-dlp's extractors and check ``url`` in the background (a thread of its own; returns at
    once), so the capture does not wait for it later. Safe to call from any thread, and more than once.
    It costs about 0.4 s of one core, once per process: importing yt-dlp (0.15 s) and compiling the
    address patterns of its ~1,750 extractors the first time ``knows_site`` runs (0.25 s)."""
    threading.Thread(target=_warm, args=(url,), name="vidne-ytdlp-warm", daemon=True).start()


def _warm(url: str) -> None:
    try:
        knows_site(url)
    except (ImportError, RuntimeError) as err:  # asked again where it is used; here it only would have saved time
        log.debug("yt-dlp could not be loaded: %s", err)


_KNOWN: dict[str, bool] = {}
_KNOWN_LOCK = threading.Lock()


class _Quiet:
    """yt-dlp's messages go to our log (debug), never to the person's terminal."""

    def debug(self, msg: str) -> None:
        log.debug("yt-dlp: %s", bounded(msg, 300))

    def info(self, msg: str) -> None:
        log.debug("yt-dlp: %s", bounded(msg, 300))

    def warning(self, msg: str) -> None:
        log.debug("yt-dlp warning: %s", bounded(msg, 300))

    def error(self, msg: str) -> None:
        log.debug("yt-dlp error: %s", bounded(msg, 300))


def fetch_page_video(context: BrowserContext, page_url: str, shown_url: str, out_dir: Path, n: int, *,
                     max_bytes: int, allow_invalid_tls: bool, user_agent: str, deadline: Deadline,
                     steps: StepLog) -> dict[str, Any]:
    """Ask yt-dlp for the page's video; save it as media/video-<n>.<ext>. Returns the facts entry."""
    import yt_dlp

    version = str(yt_dlp.version.__version__)
    entry: dict[str, Any] = {"kind": "video", "url": bounded(shown_url, 2000), "saved": False,
                             "tool": f"yt-dlp {version}"}
    folder = out_dir / "media"
    folder.mkdir(exist_ok=True)
    steps.add("media_fetch", kind="video", url=bounded(shown_url, 300), tool=f"yt-dlp {version}")

    def on_progress(status: dict[str, Any]) -> None:
        if deadline.remaining() < 5:
            raise yt_dlp.utils.DownloadCancelled("the capture's time limit")

    options: dict[str, Any] = {
        "logger": _Quiet(), "quiet": True, "no_warnings": True, "noprogress": True, "noplaylist": True,
        "playlist_items": "1", "format": "b/best", "fixup": "never", "cachedir": False, "overwrites": True,
        "outtmpl": str(folder / f".ytdlp-{n}.%(ext)s"), "max_filesize": max_bytes, "restrictfilenames": True,
        "socket_timeout": max(min(deadline.remaining() - 5, 30.0), 1.0), "retries": 1, "fragment_retries": 1,
        "nocheckcertificate": allow_invalid_tls, "http_headers": {"User-Agent": user_agent},
        "progress_hooks": [on_progress], "noresizebuffer": True, "updatetime": False,
    }
    try:
        with yt_dlp.YoutubeDL(options) as ydl:
            _give_cookies(ydl.cookiejar, context)
            info = ydl.extract_info(page_url, download=True)
            path = _downloaded(info)
    except (yt_dlp.utils.DownloadError, yt_dlp.utils.DownloadCancelled, yt_dlp.utils.ExtractorError,
            OSError, ValueError) as err:
        entry["reason"] = _reason(str(err), deadline)
    else:
        if path is None or not path.is_file():
            entry["reason"] = ("the file was larger than the limit" if info else "yt-dlp found no video there")
        else:
            ext = path.suffix.lstrip(".").lower()
            ext = ext if ext in _SAFE_EXT else "bin"
            name = f"media/video-{n}.{ext}"
            path.rename(out_dir / name)
            media_type = mimetypes.guess_type(f"x.{ext}")[0] or "application/octet-stream"
            size = (out_dir / name).stat().st_size
            entry.update(saved=True, artifact=name, media_type=media_type, size=size,
                         extractor=str(info.get("extractor_key") or info.get("extractor") or ""),
                         title=bounded(str(info.get("title") or ""), 500))
            steps.add("media_saved", kind="video", artifact=name, size=size, tool=f"yt-dlp {version}")
            return entry
    finally:
        for leftover in folder.glob(f".ytdlp-{n}.*"):
            leftover.unlink(missing_ok=True)
        if not any(folder.iterdir()):
            folder.rmdir()
    steps.add("media_not_saved", kind="video", url=bounded(shown_url, 300), reason=entry["reason"],
              tool=f"yt-dlp {version}")
    return entry


def _give_cookies(jar: http.cookiejar.CookieJar, context: BrowserContext) -> None:
    try:
        cookies = context.cookies()
    except PlaywrightError:
        return
    for c in cookies:
        domain = str(c.get("domain", ""))
        expires = c.get("expires")
        jar.set_cookie(http.cookiejar.Cookie(
            version=0, name=str(c.get("name", "")), value=str(c.get("value", "")), port=None, port_specified=False,
            domain=domain, domain_specified=domain.startswith("."), domain_initial_dot=domain.startswith("."),
            path=str(c.get("path", "/")), path_specified=True, secure=bool(c.get("secure")),
            expires=int(expires) if expires and expires > 0 else None, discard=False, comment=None,
            comment_url=None, rest={"HttpOnly": ""} if c.get("httpOnly") else {}))


def _downloaded(info: dict[str, Any] | None) -> Path | None:
    if not info:
        return None
    if info.get("entries"):
        info = next((e for e in info["entries"] if e), None) or {}
    for item in info.get("requested_downloads") or []:
        if item.get("filepath"):
            return Path(item["filepath"])
    return None


def _reason(message: str, deadline: Deadline) -> str:
    if deadline.remaining() < 5 or "time limit" in message:
        return "the capture's time limit was reached while it downloaded"
    if "Unsupported URL" in message:
        return "yt-dlp found no video there"
    first = re.sub(r"^ERROR:\s*", "", message.splitlines()[0] if message else "unknown error")
    return f"yt-dlp could not download it ({bounded(first, 200)})"
