// Ed25519 keys as Vidne writes them, and signature checks: WebCrypto where the browser has Ed25519
// (Chrome 137+, Firefox 129+, Safari 17+), else the audited @noble/ed25519 (pinned, inlined).
import * as noble from "@noble/ed25519";
import { b64encode, b64decodeStrict, concat, count, equalBytes, indexOf, sha256, utf8 } from "./bytes.js";

// The DER SubjectPublicKeyInfo of an Ed25519 key is this prefix and the 32 key bytes.
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
const BEGIN = utf8.encode("-----BEGIN PUBLIC KEY-----");
const END = utf8.encode("-----END PUBLIC KEY-----");

export class KeyProblem extends Error {}

// An Ed25519 key from DER SubjectPublicKeyInfo; KeyProblem otherwise.
export function keyFromDer(der) {
  if (der.length !== 44 || !equalBytes(der.subarray(0, 12), SPKI_PREFIX)) {
    throw new KeyProblem(der[0] === 0x30
      ? "The public key is not an Ed25519 key, which is the only kind Vidne uses."
      : "The public key cannot be read: it is not a PEM or DER public key.");
  }
  return { der, raw: der.subarray(12) };
}

export async function fingerprint(key) {
  return sha256(key.der);
}

// A key file (signer.pub.pem, exporter.pub.pem), read as strictly as evidence_store/bundle/keys.py does.
export function keyFromPem(data) {
  if (data[0] === 0x30) return keyFromDer(data);
  const begin = indexOf(data, BEGIN, 0);
  const end = indexOf(data, END, 0);
  if (begin < 0 || end < begin) {
    throw new KeyProblem("is not a PEM public key (no -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY----- block)");
  }
  if (count(data, utf8.encode("-----BEGIN")) !== 1 || count(data, utf8.encode("-----END")) !== 1) {
    throw new KeyProblem("holds more than one PEM block; a key file must hold exactly one");
  }
  if (data.includes(0x0d)) {
    throw new KeyProblem("has CR (Windows) line ends; a key file is one PEM block with LF line ends, as it was written");
  }
  if (begin > 0) {
    throw new KeyProblem(`has ${begin} byte(s) before its -----BEGIN line; a key file must hold one PEM block and nothing else`);
  }
  const after = data.subarray(end + END.length);
  if (!(after.length === 0 || (after.length === 1 && after[0] === 0x0a))) {
    const extra = after[0] === 0x0a ? after.length - 1 : after.length;
    throw new KeyProblem(`has ${extra} byte(s) after its -----END line; a key file must hold one PEM block and nothing else`);
  }
  const body = new TextDecoder().decode(data.subarray(BEGIN.length, end)).replace(/\n/g, "");
  const der = b64decodeStrict(body);
  if (der === null) throw new KeyProblem("The public key cannot be read: it is not a PEM or DER public key.");
  const key = keyFromDer(der);
  const written = utf8.encode(`-----BEGIN PUBLIC KEY-----\n${b64encode(der)}\n-----END PUBLIC KEY-----\n`);
  if (!equalBytes(data, written) && !equalBytes(data, written.subarray(0, written.length - 1))) {
    throw new KeyProblem("is not written as one PEM block of 64-character base64 lines with LF line ends, as Vidne writes a key: the file was changed");
  }
  return key;
}

let webCryptoEd25519 = null;    // null: not yet known; then true or false

async function hasWebCryptoEd25519() {
  if (webCryptoEd25519 === null) {
    try {
      await crypto.subtle.importKey("raw", new Uint8Array(32).fill(1), { name: "Ed25519" }, false, ["verify"]);
      webCryptoEd25519 = true;
    } catch {
      webCryptoEd25519 = false;
    }
  }
  return webCryptoEd25519;
}

export function ed25519Engine() {
  return webCryptoEd25519 ? "WebCrypto" : "@noble/ed25519";
}

// True when ``signature`` is the key's Ed25519 signature over exactly ``message``.
export async function verifyEd25519(key, signature, message) {
  if (signature.length !== 64) return false;
  if (await hasWebCryptoEd25519()) {
    try {
      const k = await crypto.subtle.importKey("raw", key.raw, { name: "Ed25519" }, false, ["verify"]);
      return await crypto.subtle.verify({ name: "Ed25519" }, k, signature, message);
    } catch {
      return false;
    }
  }
  try {
    return await noble.verifyAsync(signature, message, key.raw, { zip215: false });
  } catch {
    return false;
  }
}

export { concat };
