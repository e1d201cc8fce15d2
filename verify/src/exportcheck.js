// An export as a whole, checked as evidence_store/handover/verify.py checks it: the zip's entries
// (entry_rules.py), export.json and its signature, the report, VERIFY.txt and verify.html against
// the sha256 export.json records, every bundle held to the custody count and head export.json
// records, nothing missing or added.
import { decodeUtf8, sha256 } from "./bytes.js";
import { verifyBundle, sealSigner, SMALL_FILE_LIMITS } from "./bundle.js";
import { CUSTODY_FILE } from "./custody.js";
import { BadJson, isInt, isObject, isStr, parse } from "./jsonpy.js";
import { fingerprint, KeyProblem, keyFromPem, verifyEd25519 } from "./keys.js";
import { HEX64, MANIFEST_FILE } from "./manifest.js";
import { artifactNameProblem, isCaptureId } from "./names.js";
import { Problem, printable } from "./problem.js";
import { EntryDamaged } from "./zipread.js";

export const RECORD_FILE = "export.json";
export const RECORD_SIG_FILE = "export.json.sig";
export const EXPORTER_KEY_FILE = "exporter.pub.pem";
export const REPORT_FILE = "chain-of-custody.pdf";
export const VERIFY_FILE = "VERIFY.txt";
export const VERIFY_HTML = "verify.html";
export const TOP_FILES = [VERIFY_FILE, RECORD_FILE, RECORD_SIG_FILE, EXPORTER_KEY_FILE, REPORT_FILE, VERIFY_HTML];
const MAX_RECORD_BYTES = 16 << 20;
const MAX_SMALL_FILE = 1 << 20;
const RECORD_KEYS = {
  format: isStr, format_version: isInt, export_id: isStr, case: isStr, organisation: isStr, exported_by: isStr,
  exported_at: isStr, file_name: isStr, tool: isObject, exporter: isObject, report: isObject,
  verify_txt_sha256: isStr, damaged_included: (v) => typeof v === "boolean", bundles: Array.isArray,
};
const BUNDLE_KEYS = {
  capture_id: isStr, manifest_sha256: isStr, custody_count: isInt, custody_head_sha256: isStr,
  intact: (v) => typeof v === "boolean", problems: Array.isArray,
};
const isHex64 = (v) => typeof v === "string" && HEX64.test(v);
const shown = (name) => printable(name, "?", 160);
// Where the exporter's key's standing comes from when the person ticks "I have confirmed this
// fingerprint with the sender": the page's --trust-key (app/trust.py NAMED). Nothing else in the zip
// adds to what the page trusts (issue 11).
export const CONFIRMED_HERE = "confirmed by you with the sender";

// -- the zip's entries (entry_rules.py) --------------------------------------------------------

function entryProblem(e) {
  const name = e.name;
  if (printable(name, "\u0000") !== name || name.includes("\u0000")) return "its name holds control characters";
  if (name.length > 400) return "its name is longer than 400 characters";
  if (name.includes("\\")) return "its path uses backslashes (\\); zip paths use '/', and Vidne will not guess";
  if (name.startsWith("/")) return "is an absolute path (starts with '/'); it would be unpacked outside the folder";
  if (/^[A-Za-z]:/.test(name)) return "starts with a drive letter; it would be unpacked outside the folder";
  const parts = (e.isDir ? name.slice(0, -1) : name).split("/");
  if (parts.includes("..")) return "its path holds '..', which would leave the folder it is unpacked into";
  if (parts.includes("") || parts.includes(".")) return "its path has empty or '.' parts";
  if (parts.length > 10) return "its path is more than 10 folders deep";
  const kind = e.mode & 0o170000;
  if (kind === 0o120000) return "is a symbolic link; an export never holds links";
  if (kind && kind !== 0o100000 && kind !== 0o040000) return "is a device, pipe or socket, not a file";
  if (kind === 0o040000 && !e.isDir) return "is marked as a folder but named like a file";
  if (e.flags & 1) return "is encrypted; Vidne exports are never encrypted";
  if (e.method !== 0 && e.method !== 8) return `is compressed with method ${e.method}; Vidne unpacks only stored and deflated entries`;
  if (e.isDir && e.size) return "is a folder entry that holds data";
  const top = parts[0];
  if (top === "__MACOSX" || [".DS_Store", "Thumbs.db", "desktop.ini"].includes(parts[parts.length - 1])) {
    return "was added by macOS Finder or Windows Explorer, so the zip was not made by Vidne's export; ask the sender for the zip Vidne made";
  }
  if (parts.length === 1 && !e.isDir) {
    return TOP_FILES.includes(top) ? null : "is not part of a Vidne export (an unknown file at the top of the zip)";
  }
  if (!isCaptureId(top)) {
    return "is in a folder that is not an evidence bundle (a bundle's folder is named by its capture id, e.g. 20261121T101530Z-3f9a1c2b, and sits at the top of the zip)";
  }
  for (const part of parts.slice(1)) {
    if (artifactNameProblem(part) !== null) return "has a name no evidence bundle uses (letters, digits, '.', '_' and '-' only)";
  }
  return null;
}

