// custody.jsonl, checked as evidence_store/bundle/custody.py checks it: each line's link to the one
// before (the first: to manifest.json), its canonical form, its fields and its Ed25519 signature.
import { b64decodeStrict, decodeUtf8, sha256, utf8 } from "./bytes.js";
import { canonical, isInt, isObject, isStr, NotCanonical, parse } from "./jsonpy.js";
import { fingerprint, keyFromDer, verifyEd25519 } from "./keys.js";
import { Problem, show } from "./problem.js";

export const CUSTODY_FILE = "custody.jsonl";
export const EVENTS = ["captured", "timestamped", "exported", "received", "note", "handed_over", "vaulted", "rechecked"];
const FIELDS = {
  seq: isInt, event: isStr, at: isStr, actor: isStr, organisation: isStr, details: isObject,
  prev_sha256: isStr, signer_public_key: isStr, signer_fingerprint: isStr, signature: isStr,
};
const UTC_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$/;

// Complete lines (without their \n) and whatever follows the last \n.
export function splitLines(data) {
  const lines = [];
  let start = 0;
  for (let i = 0; i < data.length; i += 1) {
    if (data[i] === 0x0a) { lines.push(data.subarray(start, i)); start = i + 1; }
  }
  return [lines, data.subarray(start)];
}

export async function summarize(data) {
  const [lines] = splitLines(data);
  return { count: lines.length, head: lines.length ? await sha256(lines[lines.length - 1]) : null };
}

// The events of the complete lines that parse as JSON objects (for showing; verifies nothing).
export function parseEvents(data) {
  const events = [];
  for (const raw of splitLines(data)[0]) {
    const text = decodeUtf8(raw);
    if (text === null) continue;
    try {
      const obj = parse(text);
      if (isObject(obj)) events.push(obj);
    } catch { /* not an event */ }
  }
  return events;
}

export async function verifyChain(manifestBytes, custodyBytes) {
  const [lines, tail] = splitLines(custodyBytes);
  if (!lines.length && !tail.length) return [new Problem(CUSTODY_FILE, "the log is empty: the 'captured' event is missing")];
  const problems = [];
  let prev = await sha256(manifestBytes);
  for (let i = 0; i < lines.length; i += 1) {
    for (const message of await lineProblems(i + 1, lines[i], prev)) problems.push(new Problem(CUSTODY_FILE, message, i + 1));
    prev = await sha256(lines[i]);
  }
  if (tail.length) {
    problems.push(new Problem(CUSTODY_FILE, "incomplete last line (no line break at its end): it was cut off while being written, or the file was edited", lines.length + 1));
  }
  return problems;
}

export async function checkExpected(custodyBytes, expected) {
  const [lines] = splitLines(custodyBytes);
  if (lines.length < expected.count) {
    const missing = expected.count - lines.length;
    return [new Problem(CUSTODY_FILE, `missing: ${expected.source} says the log had ${expected.count} events, but it has ${lines.length} complete ones; ${missing} event(s) at the end were removed`, lines.length + 1)];
  }
  if (expected.count > 0 && await sha256(lines[expected.count - 1]) !== expected.head) {
    return [new Problem(CUSTODY_FILE, `differs from the event ${expected.source} recorded at this position`, expected.count)];
  }
  return [];
}

async function lineProblems(number, raw, prev) {
  if (!raw.length) return ["empty line"];
  const text = decodeUtf8(raw);
  if (text === null) return ["not valid UTF-8 text"];
  let obj;
  try { obj = parse(text); } catch { return ["not a valid JSON event"]; }
  if (!isObject(obj)) return ["not a JSON object"];
  const problems = [];
  try {
    if (canonical(obj) !== text) problems.push("not written in canonical form: the line was re-written or edited");
  } catch (exc) {
    if (!(exc instanceof NotCanonical)) throw exc;
    problems.push("holds values that are not allowed in canonical JSON");
  }
  for (const name of Object.keys(obj).filter((k) => !(k in FIELDS)).sort()) problems.push(`unexpected field ${show(name)}`);
  const wrong = Object.keys(FIELDS).filter((name) => !(name in obj) || !FIELDS[name](obj[name]));
  if (wrong.length) return [...problems, `field(s) missing or of the wrong type: ${wrong.join(", ")}`];
  if (obj.seq !== number) problems.push(`seq is ${obj.seq} on line ${number}: events were removed, added or reordered`);
  if (!EVENTS.includes(obj.event)) problems.push(`unknown event ${show(obj.event)}`);
  else if (number === 1 && obj.event !== "captured") problems.push(`the first event must be 'captured', not ${show(obj.event)}`);
  else if (number > 1 && obj.event === "captured") problems.push("'captured' may only be the first event");
  if (!UTC_TIME.test(obj.at)) problems.push(`time ${show(obj.at)} is not a UTC ISO 8601 time`);
  if (obj.prev_sha256 !== prev) {
    problems.push(number === 1
      ? "prev_sha256 is not the sha256 of manifest.json: the log does not belong to it"
      : `prev_sha256 is not the sha256 of line ${number - 1}: an event before it was changed, removed or reordered`);
  }
  return [...problems, ...await signatureProblems(obj)];
}

async function signatureProblems(obj) {
  const der = b64decodeStrict(obj.signer_public_key);
  let key;
  try {
    if (der === null) throw new Error("not base64");
    key = keyFromDer(der);
  } catch {
    return ["signer_public_key is not a base64 Ed25519 public key"];
  }
  const problems = [];
  if (obj.signer_fingerprint !== await fingerprint(key)) problems.push("signer_fingerprint is not the sha256 of signer_public_key");
  const signature = b64decodeStrict(obj.signature);
  if (signature === null) return [...problems, "signature is not valid base64"];
  const unsigned = Object.create(null);
  for (const k of Object.keys(obj)) if (k !== "signature") unsigned[k] = obj[k];
  let message;
  try { message = utf8.encode(canonical(unsigned)); } catch { return [...problems, "the signature does not verify"]; }
  if (signature.length !== 64 || !await verifyEd25519(key, signature, message)) {
    problems.push("the signature does not verify: the event was changed after it was signed");
  }
  return problems;
}
