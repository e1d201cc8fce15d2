// One evidence bundle, checked as evidence_store/bundle/verify.py checks it: every hash, signature,
// custody line and file. ``files``: Map of bundle-relative names to {size, sha256, data} (data only
// for the bundle's own small files); the folders are implied by the names.
import { decodeUtf8, sha256, utf8 } from "./bytes.js";
import { checkExpected, CUSTODY_FILE, parseEvents, summarize, verifyChain } from "./custody.js";
import { BadJson, isObject, parse } from "./jsonpy.js";
import { fingerprint, KeyProblem, keyFromPem, verifyEd25519 } from "./keys.js";
import {
  checkManifest, MANIFEST_FILE, parseSums, PUBLIC_KEY_FILE, SIGNATURE_FILE, sha256sumsText, SUMS_FILE,
  TIMESTAMP_FILE, TSA_CHAIN_FILE, VERIFY_FILE,
} from "./manifest.js";
import { Problem, printable } from "./problem.js";
import { judgeStamp } from "./stamp.js";

export const REQUIRED_FILES = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE, SUMS_FILE, CUSTODY_FILE, VERIFY_FILE];
export const OPTIONAL_FILES = [TIMESTAMP_FILE, TSA_CHAIN_FILE];
export const SMALL_FILE_LIMITS = {
  [MANIFEST_FILE]: 64 << 20, [SUMS_FILE]: 64 << 20, [CUSTODY_FILE]: 64 << 20, [SIGNATURE_FILE]: 4096,
  [PUBLIC_KEY_FILE]: 64 << 10, [VERIFY_FILE]: 1 << 20, [TIMESTAMP_FILE]: 1 << 20, [TSA_CHAIN_FILE]: 1 << 20,
};

// A signer as the trust model attributes it: sealer, known (the policy names it) or unknown.
export function attribute(fp, sealer, trust) {
  const known = fp ? trust.keys.get(fp) : undefined;
  if (fp && fp === sealer) return { fingerprint: fp, kind: "sealer", name: known?.name ?? null, source: known?.source ?? null };
  if (known) return { fingerprint: fp, kind: "known", name: known.name, source: known.source };
  return { fingerprint: fp ?? null, kind: "unknown", name: null, source: null };
}

export function sealSigner(fp, trust) {
  const known = fp ? trust.keys.get(fp) : undefined;
  return known ? { fingerprint: fp, kind: "known", name: known.name, source: known.source }
    : { fingerprint: fp, kind: "unknown", name: null, source: null };
}

export async function verifyBundle(files, { expected = null, trust }) {
  const report = {
    problems: [], captureId: null, manifest: null, signerFingerprint: null, custodyCount: 0, custodyHead: null,
    notes: [], time: { status: "none" }, seal: null, custody: [],
  };
  const problem = (file, message, line = null) => report.problems.push(new Problem(printable(file, "?", 200), message, line));
  const entries = new Map();
  for (const name of files.keys()) {
    entries.set(name, "file");
    const parts = name.split("/");
    for (let i = 1; i < parts.length; i += 1) entries.set(parts.slice(0, i).join("/"), "dir");
  }
  const data = new Map();
  for (const name of [...REQUIRED_FILES, ...OPTIONAL_FILES]) {
    const kind = entries.get(name);
    if (kind === undefined) { if (REQUIRED_FILES.includes(name)) problem(name, "missing"); continue; }
    if (kind === "dir") { problem(name, "is a folder, not a file"); continue; }
    const file = files.get(name);
    if (file.size > SMALL_FILE_LIMITS[name]) {
      problem(name, `is ${file.size} bytes, more than the ${SMALL_FILE_LIMITS[name]} bytes such a file may have`);
      continue;
    }
    data.set(name, file.data);
  }
  const manifestData = data.get(MANIFEST_FILE) ?? new Uint8Array(0);
  const info = checkManifestData(manifestData, data, report);
  checkUnexpected(info, entries, problem);
  const keyOk = await checkSigner(info, data, report, problem);
  const sigOk = keyOk ? await checkSignature(manifestData, data, report, problem) : null;
  const actual = checkArtifacts(info, entries, files, problem);
  await checkSums(info, manifestData, data, actual, sigOk, report, problem);
  await checkCustody(info, manifestData, data, expected, report, problem);
  const [time, stampProblems, notes] = await judgeStamp(manifestData, data, new Set(entries.keys()), trust);
  report.time = time;
  report.notes.push(...notes);
  report.problems.push(...stampProblems);
  const sealer = report.signerFingerprint ?? info.signer;
  report.seal = sealer ? sealSigner(sealer, trust) : null;
  report.custody = parseEvents(data.get(CUSTODY_FILE) ?? new Uint8Array(0)).map((event) => ({
    seq: typeof event.seq === "number" ? event.seq : null,
    event: String(event.event ?? "").slice(0, 100),
    at: String(event.at ?? "").slice(0, 100),
    actor: String(event.actor ?? "").slice(0, 500),
    signer: attribute(typeof event.signer_fingerprint === "string" ? event.signer_fingerprint : null, sealer, trust),
  }));
  return report;
}