// Python's {:,}: 1234567 -> "1,234,567".
const n = (value) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

// A "<where>: <what>" line as a problem, split at its first ": " as handover/verify.py splits them.
function lineProblem(line, where) {
  const at = line.indexOf(": ");
  return at >= 0 ? new Problem(line.slice(0, at), line.slice(at + 2)) : new Problem(where, line);
}

export function entryProblems(entries, label) {
  const problems = [];
  if (entries.length > 20000) return [lineProblem(`${label}: holds ${n(entries.length)} entries; a Vidne export has at most 20,000`, label)];
  const ok = [];
  for (const e of entries) {
    const why = entryProblem(e);
    if (why) problems.push(new Problem(shown(e.name), why)); else ok.push(e);
  }
  const seen = new Map();
  const files = new Set(ok.filter((e) => !e.isDir).map((e) => strip(e).toLowerCase()));
  let total = 0;
  let packed = 0;
  for (const e of ok) {
    const name = strip(e);
    const key = name.toLowerCase();
    if (seen.has(key)) {
      const other = seen.get(key);
      problems.push(new Problem(shown(name), other === name ? "appears more than once in the zip"
        : `differs from ${shown(other)} only in letter case, which is the same file on Windows and macOS`));
      continue;
    }
    seen.set(key, name);
    const parts = name.split("/");
    for (let d = 1; d < parts.length; d += 1) {
      const parent = parts.slice(0, d).join("/").toLowerCase();
      if (files.has(parent)) { problems.push(new Problem(shown(name), `is inside ${shown(parent)}, which is a file in the zip`)); break; }
    }
    total += e.size;
    packed += e.packed;
    if (e.size > 4 * 2 ** 30) problems.push(new Problem(shown(name), `would unpack to ${n(e.size)} bytes, more than the ${n(4 * 2 ** 30)} one file of an export may have`));
    else if (e.size > 2 ** 20 && e.size > 200 * Math.max(e.packed, 1)) problems.push(new Problem(shown(name), `would unpack ${n(e.packed)} bytes into ${n(e.size)} (more than 200 times): a zip bomb, not evidence`));
  }
  if (total > 32 * 2 ** 30) {
    problems.push(lineProblem(`the zip would unpack to ${n(total)} bytes in all, more than the ${n(32 * 2 ** 30)} Vidne accepts`, label));
  } else if (total > 16 * 2 ** 20 && total > 200 * Math.max(packed, 1)) {
    problems.push(lineProblem(`the zip would unpack ${n(packed)} bytes into ${n(total)} (more than 200 times): a zip bomb, not evidence`, label));
  }
  return problems;
}

const strip = (e) => (e.isDir ? e.name.slice(0, -1) : e.name);

// -- export.json (record.py) ----------------------------------------------------------------------

