/**
 * The desk's outbox of saves that did not reach the newsroom (issue 17, ADR 012; issue 18 grows
 * it into working offline). A save the server did not take (it did not answer, or its database
 * is down) is kept in the data folder, `newsroom/pending/<storyId>.json`, written durably with the
 * store's writeFileDurable: the story's id, the revision it was written on (`baseRev`), the
 * content, when, and who (the person and the server it is for). Only the latest per story: a
 * later save of the same story replaces it.
 *
 * `flush` sends them again, oldest first, one story at a time; a delivered save is removed from
 * the folder and remembered (in memory) as delivered, so the window that wrote it, which still
 * holds the old revision, continues on the delivered one (`continuation`). A save the server
 * refuses (someone else saved in the meantime, the person may no longer change the story) is
 * never dropped: it stays in the folder with the refusal, for the person to take over by hand.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { DeskError } from '../../../shared/api';
import type { PendingSave } from '../../../shared/api/newsroom-contract';
import { StoryContentSchema, STORY_ID, type Story, type StoryContent } from '../../../shared/model';
import { canonicalJson, type JsonValue } from '../../server/store/canonical-json';
import { fsyncDir, isTempFileName, readJsonFile, writeFileDurable } from '../storage/durable-file';

const PendingFileSchema = z
  .object({
    id: z.string().regex(STORY_ID),
    baseRev: z.number().int().min(1),
    content: StoryContentSchema,
    at: z.string().max(40),
    personId: z.string().max(64),
    server: z.string().max(300),
    /** Set when the server refused the resend: the save waits for the person, it is not sent again. */
    refused: z
      .object({ key: z.string().max(100), detail: z.string().max(2000) })
      .nullable()
      .default(null),
  })
  .strict();
export type PendingFile = z.infer<typeof PendingFileSchema>;

/** A resend the server took: the window that wrote it continues on `story`. */
type Delivered = { baseRev: number; content: string; story: Story };

export const pendingDirOf = (dataDir: string) => join(dataDir, 'newsroom', 'pending');

const canonical = (c: StoryContent) => canonicalJson(JSON.parse(JSON.stringify(c)) as JsonValue);

