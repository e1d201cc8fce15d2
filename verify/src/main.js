// verify.html: the page. Everything from the export is shown with textContent, never as markup.
import rootsPem from "../../resources/tsa/roots.pem";
import { pemCertificates, sha256 } from "./bytes.js";
import { CONFIRMED_HERE, verifyExport } from "./exportcheck.js";
import { ed25519Engine } from "./keys.js";
import { danishProblem, format, TEXTS } from "./texts.js";
import { fileSource, folderEntries, memorySource, NotAZip, zipEntries } from "./zipread.js";
import { timed } from "./timing.js";
import { IN_MEMORY, readOnWorker, zipSha256Here } from "./zipworker.js";

let lang = (navigator.languages || [navigator.language || "en"]).some((l) => /^(da|nb|nn|no)\b/i.test(l)) ? "da" : "en";
let last = null;          // the last result, to draw again in the other language
let lastSource = null;    // what was checked last, to check again once the exporter's key is confirmed

const $ = (id) => document.getElementById(id);
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}
const t = (key, values = {}) => format(TEXTS[lang][key] ?? key, values);

function drawStatic() {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  $("lang").textContent = t("language");
}

function setVerdict(verdict) {
  document.body.dataset.verdict = verdict;
}

// Whether the person ticked "I have confirmed this fingerprint with the sender": "yes" only when the
// last check ran with the exporter's key trusted (the page's --trust-key); "no" otherwise.
function setConfirmed(confirmed) {
  document.body.dataset.exporterConfirmed = confirmed ? "yes" : "no";
}

async function shippedRoots() {
  const ders = pemCertificates(rootsPem) ?? [];
  return Promise.all(ders.map((der) => sha256(der)));
}

// ``confirmedExporter``: the exporter's fingerprint the person confirmed with the sender, or null.
async function check(source, confirmedExporter = null) {
  lastSource = source;
  setConfirmed(false);
  setVerdict("working");
  $("result").replaceChildren(el("p", { class: "working" }, t("working")));
  $("progress").textContent = "";
  let hashing = null;      // the zip's own SHA-256, computed beside the checks
  try {
    let entries;
    if (source.zip) {
      const fed = await readOnWorker(source.zip);
      if (fed !== null) {
        hashing = fed;
        entries = await timed("list", () => zipEntries(fed.source, source.zip.name));
      } else if (source.zip.size <= IN_MEMORY) {
        // no worker: the zip is read once, hashed here, and every entry is a view into it
        const bytes = await timed("read whole zip", async () => new Uint8Array(await source.zip.arrayBuffer()));
        hashing = { digest: timed("zip sha256 here", () => sha256(bytes)), stop: () => {} };
        entries = await timed("list", () => zipEntries(memorySource(bytes), source.zip.name));
      } else {
        hashing = { digest: zipSha256Here(source.zip), stop: () => {} };
        entries = await zipEntries(fileSource(source.zip), source.zip.name);
      }
    } else {
      entries = folderEntries(source.files);
    }
    const roots = await shippedRoots();
    const report = await timed("check", () => verifyExport(entries, {
      label: source.zip ? source.zip.name : "the folder",
      shippedRoots: roots,
      confirmedExporter,
      onProgress: (done, total) => { $("progress").textContent = t("progress", { done, total }); },
    }));
    const zipSha = hashing === null ? null : await timed("wait for zip sha256", () => hashing.digest);
    last = { report, zipSha, name: source.zip ? source.zip.name : null };
  } catch (exc) {
    if (hashing !== null) hashing.stop();
    if (!(exc instanceof NotAZip)) console.error(exc);
    last = { error: exc instanceof NotAZip ? exc.message : `${exc && exc.message ? exc.message : exc}` };
  }
  draw();
}

