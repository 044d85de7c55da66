/**
 * The desk's outbox of check-in operations (issue 18, ADR 013): every change made on this desk to
 * a story it holds away from the newsroom (a checked-out story, a draft written offline) is one
 * operation `{opId, storyId|newDraft, baseRev, content, at, photos?}`, written durably before the
 * save answers: one file per operation, `newsroom/outbox/<seq>-<opId>.json` (writeFileDurable:
 * fsync, rename, fsync of the folder). The sequence number keeps the order they were made in.
 *
 * An operation is removed only when an answer of the server names it (`ack`): a desk cut off
 * between sending and hearing the answer sends it again, and the server's opId makes the repeat a
 * no-op that answers what it answered the first time.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { CheckInOpSchema, type CheckInOp } from '../../../shared/api/checkout-contract';
import { fsyncDir, isTempFileName, readJsonFile, writeFileDurable } from '../storage/durable-file';

const OutboxFileSchema = z
  .object({
    seq: z.number().int().min(1),
    /** Who wrote it, and for which newsroom: sent only by that person to that server. */
    personId: z.string().max(64),
    server: z.string().max(300),
    /**
     * The revision of the desk's copy this operation carries (what the store showed when it was
     * made): with it the desk knows, after a crash between the outbox's write and the record's,
     * that this change is already waiting (absent in files written before it was recorded).
     */
    localRev: z.number().int().min(0).optional(),
    op: CheckInOpSchema,
  })
  .strict();
export type OutboxEntry = z.infer<typeof OutboxFileSchema>;

export const outboxDirOf = (dataDir: string) => join(dataDir, 'newsroom', 'outbox');

const fileName = (e: Pick<OutboxEntry, 'seq' | 'op'>) =>
  `${String(e.seq).padStart(9, '0')}-${e.op.opId}.json`;

/** The story an operation changes (a new draft: the id the desk gave it). */
export const opStoryId = (op: CheckInOp): string => ('newDraft' in op ? op.newDraft.id : op.storyId);

export class Outbox {
  readonly dir: string;
  readonly #entries = new Map<string, OutboxEntry>();
  #seq = 0;
  /** Files that could not be read: left as they are (the text in them may be the only copy). */
  readonly damaged: string[] = [];

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async open(dataDir: string): Promise<Outbox> {
    const box = new Outbox(outboxDirOf(dataDir));
    const names = await readdir(box.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    for (const name of names.sort()) {
      if (isTempFileName(name) || !name.endsWith('.json')) continue;
      try {
        const entry = await readJsonFile(join(box.dir, name), OutboxFileSchema);
        if (!entry || fileName(entry) !== name) throw new Error(`${name} does not match its content`);
        box.#entries.set(entry.op.opId, entry);
        box.#seq = Math.max(box.#seq, entry.seq);
      } catch (err) {
        box.damaged.push(name);
        console.warn(
          `[desk] an outbox operation is unreadable and was left as it is: ${(err as Error).message}`,
        );
      }
    }
    return box;
  }

  /** The operations waiting, in the order they were made. */
  entries(who?: { personId: string; server: string }): OutboxEntry[] {
    return [...this.#entries.values()]
      .filter((e) => !who || (e.personId === who.personId && e.server === who.server))
      .sort((a, b) => a.seq - b.seq);
  }

  /** The highest revision of the desk's copy of `storyId` that an operation waiting here carries (0: none). */
  carried(who: { personId: string; server: string }, storyId: string): number {
    let rev = 0;
    for (const e of this.entries(who))
      if (opStoryId(e.op) === storyId && e.localRev !== undefined) rev = Math.max(rev, e.localRev);
    return rev;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Appends an operation durably: when this resolves it survives a crash or a power cut.
   * `localRev`: the revision of the desk's copy it carries.
   */
  async append(
    who: { personId: string; server: string },
    op: CheckInOp,
    localRev?: number,
  ): Promise<OutboxEntry> {
    const entry: OutboxEntry = {
      seq: ++this.#seq,
      personId: who.personId,
      server: who.server,
      ...(localRev === undefined ? {} : { localRev }),
      op,
    };
    await mkdir(this.dir, { recursive: true });
    await writeFileDurable(join(this.dir, fileName(entry)), `${JSON.stringify(entry)}\n`, 0o600);
    this.#entries.set(op.opId, entry);
    return entry;
  }

  /** Removes an operation an answer of the server named (or one the desk takes back before sending). */
  async ack(opId: string): Promise<void> {
    const entry = this.#entries.get(opId);
    if (!entry) return;
    try {
      await unlink(join(this.dir, fileName(entry)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.#entries.delete(opId);
  }

  /** Makes the removals of `ack` durable (once per batch of answers). */
  async sync(): Promise<void> {
    await fsyncDir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}
