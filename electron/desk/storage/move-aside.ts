/**
 * Moving a file out of the way instead of deleting or overwriting it: the rule
 * "nothing is ever lost silently" (architecture.md, Storage) in one function.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { fsyncDir } from './durable-file';

/** A timestamp that sorts and is a valid file name everywhere (no ":"). */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Renames `path` into `folder` as `<name>.<timestamp>` and returns the new name. A
 * cheap metadata operation on the same disk. rename() would silently replace an
 * existing target, so a taken name gets a random tag instead (only the store, which
 * holds the data lock, moves files here, so check-then-rename does not race).
 */
export async function moveAside(path: string, folder: string, at: Date): Promise<string> {
  await mkdir(folder, { recursive: true });
  let name = `${basename(path)}.${fileTimestamp(at)}`;
  while (await exists(join(folder, name)))
    name = `${basename(path)}.${fileTimestamp(at)}.${randomBytes(3).toString('hex')}`;
  await rename(path, join(folder, name));
  await fsyncDir(folder);
  return name;
}
