// Capture ids and the names files may have inside a bundle (evidence_store/bundle/names.py).
const CAPTURE_ID = /^([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z-[0-9a-f]{8}$/;
const COMPONENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const DEVICES = new Set(["con", "prn", "aux", "nul", ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((i) => [`com${i}`, `lpt${i}`])]);

export function isCaptureId(text) {
  const m = CAPTURE_ID.exec(text);
  if (m === null) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
    && h < 24 && mi < 60 && s < 60;
}

export function artifactNameProblem(name) {
  if (typeof name !== "string") return "the artifact name is not text";
  if (!name) return "the artifact name is empty";
  if (name.length > 255) return "the artifact name is longer than 255 characters";
  const parts = name.split("/");
  if (parts.length > 8) return "the artifact name has more than 8 folder levels";
  for (const part of parts) {
    if (part === "" || part === "." || part === "..") return `the artifact name '${name}' would point outside the artifacts folder`;
    if (!COMPONENT.test(part) || part.endsWith(".")) return `the artifact name '${name}' has characters Vidne does not allow (use letters, digits, '.', '_' and '-')`;
    if (DEVICES.has(part.split(".")[0].toLowerCase())) return `the artifact name '${name}' is a reserved device name on Windows`;
  }
  return null;
}

export function bundlePathProblem(path) {
  if (typeof path !== "string") return "the artifact path is not text";
  if (!path.startsWith("artifacts/")) return `the artifact path '${path}' is not inside the artifacts folder`;
  return artifactNameProblem(path.slice("artifacts/".length));
}
