// manifest.json's structure and SHA256SUMS, as evidence_store/bundle/manifest.py checks them.
import { isInt, isObject, isStr } from "./jsonpy.js";
import { Problem, show } from "./problem.js";
import { bundlePathProblem, isCaptureId } from "./names.js";

export const MANIFEST_FILE = "manifest.json";
export const SIGNATURE_FILE = "manifest.json.sig";
export const PUBLIC_KEY_FILE = "signer.pub.pem";
export const SUMS_FILE = "SHA256SUMS";
export const VERIFY_FILE = "VERIFY.txt";
export const TIMESTAMP_FILE = "timestamp.tsr";
export const TSA_CHAIN_FILE = "tsa-chain.pem";
export const BUNDLE_FILES = [VERIFY_FILE, PUBLIC_KEY_FILE];
const FORMAT = "vidne-evidence-bundle";
const KEYS = ["format", "format_version", "capture_id", "case", "note", "operator", "organisation",
  "capture", "tool", "signer", "bundle_files", "artifacts"];
const ARTIFACT_KEYS = ["path", "media_type", "size", "sha256", "description"];
export const HEX64 = /^[0-9a-f]{64}$/;
const isHex64 = (v) => typeof v === "string" && HEX64.test(v);

export function sha256sumsText(manifestSha, artifacts) {
  return `${manifestSha}  ${MANIFEST_FILE}\n` + artifacts.map((a) => `${a.sha256}  ${a.path}\n`).join("");
}

// [line number, sha256, path] for each well-formed line, and a problem for each other line.
export function parseSums(data) {
  for (const b of data) if (b > 0x7f) return [[], [new Problem(SUMS_FILE, "not plain ASCII text")]];
  const lines = new TextDecoder("ascii").decode(data).split("\n");
  const problems = [];
  if (lines[lines.length - 1] === "") lines.pop();
  else problems.push(new Problem(SUMS_FILE, "the last line does not end with a line break", lines.length));
  const entries = [];
  lines.forEach((line, i) => {
    const m = /^([0-9a-f]{64}) [ *]([^\n]+)$/.exec(line);
    if (m === null) problems.push(new Problem(SUMS_FILE, "not a '<sha256>  <file>' line", i + 1));
    else entries.push([i + 1, m[1], m[2]]);
  });
  return [entries, problems];
}

export function checkManifest(manifest) {
  const info = { captureId: null, signer: null, bundleFiles: {}, artifacts: [], supported: false };
  const problems = [];
  const problem = (message) => problems.push(new Problem(MANIFEST_FILE, message));
  if (!isObject(manifest)) { problem("not a JSON object, so not a Vidne manifest"); return [info, problems]; }
  if (manifest.format !== FORMAT) { problem(`the format is ${show(manifest.format)}, not '${FORMAT}'`); return [info, problems]; }
  const version = manifest.format_version;
  if (!isInt(version)) { problem(`format_version is ${show(version)}, not a whole number`); return [info, problems]; }
  if (version > 1) {
    problem(`made by a newer Vidne (format_version ${version}); this verifier reads format_version 1. Update Vidne to check this bundle.`);
    return [info, problems];
  }
  if (version !== 1) { problem(`format_version ${version} does not exist`); return [info, problems]; }
  info.supported = true;
  for (const key of KEYS) if (!(key in manifest)) problem(`the field '${key}' is missing`);
  for (const key of Object.keys(manifest)) if (!KEYS.includes(key)) problem(`unexpected field ${show(key)}`);
  const captureId = manifest.capture_id;
  if (isStr(captureId) && isCaptureId(captureId)) info.captureId = captureId;
  else if ("capture_id" in manifest) problem(`capture_id ${show(captureId)} is not a Vidne capture id`);
  for (const key of ["case", "note", "operator", "organisation"]) {
    if (key in manifest && !isStr(manifest[key])) problem(`${key} is not text`);
  }
  if ("capture" in manifest && !isObject(manifest.capture)) problem("capture is not a JSON object");
  const tool = manifest.tool;
  if ("tool" in manifest && !(isObject(tool) && isStr(tool.name) && isStr(tool.version))) problem("tool is not {'name': ..., 'version': ...}");
  const signer = manifest.signer;
  if (isObject(signer) && signer.algorithm === "Ed25519" && isHex64(signer.public_key_sha256)) info.signer = signer.public_key_sha256;
  else if ("signer" in manifest) problem("signer is not {'algorithm': 'Ed25519', 'public_key_sha256': <hex sha256>}");
  const files = manifest.bundle_files;
  if (isObject(files)) {
    for (const name of BUNDLE_FILES) {
      if (isHex64(files[name])) info.bundleFiles[name] = files[name];
      else problem(`bundle_files has no sha256 for ${name}`);
    }
    for (const name of Object.keys(files)) {
      if (!BUNDLE_FILES.includes(name)) problem(`bundle_files lists ${show(name)}, which is not a file a bundle may have there`);
    }
  } else if ("bundle_files" in manifest) problem("bundle_files is not a JSON object");
  const artifacts = manifest.artifacts;
  if (Array.isArray(artifacts)) info.artifacts = checkArtifacts(artifacts, problem);
  else if ("artifacts" in manifest) problem("artifacts is not a list");
  return [info, problems];
}

function checkArtifacts(items, problem) {
  const entries = [];
  const seen = new Set();
  items.forEach((item, i) => {
    let label = `artifact ${i + 1}`;
    if (!isObject(item)) { problem(`${label} is not a JSON object`); return; }
    const path = item.path;
    const why = bundlePathProblem(path);
    if (why !== null) { problem(`${label}: ${why}`); return; }
    label = `${label} (${path})`;
    const folded = path.toLowerCase();
    if (seen.has(folded)) { problem(`${label} is listed more than once`); return; }
    seen.add(folded);
    const bad = [...ARTIFACT_KEYS.filter((k) => !(k in item)),
      ...Object.keys(item).filter((k) => !ARTIFACT_KEYS.includes(k)).map((k) => `unexpected ${show(k)}`)];
    if (bad.length) problem(`${label}: field(s) missing or unexpected: ${bad.join(", ")}`);
    const { size, sha256 } = item;
    const mediaType = item.media_type;
    const description = "description" in item ? item.description : "";
    if (!isInt(size) || size < 0) { problem(`${label}: size ${show(size)} is not a whole number of bytes`); return; }
    if (!isHex64(sha256)) { problem(`${label}: sha256 ${show(sha256)} is not a hex sha256`); return; }
    if (!isStr(mediaType) || !mediaType) problem(`${label}: media_type is missing or not text`);
    if (!isStr(description)) problem(`${label}: description is not text`);
    entries.push({ path, size: Number(size), sha256, mediaType: isStr(mediaType) ? mediaType : "" });
  });
  return entries;
}