export class PendingSaves {
  readonly dir: string;
  readonly #entries = new Map<string, PendingFile>();
  readonly #delivered = new Map<string, Delivered>();
  /** One change of a story's pending save at a time (a window's save and the background resend). */
  readonly #queues = new Map<string, Promise<unknown>>();
  /** Files that could not be read: left as they are, named in the log. */
  readonly damaged: string[] = [];

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async open(dataDir: string): Promise<PendingSaves> {
    const saves = new PendingSaves(pendingDirOf(dataDir));
    const names = await readdir(saves.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    for (const name of names) {
      if (isTempFileName(name) || !name.endsWith('.json')) continue;
      try {
        const entry = await readJsonFile(join(saves.dir, name), PendingFileSchema);
        if (entry && `${entry.id}.json` === name) saves.#entries.set(entry.id, entry);
      } catch (err) {
        // Never deleted or overwritten: the text in it may be the only copy.
        saves.damaged.push(name);
        console.warn(
          `[desk] a kept newsroom save is unreadable and was left as it is: ${(err as Error).message}`,
        );
      }
    }
    return saves;
  }

  /** The kept saves, oldest first, as newsroom.status lists them. */
  list(): PendingSave[] {
    return this.entries().map((e) => ({
      storyId: e.id,
      headline: e.content.headline,
      baseRev: e.baseRev,
      at: e.at,
      refused: e.refused?.key ?? null,
    }));
  }

  entries(): PendingFile[] {
    return [...this.#entries.values()].sort((a, b) => a.at.localeCompare(b.at));
  }

  get(storyId: string): PendingFile | null {
    return this.#entries.get(storyId) ?? null;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Keeps (or replaces) the story's pending save, durably, before the window is told. */
  async keep(entry: Omit<PendingFile, 'refused'>): Promise<void> {
    const file: PendingFile = { ...entry, refused: null };
    await mkdir(this.dir, { recursive: true });
    await writeFileDurable(join(this.dir, `${entry.id}.json`), `${JSON.stringify(file)}\n`, 0o600);
    this.#entries.set(entry.id, file);
    this.#delivered.delete(entry.id);
  }

  /** Removes the story's pending save (delivered, or sent by the window itself). */
  async drop(storyId: string): Promise<void> {
    if (!this.#entries.has(storyId)) return;
    try {
      await unlink(join(this.dir, `${storyId}.json`));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await fsyncDir(this.dir);
    this.#entries.delete(storyId);
  }

  /**
   * Runs `task` after every earlier change of the story's pending save has finished: a window's
   * save never overtakes (or is overtaken by) the background resend of the same story.
   */
  serial<T>(storyId: string, task: () => Promise<T>): Promise<T> {
    const before = this.#queues.get(storyId) ?? Promise.resolve();
    const run = before.then(task, task);
    const settled = run.catch(() => undefined);
    this.#queues.set(storyId, settled);
    void settled.then(() => {
      if (this.#queues.get(storyId) === settled) this.#queues.delete(storyId);
    });
    return run;
  }

  /**
   * A window's save of `storyId` on `baseRev` after the background resend delivered a save on
   * that same revision: the stored story when the content is the delivered one, else the revision
   * to write on (the delivered one: it is the same writer's continuation); null when nothing was
   * delivered for that revision.
   */
  continuation(
    storyId: string,
    baseRev: number,
    content: StoryContent,
  ): { same: true; story: Story } | { same: false; baseRev: number } | null {
    const d = this.#delivered.get(storyId);
    if (!d || d.baseRev !== baseRev) return null;
    if (canonical(content) === d.content) return { same: true, story: d.story };
    return { same: false, baseRev: d.story.rev };
  }

  /** Forgets a delivered save once the window wrote on from it. */
  settle(storyId: string): void {
    this.#delivered.delete(storyId);
  }

  /**
   * Sends the kept saves of `personId` on `server` again, oldest first. `judge` reads a failure:
   * `lost` (it did not reach the server) stops the run and throws, the rest wait for the next try;
   * `later` (the story is locked by another session) leaves that save waiting and goes on;
   * `refused` keeps it with the refusal, not sent again. Returns the stories delivered and how
   * many of the person's saves still wait to be sent.
   */
  async flush(
    who: { personId: string; server: string },
    send: (entry: PendingFile) => Promise<Story>,
    judge: (err: unknown) => 'lost' | 'later' | 'refused',
  ): Promise<{ delivered: Story[]; waiting: number }> {
    const delivered: Story[] = [];
    let waiting = 0;
    for (const entry of this.entries()) {
      if (entry.personId !== who.personId || entry.server !== who.server || entry.refused) continue;
      const story = await this.serial(entry.id, async () => {
        const now = this.#entries.get(entry.id);
        // A window's own save sent (or replaced) it in the meantime.
        if (!now || now.refused || now.at !== entry.at) return null;
        try {
          const saved = await send(now);
          await this.drop(now.id);
          this.#delivered.set(now.id, {
            baseRev: now.baseRev,
            content: canonical(now.content),
            story: saved,
          });
          return saved;
        } catch (err) {
          const verdict = judge(err);
          if (verdict === 'lost') throw err;
          if (verdict === 'later') {
            waiting++;
            return null;
          }
          const refused = {
            key: err instanceof DeskError ? err.key : 'error.internal',
            detail: (err instanceof Error ? err.message : String(err)).slice(0, 2000),
          };
          const kept: PendingFile = { ...now, refused };
          await writeFileDurable(join(this.dir, `${now.id}.json`), `${JSON.stringify(kept)}\n`, 0o600);
          this.#entries.set(now.id, kept);
          console.warn(
            `[desk] a kept save of ${now.id} was refused by the newsroom and stays kept: ${refused.detail}`,
          );
          return null;
        }
      });
      if (story) delivered.push(story);
    }
    return { delivered, waiting };
  }
}
