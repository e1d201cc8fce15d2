// Reading an export: a zip file (central directory, stored and deflated entries, zip64 sizes) or
// the files of an unzipped folder. Every entry is {name, isDir, size, packed, method, flags, mode,
// crc, read()}; read() gives the entry's bytes (unpacked, CRC checked for a zip), or throws
// EntryDamaged.

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class NotAZip extends Error {}
export class EntryDamaged extends Error {}

// Where a zip's bytes come from: the whole file read once into memory (an export up to 1.5 GB: read
// once, hashed once, every entry a view into it), or slices of the file as they are needed (or the
// pieces a worker reads, zipworker.js). A source with plan(entries) is told, once the table of
// contents is read, where each entry is: [offset, packed].
export function memorySource(bytes) {
  return {
    size: bytes.length,
    bytes: async (start, end) => bytes.subarray(Math.max(0, start), Math.min(end, bytes.length)),
    blob: (start, end) => new Blob([bytes.subarray(start, end)]),
  };
}

export function fileSource(file) {
  return {
    size: file.size,
    bytes: async (start, end) => new Uint8Array(await file.slice(Math.max(0, start), end).arrayBuffer()),
    blob: (start, end) => file.slice(start, end),
  };
}

async function slice(source, start, end) {
  return source.bytes(start, end);
}

const CP437 = "\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00a2\u00a3\u00a5\u20a7\u0192\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u2310\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510\u2514\u2534\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588\u2584\u258c\u2590\u2580\u03b1\u00df\u0393\u03c0\u03a3\u03c3\u00b5\u03c4\u03a6\u0398\u03a9\u03b4\u221e\u03c6\u03b5\u2229\u2261\u00b1\u2265\u2264\u2320\u2321\u00f7\u2248\u00b0\u2219\u00b7\u221a\u207f\u00b2\u25a0\u00a0";

function entryName(raw, utf8Flag) {
  if (utf8Flag) return new TextDecoder("utf-8").decode(raw);
  let out = "";
  for (const b of raw) out += b < 0x80 ? String.fromCharCode(b) : CP437[b - 0x80];
  return out;
}

// CRC-32 (the zip's own check of each entry), eight bytes at a time ("slicing-by-8"), read as two
// 32-bit words where the machine is little-endian (every machine browsers run on, in practice):
// about three times faster in Chromium than eight single bytes, which matters for a large export.
let crcTables = null;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function crc32(bytes) {
  if (crcTables === null) {
    crcTables = new Int32Array(256 * 8);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTables[n] = c;
    }
    for (let n = 0; n < 256; n += 1) {
      let c = crcTables[n];
      for (let k = 1; k < 8; k += 1) { c = crcTables[c & 0xff] ^ (c >>> 8); crcTables[k * 256 + n] = c; }
    }
  }
  const t = crcTables;
  let c = ~0;
  let i = 0;
  if (LITTLE_ENDIAN) {
    // byte by byte up to a 4-byte boundary, then the words
    for (; i < bytes.length && (bytes.byteOffset + i) % 4; i += 1) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    const blocks = (bytes.length - i) >>> 3;
    if (blocks) {
      const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, blocks * 2);
      for (let k = 0; k < words.length; k += 2) {
        const a = c ^ words[k];
        const b = words[k + 1];
        c = t[1792 + (a & 0xff)] ^ t[1536 + ((a >>> 8) & 0xff)] ^ t[1280 + ((a >>> 16) & 0xff)] ^ t[1024 + (a >>> 24)]
          ^ t[768 + (b & 0xff)] ^ t[512 + ((b >>> 8) & 0xff)] ^ t[256 + ((b >>> 16) & 0xff)] ^ t[b >>> 24];
      }
      i += blocks * 8;
    }
  }
  for (; i < bytes.length; i += 1) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// The entries of the zip in ``file`` (a memorySource or fileSource). NotAZip when it is none.
