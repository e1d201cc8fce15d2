// Bytes, text and SHA-256 (WebCrypto).

export const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Like Python's bytes.decode("utf-8"): null when the bytes are not UTF-8 (a BOM is kept as text).
export function decodeUtf8(bytes) {
  try { return strictUtf8.decode(bytes); } catch { return null; }
}

export function isAscii(bytes) {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

export function hex(bytes) {
  let out = "";
  for (const b of new Uint8Array(bytes)) out += b.toString(16).padStart(2, "0");
  return out;
}

export async function sha256(bytes) {
  return hex(await crypto.subtle.digest("SHA-256", bytes));
}

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

export function concat(parts) {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

// Python's base64.b64decode(text, validate=True): only the alphabet, correct padding; null otherwise.
export function b64decodeStrict(text) {
  if (typeof text !== "string" || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    const raw = atob(text);
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  } catch { return null; }
}

export function b64encode(bytes) {
  let raw = "";
  for (const b of bytes) raw += String.fromCharCode(b);
  return btoa(raw);
}

export function count(haystack, needle) {
  let n = 0;
  let at = indexOf(haystack, needle, 0);
  while (at >= 0) { n += 1; at = indexOf(haystack, needle, at + 1); }
  return n;
}

export function indexOf(haystack, needle, from) {
  outer: for (let i = from; i <= haystack.length - needle.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// Certificates in a PEM file (tsa-chain.pem, the shipped roots): the DER of each CERTIFICATE block;
// null when a block is not base64 or there is none (like cryptography's load_pem_x509_certificates).
export function pemCertificates(text) {
  const found = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const der = b64decodeStrict(m[1].replace(/[\r\n\t ]/g, ""));
    if (der === null) return null;
    found.push(der);
  }
  return found.length ? found : null;
}
