/**
 * The audit trail on disk (issue 6): append-only NDJSON, one file per story
 * (audit/<storyId>.ndjson) and one per page (audit/pages/<page>.ndjson). Every
 * append is fsynced (and the folder, when the file is new) before it resolves, so
 * a recorded signature survives a power cut. A torn last line (a crash mid-write)
 * is skipped on read; nothing is ever rewritten.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { AuditEntrySchema, type AuditEntry } from '../../../shared/review/audit';
import { PAGE_NAME, STORY_ID } from '../../../shared/model/story';
import { fsyncDir } from '../storage/durable-file';
import { SerialQueue } from '../storage/serial-queue';

/** Events of the desk as a whole (profiles); not a story id (those are story-NNNN…). */
const DESK_FILE = 'desk.ndjson';

export class AuditLog {
  readonly #dir: string;
  readonly #pagesDir: string;
  readonly #queue = new SerialQueue();

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'audit');
    this.#pagesDir = join(this.#dir, 'pages');
  }

  /**
   * Appends an entry to its story's file and, when it names a page, to the page's
   * file; an entry naming neither (profiles) goes to the desk's own file.
   */
  record(entry: AuditEntry): Promise<void> {
    const parsed = AuditEntrySchema.parse(entry);
    const line = `${JSON.stringify(parsed)}\n`;
    return this.#queue.run(async () => {
      await mkdir(this.#pagesDir, { recursive: true });
      const story = parsed.storyId && STORY_ID.test(parsed.storyId);
      const page = parsed.page && PAGE_NAME.test(parsed.page);
      if (story) await appendDurable(this.#dir, `${parsed.storyId}.ndjson`, line);
      if (page) await appendDurable(this.#pagesDir, `${parsed.page}.ndjson`, line);
      if (!story && !page) await appendDurable(this.#dir, DESK_FILE, line);
    });
  }

  /**
   * One event of a page that concerns each of its stories (an export, an override):
   * one line in the page's file (unless `pageLine` is false: already written there)
   * and one in each story's file naming the revision it concerned, so both views
   * show it and the page's view shows it once.
   */
  recordForPage(
    entry: AuditEntry & { page: string },
    stories: ReadonlyArray<{ id: string; rev: number | null }>,
    { pageLine = true }: { pageLine?: boolean } = {},
  ): Promise<void> {
    const parsed = AuditEntrySchema.parse({ ...entry, storyId: null });
    return this.#queue.run(async () => {
      await mkdir(this.#pagesDir, { recursive: true });
      if (pageLine && PAGE_NAME.test(parsed.page ?? '')) {
        await appendDurable(this.#pagesDir, `${parsed.page}.ndjson`, `${JSON.stringify(parsed)}\n`);
      }
      const seen = new Set<string>();
      for (const { id, rev } of stories) {
        if (seen.has(id) || !STORY_ID.test(id)) continue;
        seen.add(id);
        await appendDurable(
          this.#dir,
          `${id}.ndjson`,
          `${JSON.stringify({ ...parsed, storyId: id, rev })}\n`,
        );
      }
    });
  }

  /** The desk's own entries (profiles), oldest first. */
  forDesk(): Promise<AuditEntry[]> {
    return readEntries(join(this.#dir, DESK_FILE));
  }

  /** A story's entries, oldest first. */
  forStory(storyId: string): Promise<AuditEntry[]> {
    if (!STORY_ID.test(storyId)) return Promise.resolve([]);
    return readEntries(join(this.#dir, `${storyId}.ndjson`));
  }

  /** A page's entries, oldest first. */
  forPage(page: string): Promise<AuditEntry[]> {
    if (!PAGE_NAME.test(page)) return Promise.resolve([]);
    return readEntries(join(this.#pagesDir, `${page}.ndjson`));
  }
}

async function appendDurable(dir: string, name: string, line: string): Promise<void> {
  const handle = await open(join(dir, name), 'a');
  let created = false;
  try {
    created = (await handle.stat()).size === 0;
    await handle.appendFile(line, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncDir(dir);
}

async function readEntries(path: string): Promise<AuditEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // A line cut short by a crash: the entries before it stand.
    }
  }
  return entries;
}
