// The RFC 3161 time-stamp (timestamp.tsr with tsa-chain.pem), checked as
// evidence_store/rfc3161/token.py and evidence_store/bundle/timestamp_check.py check it, and the
// trust model's answer (evidence_store/trust/verdict.py): trusted only up to a root in ``trust``.
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { equalBytes, pemCertificates, sha256 } from "./bytes.js";
import { CUSTODY_FILE, parseEvents } from "./custody.js";
import { isObject } from "./jsonpy.js";
import { TIMESTAMP_FILE, TSA_CHAIN_FILE } from "./manifest.js";
import { Problem } from "./problem.js";

const HASHES = { "2.16.840.1.101.3.4.2.1": "SHA-256", "2.16.840.1.101.3.4.2.2": "SHA-384", "2.16.840.1.101.3.4.2.3": "SHA-512" };
const TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
const NAMES = {
  "2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.9": "STREET", "2.5.4.10": "O",
  "2.5.4.11": "OU", "0.9.2342.19200300.100.1.25": "DC", "0.9.2342.19200300.100.1.1": "UID",
};
const MAX_CHAIN_LENGTH = 8;
export const NO_STAMP = "The bundle has no time-stamp: its times come from the capturing computer's clock.";

class Unreadable extends Error {}

pkijs.setEngine("webcrypto", new pkijs.CryptoEngine({ name: "webcrypto", crypto: globalThis.crypto }));

function toArrayBuffer(bytes) {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function loadCert(der) {
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(der));
  return { cert, der };
}

function attrText(value) {
  return typeof value?.valueBlock?.value === "string" ? value.valueBlock.value : null;
}