export async function zipEntries(file, label) {
  const size = file.size;
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = await slice(file, size - tailLen, size);
  const dv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let pos = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (dv.getUint32(i, true) === EOCD) { pos = i; break; }
  }
  if (pos < 0) {
    const head = await slice(file, 0, 4);
    if (head.length === 4 && new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0, true) === 0x04034b50) {
      throw new NotAZip(`${label} looks like a zip file that was cut off (an interrupted download or copy?): its end is missing. Ask for the file again.`);
    }
    throw new NotAZip(`${label} is not a zip file. A Vidne export is a .zip file.`);
  }
  if (dv.getUint16(pos + 4, true) || dv.getUint16(pos + 6, true)) {
    throw new NotAZip(`${label}: is one part of a zip split over several files; Vidne reads whole zips only`);
  }
  let count = dv.getUint16(pos + 10, true);
  let cdSize = dv.getUint32(pos + 12, true);
  let cdOffset = dv.getUint32(pos + 16, true);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && pos >= 20
      && dv.getUint32(pos - 20, true) === ZIP64_LOCATOR) {
    const at = Number(dv.getBigUint64(pos - 20 + 8, true));
    const rec = await slice(file, at, at + 56);
    const rv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
    if (rec.length === 56 && rv.getUint32(0, true) === ZIP64_EOCD) {
      count = Number(rv.getBigUint64(32, true));
      cdSize = Number(rv.getBigUint64(40, true));
      cdOffset = Number(rv.getBigUint64(48, true));
    }
  }
  if (count > 20000) throw new NotAZip(`${label}: declares ${count} entries; a Vidne export has at most 20,000`);
  if (cdSize > (32 << 20) || cdOffset + cdSize > size) {
    throw new NotAZip(`${label} cannot be read as a zip file: it is damaged (its table of contents is not where it says).`);
  }
  const cd = await slice(file, cdOffset, cdOffset + cdSize);
  const cv = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const entries = [];
  const offsets = [];
  let p = 0;
  for (let n = 0; n < count; n += 1) {
    if (p + 46 > cd.length || cv.getUint32(p, true) !== CENTRAL) {
      throw new NotAZip(`${label} cannot be read as a zip file: it is damaged (a bad entry in its table of contents).`);
    }
    const flags = cv.getUint16(p + 8, true);
    const method = cv.getUint16(p + 10, true);
    const crc = cv.getUint32(p + 16, true);
    let packed = cv.getUint32(p + 20, true);
    let unpacked = cv.getUint32(p + 24, true);
    const nameLen = cv.getUint16(p + 28, true);
    const extraLen = cv.getUint16(p + 30, true);
    const commentLen = cv.getUint16(p + 32, true);
    const external = cv.getUint32(p + 38, true);
    let offset = cv.getUint32(p + 42, true);
    const rawName = cd.subarray(p + 46, p + 46 + nameLen);
    const extra = cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    // zip64 extra field: the sizes and offset that did not fit, in this order
    for (let e = 0; e + 4 <= extra.length;) {
      const id = extra[e] | (extra[e + 1] << 8);
      const len = extra[e + 2] | (extra[e + 3] << 8);
      if (id === 1) {
        const xv = new DataView(extra.buffer, extra.byteOffset + e + 4, Math.min(len, extra.length - e - 4));
        let q = 0;
        if (unpacked === 0xffffffff && q + 8 <= xv.byteLength) { unpacked = Number(xv.getBigUint64(q, true)); q += 8; }
        if (packed === 0xffffffff && q + 8 <= xv.byteLength) { packed = Number(xv.getBigUint64(q, true)); q += 8; }
        if (offset === 0xffffffff && q + 8 <= xv.byteLength) { offset = Number(xv.getBigUint64(q, true)); q += 8; }
      }
      e += 4 + len;
    }
    const name = entryName(rawName, flags & 0x800);
    const entry = {
      name, isDir: name.endsWith("/"), size: unpacked, packed, method, flags, crc,
      mode: external >>> 16,
      read: async () => checkCrc(await readEntry(file, offset, packed, unpacked, method, name), crc, name),
      // the bytes, and a check of their CRC-32 to run when convenient (beside a SHA-256, say)
      readUnchecked: () => readEntry(file, offset, packed, unpacked, method, name),
      checkCrc: (data) => checkCrc(data, crc, name),
    };
    entries.push(entry);
    offsets.push([offset, packed]);
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (file.plan) file.plan(offsets);
  return entries;
}

function checkCrc(data, crc, name) {
  if (crc32(data) !== crc) {
    throw new EntryDamaged(`is damaged in the zip (its data do not match what the zip declares): Bad CRC-32 for file '${name}'`);
  }
  return data;
}

async function readEntry(file, offset, packed, unpacked, method, name) {
  const damaged = (why) => new EntryDamaged(`is damaged in the zip (its data do not match what the zip declares): ${why}`);
  const head = await slice(file, offset, offset + 30);
  const hv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length < 30 || hv.getUint32(0, true) !== LOCAL) throw damaged("Bad magic number for file header");
  const start = offset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  if (start + packed > file.size) throw damaged("it is shorter than declared");
  // Like Python's zipfile: never more than the declared size is taken (the CRC-32 then tells).
  let data;
  if (method === 0) {
    data = await slice(file, start, start + Math.min(packed, unpacked));
  } else {
    const blob = file.blob(start, start + packed);
    data = new Uint8Array(unpacked);
    let at = 0;
    try {
      const reader = blob.stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const room = unpacked - at;
        data.set(room < value.length ? value.subarray(0, room) : value, at);
        at += Math.min(room, value.length);
        if (at === unpacked) { reader.cancel().catch(() => {}); break; }
      }
    } catch (exc) {
      if (exc instanceof EntryDamaged) throw exc;
      throw damaged("Error -3 while decompressing data");
    }
    if (at !== unpacked) throw damaged("it is shorter than declared");
  }
  if (data.length !== unpacked) throw damaged("it is shorter than declared");
  return data;
}

// The files of an unzipped export: ``files`` are {path, file} with paths relative to the export's
// top (the folder the person chose, or dropped).
export function folderEntries(files) {
  return files.map(({ path, file }) => ({
    name: path, isDir: false, size: file.size, packed: file.size, method: 0, flags: 0, crc: null, mode: 0,
    read: async () => new Uint8Array(await file.arrayBuffer()),
    readUnchecked: async () => new Uint8Array(await file.arrayBuffer()),
    checkCrc: (data) => data,
  }));
}