function draw() {
  drawStatic();
  if (last === null) return;
  const out = $("result");
  out.replaceChildren();
  if (last.error !== undefined || last.report.error === "no-bundle") {
    setVerdict("error");
    out.append(el("div", { class: "verdict error" }, el("strong", {}, t("error")), el("p", { class: "why" }, last.error ?? t("no_bundle"))));
    return;
  }
  const { report, zipSha } = last;
  setConfirmed(report.exporterConfirmed);
  const intact = report.problems.length === 0;
  out.append(el("div", { class: `verdict ${intact ? "intact" : "not-intact"}`, id: "verdict" }, t(intact ? "intact" : "not_intact")));
  out.append(el("p", { class: "zip-sha" }, zipSha ? `${t("zip_sha")}: ` : t("zip_sha_folder"), zipSha ? el("code", { id: "zip-sha256" }, zipSha) : null));
  if (report.problems.length) {
    out.append(el("h2", {}, t("problems")), el("ul", { class: "problems" },
      ...report.problems.map((p) => el("li", { class: "problem", "data-file": p.file }, problemText(p)))));
  }
  const notes = report.notes.map((n) => (n === "no-record" ? t("no_record") : n === "damaged-included" ? t("damaged_included") : n));
  if (notes.length) out.append(el("ul", { class: "notes" }, ...notes.map((n) => el("li", { class: "note" }, n))));
  out.append(confirmSection(report));
  if (report.record) out.append(recordSection(report.record));
  out.append(el("h2", {}, t("bundles")), ...report.bundles.map(bundleSection));
  out.append(el("p", { class: "engine" }, t("engine", { engine: ed25519Engine() })));
  setVerdict(intact ? "intact" : "not-intact");
}

function confirmSection(report) {
  const rows = [];
  const fingerprintRows = (list) => el("dl", {}, ...list.flatMap(([label, fp]) => [el("dt", {}, label), el("dd", {}, el("code", { class: "fingerprint" }, fp))]));
  for (const b of report.bundles) if (b.seal?.fingerprint && b.seal.fingerprint !== report.exporterFingerprint) rows.push([t("sealer_key", { id: b.captureId }), b.seal.fingerprint]);
  const section = el("section", { class: "confirm" }, el("h2", {}, t("confirm")), el("p", {}, t("confirm_lead")));
  if (report.exporterFingerprint) {
    section.append(fingerprintRows([[t("exporter_key"), report.exporterFingerprint]]));
    const box = el("input", { type: "checkbox", id: "confirm-exporter", checked: report.exporterConfirmed });
    box.addEventListener("change", () => {
      if (lastSource !== null) check(lastSource, box.checked ? report.exporterFingerprint : null);
    });
    section.append(el("p", { class: "confirm-exporter" }, el("label", {}, box, " ", t("confirm_exporter"))),
      el("p", { class: "confirm-state" }, t(report.exporterConfirmed ? "exporter_confirmed" : "exporter_not_confirmed")));
  }
  if (report.organisationRoots.length) {
    const label = t(report.rootsCounted ? "org_roots_counted" : "org_roots_unconfirmed");
    section.append(el("p", { class: `org-roots ${report.rootsCounted ? "counted" : "not-counted"}` }, label),
      fingerprintRows(report.organisationRoots.map((sha) => [t("org_root"), sha])));
  }
  if (rows.length) section.append(fingerprintRows(rows));
  return section;
}

function recordSection(record) {
  const rows = [["case", record.case], ["exported_by", record.exported_by], ["organisation", record.organisation],
    ["exported_at", record.exported_at], ["file_name", record.file_name],
    ["tool", `${record.tool?.name ?? ""} ${record.tool?.version ?? ""}`]];
  return el("section", { class: "record" }, el("h2", {}, t("export_info")),
    el("dl", {}, ...rows.flatMap(([key, value]) => [el("dt", {}, t(key)), el("dd", {}, String(value ?? ""))])));
}

// A problem as `vidne verify` words it, or in Danish: "FILE[ linje N]: what is wrong".
function problemText(p) {
  if (lang !== "da") return String(p);
  return `${p.file}${p.line === null ? "" : ` linje ${p.line}`}: ${danishProblem(p.message)}`;
}

function signerText(signer) {
  if (!signer) return "";
  if (signer.kind === "sealer") return t("signer_sealer");
  if (signer.kind === "known") return t("signer_known", { source: signer.source === CONFIRMED_HERE ? t("source_confirmed") : signer.source });
  return t("signer_unknown", { fp: signer.fingerprint ?? "?" });
}

