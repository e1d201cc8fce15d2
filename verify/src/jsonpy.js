// JSON exactly as Vidne's Python reads and writes it, so that this page gives the answers
// `vidne verify` gives:
//   parse(text)      like Python's json.loads: integers stay integers (a BigInt when large),
//                    numbers with a fraction or exponent become PyFloat, NaN and Infinity are
//                    accepted (and later refused by canonical()), the last of duplicate keys wins.
//   canonical(value) like json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
//                    allow_nan=False): the one form custody events are hashed and signed in.
//                    Throws NotCanonical for values Python refuses (NaN, lone surrogates).

export class PyFloat {
  constructor(value) { this.value = value; }
}

export class NotCanonical extends Error {}
export class BadJson extends Error {}

const MAX_DEPTH = 900; // Python's default recursion limit stops a little above this

export function parse(text) {
  let pos = 0;
  const fail = (what) => { throw new BadJson(`${what} at character ${pos}`); };
  const ws = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos += 1; else break;
    }
  };
  const value = (depth) => {
    if (depth > MAX_DEPTH) fail("nested too deeply");
    ws();
    const c = text[pos];
    if (c === "{") return object(depth);
    if (c === "[") return array(depth);
    if (c === '"') return string();
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    for (const [word, result] of [["true", true], ["false", false], ["null", null],
      ["NaN", new PyFloat(NaN)], ["Infinity", new PyFloat(Infinity)], ["-Infinity", new PyFloat(-Infinity)]]) {
      if (text.startsWith(word, pos)) { pos += word.length; return result; }
    }
    return fail("expected a value");
  };
  const object = (depth) => {
    pos += 1;
    const out = new Map();
    ws();
    if (text[pos] === "}") { pos += 1; return toObject(out); }
    for (;;) {
      ws();
      if (text[pos] !== '"') fail("expected a key");
      const key = string();
      ws();
      if (text[pos] !== ":") fail("expected ':'");
      pos += 1;
      out.delete(key);                 // Python keeps the last value, in the first key's place? no: dict
      out.set(key, value(depth + 1));  // order is that of first insertion; order does not matter here
      ws();
      if (text[pos] === ",") { pos += 1; continue; }
      if (text[pos] === "}") { pos += 1; return toObject(out); }
      fail("expected ',' or '}'");
    }
  };
  const array = (depth) => {
    pos += 1;
    const out = [];
    ws();
    if (text[pos] === "]") { pos += 1; return out; }
    for (;;) {
      out.push(value(depth + 1));
      ws();
      if (text[pos] === ",") { pos += 1; continue; }
      if (text[pos] === "]") { pos += 1; return out; }
      fail("expected ',' or ']'");
    }
  };
  const string = () => {
    pos += 1;
    let out = "";
    for (;;) {
      if (pos >= text.length) fail("unterminated string");
      const c = text[pos];
      if (c === '"') { pos += 1; return out; }
      if (text.charCodeAt(pos) < 0x20) fail("control character in a string");
      if (c !== "\\") { out += c; pos += 1; continue; }
      const e = text[pos + 1];
      const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" }[e];
      if (simple !== undefined) { out += simple; pos += 2; continue; }
      if (e !== "u") fail("bad escape");
      const hex = text.slice(pos + 2, pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("bad \\u escape");
      out += String.fromCharCode(parseInt(hex, 16));
      pos += 6;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(pos, pos + 4000));
    if (!m) fail("bad number");
    pos += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const big = BigInt(m[0]);
      return (big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= -BigInt(Number.MAX_SAFE_INTEGER)) ? Number(big) : big;
    }
    return new PyFloat(Number(m[0]));
  };
  const result = value(0);
  ws();
  if (pos !== text.length) fail("extra data");
  return result;
}

// A plain object without a prototype, so keys such as "__proto__" are ordinary keys.
function toObject(map) {
  const obj = Object.create(null);
  for (const [k, v] of map) obj[k] = v;
  return obj;
}

export function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat);
}
export function isInt(v) { return (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint"; }
export function isStr(v) { return typeof v === "string"; }

function hasLoneSurrogate(s) {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { i += 1; continue; }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function quote(s) {
  if (hasLoneSurrogate(s)) throw new NotCanonical("a lone surrogate cannot be written as UTF-8");
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

// Python's repr() of a float: the shortest digits that read back, fixed notation for exponents
// -4..15, otherwise d.ddde+XX.
export function floatRepr(x) {
  if (!Number.isFinite(x)) throw new NotCanonical("NaN and Infinity are not allowed");
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  const sign = mant.startsWith("-") ? "-" : "";
  const digits = mant.replace("-", "").replace(".", "");
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const whole = digits.padEnd(exp + 1, "0");
    const intPart = whole.slice(0, exp + 1);
    const frac = whole.slice(exp + 1) || "0";
    return `${sign}${intPart}.${frac}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, "0");
  return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
}

function compareCodePoints(a, b) {
  const x = Array.from(a, (ch) => ch.codePointAt(0));
  const y = Array.from(b, (ch) => ch.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

export function canonical(v) {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return String(v);
  if (typeof v === "bigint") return v.toString();
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (typeof v === "string") return quote(v);
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  const keys = Object.keys(v).sort(compareCodePoints);
  return "{" + keys.map((k) => quote(k) + ":" + canonical(v[k])).join(",") + "}";
}
