// A problem names its file (and line), as evidence_store/problems.py does: "file line N: message".
export class Problem {
  constructor(file, message, line = null) {
    this.file = file;
    this.message = message;
    this.line = line;
  }

  toString() {
    return this.line === null ? `${this.file}: ${this.message}` : `${this.file} line ${this.line}: ${this.message}`;
  }
}

const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

// Python's printable(): every character str.isprintable() rejects replaced, cut to ``limit``.
export function printable(text, replacement = "?", limit = null) {
  let out = "";
  for (const ch of String(text)) out += ch !== " " && NOT_PRINTABLE.test(ch) ? replacement : ch;
  const chars = Array.from(out);
  if (limit !== null && chars.length > limit) return chars.slice(0, limit - 1).join("") + "\u2026";
  return out;
}

// Python's repr() of a short JSON value, for messages ('text', 12, None, True, [...]).
export function show(value, limit = 60) {
  const repr = (v, depth) => {
    if (v === null || v === undefined) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "number" || typeof v === "bigint") return String(v);
    if (typeof v === "string") return `'${v.length > 60 ? v.slice(0, 27) + "..." + v.slice(-30) : v}'`;
    if (Array.isArray(v)) return depth >= 2 ? "[...]" : `[${v.slice(0, 4).map((x) => repr(x, depth + 1)).join(", ")}${v.length > 4 ? ", ..." : ""}]`;
    if (typeof v === "object" && "value" in v && Object.keys(v).length === 1 && v.constructor?.name === "PyFloat") return String(v.value);
    const keys = Object.keys(v);
    return depth >= 2 ? "{...}" : `{${keys.slice(0, 4).map((k) => `'${k}': ${repr(v[k], depth + 1)}`).join(", ")}${keys.length > 4 ? ", ..." : ""}}`;
  };
  return printable(repr(value, 0), "?", limit);
}