function timeText(time) {
  if (time.status === "trusted") return t("time_trusted", { at: time.at, authority: time.authority, root: time.rootName });
  if (time.status === "untrusted") return t("time_untrusted", { at: time.at, authority: time.authority, root: time.rootName, sha: time.rootSha256 });
  if (time.status === "broken") return `${t("time_broken")} ${time.why}`;
  return t("time_none");
}

function bundleSection(b) {
  const capture = b.manifest && typeof b.manifest.capture === "object" && b.manifest.capture ? b.manifest.capture : {};
  const text = (v) => (typeof v === "string" ? v.slice(0, 2000) : "");
  const facts = [["capture_title", text(capture.title)], ["capture_url", text(capture.final_url ?? capture.url)],
    ["capture_note", text(b.manifest?.note)], ["capture_operator", text(b.manifest?.operator)],
    ["capture_started", text(capture.started_at)]].filter(([, v]) => v);
  const section = el("section", { class: `bundle ${b.intact ? "intact" : "not-intact"}`, "data-capture-id": b.captureId,
    "data-time": b.time.status, "data-seal": b.seal ? b.seal.kind : "" },
    el("h3", {}, `${b.captureId} — `, el("span", { class: "bundle-verdict" }, t(b.intact ? "bundle_intact" : "bundle_not_intact"))),
    el("dl", {}, ...facts.flatMap(([key, value]) => [el("dt", {}, t(key)), el("dd", { class: key }, value)]),
      el("dt", {}, t("time")), el("dd", { class: `time time-${b.time.status}` }, timeText(b.time)),
      el("dt", {}, t("seal")), el("dd", { class: "seal" }, b.seal ? `${b.seal.fingerprint} (${b.seal.kind === "known" ? signerText(b.seal) : t("signer_unknown", { fp: "" }).trim()})` : "—")));
  if (b.problems.length) {
    section.append(el("ul", { class: "bundle-problems" }, ...b.problems.map((p) => el("li", {}, problemText(p)))));
  }
  if (b.notes.length) section.append(el("ul", { class: "notes" }, ...b.notes.map((n) => el("li", { class: "note" }, n))));
  section.append(el("details", {}, el("summary", {}, `${t("custody")} (${b.custodyCount})`),
    el("table", { class: "custody" },
      el("tr", {}, ...["col_seq", "col_event", "col_at", "col_actor", "col_signer"].map((k) => el("th", {}, t(k)))),
      ...b.custody.map((c) => el("tr", { "data-signer": c.signer.kind }, el("td", {}, String(c.seq ?? "?")), el("td", {}, c.event),
        el("td", {}, c.at), el("td", {}, c.actor), el("td", {}, signerText(c.signer)))))));
  return section;
}

// -- choosing the export: file chooser, folder chooser, drag and drop --------------------------

async function walk(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ path: prefix + entry.name, file });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (!batch.length) break;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
    }
  }
}

function stripTop(files) {
  return files.map(({ path, file }) => ({ path: path.split("/").slice(1).join("/"), file })).filter((f) => f.path);
}

function start() {
  drawStatic();
  setVerdict("waiting");
  setConfirmed(false);
  $("lang").addEventListener("click", () => { lang = lang === "da" ? "en" : "da"; draw(); });
  $("zip").addEventListener("change", (e) => { if (e.target.files.length) check({ zip: e.target.files[0] }); });
  $("folder").addEventListener("change", (e) => {
    const files = Array.from(e.target.files, (file) => ({ path: file.webkitRelativePath || file.name, file }));
    if (files.length) check({ files: stripTop(files) });
  });
  const zone = $("drop");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", async (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const items = Array.from(e.dataTransfer.items || []);
    const entry = items.length === 1 && items[0].webkitGetAsEntry ? items[0].webkitGetAsEntry() : null;
    if (entry && entry.isDirectory) {
      const files = [];
      await walk(entry, "", files);
      check({ files: stripTop(files) });
    } else if (e.dataTransfer.files.length) {
      check({ zip: e.dataTransfer.files[0] });
    }
  });
}

start();
