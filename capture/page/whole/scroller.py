"""What actually scrolls: the document, the largest scrollable element (a feed in a fixed layout, a post
opened as a dialog, a chat), or a full-size frame from the same site. Found before the screenshots, so
that the whole of it is captured; whatever else scrolls, and frames from other sites whose content is
larger than their box, become warnings (part of the page Vidne could not capture whole).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

from capture.steplog import StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import ElementHandle, Frame, Page

    from capture.privacy.secrets import Redactions

log = logging.getLogger(__name__)

MAIN_AREA = 0.3          # an element or frame must show at least this share of the window to be the scroller
OTHER_AREA = 0.05        # a second scroller this large (share of the window) is named in a warning
MIN_EXTENT_PX = 50       # content hidden below its box: less than this is not "scrolling"
MAX_WARNED = 5           # second scrollers and frames named one by one; the rest are counted

FIND_JS = """() => {
  const vw = innerWidth, vh = innerHeight, area = Math.max(1, vw * vh);
  const shown = r => Math.max(0, Math.min(vw, r.right) - Math.max(0, r.left))
                   * Math.max(0, Math.min(vh, r.bottom) - Math.max(0, r.top)) / area;
  const hidden = v => v === 'hidden' || v === 'clip';
  const path = el => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 12; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { parts.unshift(s + '#' + e.id.slice(0, 100)); break; }
      const p = e.parentElement;
      if (p) {
        const same = Array.from(p.children).filter(c => c.localName === e.localName);
        if (same.length > 1) s += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
      }
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const info = [], elements = [];
  const root = document.scrollingElement || document.documentElement;
  const hs = getComputedStyle(document.documentElement);
  const bs = document.body ? getComputedStyle(document.body) : null;
  const viewportOverflow = hs.overflowY !== 'visible' ? hs.overflowY : (bs ? bs.overflowY : 'visible');
  const locked = hidden(viewportOverflow);
  info.push({kind: 'document', extent: locked ? 0 : Math.max(0, root.scrollHeight - vh), area: 1,
             scroll_height_px: root.scrollHeight, client_height_px: vh, locked: locked});
  elements.push(null);
  for (const el of document.querySelectorAll('body *')) {
    if (el.scrollHeight - el.clientHeight < 2 || el.clientHeight < 40) continue;
    if (el.localName === 'iframe' || el.localName === 'frame') continue;
    const cs = getComputedStyle(el);
    if (!['auto', 'scroll', 'overlay'].includes(cs.overflowY) || cs.visibility !== 'visible') continue;
    const a = shown(el.getBoundingClientRect());
    if (a <= 0) continue;
    info.push({kind: 'element', element: path(el), extent: el.scrollHeight - el.clientHeight, area: a,
               scroll_height_px: el.scrollHeight, client_height_px: el.clientHeight});
    elements.push(el);
    if (info.length >= 200) break;
  }
  for (const el of document.querySelectorAll('iframe, frame')) {
    const a = shown(el.getBoundingClientRect());
    let d = null;
    try { d = el.contentDocument; } catch (e) { d = null; }
    if (a <= 0 || !d || !d.documentElement) continue;   // another site's frame: seen through Playwright
    const fr = d.scrollingElement || d.documentElement;
    const fs = getComputedStyle(d.documentElement);
    if (hidden(fs.overflowY)) continue;
    info.push({kind: 'frame', element: path(el), extent: Math.max(0, fr.scrollHeight - fr.clientHeight),
               area: a, scroll_height_px: fr.scrollHeight, client_height_px: fr.clientHeight});
    elements.push(el);
  }
  return {info, elements};
}"""

FRAME_SIZE_JS = """() => {
  const r = document.scrollingElement || document.documentElement;
  return r ? {scroll_height_px: r.scrollHeight, client_height_px: r.clientHeight,
              scroll_width_px: r.scrollWidth, client_width_px: r.clientWidth} : null;
}"""


@dataclass
class Scroller:
    """The one thing whose whole content the full-page screenshot holds."""

    kind: str                               # "document", "element" or "frame"
    record: dict[str, Any]                  # for the manifest (capture.scroller)
    handle: ElementHandle | None = None     # the scrolling element, or the <iframe>
    frame: Frame | None = None              # kind "frame": the frame's document
    warnings: list[str] = field(default_factory=list)

    @property
    def is_document(self) -> bool:
        return self.kind == "document"


def find_scroller(page: Page, *, steps: StepLog, redactions: Redactions) -> Scroller:
    """Look at what scrolls in the page as it is now, choose the page's real scroller, and name what
    else scrolls (and frames from other sites) in warnings. A page whose script stops the search (it
    runs in the page's own JavaScript world) is captured as a document, and the warnings say so."""
    try:
        return _find(page, steps, redactions)
    except (PlaywrightError, ValueError, TypeError, KeyError, IndexError) as err:
        reason = bounded(str(err).splitlines()[0] if str(err) else type(err).__name__, 300)
        steps.add("find_scroller_failed", error=reason)
        return Scroller(kind="document", record={"kind": "document", "found": False},
                        warnings=["Vidne could not tell what scrolls on this page, so it captured the page "
                                  "as one document; a part that scrolls inside it may be missing."])


def _number(value: Any) -> float:
    """A number the page's script reported, or an error (never NaN, infinity or text)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or abs(value) > 1e9:
        raise ValueError(f"the page reported {str(value)[:40]!r} where a size belongs")
    return float(value)


def _checked(raw: Any) -> list[dict[str, Any]]:
    """The candidates as the page's script reported them, each checked: kinds known, sizes numbers."""
    if not isinstance(raw, list) or not raw or not isinstance(raw[0], dict) or raw[0].get("kind") != "document":
        raise ValueError("the page's answer about what scrolls is not what Vidne asked for")
    out = []
    for c in raw[:250]:
        if not isinstance(c, dict) or c.get("kind") not in ("document", "element", "frame"):
            raise ValueError("the page's answer about what scrolls is not what Vidne asked for")
        out.append({**c, **{k: _number(c.get(k)) for k in ("extent", "area", "scroll_height_px",
                                                           "client_height_px")}})
    return out


def _find(page: Page, steps: StepLog, redactions: Redactions) -> Scroller:
    found = page.evaluate_handle(FIND_JS)
    try:
        candidates = _checked(found.evaluate("f => f.info"))
        best = _choose(candidates)
        chosen = candidates[best]
        record = {"kind": chosen["kind"], "scroll_height_px": int(chosen["scroll_height_px"]),
                  "visible_height_px": int(chosen["client_height_px"])}
        handle = frame = None
        if chosen["kind"] != "document":
            record["element"] = bounded(str(chosen.get("element", "")), 300)
            handle = found.evaluate_handle("(f, i) => f.elements[i]", best).as_element()
        if chosen["kind"] == "frame" and handle is not None:
            frame = handle.content_frame()
            if frame is not None:
                record["frame_url"] = redactions.url(frame.url)
        if chosen["kind"] == "document" and chosen.get("locked"):
            record["document_locked"] = True     # the page has switched off its own scrolling
    finally:
        found.dispose()
    if chosen["kind"] != "document" and (handle is None or (chosen["kind"] == "frame" and frame is None)):
        record = {"kind": "document", "scroll_height_px": int(candidates[0]["scroll_height_px"]),
                  "visible_height_px": int(candidates[0]["client_height_px"])}
        chosen, best, handle, frame = candidates[0], 0, None, None
    others = [c for i, c in enumerate(candidates) if i != best and c["extent"] >= MIN_EXTENT_PX
              and (c["kind"] == "document" or c["area"] >= OTHER_AREA)]
    warnings = _other_scrollers(others)
    cross = _cross_origin_frames(page, redactions)
    warnings += _frame_warnings(cross)
    if others:
        record["other_scrollers"] = [_short(c) for c in others[:20]]
    if cross:
        record["frames_from_other_sites"] = cross[:20]
    steps.add("find_scroller", **{k: v for k, v in record.items() if k in ("kind", "element", "frame_url",
                                                                           "scroll_height_px")},
              other_scrollers=len(others), frames_from_other_sites=len(cross))
    return Scroller(kind=str(chosen["kind"]), record=record, handle=handle, frame=frame, warnings=warnings)


def _choose(candidates: list[dict[str, Any]]) -> int:
    """The candidate that hides the most content below its box; the document when nothing scrolls
    more than it does, or nothing scrolls at all."""
    best = 0
    for i, c in enumerate(candidates[1:], start=1):
        if c["area"] >= MAIN_AREA and c["extent"] >= MIN_EXTENT_PX and c["extent"] > candidates[best]["extent"]:
            best = i
    return best


def _short(c: dict[str, Any]) -> dict[str, Any]:
    out = {"kind": c["kind"], "scroll_height_px": int(c["scroll_height_px"]),
           "visible_height_px": int(c["client_height_px"])}
    if c.get("element"):
        out["element"] = bounded(str(c["element"]), 300)
    return out


def _other_scrollers(others: list[dict[str, Any]]) -> list[str]:
    warnings = []
    for c in others[:MAX_WARNED]:
        what = "The page itself" if c["kind"] == "document" else (
            f"A part of the page ({bounded(str(c.get('element', '')), 120)})")
        warnings.append(f"{what} also scrolls ({int(c['scroll_height_px'])} px of content in a "
                        f"{int(c['client_height_px'])} px box); only what it showed on screen was captured, "
                        "not its whole content.")
    if len(others) > MAX_WARNED:
        warnings.append(f"{len(others) - MAX_WARNED} more parts of the page scroll; only what they showed "
                        "on screen was captured.")
    return warnings


def _frame_warnings(cross: list[dict[str, Any]]) -> list[str]:
    hidden = [f for f in cross if f.get("content_larger_than_box")]
    warnings = [f"A frame from another site ({f['host']}) holds more than its box shows "
                f"({f['content_height_px']} px of content in a {f['box_height_px']} px box); only what it "
                "showed on screen was captured." for f in hidden[:MAX_WARNED]]
    if len(hidden) > MAX_WARNED:
        warnings.append(f"{len(hidden) - MAX_WARNED} more frames from other sites hold more than they show; "
                        "only what they showed on screen was captured.")
    return warnings


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _cross_origin_frames(page: Page, redactions: Redactions) -> list[dict[str, Any]]:
    """Frames from another site, with their box and their content's size (Playwright reaches them;
    the page's own script cannot)."""
    main = _origin(page.url)
    found = []
    for frame in page.frames[1:]:
        origin = _origin(frame.url)
        if origin[0] not in ("http", "https") or origin == main:
            continue
        try:
            element = frame.frame_element()
            box = element.bounding_box()
            size = frame.evaluate(FRAME_SIZE_JS) if box and box["width"] > 0 and box["height"] > 0 else None
        except PlaywrightError as err:      # a frame that went away while we looked
            log.info("frame %s: %s", origin[1], err)
            continue
        if not box or size is None:
            continue
        larger = (size["scroll_height_px"] - size["client_height_px"] >= MIN_EXTENT_PX
                  or size["scroll_width_px"] - size["client_width_px"] >= MIN_EXTENT_PX)
        parts = urlsplit(frame.url)
        host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        found.append({"host": bounded(host, 200),
                      "frame_url": redactions.url(frame.url),
                      "box_height_px": round(box["height"]), "box_width_px": round(box["width"]),
                      "content_height_px": int(size["scroll_height_px"]),
                      "content_larger_than_box": larger})
    return found