async function checkRecord(data, signature, publicPem, problems) {
  const result = { record: null, bundles: null, exporterFingerprint: null, signatureOk: false };
  const text = decodeUtf8(data);
  let parsed;
  try {
    if (text === null) throw new BadJson("not UTF-8");
    parsed = parse(text);
  } catch (exc) {
    if (!(exc instanceof BadJson)) throw exc;
    problems.push(new Problem(RECORD_FILE, "is not valid UTF-8 JSON (damaged or cut off)"));
    return result;
  }
  if (!isObject(parsed)) { problems.push(new Problem(RECORD_FILE, "is not a JSON object")); return result; }
  if (parsed.format !== "vidne-case-export") {
    problems.push(new Problem(RECORD_FILE, "is not a Vidne export record (format is not 'vidne-case-export')"));
    return result;
  }
  const version = parsed.format_version;
  if (isInt(version) && version > 1) {
    problems.push(new Problem(RECORD_FILE, `was made by a newer Vidne (format_version ${version}); use that version to check it`));
    return result;
  }
  const wrong = Object.keys(RECORD_KEYS).filter((k) => !RECORD_KEYS[k](parsed[k]));
  if (wrong.length || version !== 1) {
    problems.push(new Problem(RECORD_FILE, `field(s) missing or of the wrong type: ${(wrong.length ? wrong : ["format_version"]).join(", ")}`));
    return result;
  }
  result.record = parsed;
  result.bundles = recordedBundles(parsed.bundles, problems);
  const report = parsed.report;
  if (report.path !== REPORT_FILE || !isHex64(report.sha256)) {
    problems.push(new Problem(RECORD_FILE, `'report' must name ${REPORT_FILE} and its sha256`));
  }
  if (!isHex64(parsed.verify_txt_sha256)) problems.push(new Problem(RECORD_FILE, "verify_txt_sha256 is not a sha256"));
  if ("verify_html_sha256" in parsed && !isHex64(parsed.verify_html_sha256)) {
    problems.push(new Problem(RECORD_FILE, "verify_html_sha256 is not a sha256"));
  }
  const roots = parsed.organisation_tsa_roots;
  if (roots !== undefined && !(Array.isArray(roots) && roots.every(isHex64))) {
    problems.push(new Problem(RECORD_FILE, "organisation_tsa_roots is not a list of sha256 fingerprints"));
  }
  await checkRecordSignature(parsed, data, signature, publicPem, problems, result);
  return result;
}

function recordedBundles(items, problems) {
  const found = new Map();
  items.forEach((item, i) => {
    const where = `bundles[${i + 1}]`;
    if (!isObject(item) || Object.keys(BUNDLE_KEYS).some((k) => !BUNDLE_KEYS[k](item[k]))) {
      problems.push(new Problem(RECORD_FILE, `${where} is not a bundle entry with the fields ${Object.keys(BUNDLE_KEYS).join(", ")}`));
      return;
    }
    const id = item.capture_id;
    if (!isCaptureId(id) || !isHex64(item.manifest_sha256) || !isHex64(item.custody_head_sha256) || item.custody_count < 1) {
      problems.push(new Problem(RECORD_FILE, `${where} holds an invalid capture id, hash or count`));
      return;
    }
    if (found.has(id)) { problems.push(new Problem(RECORD_FILE, `names capture ${id} more than once`)); return; }
    found.set(id, { captureId: id, manifestSha256: item.manifest_sha256, count: Number(item.custody_count), head: item.custody_head_sha256 });
  });
  return found;
}

async function checkRecordSignature(parsed, data, signature, publicPem, problems, result) {
  if (publicPem === undefined) { problems.push(new Problem(EXPORTER_KEY_FILE, "missing: export.json cannot be checked without it")); return; }
  if (signature === undefined) { problems.push(new Problem(RECORD_SIG_FILE, "missing: export.json is not signed")); return; }
  let key;
  try { key = keyFromPem(publicPem); } catch (exc) {
    if (!(exc instanceof KeyProblem)) throw exc;
    problems.push(new Problem(EXPORTER_KEY_FILE, exc.message));
    return;
  }
  const fp = await fingerprint(key);
  result.exporterFingerprint = fp;
  if (parsed.exporter.public_key_sha256 !== fp) {
    problems.push(new Problem(EXPORTER_KEY_FILE, `its fingerprint ${fp} is not the one export.json names: the key was replaced`));
    return;
  }
  const pinned = parsed.exporter.key_file_sha256;
  if (pinned !== undefined && pinned !== await sha256(publicPem)) {
    problems.push(new Problem(EXPORTER_KEY_FILE, "its sha256 is not the key_file_sha256 export.json records (changed after the export)"));
    return;
  }
  if (signature.length !== 64 || !await verifyEd25519(key, signature, data)) {
    problems.push(new Problem(RECORD_SIG_FILE, "the signature does not verify over export.json: the record was changed after the export"));
    return;
  }
  result.signatureOk = true;
}

// -- the whole export ---------------------------------------------------------------------------

