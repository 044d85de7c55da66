/**
 * Reading a ZIP container (a DOCX) with hard limits, for files from anywhere.
 *
 * fflate's own unzip trusts the sizes written in the archive and grows its output
 * when they lie, so a "zip bomb" (a few kB that inflate to gigabytes) would be
 * inflated in full. Here the central directory is read by hand, every entry's
 * declared size is checked against the caps BEFORE anything is inflated, and each
 * entry is inflated in small chunks that count the bytes really produced: more than
 * declared, or more than the total cap, stops at once.
 */
import { Inflate, strFromU8 } from 'fflate';

export type ZipLimits = {
  /** Total uncompressed bytes of the entries read. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Entries in the central directory. */
  maxEntries: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 60 * 1024 * 1024,
  maxEntries: 5000,
});

/** Why a container could not be read; `reason` is a stable code for the message key. */
export class ZipError extends Error {
  readonly reason: 'not-zip' | 'damaged' | 'too-large' | 'encrypted' | 'unsupported';
  constructor(reason: ZipError['reason'], message: string) {
    super(message);
    this.name = 'ZipError';
    this.reason = reason;
  }
}

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  flags: number;
  localOffset: number;
};

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/**
 * Whether an entry's name could point outside the container if a tool unpacked it:
 * a `..` part, an absolute path or drive letter, or a backslash. Such entries are
 * never read; the importer says it skipped them (issue 16).
 */
export function unsafeZipName(name: string): boolean {
  return (
    name.includes('\\') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\0') ||
    name.split('/').includes('..')
  );
}

/** The entries of the central directory (no data is inflated). */
export function zipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) {
    throw new ZipError('not-zip', 'not a ZIP container (a .docx file is one)');
  }
  let eocd = -1;
  for (let e = bytes.length - 22; e >= Math.max(0, bytes.length - 22 - 0xffff); e--) {
    if (u32(bytes, e) === 0x06054b50) {
      eocd = e;
      break;
    }
  }
  if (eocd < 0)
    throw new ZipError('damaged', 'the ZIP directory is missing (the file is truncated or damaged)');
  const count = u16(bytes, eocd + 10);
  const dirOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    throw new ZipError('unsupported', 'ZIP64 containers are not read (no Word document needs one)');
  }
  if (count > limits.maxEntries) throw new ZipError('too-large', `the container has ${count} entries`);
  const entries: ZipEntry[] = [];
  let o = dirOffset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50) {
      throw new ZipError('damaged', 'the ZIP directory is damaged');
    }
    const nameLength = u16(bytes, o + 28);
    const extraLength = u16(bytes, o + 30);
    const commentLength = u16(bytes, o + 32);
    const entry: ZipEntry = {
      flags: u16(bytes, o + 8),
      method: u16(bytes, o + 10),
      compressedSize: u32(bytes, o + 20),
      size: u32(bytes, o + 24),
      localOffset: u32(bytes, o + 42),
      name: strFromU8(bytes.subarray(o + 46, o + 46 + nameLength)),
    };
    entries.push(entry);
    o += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry, counting real output against its declared size and `budget`. */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: { left: number },
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Uint8Array {
  if (entry.flags & 1) throw new ZipError('encrypted', `"${entry.name}" is encrypted`);
  if (entry.size > limits.maxEntryBytes || entry.size > budget.left) {
    throw new ZipError('too-large', `"${entry.name}" would unpack to ${entry.size} bytes`);
  }
  const o = entry.localOffset;
  if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50) {
    throw new ZipError('damaged', `"${entry.name}": its data is missing (truncated file?)`);
  }
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('damaged', `"${entry.name}" is cut short (truncated file)`);
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipError('damaged', `"${entry.name}": sizes disagree`);
    budget.left -= entry.size;
    return data.slice();
  }
  if (entry.method !== 8)
    throw new ZipError('unsupported', `"${entry.name}" uses compression method ${entry.method}`);
  const out = new Uint8Array(entry.size);
  let produced = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    if (produced + chunk.length > entry.size) {
      throw new ZipError(
        'too-large',
        `"${entry.name}" unpacks to more than the ${entry.size} bytes it declares`,
      );
    }
    out.set(chunk, produced);
    produced += chunk.length;
    if (final) ended = true;
  });
  try {
    const CHUNK = 16 * 1024;
    for (let at = 0; at < data.length; at += CHUNK) {
      inflate.push(data.subarray(at, Math.min(at + CHUNK, data.length)), at + CHUNK >= data.length);
    }
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('damaged', `"${entry.name}" cannot be unpacked (${(err as Error).message})`);
  }
  if (!ended || produced !== entry.size) {
    throw new ZipError(
      'damaged',
      `"${entry.name}" unpacks to ${produced} bytes, not the ${entry.size} declared`,
    );
  }
  budget.left -= produced;
  return out;
}