function checkManifestData(bytes, data, report) {
  const empty = { captureId: null, signer: null, bundleFiles: {}, artifacts: [], supported: false };
  if (!data.has(MANIFEST_FILE)) return empty;
  const text = decodeUtf8(bytes);
  if (text === null) { report.problems.push(new Problem(MANIFEST_FILE, "is not UTF-8 text")); return empty; }
  let parsed;
  try { parsed = parse(text); } catch (exc) {
    if (!(exc instanceof BadJson)) throw exc;
    report.problems.push(new Problem(MANIFEST_FILE, "is not valid JSON (damaged or cut off)"));
    return empty;
  }
  if (isObject(parsed)) report.manifest = parsed;
  const [info, problems] = checkManifest(parsed);
  report.problems.push(...problems);
  report.captureId = info.captureId;
  return info;
}

function checkUnexpected(info, entries, problem) {
  const declared = new Set(info.artifacts.map((a) => a.path));
  const neededDirs = new Set(["artifacts"]);
  for (const p of declared) {
    const parts = p.split("/");
    for (let i = 2; i < parts.length; i += 1) neededDirs.add(parts.slice(0, i).join("/"));
  }
  if (!entries.has("artifacts")) problem("artifacts", "the artifacts folder is missing");
  else if (entries.get("artifacts") === "file") problem("artifacts", "is a file, not the artifacts folder");
  for (const [name, kind] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if ([...REQUIRED_FILES, ...OPTIONAL_FILES, "artifacts"].includes(name)) continue;
    if (!name.startsWith("artifacts/")) problem(name, "is not part of a Vidne bundle (added after sealing?)");
    else if (kind === "dir" && !neededDirs.has(name)) problem(name, "is a folder manifest.json does not account for (added after sealing?)");
    else if (kind === "file" && info.supported && !declared.has(name)) problem(name, "is not listed in manifest.json (added after sealing?)");
  }
  const hasTsr = entries.has(TIMESTAMP_FILE);
  const hasChain = entries.has(TSA_CHAIN_FILE);
  if (hasTsr !== hasChain) {
    problem(hasTsr ? TSA_CHAIN_FILE : TIMESTAMP_FILE, `missing: ${TIMESTAMP_FILE} and ${TSA_CHAIN_FILE} come together`);
  }
}

async function checkSigner(info, data, report, problem) {
  for (const name of [VERIFY_FILE, PUBLIC_KEY_FILE]) {
    const recorded = info.bundleFiles[name];
    if (data.has(name) && recorded && await sha256(data.get(name)) !== recorded) {
      problem(name, "its sha256 is not the one in manifest.json (changed after sealing)");
    }
  }
  const pem = data.get(PUBLIC_KEY_FILE);
  if (pem === undefined) return false;
  try {
    report.key = keyFromPem(pem);
  } catch (exc) {
    if (!(exc instanceof KeyProblem)) throw exc;
    problem(PUBLIC_KEY_FILE, exc.message);
    return false;
  }
  const fp = await fingerprint(report.key);
  report.signerFingerprint = fp;
  if (info.signer && fp !== info.signer) {
    problem(PUBLIC_KEY_FILE, `the key's fingerprint ${fp} is not the one manifest.json names (${info.signer}): the key was changed or replaced`);
    return false;
  }
  return true;
}