// ``entries``: the zip's (or folder's) entries; ``shippedRoots``: sha256 of Vidne's shipped TSA roots;
// ``confirmedExporter``: the fingerprint the person confirmed with the sender (or null), as
// ``vidne verify --trust-key FP``. ``onProgress(done, total, captureId)``. Returns {problems, bundles,
// record, exporter, exporterFingerprint, exporterConfirmed, notes, organisationRoots, rootsCounted}.
// As handover/verify.py: the roots export.json lists count only when the exporter's key is confirmed
// and export.json's signature verifies; otherwise they are only shown.
export async function verifyExport(entries, { label = "the export", shippedRoots, confirmedExporter = null, onProgress = () => {} }) {
  const report = { problems: [], bundles: [], record: null, exporter: null, exporterFingerprint: null, exporterConfirmed: false,
    notes: [], organisationRoots: [], rootsCounted: false };
  const refused = entryProblems(entries, printable(label, "?", 160));
  const files = new Map(entries.filter((e) => !e.isDir).map((e) => [e.name, e]));
  const bundleIds = [...new Set(entries.map((e) => e.name.split("/")[0]).filter(isCaptureId))].sort();
  if (refused.length) { report.problems.push(...refused); return report; }
  if (!bundleIds.length) {
    report.error = "no-bundle";
    return report;
  }
  const trust = { rootSha256s: new Set(shippedRoots), keys: new Map() };
  if (confirmedExporter) trust.keys.set(confirmedExporter, { name: confirmedExporter.slice(0, 16), source: CONFIRMED_HERE });
  const check = await checkTopFiles(files, report, bundleIds, trust);
  report.exporterConfirmed = Boolean(confirmedExporter) && confirmedExporter === report.exporterFingerprint;
  if (check.record && check.signatureOk && check.exporterFingerprint) {
    const listed = check.record.organisation_tsa_roots ?? [];
    report.organisationRoots = Array.isArray(listed) && listed.every(isStr) ? [...new Set(listed)].sort() : [];
    report.rootsCounted = report.organisationRoots.length > 0 && trust.keys.has(check.exporterFingerprint);
    if (report.rootsCounted) for (const sha of report.organisationRoots) trust.rootSha256s.add(sha);
  }
  let done = 0;
  for (const id of bundleIds) {
    const recorded = check.bundles === null ? null : check.bundles.get(id) ?? null;
    await checkBundle(id, files, recorded, report, trust);
    done += 1;
    onProgress(done, bundleIds.length, id);
  }
  return report;
}

async function readTop(files, name, limit, report) {
  const e = files.get(name);
  if (e === undefined) return undefined;
  if (e.size > limit) {
    report.problems.push(new Problem(name, `is ${n(e.size)} bytes, more than such a file may have (${n(limit)})`));
    return null;
  }
  try {
    return await e.read();
  } catch (exc) {
    if (!(exc instanceof EntryDamaged)) throw exc;
    report.problems.push(new Problem(name, exc.message));
    return null;
  }
}

async function checkTopFiles(files, report, bundleIds, trust) {
  const problems = report.problems;
  const data = {};
  for (const name of [RECORD_FILE, RECORD_SIG_FILE, EXPORTER_KEY_FILE, VERIFY_FILE]) {
    const bytes = await readTop(files, name, name === RECORD_FILE ? MAX_RECORD_BYTES : MAX_SMALL_FILE, report);
    if (bytes === null) return { bundles: new Map() };
    if (bytes !== undefined) data[name] = bytes;
  }
  if (!(RECORD_FILE in data)) {
    for (const name of [RECORD_SIG_FILE, EXPORTER_KEY_FILE]) {
      if (name in data) problems.push(new Problem(RECORD_FILE, `missing, but ${name} is there: it was removed`));
    }
    report.notes.push("no-record");
    return { bundles: null };
  }
  const check = await checkRecord(data[RECORD_FILE], data[RECORD_SIG_FILE], data[EXPORTER_KEY_FILE], problems);
  report.exporterFingerprint = check.exporterFingerprint;
  if (check.exporterFingerprint !== null) report.exporter = sealSigner(check.exporterFingerprint, trust);
  if (check.record === null) return { bundles: new Map() };
  report.record = check.record;
  if (check.record.damaged_included) report.notes.push("damaged-included");
  await checkHashes(files, report, check.record, data[VERIFY_FILE]);
  const recorded = check.bundles;
  for (const id of [...recorded.keys()].filter((id) => !bundleIds.includes(id)).sort()) {
    problems.push(new Problem(id, "missing: export.json lists this capture, but its folder is not in the zip"));
  }
  for (const id of bundleIds.filter((id) => !recorded.has(id))) {
    problems.push(new Problem(id, "is not listed in export.json (added to the zip after the export?)"));
  }
  return check;
}

