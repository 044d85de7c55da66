/**
 * One writer per data folder (architecture.md, Storage): two desks writing the same
 * story files would silently lose each other's saves, so the second one refuses.
 *
 * The lock is a file created with O_EXCL holding who took it. A lock left behind by
 * a process that died (crash, SIGKILL, power cut) is taken over, so a crash never
 * locks a person out of their own data.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';

import { z } from 'zod';

import { DeskError } from '../../../shared/api/errors';
import { fsyncDir } from './durable-file';

export const LOCK_FILE = 'desk.lock';

const LockInfoSchema = z.object({ pid: z.number().int(), hostname: z.string(), startedAt: z.string() });
/** What the lock file says about its holder. */
export type LockInfo = z.infer<typeof LockInfoSchema>;

/** A lock file younger than this with no content yet is a holder still writing it, not a corpse. */
const FRESH_EMPTY_LOCK_MS = 2000;

function isAlive(pid: number): boolean {
  try {
    // Signal 0 checks existence without sending anything.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder is gone when it ran on this host and its pid is dead, or it started before this boot (pid reuse). */
function isStale(info: LockInfo): boolean {
  if (info.hostname !== hostname()) return false; // cannot see another machine's processes: assume alive
  const bootedAt = Date.now() - uptime() * 1000;
  const startedAt = Date.parse(info.startedAt);
  if (Number.isFinite(startedAt) && startedAt < bootedAt - 60_000) return true;
  return info.pid !== process.pid && !isAlive(info.pid);
}

function lockedError(dataDir: string, info: LockInfo): DeskError {
  const where = info.hostname === hostname() ? '' : ` on ${info.hostname}`;
  return new DeskError(
    'locked',
    'error.dataLocked',
    { pid: info.pid, dataDir, host: info.hostname },
    `The data folder ${dataDir} is in use: it is held by process ${info.pid}${where} since ${info.startedAt}. ` +
      `Nothing was changed. Close the other 党建采编台 window (or that process) and try again.`,
  );
}

async function readLock(path: string): Promise<LockInfo | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed = LockInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** The exclusive right to write one data folder, held until `release()` or process exit. */
export class DataLock {
  /** Absolute path of the lock file. */
  readonly path: string;
  readonly info: LockInfo;
  #released = false;
  readonly #onExit = (): void => this.#releaseSync();

  private constructor(path: string, info: LockInfo) {
    this.path = path;
    this.info = info;
    // 'exit' covers normal ends and uncaught errors; signals and SIGKILL leave a stale lock
    // that the next start takes over, so no signal handlers (they would change how the app quits).
    process.once('exit', this.#onExit);
  }

  /**
   * Takes the lock of `dataDir` (which must exist).
   * @throws DeskError 'locked' (key error.dataLocked, params {pid, dataDir}) when a live process holds it.
   */
  static async acquire(dataDir: string): Promise<DataLock> {
    const path = join(dataDir, LOCK_FILE);
    const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const handle = await open(path, 'wx', 0o644);
        try {
          await handle.writeFile(JSON.stringify(info));
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fsyncDir(dataDir);
        return new DataLock(path, info);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readLock(path);
      if (holder === 'missing') continue; // released between our open and read: try again
      if (holder === 'unreadable') {
        // Either a holder is between open and write, or it died there. Give it time before taking over.
        const age = await stat(path).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age < FRESH_EMPTY_LOCK_MS) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
      } else if (!isStale(holder)) {
        throw lockedError(dataDir, holder);
      }
      await DataLock.#takeOver(path, holder);
    }
    throw new DeskError(
      'locked',
      'error.dataLockBusy',
      { dataDir },
      `Could not take the lock of ${dataDir}: other processes keep taking it. Nothing was changed; try again.`,
    );
  }

  /**
   * Moves a stale lock out of the way. Renaming to a private name (instead of unlinking)
   * lets us check we moved the corpse we inspected and not a lock a rival just took.
   */
  static async #takeOver(path: string, inspected: LockInfo | 'unreadable'): Promise<void> {
    const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else took it over
      throw error;
    }
    const moved = await readLock(aside);
    const same =
      inspected === 'unreadable'
        ? moved === 'unreadable'
        : typeof moved === 'object' && moved.pid === inspected.pid && moved.startedAt === inspected.startedAt;
    if (!same && typeof moved === 'object' && !isStale(moved)) {
      // We moved a live rival's fresh lock: put it back (it wins), unless a third lock appeared.
      await rename(aside, path).catch(() => undefined);
      return;
    }
    await unlink(aside).catch(() => undefined);
  }

  /** Gives the folder back. Safe to call twice. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    process.removeListener('exit', this.#onExit);
    const current = await readLock(this.path);
    // Only remove the lock if it is still ours (never a successor's).
    if (
      typeof current === 'object' &&
      current.pid === this.info.pid &&
      current.startedAt === this.info.startedAt
    ) {
      await unlink(this.path).catch(() => undefined);
    }
  }

  #releaseSync(): void {
    if (this.#released) return;
    this.#released = true;
    try {
      const current = LockInfoSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')));
      if (current.pid === this.info.pid && current.startedAt === this.info.startedAt) unlinkSync(this.path);
    } catch {
      // Exiting anyway; a leftover lock is taken over as stale next time.
    }
  }
}