async function checkSignature(manifestData, data, report, problem) {
  const signature = data.get(SIGNATURE_FILE);
  if (signature === undefined || !report.key || !data.has(MANIFEST_FILE)) return null;
  if (signature.length !== 64) {
    problem(SIGNATURE_FILE, `is ${signature.length} bytes; an Ed25519 signature is 64`);
    return null;
  }
  return verifyEd25519(report.key, signature, manifestData);
}

function checkArtifacts(info, entries, files, problem) {
  const actual = new Map();
  for (const artifact of info.artifacts) {
    const kind = entries.get(artifact.path);
    if (kind === undefined) { problem(artifact.path, "missing: manifest.json lists it but it is not in the bundle"); continue; }
    if (kind === "dir") { problem(artifact.path, "is a folder, but manifest.json lists a file"); continue; }
    const file = files.get(artifact.path);
    if (file.size !== artifact.size) {
      problem(artifact.path, `is ${file.size} bytes; manifest.json says ${artifact.size} (changed after sealing)`);
      continue;
    }
    actual.set(artifact.path, file.sha256);
    if (file.sha256 !== artifact.sha256) problem(artifact.path, "its sha256 is not the one in manifest.json (changed after sealing)");
  }
  return actual;
}

async function checkSums(info, manifestData, data, actual, sigOk, report, problem) {
  const sums = data.get(SUMS_FILE);
  const manifestSha = await sha256(manifestData);
  const [entries, problems] = sums !== undefined ? parseSums(sums) : [[], []];
  report.problems.push(...problems);
  const listed = new Map();
  const declared = new Map(info.artifacts.map((a) => [a.path, a.sha256]));
  for (const [number, sha, name] of entries) {
    if (listed.has(name)) { problem(SUMS_FILE, `names ${printable(name, "?", 200)} more than once`, number); continue; }
    listed.set(name, sha);
    if (name === MANIFEST_FILE) {
      if (!data.has(MANIFEST_FILE) || sha === manifestSha) { /* fine */ }
      else if (sigOk) problem(SUMS_FILE, "the sha256 for manifest.json is wrong", number);
      else {
        const extra = sigOk === false ? " and its signature does not verify" : "";
        problem(MANIFEST_FILE, `was changed after sealing: its sha256 is not the one in SHA256SUMS line ${number}${extra}`);
      }
    } else if (declared.has(name)) {
      if (actual.has(name) && sha !== actual.get(name) && actual.get(name) === declared.get(name)) {
        problem(SUMS_FILE, `the sha256 for ${name} is wrong`, number);
      }
    } else if (info.supported) {
      problem(SUMS_FILE, `names ${printable(name, "?", 200)}, which is not part of the bundle`, number);
    }
  }
  if (sigOk === false && (listed.get(MANIFEST_FILE) ?? manifestSha) === manifestSha) {
    problem(SIGNATURE_FILE, "the signature does not verify over manifest.json: one of the two was changed after sealing");
  }
  if (sums === undefined || !info.supported) return;
  for (const name of [MANIFEST_FILE, ...declared.keys()]) if (!listed.has(name)) problem(SUMS_FILE, `has no line for ${name}`);
  const expected = utf8.encode(sha256sumsText(listed.get(MANIFEST_FILE) ?? manifestSha, info.artifacts));
  const already = report.problems.some((p) => p.file === SUMS_FILE);
  const same = expected.length === sums.length && expected.every((b, i) => b === sums[i]);
  if (!same && !already) problem(SUMS_FILE, "is not exactly what manifest.json says it should be (lines changed, added, removed or reordered)");
}

async function checkCustody(info, manifestData, data, expected, report, problem) {
  const log = data.get(CUSTODY_FILE);
  if (log === undefined) return;
  report.problems.push(...await verifyChain(manifestData, log));
  const summary = await summarize(log);
  report.custodyCount = summary.count;
  report.custodyHead = summary.head;
  const first = summary.count ? parseEvents(log.subarray(0, log.indexOf(0x0a) + 1)) : [];
  if (first.length && info.signer && first[0].signer_fingerprint !== info.signer) {
    problem(CUSTODY_FILE, "the 'captured' event is not signed by the key that signed manifest.json", 1);
  }
  if (expected !== null) report.problems.push(...await checkExpected(log, expected));
}
