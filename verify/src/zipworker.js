// The zip's own SHA-256, which the page shows, and in Chromium the zip's bytes too. Chromium's
// WebCrypto hashes on the calling thread: a 1 GB export would hold the checks up for more than a
// second. So there a second thread, a Web Worker, reads the zip once, in pieces, hands each piece
// to the page as soon as it is read (the page checks the entries in it meanwhile) and hashes the
// whole zip. Firefox and Safari hash on a thread of their own already; there, and where the browser
// will not run the worker (an older one, its policy; WebKit's workers cannot read a file chosen from
// disk), the page reads the zip and hashes it itself (main.js).
import { sha256 as streaming } from "@noble/hashes/sha2";
import { sha256 } from "./bytes.js";
import { timed } from "./timing.js";
import { fileSource } from "./zipread.js";

export const IN_MEMORY = 1536 * 2 ** 20;     // an export up to this size is read into memory
const PIECE = 64 * 2 ** 20;
const LARGE = 4 * 2 ** 20;                   // an entry this large gets a piece of its own
const MAX_LOCAL_HEADER = 30 + 0xffff + 0xffff;

// The worker's whole program (it sees nothing outside this function, which is sent to it as text).
// Sent the File, it says whether it can read it. Sent the pieces ([start, end] in the file), it reads
// them in order, hands each to the page (transferred, not copied) and keeps a copy in one buffer of
// the whole file, then answers with the SHA-256 of the whole. Or says why it could not.
function readingWorker() {
  let file = null;
  self.onmessage = async (event) => {
    try {
      if (event.data.file) {
        file = event.data.file;
        await file.slice(0, 1).arrayBuffer();
        self.postMessage({ reading: true });
        return;
      }
      const whole = new Uint8Array(file.size);
      for (const [start, end] of event.data.pieces) {
        const piece = await file.slice(start, end).arrayBuffer();
        whole.set(new Uint8Array(piece), start);
        self.postMessage({ start, piece }, [piece]);
      }
      self.postMessage({ digest: await crypto.subtle.digest("SHA-256", whole) });
    } catch (exc) {
      self.postMessage({ error: String(exc) });
    }
  };
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The SHA-256 of ``file`` on this thread: in one piece up to IN_MEMORY, in slices beyond.
export async function zipSha256Here(file) {
  if (file.size <= IN_MEMORY) return sha256(new Uint8Array(await file.arrayBuffer()));
  const hash = streaming.create();
  for (let at = 0; at < file.size; at += 64 * 2 ** 20) hash.update(new Uint8Array(await file.slice(at, at + 64 * 2 ** 20).arrayBuffer()));
  return hex(hash.digest());
}

// Whether WebCrypto hashes on the calling thread here: its promise is settled within a few
// microtasks of the call (Chromium), not later by a thread of its own (Firefox, Safari).
async function hashesOnThisThread() {
  let settled = false;
  const digest = crypto.subtle.digest("SHA-256", new Uint8Array(1)).then(() => { settled = true; });
  for (let turn = 0; turn < 3; turn += 1) await null;
  const soon = settled;
  await digest;
  return soon;
}

// A worker running readingWorker that can read ``file``; null when there is none (the browser will
// not run it, it cannot read the file, or it says nothing for 10 s).
async function startWorker(file) {
  const url = URL.createObjectURL(new Blob([`(${readingWorker})();\n`], { type: "text/javascript" }));
  let worker;
  try {
    worker = new Worker(url);
  } catch {
    URL.revokeObjectURL(url);
    return null;
  }
  const reading = await new Promise((resolve) => {
    const silent = setTimeout(() => resolve(false), 10000);
    const done = (ok) => { clearTimeout(silent); URL.revokeObjectURL(url); resolve(ok); };
    worker.onerror = () => done(false);
    worker.onmessage = (event) => done(Boolean(event.data.reading));
    worker.postMessage({ file });
  });
  if (!reading) worker.terminate();
  return reading ? worker : null;
}

// The pieces the zip is read in, in the file's order: each large entry (its local header and data,
// up to where the next entry starts) in a piece of its own, so that the page gets it whole, the
// rest in pieces of up to 64 MB. ``entries``: [offset, packed] of each entry.
function pieces(size, entries) {
  const starts = [...new Set(entries.map(([offset]) => offset)), size].sort((a, b) => a - b);
  const next = (offset) => starts.find((start) => start > offset) ?? size;
  const large = entries.filter(([, packed]) => packed >= LARGE)
    .map(([offset, packed]) => [offset, Math.min(next(offset), offset + MAX_LOCAL_HEADER + packed)])
    .filter(([start, end]) => start < end).sort((a, b) => a[0] - b[0]);
  const out = [];
  let at = 0;
  const upTo = (end) => {
    for (; at < end; at = Math.min(end, at + PIECE)) out.push([at, Math.min(end, at + PIECE)]);
  };
  for (const [start, end] of large) {
    upTo(start);
    if (end > at) { out.push([at, end]); at = end; }
  }
  upTo(size);
  return out;
}

// Reading ``file`` (up to IN_MEMORY) on a worker, where WebCrypto hashes on this thread: {source,
// digest, stop()}, the zip's bytes for zipEntries (read here until it plans the pieces, then as
// the worker hands them over), the hex SHA-256 to come, and a way to stop the worker. Should the
// worker fail, what it has not handed over is read here, and the zip is hashed here. Null where
// there is no need or no worker.
export async function readOnWorker(file) {
  if (file.size > IN_MEMORY || typeof Worker !== "function" || !await hashesOnThisThread()) return null;
  const worker = await startWorker(file);
  if (worker === null) return null;
  const direct = fileSource(file);
  let table = null;          // the pieces: {start, end, bytes (a promise of them; null: read here)}
  let answered;
  const answer = new Promise((resolve) => { answered = resolve; });
  const failed = (why) => {
    for (const piece of table ?? []) piece.arrived(null);
    answered({ error: why });
  };
  const source = {
    size: file.size,
    blob: direct.blob,
    plan(entries) {
      table = pieces(file.size, entries).map(([start, end]) => {
        const piece = { start, end };
        piece.bytes = new Promise((resolve) => { piece.arrived = resolve; });
        return piece;
      });
      const byStart = new Map(table.map((piece) => [piece.start, piece]));
      worker.onmessage = ({ data }) => {
        if (data.piece) byStart.get(data.start).arrived(new Uint8Array(data.piece));
        else if (data.digest) answered(data);
        else failed(data.error);
      };
      worker.onerror = (event) => failed(String(event.message));
      worker.postMessage({ pieces: table.map((piece) => [piece.start, piece.end]) });
    },
    // A piece is let go once a later part of the file is asked for (the checks go through an export
    // in the file's order); what is asked of a piece let go is read again here.
    async bytes(start, end) {
      const from = Math.max(0, start);
      const to = Math.min(end, file.size);
      if (table === null || from >= to) return direct.bytes(from, to);
      for (const piece of table) if (piece.end <= from) piece.bytes = null;
      const parts = table.filter((piece) => piece.start < to && from < piece.end);
      const got = parts.some((piece) => piece.bytes === null) ? [null] : await Promise.all(parts.map((piece) => piece.bytes));
      if (got.some((bytes) => bytes === null)) return direct.bytes(from, to);
      if (parts.length === 1) return got[0].subarray(from - parts[0].start, to - parts[0].start);
      const out = new Uint8Array(to - from);
      parts.forEach((piece, i) => {
        const lo = Math.max(from, piece.start);
        out.set(got[i].subarray(lo - piece.start, Math.min(to, piece.end) - piece.start), lo - from);
      });
      return out;
    },
  };
  const digest = timed("zip read and hashed on a worker", () => answer).then((reply) => {
    worker.terminate();
    return reply.digest ? hex(reply.digest) : zipSha256Here(file);
  });
  return { source, digest, stop: () => worker.terminate() };
}
