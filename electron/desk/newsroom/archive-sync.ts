/**
 * The desk's archive is the newsroom's (issue 17; issue 18's archive snapshot, ADR 012): while
 * someone is signed in, every story the desk archives (a page published, a past page imported,
 * whatever calls ArchiveStore.add) is put to the newsroom, and every story another desk put is
 * pulled into this desk's ArchiveStore, so its duplicate check (checks.archive, answered on the
 * desk, offline too) knows the whole newsroom's archive.
 *
 * Putting: ArchiveStore tells its observer of an add before it commits it; the stories are then
 * written to the outbox, `newsroom/archive-outbox/<n>.json`, one file per batch (writeFileDurable),
 * with the server and the person they are for, and sent by archive.put in order. A batch is
 * removed once the server took it; one that did not reach it waits for the server to answer again
 * (the connection's `connected` event); one the server refuses stays in the folder with the
 * refusal, named in the log, never dropped. archive.put is idempotent by id, so a batch sent
 * again after an answer that got lost adds nothing twice.
 *
 * Pulling: archive.since from the last seq this desk holds (`newsroom/archive-sync.json`, written
 * after each page is archived), page by page, on sign-in, on the server's `archive` event and
 * when the server answers again. Stories this desk holds already (by id) are skipped, so a page
 * pulled again after a crash adds nothing twice.
 *
 * Stories archived while nobody is signed in stay this desk's own (they are not sent later).
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { DeskError, type DeskHandlers } from '../../../shared/api';
import {
  ARCHIVE_PUT_MAX,
  ArchiveSyncEntrySchema,
  type ArchivePutResult,
  type ArchiveSincePage,
  type ArchiveSyncEntry,
} from '../../../shared/api/archive-sync-contract';
import type { ArchiveRecord, ArchiveStore, ArchiveOrigin } from '../archive/archive-store';
import type { DeskEvents } from '../desk-events';
import { fsyncDir, isTempFileName, readJsonFile, writeFileDurable } from '../storage/durable-file';
import { didNotReach, sessionEnded } from './client';

export const archiveOutboxDirOf = (dataDir: string) => join(dataDir, 'newsroom', 'archive-outbox');
export const archiveCursorFileOf = (dataDir: string) => join(dataDir, 'newsroom', 'archive-sync.json');

/** Characters of text in one batch: its put stays far below the server's 16 MB request limit. */
const BATCH_CHARS = 1_500_000;
/** Entries asked for per archive.since page. */
export const PULL_PAGE = 500;

const RefusalSchema = z.object({ key: z.string().max(100), detail: z.string().max(2000) });

const BatchSchema = z.object({
  version: z.literal(1),
  server: z.string().max(300),
  personId: z.string().max(64),
  desk: z.string().max(100).nullable(),
  at: z.string().max(40),
  entries: z.array(z.unknown()),
  /** Set when the newsroom (or this desk, for an entry beyond the limits) refused it: kept, not sent again. */
  refused: RefusalSchema.nullable(),
});
type Batch = z.infer<typeof BatchSchema>;

const CursorSchema = z.object({
  version: z.literal(1),
  server: z.string().max(300),
  seq: z.number().int().min(0),
});
type Cursor = z.infer<typeof CursorSchema>;

/** Who the stories are put for: the signed-in person on the newsroom, and this desk's name. */
export type SyncWho = { server: string; personId: string; desk: string | null };

/** What archive-sync needs of the newsroom connection (connection.ts). */
export type SyncConnection = {
  /** Signed in (the server answering or not), and who. */
  who(): SyncWho | null;
  /** True while the server answers. */
  connected(): boolean;
  /** A newsroom method through the session; a failure moves the connection's state as every call does. */
  call<T>(method: string, input: unknown): Promise<T>;
};

export type ArchiveSyncOptions = {
  dataDir: string;
  archive: () => Promise<ArchiveStore>;
  connection: SyncConnection;
  events: DeskEvents;
  /** Entries per archive.since page (default PULL_PAGE). */
  pageSize?: number;
};

function newsroomOnly(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.archiveNewsroomOnly',
    { method },
    `${method} is the newsroom server's: this desk sends and pulls its archive itself while signed in. Nothing was changed.`,
  );
}

/** Only what the newsroom keeps of an archived story (never a field of the desk's own). */
function entryOf(r: ArchiveRecord): ArchiveSyncEntry {
  return { id: r.id, title: r.title, date: r.date, blocks: [...r.blocks], details: r.details ?? null };
}

