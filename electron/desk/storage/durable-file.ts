/**
 * Durable JSON files: what lowdb's stock adapter (steno) does not do.
 *
 * steno writes to a fixed temp name and renames without fsync, so a power cut can
 * leave an empty or half-written file, and two writers share one temp file
 * (architecture.md, Storage). Here every write goes to a unique temp file in the
 * same folder (rename is only atomic within one file system), is fsynced, renamed
 * over the target, and the folder is fsynced so the rename itself survives a crash.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import type { Adapter } from 'lowdb';
import type { z } from 'zod';

import { DeskError } from '../../../shared/api/errors';

/**
 * A file that exists but cannot be trusted: not JSON, or JSON of the wrong shape.
 * Distinct from "missing" on purpose: a damaged file must be moved aside and
 * recovered, never treated as empty and overwritten.
 */
export class DamagedFileError extends DeskError {
  /** Absolute path of the damaged file. */
  readonly path: string;
  /** Why it was rejected, in English (parse error or the first schema issues). */
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(
      'damaged',
      'error.damagedFile',
      { path, reason },
      `The file ${path} is damaged (${reason}). It was left untouched; recover it from a backup.`,
    );
    this.name = 'DamagedFileError';
    this.path = path;
    this.reason = reason;
  }
}

/** Temp files start with "." and end with ".tmp" so folder scans can skip and sweep them. */
export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

function tempPathFor(target: string): string {
  // pid + random: two processes (or two writes in one process) never share a temp file.
  const suffix = `${process.pid}.${randomBytes(6).toString('hex')}`;
  return join(dirname(target), `.${basename(target)}.${suffix}.tmp`);
}

/**
 * fsyncs a folder so a rename or link inside it is on disk. Windows cannot open a
 * folder for fsync (EISDIR/EPERM) and NTFS journals renames itself, so that is not an error.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `path` with `bytes` atomically and durably: after this resolves the new
 * content survives a crash or power cut, and at no moment can a reader (or a crash)
 * see a partly written file: it sees the old version or the new one.
 */
export async function writeFileDurable(
  path: string,
  bytes: Uint8Array | string,
  mode = 0o644,
): Promise<void> {
  const temp = tempPathFor(path);
  // 'wx' (O_EXCL): never write through a file someone else created under our name.
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dirname(path));
}

/**
 * Reads and validates a JSON file. Missing → null; unreadable JSON or a schema
 * mismatch → DamagedFileError (never null: that would let a caller overwrite it).
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseJsonText(path, text, schema);
}

/** Parses and validates JSON text read from `path` (the path only names the file in errors). */
export function parseJsonText<T>(path: string, text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = text.length === 0 ? 'empty file' : `not JSON: ${(error as Error).message}`;
    throw new DamagedFileError(path, reason);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new DamagedFileError(path, `wrong shape: ${issues}`);
  }
  return parsed.data;
}

/**
 * A lowdb adapter that validates on read and writes durably.
 *
 * @example
 *   const db = new Low(new DurableJsonFile(file, PrefsSchema), defaults);
 *   await db.read(); // throws DamagedFileError instead of loading garbage
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly path: string;
  readonly #schema: z.ZodType<T>;

  constructor(path: string, schema: z.ZodType<T>) {
    this.path = path;
    this.#schema = schema;
  }

  /** The validated document, or null when the file does not exist. */
  read(): Promise<T | null> {
    return readJsonFile(this.path, this.#schema);
  }

  /** Writes compact JSON (smaller files make every fsync cheaper) atomically and durably. */
  write(data: T): Promise<void> {
    return writeFileDurable(this.path, JSON.stringify(data));
  }
}
