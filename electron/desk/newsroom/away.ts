/**
 * The stories this desk holds away from the newsroom (issue 18, ADR 013): the ones checked out to
 * the signed-in person on this desk, and the drafts written here while the newsroom did not
 * answer. Each lives in the desk's own lowdb store (DeskStore: the story with its comments and
 * history, at the revision it left at) and is named in `newsroom/checkout.json` (written with
 * writeFileDurable), with the newsroom's revision it stands on. Every change of one is saved in
 * the store and appended to the outbox (outbox.ts) before it answers; check-in sends the outbox.
 *
 * Every step is one durable write, and a crash between two of them is closed thus (ADR 013):
 * - a save: the store's write, the outbox's (the operation names the copy's revision it carries),
 *   the record's. Cut off after the store's, `reconcile` finds the copy past every revision the
 *   record and the outbox know and appends an operation for what it shows; cut off after the
 *   outbox's, the operation already carries the copy's revision and the record catches up to it
 *   (no second operation for the same change);
 * - a draft: the record names it first (carrying nothing yet), then the store, the outbox, the
 *   record; a draft named but never written is dropped, one written but not in the outbox gets
 *   its creation then;
 * - a check-in: what the answers say (revisions, parallel versions) is recorded before the
 *   operations leave the outbox; cut off between, the operations go again and the newsroom
 *   answers them as repeats, recorded the same.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { z } from 'zod';

import { DeskError } from '../../../shared/api';
import type { CheckInOp, CheckInReport, CheckoutTaken } from '../../../shared/api/checkout-contract';
import type { AwayStory } from '../../../shared/api/newsroom-contract';
import { contentOf, newStory, STORY_ID, type Story, type StoryContent } from '../../../shared/model';
import type { LockView } from '../../../shared/review/review-contract';
import { newStoryId } from '../ids';
import type { DeskStore } from '../storage/desk-store';
import { readJsonFile, writeFileDurable } from '../storage/durable-file';
import { opStoryId, type Outbox } from './outbox';

const AwayEntrySchema = z
  .object({
    storyId: z.string().regex(STORY_ID),
    headline: z.string().max(500),
    /** Checked out while connected, or a draft written here (not on the newsroom until checked in). */
    kind: z.enum(['checkout', 'draft']),
    /** The newsroom's revision the copy left at (a draft: 1, the revision its creation will be). */
    baseRev: z.number().int().min(1),
    /** The newsroom's revision after the last check-in that touched it (null: none yet). */
    serverRev: z.number().int().min(1).nullable(),
    /** The copy's revision in the desk's store when its last change went into the outbox. */
    localRev: z.number().int().min(0),
    since: z.string().max(40),
  })
  .strict();
export type AwayEntry = z.infer<typeof AwayEntrySchema>;

const ParallelSchema = z
  .object({
    storyId: z.string().regex(STORY_ID),
    headline: z.string().max(500),
    opId: z.string().max(64),
    revision: z.number().int(),
    conflictId: z.number().int().nullable(),
    at: z.string().max(40),
  })
  .strict();
export type ParallelOutcome = z.infer<typeof ParallelSchema>;

const RecordSchema = z
  .object({
    version: z.literal(1),
    personId: z.string().max(64),
    server: z.string().max(300),
    desk: z.string().max(100),
    stories: z.array(AwayEntrySchema).max(1000),
    /** Check-ins that ended as parallel versions (someone took the story over): kept for the person to see. */
    parallel: z.array(ParallelSchema).max(200).default([]),
    /** The first operation the last check-in had refused (it and the ones after it wait). */
    refused: z
      .object({ opId: z.string().max(64), key: z.string().max(100), detail: z.string().max(2000) })
      .nullable()
      .default(null),
    lastCheckIn: z.string().max(40).nullable().default(null),
  })
  .strict();
type AwayRecord = z.infer<typeof RecordSchema>;

export const awayFileOf = (dataDir: string) => join(dataDir, 'newsroom', 'checkout.json');

export type Who = { personId: string; name: string; server: string; desk: string };
/** Whose record it is: the person, the newsroom and this desk's name there. */
type Owner = Pick<Who, 'personId' | 'server' | 'desk'>;