function recordOf(e: ArchiveSyncEntry): ArchiveRecord {
  const entry = { id: e.id, title: e.title, date: e.date, blocks: e.blocks };
  return e.details ? { ...entry, details: e.details } : entry;
}

/** Batches of at most ARCHIVE_PUT_MAX entries and about BATCH_CHARS characters. */
function batches(entries: readonly ArchiveSyncEntry[]): ArchiveSyncEntry[][] {
  const out: ArchiveSyncEntry[][] = [];
  let current: ArchiveSyncEntry[] = [];
  let chars = 0;
  for (const e of entries) {
    const size = e.title.length + e.blocks.reduce((n, b) => n + b.length, 0);
    if (current.length > 0 && (current.length >= ARCHIVE_PUT_MAX || chars + size > BATCH_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(e);
    chars += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** A failure that means "not now" (the server gone, the session over or signed out, a server without the archive yet). */
function notNow(err: unknown): boolean {
  return (
    didNotReach(err) ||
    sessionEnded(err) ||
    (err instanceof DeskError &&
      (err.key === 'error.notOnServer' ||
        err.key === 'error.unknownMethod' ||
        err.key === 'error.newsroomNotConnected'))
  );
}

export class ArchiveSync {
  readonly #o: ArchiveSyncOptions;
  readonly dir: string;
  /** The outbox's batches by file name (names sort in the order they were written). */
  readonly #batches = new Map<string, Batch>();
  /** Batch files that could not be read: left as they are, named in the log. */
  readonly damaged: string[] = [];
  #cursor: Cursor | null;
  #counter = 0;
  #running: Promise<void> | null = null;
  #again = false;
  #stop: (() => void) | null = null;

  private constructor(o: ArchiveSyncOptions, cursor: Cursor | null) {
    this.#o = o;
    this.dir = archiveOutboxDirOf(o.dataDir);
    this.#cursor = cursor;
  }

  static async open(o: ArchiveSyncOptions): Promise<ArchiveSync> {
    let cursor: Cursor | null = null;
    try {
      cursor = await readJsonFile(archiveCursorFileOf(o.dataDir), CursorSchema);
    } catch (err) {
      // Only where to pull from: pulling from the first again skips what the desk holds.
      console.warn(
        `[desk] the archive's pull position is unreadable; pulled again from the first: ${(err as Error).message}`,
      );
    }
    const sync = new ArchiveSync(o, cursor);
    const names = await readdir(sync.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    for (const name of names.sort()) {
      if (isTempFileName(name) || !name.endsWith('.json')) continue;
      try {
        const batch = await readJsonFile(join(sync.dir, name), BatchSchema);
        if (batch) sync.#batches.set(name, batch);
      } catch (err) {
        // Never deleted or overwritten: the stories in it may be the only copy for the newsroom.
        sync.damaged.push(name);
        console.warn(
          `[desk] an archive batch for the newsroom is unreadable and was left as it is: ${(err as Error).message}`,
        );
      }
    }
    sync.#stop = o.events.subscribe((event) => {
      if ((event.type === 'newsroom' && event.state === 'connected') || event.type === 'archive') sync.kick();
    });
    return sync;
  }

  /** Makes `store` tell this desk's outbox of every story it archives; returns it. */
  readonly attach = (store: ArchiveStore): ArchiveStore => {
    store.observe(this.#observe);
    return store;
  };

  /** The desk's answer to the server-only methods. */
  handlers(): Pick<DeskHandlers, 'archive.put' | 'archive.since'> {
    return {
      'archive.put': () => Promise.reject(newsroomOnly('archive.put')),
      'archive.since': () => Promise.reject(newsroomOnly('archive.since')),
    };
  }

  /** The batches waiting to be sent (refused ones included), for the status and the tests. */
  waiting(): Array<{ file: string; entries: number; refused: string | null }> {
    return [...this.#batches].map(([file, b]) => ({
      file,
      entries: b.entries.length,
      refused: b.refused?.key ?? null,
    }));
  }

  /** Sends the outbox and pulls what is new, once the run in flight (if any) is done. */
  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#run().finally(() => {
      this.#running = null;
    });
  }

  /** Resolves once no send or pull is running (tests, close). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async close(): Promise<void> {
    this.#stop?.();
    this.#stop = null;
    this.#again = false;
    await this.idle();
  }

  readonly #observe = async (records: readonly ArchiveRecord[], origin: ArchiveOrigin): Promise<void> => {
    if (origin === 'newsroom') return;
    const who = this.#o.connection.who();
    if (!who) return;
    const good: ArchiveSyncEntry[] = [];
    const bad: Array<{ entry: ArchiveSyncEntry; why: string }> = [];
    for (const r of records) {
      const entry = entryOf(r);
      const read = ArchiveSyncEntrySchema.safeParse(entry);
      if (read.success) good.push(entry);
      else
        bad.push({
          entry,
          why: read.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; '),
        });
    }
    await mkdir(this.dir, { recursive: true });
    for (const part of batches(good)) await this.#write(who, part, null);
    // Beyond the newsroom's limits: archived here, kept for the newsroom with the reason, never sent.
    for (const { entry, why } of bad) {
      const detail = `archived story ${entry.id} is beyond what the newsroom takes (${why}); it stays in this desk's archive and in ${this.dir}`;
      console.warn(`[desk] ${detail}`);
      await this.#write(who, [entry], { key: 'error.archiveEntryTooLarge', detail: detail.slice(0, 2000) });
    }
    if (good.length > 0) this.kick();
  };

  async #write(who: SyncWho, entries: ArchiveSyncEntry[], refused: Batch['refused']): Promise<void> {
    const at = new Date().toISOString();
    const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${String(this.#counter++).padStart(6, '0')}.json`;
    const batch: Batch = { version: 1, ...who, at, entries, refused };
    await writeFileDurable(join(this.dir, name), `${JSON.stringify(batch)}\n`, 0o600);
    this.#batches.set(name, batch);
  }

  async #run(): Promise<void> {
    do {
      this.#again = false;
      const who = this.#o.connection.who();
      if (!who || !this.#o.connection.connected()) return;
      try {
        await this.#send(who);
        await this.#pull(who);
      } catch (err) {
        if (!notNow(err)) console.warn('[desk] the archive did not sync with the newsroom:', err);
        return;
      }
    } while (this.#again);
  }

  /** Sends the person's waiting batches in order; stops (throws) at the first that did not reach the server. */
  async #send(who: SyncWho): Promise<void> {
    for (const [name, batch] of [...this.#batches].sort(([a], [b]) => a.localeCompare(b))) {
      if (batch.refused || batch.server !== who.server || batch.personId !== who.personId) continue;
      try {
        await this.#o.connection.call<ArchivePutResult>('archive.put', {
          entries: batch.entries,
          ...(batch.desk ? { desk: batch.desk } : {}),
        });
      } catch (err) {
        if (notNow(err)) throw err;
        const refused = {
          key: err instanceof DeskError ? err.key : 'error.internal',
          detail: (err instanceof Error ? err.message : String(err)).slice(0, 2000),
        };
        const kept: Batch = { ...batch, refused };
        await writeFileDurable(join(this.dir, name), `${JSON.stringify(kept)}\n`, 0o600);
        this.#batches.set(name, kept);
        console.warn(
          `[desk] the newsroom refused archived stories (${name}); they stay kept: ${refused.detail}`,
        );
        continue;
      }
      try {
        await unlink(join(this.dir, name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      await fsyncDir(this.dir);
      this.#batches.delete(name);
    }
  }

  /** Pulls the entries after the last seq this desk holds into its archive, page by page. */
  async #pull(who: SyncWho): Promise<void> {
    const store = await this.#o.archive();
    let seq = this.#cursor?.server === who.server ? this.#cursor.seq : 0;
    for (;;) {
      const page = await this.#o.connection.call<ArchiveSincePage>('archive.since', {
        seq,
        limit: this.#o.pageSize ?? PULL_PAGE,
      });
      if (page.latest < seq) {
        // The newsroom holds fewer entries than this desk pulled (another or a restored database):
        // from the first again; what this desk holds is skipped.
        seq = 0;
        continue;
      }
      // The stories this desk holds already (its own, pulled before a crash) are left out by the store.
      await store.add(page.entries.map(recordOf), 'newsroom');
      if (page.seq !== seq || this.#cursor?.server !== who.server) {
        seq = page.seq;
        await this.#keepCursor({ version: 1, server: who.server, seq });
      }
      if (!page.more) return;
    }
  }

  async #keepCursor(cursor: Cursor): Promise<void> {
    await mkdir(join(this.#o.dataDir, 'newsroom'), { recursive: true });
    await writeFileDurable(archiveCursorFileOf(this.#o.dataDir), `${JSON.stringify(cursor)}\n`);
    this.#cursor = cursor;
  }
}
