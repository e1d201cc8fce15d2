"""Characters the browser had no font for: on a machine without Korean or Indic fonts such text comes out
as blanks or empty boxes in the screenshots, and the record must say so.

In the page, every distinct letter, digit, punctuation mark and symbol of the text (the page's and its
same-site frames') is drawn on a canvas outside the page in the font its element uses, and compared with
what the same font draws for code points no font has (U+0378, U+0379: unassigned): the browser's "no
glyph" drawing. A character drawn exactly like that had no font. The page itself is not changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError

from capture.steplog import StepLog, bounded

if TYPE_CHECKING:
    from playwright.sync_api import Page

MAX_CHARACTERS = 20_000    # distinct characters checked per page; beyond it they are counted, not checked
MAX_LISTED = 50            # characters listed by name in the manifest

CHECK_JS = """({max}) => {
  const seen = new Map();
  let unchecked = 0;
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE']);
  const visible = /[\\p{L}\\p{N}\\p{P}\\p{S}]/u;
  const walk = doc => {
    const root = doc.body || doc.documentElement;
    if (!root) return;
    const tw = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = tw.nextNode(); n; n = tw.nextNode()) {
      const p = n.parentElement;
      if (!p || skip.has(p.tagName)) continue;
      for (const ch of n.data) {
        const e = seen.get(ch);
        if (e) { e.count++; continue; }
        if (!visible.test(ch)) continue;
        if (seen.size >= max) { unchecked++; continue; }
        seen.set(ch, {count: 1, el: p});
      }
    }
  };
  walk(document);
  for (const f of document.querySelectorAll('iframe, frame')) {
    try { if (f.contentDocument) walk(f.contentDocument); } catch (e) { /* another site's frame */ }
  }
  const size = 48, canvas = document.createElement('canvas');
  canvas.width = size; canvas.height = size;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (font, ch) => {
    ctx.clearRect(0, 0, size, size); ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top';
    ctx.fillText(ch, 4, 4);
    return ctx.getImageData(0, 0, size, size).data;
  };
  const same = (a, b) => { for (let i = 3; i < a.length; i += 4) if (a[i] !== b[i]) return false; return true; };
  const fonts = new Map(), refs = new Map(), missing = [];
  for (const [ch, e] of seen) {
    let font = fonts.get(e.el);
    if (font === undefined) {
      const cs = getComputedStyle(e.el);
      font = cs.fontStyle + ' ' + cs.fontWeight + ' 32px ' + cs.fontFamily;
      fonts.set(e.el, font);
    }
    let ref = refs.get(font);
    if (!ref) { ref = [draw(font, '\\u0378'), draw(font, '\\u0379')]; refs.set(font, ref); }
    const img = draw(font, ch);
    if (ref.some(r => same(r, img))) missing.push({char: ch, count: e.count});
  }
  return {checked: seen.size, unchecked, missing};
}"""


def check_glyphs(page: Page, steps: StepLog) -> tuple[dict[str, Any], list[str]]:
    """Which characters of the page's text the browser had no font for: (record, warnings)."""
    steps.add("check_fonts")
    try:
        found = page.evaluate(CHECK_JS, {"max": MAX_CHARACTERS})
        checked, unchecked = int(found["checked"]), int(found["unchecked"])
        missing = sorted(((str(m["char"])[:2], int(m["count"])) for m in found["missing"][:50_000]),
                         key=lambda m: (-m[1], m[0]))
    except (PlaywrightError, ValueError, TypeError, KeyError) as err:   # the page's script got in the way
        steps.add("fonts_not_checked", error=bounded(str(err).splitlines()[0] if str(err) else "", 300))
        return {"checked": False}, ["Vidne could not check whether the browser had fonts for all of the "
                                    "page's text."]
    total = sum(count for _, count in missing)
    record: dict[str, Any] = {"characters_checked": checked, "characters_not_checked": unchecked,
                              "characters_without_font": len(missing), "occurrences_without_font": total,
                              "without_font": [{"char": char, "code": _code(char), "count": count}
                                               for char, count in missing[:MAX_LISTED]]}
    steps.add("fonts_checked", characters=checked, without_font=len(missing))
    if not missing:
        return record, []
    examples = ", ".join(f"{char} ({_code(char)})" for char, _ in missing[:8])
    more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
    return record, [f"The browser had no font for {len(missing)} different characters of the page's text "
                    f"({total} in all), for example {examples}{more}; the screenshots show them as blanks or "
                    "empty boxes. page.html and page.wacz hold the text itself."]


def _code(char: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in char)
