"""Saving the video and audio files a page plays, as artifacts of their own.

The page's <video>, <audio> and <source> elements name the files; direct http(s) files are
fetched again with plain HTTP (with the profile's cookies for that address, so a logged-in video
comes too), streamed to disk with a size limit. Streams the page assembles itself (blob: addresses,
as on YouTube or Facebook) cannot be fetched this way; that is recorded. A failure is recorded in
the step log and the warnings, never fatal to the capture.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import ssl
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError

from capture.privacy.secrets import Redactions
from capture.record import ytdlp
from capture.result import Artifact
from capture.steplog import Deadline, StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

log = logging.getLogger(__name__)

MAX_FILES = 10
CHUNK = 256 * 1024
PROGRESS_EVERY = 25 * 1024 * 1024
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{2,5})$")
_KNOWN_EXT = {"mp4", "m4v", "webm", "ogv", "ogg", "oga", "mp3", "m4a", "wav", "mov", "mkv", "opus", "aac", "flac"}

MEDIA_SOURCES_JS = r"""() => {
  const out = [];
  const og = document.querySelector('meta[property="og:video"], meta[property="og:video:url"], ' +
    'meta[property="og:video:secure_url"], meta[name="twitter:player:stream"]') !== null;
  for (const el of document.querySelectorAll('video, audio')) {
    const kind = el.tagName.toLowerCase();
    const urls = [];
    if (el.currentSrc) urls.push(el.currentSrc);
    if (el.src) urls.push(el.src);
    for (const s of el.querySelectorAll('source')) if (s.src) urls.push(s.src);
    for (const u of urls) out.push({kind: kind, url: u});
  }
  return {elements: out, og_video: og};
}"""


def save_media(page: Page, context: BrowserContext, out_dir: Path, *, max_bytes: int, allow_invalid_tls: bool,
               user_agent: str, deadline: Deadline, steps: StepLog,
               redactions: Redactions) -> tuple[list[dict[str, Any]], list[Artifact], list[str]]:
    """Fetch the page's media files; returns (facts per file, artifacts, warnings)."""
    try:
        found: dict[str, Any] = page.evaluate(MEDIA_SOURCES_JS)
    except PlaywrightError as err:
        return [], [], [f"Vidne could not look for videos on the page: {bounded(str(err), 200)}"]
    seen: dict[str, str] = {}
    for item in found["elements"]:
        seen.setdefault(item["url"], item["kind"])
    streams: list[str] = []
    facts: list[dict[str, Any]] = []
    artifacts: list[Artifact] = []
    warnings: list[str] = []
    counters = {"video": 0, "audio": 0}
    for url, kind in list(seen.items())[:MAX_FILES]:
        shown = redactions.url(url)
        if not url.startswith(("http:", "https:")):
            why = ("the page plays it from a stream it assembles itself (a blob: address), which cannot be "
                   "downloaded as one file" if url.startswith("blob:") else "it is not a web address")
            steps.add("media_not_saved", kind=kind, url=bounded(shown, 300), reason=why)
            facts.append({"kind": kind, "url": bounded(shown, 2000), "saved": False, "reason": why})
            streams.append(f"A {kind} on the page was not saved as a file: {why}. The screenshots and the "
                           "network record show what was loaded.")
            continue
        counters[kind] += 1
        entry = _fetch_one(context, url, kind, counters[kind], out_dir, max_bytes=max_bytes,
                           allow_invalid_tls=allow_invalid_tls, user_agent=user_agent, referer=page.url,
                           deadline=deadline, steps=steps, shown=shown)
        facts.append(entry)
        if entry["saved"]:
            artifacts.append(Artifact(entry["artifact"], entry["media_type"],
                                      f"The {kind} file the page plays, as the server sent it"))
        else:
            counters[kind] -= 1
            warnings.append(f"A {kind} on the page could not be saved: {entry['reason']}")
    if len(seen) > MAX_FILES:
        warnings.append(f"The page has {len(seen)} media files; only the first {MAX_FILES} were looked at.")
    page_url = page.url
    if counters["video"] == 0 and (streams or found["og_video"] or ytdlp.knows_site(page_url)) \
            and ytdlp.available() and deadline.remaining() > 15:
        entry = ytdlp.fetch_page_video(context, page_url, redactions.url(page_url), out_dir, 1,
                                             max_bytes=max_bytes, allow_invalid_tls=allow_invalid_tls,
                                             user_agent=user_agent, deadline=deadline, steps=steps)
        facts.append(entry)
        if entry["saved"]:
            artifacts.append(Artifact(entry["artifact"], entry["media_type"],
                                      "The page's video, as yt-dlp downloaded it from the site"))
            streams = []
        elif streams or found["og_video"]:
            warnings.append(f"The page's video could not be saved: {entry['reason']}")
    return facts, artifacts, warnings + streams


