/**
 * The desk's newsroom connection as kept in the data folder (`newsroom.json`, ADR 012): the
 * server's address and the last login name, written durably like the store's other files. The
 * session token is never written: after a restart the desk asks for the password again, which
 * also unlocks the signing key. Who last signed in (their id, name and roles, never a password
 * or a token) is kept so that a desk restarted while the newsroom does not answer opens offline
 * for them, on the stories they hold away (issue 18, ADR 013).
 */
import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

import { z } from 'zod';

import { ROLES, USER_ID } from '../../../shared/review/roles';
import { dataLayout } from '../storage/data-layout';
import { DamagedFileError, fsyncDir, readJsonFile, writeFileDurable } from '../storage/durable-file';
import { moveAside } from '../storage/move-aside';

/** Who last signed in on this desk: enough to name them offline, nothing that opens anything. */
export const LastPersonSchema = z
  .object({
    id: z.string().regex(USER_ID),
    login: z.string().min(1).max(64),
    name: z.string().min(1).max(80),
    roles: z.array(z.enum(ROLES)).max(ROLES.length),
  })
  .strict();
export type LastPerson = z.infer<typeof LastPersonSchema>;

export const NewsroomConfigSchema = z
  .object({
    version: z.literal(1),
    server: z.string().min(1).max(300),
    lastLogin: z.string().max(64).nullable(),
    /**
     * Fingerprints of signing keys on this desk the newsroom no longer takes (the person
     * registered another key, on another computer): the next sign-in makes a new one.
     */
    staleKeys: z.array(z.string().max(100)).max(100).default([]),
    /**
     * This desk's name on the newsroom (issue 18, check-out): the host name and a short id, made
     * once per data folder, so a story checked out here names this computer.
     */
    desk: z.string().min(1).max(100).optional(),
    /**
     * The person who last signed in on this desk (issue 18): a restart while the newsroom does
     * not answer opens offline for them. Forgotten when they sign out.
     */
    lastPerson: LastPersonSchema.nullable().optional(),
    /** Since when the newsroom has not answered this desk (ISO), kept across a restart; null while it answers. */
    offlineSince: z.string().max(40).nullable().optional(),
  })
  .strict();
export type NewsroomConfig = z.infer<typeof NewsroomConfigSchema>;

export const configPathOf = (dataDir: string) => join(dataDir, 'newsroom.json');

/**
 * The kept connection, or null for a desk that never connected (or was disconnected). A damaged
 * file is moved to damaged/ (never overwritten) and the desk starts as a single desktop: the
 * address is typed again in 设置 → 连接编辑部.
 */
export async function readNewsroomConfig(dataDir: string): Promise<NewsroomConfig | null> {
  const path = configPathOf(dataDir);
  try {
    return await readJsonFile(path, NewsroomConfigSchema);
  } catch (err) {
    if (!(err instanceof DamagedFileError)) throw err;
    const kept = await moveAside(path, dataLayout(dataDir).damaged, new Date());
    console.warn(
      `[desk] newsroom.json is damaged (${err.reason}); moved to damaged/${kept}, the desk starts unconnected`,
    );
    return null;
  }
}

export async function writeNewsroomConfig(dataDir: string, config: NewsroomConfig): Promise<void> {
  await writeFileDurable(configPathOf(dataDir), `${JSON.stringify(config, null, 2)}\n`);
}

/** Forgets the connection: the desk is a single desktop again. */
export async function removeNewsroomConfig(dataDir: string): Promise<void> {
  const path = configPathOf(dataDir);
  try {
    await unlink(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return;
  }
  await fsyncDir(dirname(path));
}

/** A new desk name: the host name (without control characters, at most 60) and six hex digits. */
export function newDeskName(): string {
  let host = 'desk';
  try {
    host =
      hostname()
        .replace(/\p{Cc}/gu, '')
        .trim()
        .slice(0, 60) || 'desk';
  } catch {
    // No host name: 'desk' and the id.
  }
  return `${host}-${randomBytes(3).toString('hex')}`;
}