async function fileSha(files, name, report) {
  try {
    return await sha256(await files.get(name).read());
  } catch (exc) {
    if (!(exc instanceof EntryDamaged)) throw exc;
    report.problems.push(new Problem(name, exc.message));
    return null;
  }
}

async function checkHashes(files, report, record, verifyTxt) {
  const changed = "its sha256 is not the one export.json records (changed after the export)";
  if (!files.has(REPORT_FILE)) report.problems.push(new Problem(REPORT_FILE, "missing: export.json records it"));
  else {
    const sha = await fileSha(files, REPORT_FILE, report);
    if (sha !== null && sha !== record.report.sha256) report.problems.push(new Problem(REPORT_FILE, changed));
  }
  if (verifyTxt === undefined) report.problems.push(new Problem(VERIFY_FILE, "missing: export.json records it"));
  else if (await sha256(verifyTxt) !== record.verify_txt_sha256) report.problems.push(new Problem(VERIFY_FILE, changed));
  if ("verify_html_sha256" in record) {
    if (!files.has(VERIFY_HTML)) report.problems.push(new Problem(VERIFY_HTML, "missing: export.json records it"));
    else {
      const sha = await fileSha(files, VERIFY_HTML, report);
      if (sha !== null && sha !== record.verify_html_sha256) report.problems.push(new Problem(VERIFY_HTML, changed));
    }
  } else if (files.has(VERIFY_HTML)) {
    report.problems.push(new Problem(VERIFY_HTML, "is not recorded in export.json (added after the export?)"));
  }
}

async function checkBundle(id, files, recorded, report, trust) {
  const prefix = `${id}/`;
  const bundleFiles = new Map();
  for (const [name, e] of files) {
    if (!name.startsWith(prefix)) continue;
    const rel = name.slice(prefix.length);
    const small = rel in SMALL_FILE_LIMITS;
    let bytes;
    let digest;
    try {
      if (small && e.size > SMALL_FILE_LIMITS[rel]) {
        bundleFiles.set(rel, { size: e.size, sha256: null, data: null });
        continue;
      }
      bytes = await e.readUnchecked();
      digest = sha256(bytes);      // where WebCrypto hashes on a thread of its own, the CRC-32 is checked meanwhile
      e.checkCrc(bytes);
      digest = await digest;
    } catch (exc) {
      if (!(exc instanceof EntryDamaged)) throw exc;
      report.problems.push(new Problem(shown(name), exc.message));
      return;
    }
    bundleFiles.set(rel, { size: e.size, sha256: digest, data: small ? bytes : null });
  }
  const expected = recorded ? { count: recorded.count, head: recorded.head, source: "export.json" } : null;
  const verified = await verifyBundle(bundleFiles, { expected, trust });
  const problems = [...verified.problems];
  if (verified.captureId !== null && verified.captureId !== id) {
    problems.push(new Problem(MANIFEST_FILE, `capture_id is ${verified.captureId}, but the folder is ${id}`));
  }
  const manifest = bundleFiles.get(MANIFEST_FILE);
  const manifestSha = manifest && manifest.data ? manifest.sha256 : null;
  if (recorded) {
    if (verified.custodyCount > recorded.count) {
      problems.push(new Problem(CUSTODY_FILE, `has ${verified.custodyCount} events, but export.json records ${recorded.count}: events were added after the export`, recorded.count + 1));
    }
    if (manifestSha !== null && manifestSha !== recorded.manifestSha256) {
      problems.push(new Problem(MANIFEST_FILE, "its sha256 is not the one export.json records"));
    }
  }
  report.problems.push(...problems.map((p) => new Problem(`${id}/${p.file}`, p.message, p.line)));
  report.bundles.push({
    captureId: id, intact: !problems.length, problems, manifest: verified.manifest,
    signerFingerprint: verified.signerFingerprint, custodyCount: verified.custodyCount, time: verified.time,
    seal: verified.seal, custody: verified.custody, notes: verified.notes,
  });
}