// RFC 4514 text of a name, as cryptography's rfc4514_string() gives it.
function rfc4514(name) {
  const escape = (s) => s.replace(/([\\,+"<>;=])/g, "\\$1").replace(/^([ #])/, "\\$1").replace(/ $/, "\\ ");
  return name.typesAndValues.slice().reverse().map((tv) => {
    const key = NAMES[tv.type] ?? tv.type;
    const text = attrText(tv.value);
    return `${key}=${text === null ? "#" + Array.from(new Uint8Array(tv.value.toBER(false)), (b) => b.toString(16).padStart(2, "0")).join("") : escape(text)}`;
  }).join(",");
}

export function describe(c) {
  try {
    const cn = c.cert.subject.typesAndValues.find((tv) => tv.type === "2.5.4.3");
    const text = cn ? attrText(cn.value) : null;
    return (text ?? rfc4514(c.cert.subject)).slice(0, 200);
  } catch {
    return "a certificate whose name cannot be read";
  }
}

async function issuedBy(c, issuer) {
  try {
    return c.cert.issuer.isEqual(issuer.cert.subject) && await c.cert.verify(issuer.cert);
  } catch {
    return false;
  }
}

async function isSelfSigned(c) {
  if (!c.cert.issuer.isEqual(c.cert.subject)) return false;
  try {
    return await c.cert.verify();
  } catch { /* an algorithm that cannot be checked: fall back to the key identifiers, as OpenSSL does */ }
  const ext = (id) => (c.cert.extensions ?? []).find((e) => e.extnID === id);
  const aki = ext("2.5.29.35");
  const ski = ext("2.5.29.14");
  if (!aki || !ski) return true;
  const a = aki.parsedValue?.keyIdentifier?.valueBlock?.valueHexView;
  const s = ski.parsedValue?.valueBlock?.valueHexView;
  return !a || (s !== undefined && equalBytes(a, s));
}

function hasTimestampingEku(c) {
  const eku = (c.cert.extensions ?? []).find((e) => e.extnID === "2.5.29.37");
  const purposes = eku?.parsedValue?.keyPurposes;
  return Boolean(eku && eku.critical && purposes && purposes.length === 1 && purposes[0] === TIME_STAMPING);
}

async function buildChain(signer, pool, anchors) {
  const roots = [];
  for (const a of anchors) if (await isSelfSigned(a)) roots.push(a);
  const chain = [signer];
  const seen = new Set([await sha256(signer.der)]);
  let current = signer;
  const issuerAmong = async (c, candidates) => {
    for (const candidate of candidates) if (await issuedBy(c, candidate)) return candidate;
    return null;
  };
  while (chain.length <= MAX_CHAIN_LENGTH) {
    if (await isSelfSigned(current)) return { certs: chain, complete: true };
    const issuer = await issuerAmong(current, roots) ?? await issuerAmong(current, [...pool, ...anchors]);
    if (issuer === null || seen.has(await sha256(issuer.der))) break;
    chain.push(issuer);
    seen.add(await sha256(issuer.der));
    current = issuer;
  }
  return { certs: chain, complete: false };
}

const isIn = (c, list) => list.some((other) => equalBytes(other.der, c.der));

// What ``verify_token`` finds: {ok, claimed, authority, rootName, rootSha256, rootTrusted, problems, notes}.
export async function checkToken(manifestData, tsr, chainPem, trust) {
  const result = { ok: false, claimed: null, authority: null, rootName: null, rootSha256: null, rootKnown: false, problems: [], notes: [] };
  try {
    await verifyInto(result, manifestData, tsr, chainPem, trust);
  } catch (exc) {
    if (!(exc instanceof Unreadable) && !(exc instanceof Error)) throw exc;
    result.problems.push("timestamp.tsr is damaged or is not a time-stamp: it cannot be read.");
  }
  result.ok = result.problems.length === 0;
  return result;
}

async function verifyInto(result, data, tsr, chainPem, trust) {
  const response = pkijs.TimeStampResp.fromBER(toArrayBuffer(tsr));
  const status = response.status.status;
  if (status !== 0 || !response.timeStampToken) {
    result.problems.push(`timestamp.tsr holds no time-stamp: the authority refused (status ${status}).`);
    return;
  }
  const signed = new pkijs.SignedData({ schema: response.timeStampToken.content });
  const tstInfo = pkijs.TSTInfo.fromBER(signed.encapContentInfo.eContent.getValue());
  result.claimed = tstInfo.genTime;
  const algorithm = HASHES[tstInfo.messageImprint.hashAlgorithm.algorithmId];
  if (algorithm === undefined) {
    result.problems.push("timestamp.tsr uses a fingerprint algorithm Vidne cannot check.");
  } else {
    const digest = new Uint8Array(await crypto.subtle.digest(algorithm, data));
    if (!equalBytes(digest, tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView)) {
      const name = algorithm.toLowerCase().replace("-", "");
      result.problems.push(`timestamp.tsr was made for other data: it does not stamp the ${name} of manifest.json. Either manifest.json changed after it was stamped, or the stamp belongs to another bundle.`);
    }
  }
  const tokenCerts = [];
  for (const c of signed.certificates ?? []) {
    if (c instanceof pkijs.Certificate) tokenCerts.push({ cert: c, der: new Uint8Array(c.toSchema().toBER(false)) });
  }
  let chainCerts = [];
  if (!chainPem || !chainPem.length) {
    result.problems.push("tsa-chain.pem is missing, so the authority's certificate cannot be traced to a root.");
  } else {
    const ders = pemCertificates(new TextDecoder().decode(chainPem));
    try {
      if (ders === null) throw new Error("no certificates");
      chainCerts = ders.map(loadCert);
    } catch {
      chainCerts = [];
      result.problems.push("tsa-chain.pem is damaged: it holds no readable certificates.");
    }
  }
  const infos = signed.signerInfos;
  let signer = null;
  if (infos.length === 1 && infos[0].sid instanceof pkijs.IssuerAndSerialNumber) {
    signer = [...tokenCerts, ...chainCerts].find((c) => c.cert.issuer.isEqual(infos[0].sid.issuer)
      && c.cert.serialNumber.isEqual(infos[0].sid.serialNumber)) ?? null;
  }
  result.authority = signer ? rfc4514(signer.cert.subject).slice(0, 300) : "an unnamed time-stamp authority";
  if (signer === null) {
    result.problems.push("Neither timestamp.tsr nor tsa-chain.pem holds the certificate of the authority that signed the stamp.");
    return;
  }
  if (!hasTimestampingEku(signer)) {
    result.problems.push(`timestamp.tsr was signed by '${describe(signer)}', which is not a time-stamping certificate (it lacks the critical timeStamping extended key usage).`);
  }
  if (!chainCerts.length) return;
  const chain = await buildChain(signer, tokenCerts, chainCerts);
  const root = chain.complete ? chain.certs[chain.certs.length - 1] : null;
  if (root === null || !isIn(root, chainCerts)) {
    const missing = root ? describe(root) : `the issuer of '${describe(chain.certs[chain.certs.length - 1])}'`;
    result.problems.push(`tsa-chain.pem does not lead from the authority's certificate to a root: ${missing} is not in it.`);
    return;
  }
  result.rootName = describe(root);
  result.rootSha256 = await sha256(root.der);
  result.rootKnown = trust.rootSha256s.has(result.rootSha256);
  if (result.problems.length) return;
  await checkSignature(result, signed, data, chain.certs, tstInfo.genTime);
  if (!result.problems.length && !isIn(signer, tokenCerts)) {
    result.notes.push("timestamp.tsr does not carry the authority's certificate; openssl needs it given separately: add '-untrusted tsa-chain.pem' to the 'openssl ts -verify' command.");
  }
}

async function checkSignature(result, signed, data, chain, genTime) {
  const failed = "timestamp.tsr has been altered or damaged: the time-stamp authority's signature over it does not verify (or a certificate in tsa-chain.pem was not valid at the stamped time).";
  const carried = signed.certificates;
  signed.certificates = [chain[0].cert];      // the signer found above, whether the token carries it or not
  let ok = false;
  try {
    const verdict = await signed.verify({ signer: 0, data: toArrayBuffer(data), checkChain: false, extendedMode: true });
    ok = verdict.signatureVerified === true;
  } catch (exc) {
    console.debug("time-stamp signature:", exc);
    ok = false;
  } finally {
    signed.certificates = carried;
  }
  for (const c of chain) {
    if (c.cert.notBefore.value > genTime || c.cert.notAfter.value < genTime) ok = false;
  }
  if (!ok) { result.problems.push(failed); return; }
  const now = new Date();
  const expired = chain.filter((c) => c.cert.notAfter.value < now);
  if (expired.length) {
    result.notes.push(`The certificate '${describe(expired[0])}' has expired since the stamp was made. The stamp stays valid, but openssl checks today's date: add '-attime ${Math.floor(genTime.getTime() / 1000)}' to the 'openssl ts -verify' command.`);
  }
}

// -- the bundle's time (timestamp_check.py) ---------------------------------------------------

function recordedStamp(custodyData) {
  let found = null;
  parseEvents(custodyData).forEach((event, i) => {
    const details = event.details;
    const files = isObject(details) ? details.files : undefined;
    if (event.event === "timestamped" && isObject(files)) found = [files, i + 1];
  });
  return found;
}

async function recordedStampProblems(custodyData, stampFiles) {
  const found = recordedStamp(custodyData);
  if (found === null) return [new Problem(TIMESTAMP_FILE, "no 'timestamped' event in custody.jsonl records this time-stamp")];
  const [recorded, line] = found;
  const problems = [];
  for (const [name, bytes] of stampFiles) {
    if (recorded[name] !== await sha256(bytes)) {
      problems.push(new Problem(name, `its sha256 is not the one the 'timestamped' event (custody.jsonl line ${line}) recorded: changed after it was added`));
    }
  }
  return problems;
}

function removedStampProblems(custodyData, present) {
  const found = recordedStamp(custodyData);
  if (found === null) return [];
  const [recorded, line] = found;
  return [TIMESTAMP_FILE, TSA_CHAIN_FILE].filter((name) => name in recorded && !present.has(name)).map((name) =>
    new Problem(name, `missing: the 'timestamped' event (custody.jsonl line ${line}) records it, so it was removed after it was added`));
}

const isoZ = (d) => (d ? d.toISOString().replace(".000Z", "Z") : null);

// [time verdict, problems, notes]; the verdict is {status: trusted|untrusted|broken|none, at, authority, why, rootName, rootSha256}.
export async function judgeStamp(manifestData, data, entries, trust) {
  const custodyData = data.get(CUSTODY_FILE) ?? new Uint8Array(0);
  const tsr = data.get(TIMESTAMP_FILE);
  if (tsr === undefined) {
    if (entries.has(TIMESTAMP_FILE)) return [{ status: "broken", why: "timestamp.tsr cannot be read, so it gives no time." }, [], []];
    const removed = removedStampProblems(custodyData, entries);
    if (removed.length) return [{ status: "broken", why: `The bundle's time-stamp was removed: ${removed[0]}` }, removed, []];
    return [{ status: "none", why: NO_STAMP }, [], []];
  }
  const result = await checkToken(manifestData, tsr, data.get(TSA_CHAIN_FILE), trust);
  const problems = result.problems.map(stampProblem);
  const stampFiles = [[TIMESTAMP_FILE, tsr]];
  if (data.has(TSA_CHAIN_FILE)) stampFiles.push([TSA_CHAIN_FILE, data.get(TSA_CHAIN_FILE)]);
  const recordProblems = await recordedStampProblems(custodyData, stampFiles);
  const all = [...problems, ...recordProblems];
  const ok = result.ok && !recordProblems.length;
  let time;
  if (!ok) {
    time = { status: "broken", at: null, authority: result.authority, why: `The time-stamp does not verify, so it gives no time: ${all.length ? String(all[0]) : "it is damaged"}` };
  } else if (result.rootKnown) {
    time = { status: "trusted", at: isoZ(result.claimed), authority: result.authority, rootName: result.rootName, rootSha256: result.rootSha256,
      why: `Time-stamp by '${result.authority}', verified up to the trusted root '${result.rootName}'.` };
  } else {
    time = { status: "untrusted", at: isoZ(result.claimed), authority: result.authority, rootName: result.rootName, rootSha256: result.rootSha256,
      why: `The time-stamp verifies, but up to the root '${result.rootName}' (sha256 ${result.rootSha256}), which this verifier does not trust: it is neither one of Vidne's public time-stamp roots nor on the organisation's list in an export.json whose signing key you confirmed with the sender. Anyone can run a time-stamp authority; confirm that root with the authority before relying on the time.` };
  }
  return [time, all, result.notes];
}

function stampProblem(message) {
  for (const name of [TSA_CHAIN_FILE, TIMESTAMP_FILE]) {
    if (message.startsWith(name)) {
      const rest = message.slice(name.length).replace(/^[ :]+/, "");
      return new Problem(name, rest || message);
    }
  }
  return new Problem(TIMESTAMP_FILE, message);
}

export { asn1js };