export function offline(method: string, since: string | null): DeskError {
  return new DeskError(
    'unsupported',
    'error.newsroomOffline',
    { method, since: since ?? '' },
    `${method}: the newsroom has not answered since ${since ?? 'a moment ago'}; this needs the newsroom, so nothing was done. Stories checked out to this desk and new drafts can be written meanwhile and are checked in when it answers again.`,
  );
}

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export class AwayStories {
  readonly #store: DeskStore;
  readonly #outbox: Outbox;
  readonly #path: string;
  #record: AwayRecord | null;
  /** One change at a time: a save and a check-in never interleave their writes. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(store: DeskStore, outbox: Outbox, path: string, record: AwayRecord | null) {
    this.#store = store;
    this.#outbox = outbox;
    this.#path = path;
    this.#record = record;
  }

  static async open(dataDir: string, store: DeskStore, outbox: Outbox): Promise<AwayStories> {
    const path = awayFileOf(dataDir);
    const away = new AwayStories(store, outbox, path, await readJsonFile(path, RecordSchema));
    const r = away.#record;
    // What a crash cut off is caught up now, so the status counts right before anyone signs in. Should
    // that fail, the desk still opens (nothing was changed); every check-in does it again first.
    if (r)
      await away
        .#serial(() => away.#reconcile({ personId: r.personId, server: r.server, desk: r.desk }))
        .catch((err: unknown) =>
          console.warn(
            '[desk] catching up the stories held away failed; the next check-in tries again:',
            err,
          ),
        );
    return away;
  }

  get outbox(): Outbox {
    return this.#outbox;
  }

  /** The stories away for this person on this server (none for anyone else). */
  entries(who: Pick<Who, 'personId' | 'server'> | null): AwayEntry[] {
    const r = this.#record;
    if (!who || !r || r.personId !== who.personId || r.server !== who.server) return [];
    return r.stories;
  }

  has(who: Pick<Who, 'personId' | 'server'> | null, id: string): boolean {
    return this.entries(who).some((e) => e.storyId === id);
  }

  /** What newsroom.status lists. */
  status(who: Pick<Who, 'personId' | 'server'> | null): {
    away: AwayStory[];
    outbox: number;
    parallel: ParallelOutcome[];
    checkInRefused: AwayRecord['refused'];
    lastCheckIn: string | null;
  } {
    const mine = this.entries(who);
    const r = mine.length > 0 || (who && this.#record?.personId === who.personId) ? this.#record : null;
    const ops = who ? this.#outbox.entries(who) : [];
    return {
      away: mine.map((e) => ({
        storyId: e.storyId,
        headline: e.headline,
        kind: e.kind,
        baseRev: e.baseRev,
        serverRev: e.serverRev,
        since: e.since,
        waiting: ops.filter((o) => opStoryId(o.op) === e.storyId).length,
      })),
      outbox: ops.length,
      parallel: r?.parallel ?? [],
      checkInRefused: r?.refused ?? null,
      lastCheckIn: r?.lastCheckIn ?? null,
    };
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(next: AwayRecord): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    await writeFileDurable(this.#path, `${JSON.stringify(next, null, 2)}\n`, 0o600);
    this.#record = next;
  }

  #recordFor(who: Owner): AwayRecord {
    const r = this.#record;
    if (r && r.personId === who.personId && r.server === who.server) return { ...r, desk: who.desk };
    // Another person (or newsroom) on this desk: their stories stay in the store; this record starts empty.
    return {
      version: 1,
      personId: who.personId,
      server: who.server,
      desk: who.desk,
      stories: [],
      parallel: [],
      refused: null,
      lastCheckIn: null,
    };
  }

  async #setEntry(who: Owner, entry: AwayEntry): Promise<void> {
    const r = this.#recordFor(who);
    await this.#write({ ...r, stories: [...r.stories.filter((e) => e.storyId !== entry.storyId), entry] });
  }

  /** Keeps the taken stories in the store at the revision each left at, and names them in the record. */
  took(who: Who, taken: CheckoutTaken): Promise<void> {
    return this.#serial(async () => {
      let r = this.#recordFor(who);
      for (const { story, lock } of taken.items) {
        const waiting = this.#outbox.entries(who).some((o) => opStoryId(o.op) === story.id);
        const held = r.stories.find((e) => e.storyId === story.id);
        // Taken again while changes of it still wait in the outbox: the desk's copy is the newer one.
        if (held && waiting) continue;
        const copy = await this.#replaceCopy(story);
        const since = lock.checkout?.since ?? lock.holder?.since ?? new Date().toISOString();
        r = {
          ...r,
          stories: [
            ...r.stories.filter((e) => e.storyId !== story.id),
            {
              storyId: story.id,
              headline: story.headline,
              kind: 'checkout',
              baseRev: story.rev,
              serverRev: story.rev,
              localRev: copy.rev,
              since,
            },
          ],
        };
      }
      await this.#write(r);
    });
  }

  /** Puts the newsroom's story in the store as it is there; an older copy moves to purged/ (never deleted). */
  async #replaceCopy(story: Story): Promise<Story> {
    if (this.#store.list().some((s) => s.id === story.id)) await this.#dropCopy(story.id);
    return this.#store.create(story);
  }

  async #dropCopy(id: string): Promise<void> {
    const held = this.#store.list().find((s) => s.id === id);
    if (!held) return;
    if (held.deletedAt === null) await this.#store.setDeleted(id, new Date().toISOString());
    await this.#store.purge(id);
  }

  async #photoHashes(content: StoryContent): Promise<string[] | undefined> {
    const hashes: string[] = [];
    for (const p of content.photos) {
      try {
        hashes.push(sha256Hex(await readFile(this.#store.photoPath(p.file))));
      } catch {
        // A photo file this desk does not hold is not named; the story's content still names it.
      }
    }
    return hashes.length > 0 ? [...new Set(hashes)].slice(0, 100) : undefined;
  }

  async #op(entry: AwayEntry, content: StoryContent, first: boolean): Promise<CheckInOp> {
    const photos = await this.#photoHashes(content);
    const base = { opId: randomUUID(), content, at: new Date().toISOString(), ...(photos ? { photos } : {}) };
    if (entry.kind === 'draft' && first) return { ...base, newDraft: { id: entry.storyId } };
    return { ...base, storyId: entry.storyId, baseRev: entry.baseRev };
  }

  /** A save of a story held away: the store's save, then its operation durably in the outbox. */
  save(who: Who, id: string, baseRev: number, content: StoryContent): Promise<Story> {
    return this.#serial(async () => {
      const entry = this.entries(who).find((e) => e.storyId === id);
      if (!entry) throw new Error(`story ${id} is not held away on this desk`);
      const saved = await this.#store.save(id, baseRev, content, who.name);
      await this.#outbox.append(who, await this.#op(entry, contentOf(saved), false), saved.rev);
      await this.#setEntry(who, { ...entry, headline: saved.headline, localRev: saved.rev });
      return saved;
    });
  }

  /** A new draft written while the newsroom does not answer: created on the newsroom at check-in. */
  create(who: Who, page: string | null): Promise<Story> {
    return this.#serial(async () => {
      const at = new Date().toISOString();
      const draft = { ...newStory(newStoryId(), at, who.name, { page }), createdBy: who.personId };
      const entry: AwayEntry = {
        storyId: draft.id,
        headline: draft.headline,
        kind: 'draft',
        baseRev: 1,
        serverRev: null,
        localRev: 0,
        since: at,
      };
      // Named first, carrying nothing: a crash after the store's write leaves a copy `reconcile` sends.
      await this.#setEntry(who, entry);
      const story = await this.#store.create(draft);
      await this.#outbox.append(who, await this.#op(entry, contentOf(story), true), story.rev);
      await this.#setEntry(who, { ...entry, localRev: story.rev });
      return story;
    });
  }

  /** The lock a story held away answers: this person's, on this desk, never lapsing. */
  lock(who: Who, id: string): LockView {
    const e = this.entries(who).find((x) => x.storyId === id)!;
    return {
      storyId: id,
      mine: true,
      holder: { userId: who.personId, name: who.name, since: e.since },
      ttlMs: 0,
      checkout: { desk: who.desk, since: e.since, baseRev: e.baseRev },
    };
  }

  /**
   * Closes what a crash cut off (see the top of this file). A copy whose store revision is past
   * every one the record and the outbox know (a change cut off between the store's write and the
   * outbox's, or made while nobody was signed in) gets an operation for what it shows; a record
   * behind an operation already waiting catches up to it; a draft named but never written is dropped.
   */
  async #reconcile(who: Owner): Promise<void> {
    for (const entry of this.entries(who)) {
      const pending = this.#outbox.entries(who).some((o) => opStoryId(o.op) === entry.storyId);
      const held = this.#store.list().find((s) => s.id === entry.storyId);
      if (!held) {
        if (entry.kind === 'draft' && entry.serverRev === null && !pending) {
          const r = this.#recordFor(who);
          await this.#write({ ...r, stories: r.stories.filter((e) => e.storyId !== entry.storyId) });
        }
        continue;
      }
      const known = Math.max(entry.localRev, this.#outbox.carried(who, entry.storyId));
      if (held.rev <= known) {
        if (entry.localRev < known)
          await this.#setEntry(who, { ...entry, headline: held.headline, localRev: known });
        continue;
      }
      const story = await this.#store.get(entry.storyId);
      const created = entry.kind !== 'draft' || entry.serverRev !== null;
      await this.#outbox.append(
        who,
        await this.#op(entry, contentOf(story), !created && !pending),
        story.rev,
      );
      await this.#setEntry(who, { ...entry, headline: story.headline, localRev: story.rev });
    }
  }

  /**
   * Sends the outbox in order (`send`: the newsroom's checkout.checkIn), removes each operation an
   * answer names, and records what became of them. `returning`: the stories to hand back (their
   * copies leave the store once nothing of them waits); the others stay away.
   */
  checkIn(
    who: Who,
    returning: (away: AwayEntry[]) => string[],
    send: (input: {
      desk: string;
      ops: CheckInOp[];
      release: string[];
      keep: string[];
    }) => Promise<CheckInReport>,
  ): Promise<CheckInReport> {
    return this.#serial(async () => {
      await this.#reconcile(who);
      const back = new Set(returning(this.entries(who)));
      const keep = this.entries(who)
        .map((e) => e.storyId)
        .filter((id) => !back.has(id));
      const ops = this.#outbox.entries(who).map((e) => e.op);
      const total: CheckInReport = { results: [], repeated: 0, refused: null, released: [] };
      for (let i = 0; i === 0 || i < ops.length; i += 500) {
        const chunk = ops.slice(i, i + 500);
        const last = i + 500 >= ops.length;
        const report = await send({
          desk: who.desk,
          ops: chunk,
          release: last ? [...back] : [],
          keep: last ? keep : this.entries(who).map((e) => e.storyId),
        });
        // What the answers say is recorded first: cut off before the acks, the operations go again as repeats.
        await this.#after(who, report);
        for (const r of report.results) await this.#outbox.ack(r.opId);
        await this.#outbox.sync();
        total.results.push(...report.results);
        total.repeated += report.repeated;
        total.released.push(...report.released);
        if (report.refused) {
          total.refused = report.refused;
          break;
        }
      }
      await this.#settle(who, back, total);
      return total;
    });
  }

  async #after(who: Who, report: CheckInReport): Promise<void> {
    let r = this.#recordFor(who);
    const at = new Date().toISOString();
    for (const res of report.results) {
      const entry = r.stories.find((e) => e.storyId === res.storyId);
      if (!entry) continue;
      const next: AwayEntry = { ...entry, serverRev: res.revision };
      r = { ...r, stories: r.stories.map((e) => (e.storyId === res.storyId ? next : e)) };
      if (res.outcome === 'parallel' && !r.parallel.some((p) => p.opId === res.opId))
        r = {
          ...r,
          parallel: [
            ...r.parallel,
            {
              storyId: res.storyId,
              headline: entry.headline,
              opId: res.opId,
              revision: res.revision,
              conflictId: res.conflictId,
              at,
            },
          ].slice(-200),
        };
    }
    r = {
      ...r,
      refused: report.refused
        ? { opId: report.refused.opId, key: report.refused.key, detail: report.refused.detail.slice(0, 2000) }
        : null,
      lastCheckIn: at,
    };
    await this.#write(r);
  }

  /** Copies handed back (or drafts now on the newsroom) with nothing waiting leave the store: to purged/. */
  async #settle(who: Who, back: Set<string>, report: CheckInReport): Promise<void> {
    const released = new Set(report.released);
    const ops = this.#outbox.entries(who);
    const gone: string[] = [];
    for (const e of this.entries(who)) {
      if (ops.some((o) => opStoryId(o.op) === e.storyId)) continue;
      const handedBack = released.has(e.storyId) || (back.has(e.storyId) && e.kind === 'checkout');
      const draftDone = e.kind === 'draft' && e.serverRev !== null && back.has(e.storyId);
      if (handedBack || draftDone) gone.push(e.storyId);
    }
    if (gone.length === 0) return;
    for (const id of gone) await this.#dropCopy(id);
    const r = this.#recordFor(who);
    await this.#write({ ...r, stories: r.stories.filter((e) => !gone.includes(e.storyId)) });
  }
}
