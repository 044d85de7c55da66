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

export class AuditLog {
  readonly #dir: string;
  readonly #pagesDir: string;
  readonly #queue = new SerialQueue();

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'audit');
    this.#pagesDir = join(this.#dir, 'pages');
  }

  /** Appends an entry to its story's file and, when it names a page, to the page's file. */
  record(entry: AuditEntry): Promise<void> {
    const parsed = AuditEntrySchema.parse(entry);
    const line = `${JSON.stringify(parsed)}\n`;
    return this.#queue.run(async () => {
      await mkdir(this.#pagesDir, { recursive: true });
      if (parsed.storyId && STORY_ID.test(parsed.storyId)) await appendDurable(this.#dir, `${parsed.storyId}.ndjson`, line);
      if (parsed.page && PAGE_NAME.test(parsed.page)) await appendDurable(this.#pagesDir, `${parsed.page}.ndjson`, line);
    });
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
