/**
 * The story list index: every StorySummary in memory, persisted as a snapshot plus
 * an append-only journal, so a save appends one short line instead of rewriting a
 * 15,000-row file (architecture.md, Storage: "15,000 stories must not make a save slower").
 *
 * Files in index/:
 * - summaries.json: the snapshot, written durably (temp file, fsync, rename);
 * - journal.ndjson: one JSON line per change since the snapshot, appended and fdatasynced.
 *
 * The store appends an entry BEFORE it writes the story file (write-ahead intent) and
 * runs one change at a time, so after a crash only the journal's last entry can be
 * ahead of the story files; `load` names that story so the store can check it.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { StorySummarySchema, type StorySummary } from '../../../shared/model';
import { fsyncDir, readJsonFile, writeFileDurable, DamagedFileError } from './durable-file';

export const SNAPSHOT_FILE = 'summaries.json';
export const JOURNAL_FILE = 'journal.ndjson';

/** Past this many journal lines, the journal is folded into a new snapshot. */
export const JOURNAL_COMPACT_LINES = 2000;

const SnapshotSchema = z.object({ schema: z.literal(1), summaries: z.array(StorySummarySchema) });
type Snapshot = z.infer<typeof SnapshotSchema>;

const EntrySchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), summary: StorySummarySchema }),
  z.object({ op: z.literal('drop'), id: z.string() }),
]);
type Entry = z.infer<typeof EntrySchema>;

/** What `load` found besides the summaries. */
export type IndexLoad =
  | { state: 'missing' }
  | {
      state: 'loaded';
      index: StoryIndex;
      /** The story named by the journal's last entry: possibly a change cut short by a crash. */
      lastTouchedId: string | null;
    };

export class StoryIndex {
  readonly #dir: string;
  readonly #summaries: Map<string, StorySummary>;
  #journal: FileHandle | null = null;
  #journalLines: number;

  private constructor(dir: string, summaries: Map<string, StorySummary>, journalLines: number) {
    this.#dir = dir;
    this.#summaries = summaries;
    this.#journalLines = journalLines;
  }

  /**
   * Reads snapshot + journal. A torn last journal line (a crash during an append) is
   * ignored: the story write it announced never started.
   * @throws DamagedFileError when the snapshot or a journal line before the last is damaged.
   */
  static async load(dir: string): Promise<IndexLoad> {
    const snapshotPath = join(dir, SNAPSHOT_FILE);
    const journalPath = join(dir, JOURNAL_FILE);
    const snapshot = await readJsonFile(snapshotPath, SnapshotSchema);
    if (!snapshot) return { state: 'missing' };
    const summaries = new Map(snapshot.summaries.map((s) => [s.id, s]));

    let text = '';
    try {
      text = await readFile(journalPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = text.split('\n');
    let lastTouchedId: string | null = null;
    let torn = false;
    let count = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line === '') continue;
      const entry = parseEntry(line);
      if (!entry) {
        const isLast = lines.slice(i + 1).every((rest) => rest.replace(/\0/g, '') === '');
        if (isLast) {
          torn = true;
          break;
        }
        throw new DamagedFileError(journalPath, `line ${i + 1} is not a journal entry`);
      }
      apply(summaries, entry);
      lastTouchedId = entry.op === 'put' ? entry.summary.id : entry.id;
      count++;
    }
    const index = new StoryIndex(dir, summaries, count);
    // A torn tail must go before anything is appended after it; compacting rewrites both files.
    if (torn || count >= JOURNAL_COMPACT_LINES) await index.compact();
    else await index.#openJournal();
    return { state: 'loaded', index, lastTouchedId };
  }

  /** Writes a fresh index from summaries gathered by reading every story file. */
  static async rebuild(dir: string, summaries: Iterable<StorySummary>): Promise<StoryIndex> {
    const index = new StoryIndex(dir, new Map(Array.from(summaries, (s) => [s.id, s])), 0);
    await index.compact();
    return index;
  }

  get size(): number {
    return this.#summaries.size;
  }

  get(id: string): StorySummary | undefined {
    return this.#summaries.get(id);
  }

  all(): StorySummary[] {
    return Array.from(this.#summaries.values());
  }

  ids(): string[] {
    return Array.from(this.#summaries.keys());
  }

  /** Records a story's new summary durably (one fdatasynced line). */
  async put(summary: StorySummary): Promise<void> {
    await this.#append({ op: 'put', summary });
  }

  /** Records that a story left the list (purged or unrecoverable). */
  async drop(id: string): Promise<void> {
    if (!this.#summaries.has(id)) return;
    await this.#append({ op: 'drop', id });
  }

  /**
   * Folds the journal into a new snapshot. Snapshot first, then an empty journal:
   * a crash in between replays puts and drops onto the new snapshot, which is harmless.
   */
  async compact(): Promise<void> {
    await this.#journal?.close();
    this.#journal = null;
    const snapshot: Snapshot = { schema: 1, summaries: this.all() };
    await writeFileDurable(join(this.#dir, SNAPSHOT_FILE), JSON.stringify(snapshot));
    await writeFileDurable(join(this.#dir, JOURNAL_FILE), '');
    this.#journalLines = 0;
    await this.#openJournal();
  }

  async close(): Promise<void> {
    await this.#journal?.close();
    this.#journal = null;
  }

  async #openJournal(): Promise<void> {
    this.#journal = await open(join(this.#dir, JOURNAL_FILE), 'a');
    await fsyncDir(this.#dir); // the journal may have just been created
  }

  async #append(entry: Entry): Promise<void> {
    if (!this.#journal) throw new Error('story index is closed');
    await this.#journal.write(`${JSON.stringify(entry)}\n`);
    // datasync: the file's size is part of its data, so the line is readable after a crash.
    await this.#journal.datasync();
    apply(this.#summaries, entry);
    if (++this.#journalLines >= JOURNAL_COMPACT_LINES * 2) await this.compact();
  }
}

function parseEntry(line: string): Entry | null {
  try {
    const parsed = EntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function apply(summaries: Map<string, StorySummary>, entry: Entry): void {
  if (entry.op === 'put') summaries.set(entry.summary.id, entry.summary);
  else summaries.delete(entry.id);
}
