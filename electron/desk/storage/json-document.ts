/**
 * A small lowdb document (prefs, notices) that survives damage: a file that fails to
 * parse or validate is moved aside and the document starts again from defaults,
 * and the caller learns where the damaged file went so it can tell the user.
 */
import { Low } from 'lowdb';
import type { z } from 'zod';

import { DamagedFileError, DurableJsonFile } from './durable-file';
import { moveAside } from './move-aside';

export type OpenedDocument<T> = {
  db: Low<T>;
  /** Set when the file was damaged: its name inside the damaged folder, and why. */
  damaged: { damagedAs: string; reason: string } | null;
};

/** Opens a document; a missing file means `defaults()`, a damaged one is moved to `damagedDir` first. */
export async function openJsonDocument<T>(
  path: string,
  schema: z.ZodType<T>,
  defaults: () => T,
  damagedDir: string,
  now: Date,
): Promise<OpenedDocument<T>> {
  const db = new Low<T>(new DurableJsonFile(path, schema), defaults());
  try {
    await db.read();
    return { db, damaged: null };
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error;
    const damagedAs = await moveAside(path, damagedDir, now);
    db.data = defaults();
    await db.write();
    return { db, damaged: { damagedAs, reason: error.reason } };
  }
}