def _fetch_one(context: BrowserContext, url: str, kind: str, n: int, out_dir: Path, *, max_bytes: int,
               allow_invalid_tls: bool, user_agent: str, referer: str, deadline: Deadline, steps: StepLog,
               shown: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": kind, "url": bounded(shown, 2000), "saved": False}
    steps.add("media_fetch", kind=kind, url=bounded(shown, 300))
    headers = {"User-Agent": user_agent, "Referer": referer, "Accept": "*/*"}
    cookie = _cookie_header(context, url)
    if cookie:
        headers["Cookie"] = cookie
    tls = ssl._create_unverified_context() if allow_invalid_tls else ssl.create_default_context()  # noqa: S323
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=tls), _Redirects(context))
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http(s) only, checked above
    folder = out_dir / "media"
    folder.mkdir(exist_ok=True)
    part = folder / f".{kind}-{n}.part"
    try:
        timeout = max(min(deadline.remaining() - 5, 60.0), 1.0)
        with opener.open(request, timeout=timeout) as answer:
            media_type = (answer.headers.get_content_type() or "application/octet-stream").lower()
            length = answer.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _TooBig(int(length))
            size = _stream(answer, part, max_bytes=max_bytes, deadline=deadline, steps=steps)
        name = f"media/{kind}-{n}{_extension(media_type, url)}"
        part.rename(out_dir / name)
    except _TooBig as err:
        entry["reason"] = (f"it is larger than the limit of {max_bytes // (1024 * 1024)} MB"
                           + (f" ({err.size // (1024 * 1024)} MB)" if err.size else ""))
    except _OutOfTime:
        entry["reason"] = "the capture's time limit was reached while it downloaded"
    except urllib.error.HTTPError as err:
        entry["reason"] = f"the server answered {err.code}"
    except (urllib.error.URLError, OSError, ValueError) as err:
        entry["reason"] = f"it could not be downloaded ({bounded(str(getattr(err, 'reason', err)), 200)})"
    else:
        entry.update(saved=True, artifact=name, media_type=media_type, size=size)
        steps.add("media_saved", kind=kind, artifact=name, size=size)
        return entry
    finally:
        part.unlink(missing_ok=True)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    steps.add("media_not_saved", kind=kind, url=bounded(shown, 300), reason=entry["reason"])
    return entry


def _cookie_header(context: BrowserContext, url: str) -> str:
    try:
        cookies = context.cookies([url])
    except PlaywrightError:
        return ""
    return "; ".join(f"{c['name']}={c['value']}" for c in cookies)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects the way the browser would: each hop gets only its own site's cookies."""

    def __init__(self, context: BrowserContext) -> None:
        self._context = context

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is None:
            return None
        new.remove_header("Cookie")
        if not newurl.startswith(("http:", "https:")):
            return None
        cookie = _cookie_header(self._context, newurl)
        if cookie:
            new.add_unredirected_header("Cookie", cookie)
        return new


class _TooBig(Exception):
    def __init__(self, size: int = 0) -> None:
        super().__init__(size)
        self.size = size


class _OutOfTime(Exception):
    pass


def _stream(answer: Any, part: Path, *, max_bytes: int, deadline: Deadline, steps: StepLog) -> int:
    size = 0
    next_report = PROGRESS_EVERY
    with part.open("wb") as fh:
        while chunk := answer.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise _TooBig()
            if deadline.remaining() < 5:
                raise _OutOfTime()
            fh.write(chunk)
            if size >= next_report:
                steps.add("media_progress", bytes=size)
                next_report += PROGRESS_EVERY
    return size


def _extension(media_type: str, url: str) -> str:
    guessed = mimetypes.guess_extension(media_type) if media_type != "application/octet-stream" else None
    if guessed and re.fullmatch(r"\.[A-Za-z0-9]{2,5}", guessed):
        return guessed
    match = _EXTENSION.search(url.split("?", 1)[0].split("#", 1)[0])
    if match and match.group(1).lower() in _KNOWN_EXT:
        return "." + match.group(1).lower()
    return ".bin"
