/**
 * The handlers of shared/import/import-contract.ts, spread into the desk services.
 */
import { DeskError, type DeskHandlers } from '../../../shared/api';
import type { ArchivedSummary } from '../../../shared/archive-search';
import type { ArchiveCalendar, importContract } from '../../../shared/import/import-contract';
import type { ArchiveSearch } from '../archive/search-service';
import { importStory, readStoryBytes } from '../import-story';
import type { DeskStore } from '../storage/desk-store';
import { decodePage, pageArchiveEntries, pageRegions, splitPageText } from './page-import';

type ImportHandlers = Pick<DeskHandlers, keyof typeof importContract>;

function bytesOf(name: string, data: string): Uint8Array {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length === 0)
    throw new DeskError('invalid-input', 'error.fileEmpty', { file: name }, `${name}: the file is empty`);
  if (bytes.length > 40 * 1024 * 1024) {
    throw new DeskError(
      'invalid-input',
      'error.fileTooLarge',
      { file: name },
      `${name} is larger than 40 MB; nothing was imported`,
    );
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Stories (newest first, by page within a date, as ArchiveSearch.list sorts them) grouped by date, then page. */
export function calendarOf(items: readonly ArchivedSummary[]): ArchiveCalendar['dates'] {
  const dates: ArchiveCalendar['dates'] = [];
  for (const s of items) {
    let day = dates[dates.length - 1];
    if (!day || day.date !== s.date) dates.push((day = { date: s.date, count: 0, pages: [] }));
    day.count++;
    let page = day.pages[day.pages.length - 1];
    if (!page || page.page !== s.page) day.pages.push((page = { page: s.page, count: 0 }));
    page.count++;
  }
  return dates;
}

/** `archive`: the data folder's archive with its full-text search, shared with the desk's other services. */
export function importHandlers(opts: {
  store: DeskStore;
  archive: () => Promise<ArchiveSearch>;
  who: () => string;
  /** Refuses a window where nobody is chosen: an import files a new story, in someone's name (issue 19). */
  requireWriter: () => unknown;
}): ImportHandlers {
  const { archive } = opts;
  return {
    'stories.import': async ({ name, data, page }) => {
      opts.requireWriter();
      // A name only: no folder is read for photos a .md names (they stay as notes of the parse).
      const safeName = name.replace(/[\\/]/g, '_');
      const read = await readStoryBytes(safeName, bytesOf(safeName, data), { looseMarkdown: true });
      return importStory(opts.store, safeName, read, {
        user: opts.who(),
        patch: page ? { page } : undefined,
      });
    },
    'archive.list': async (filter) => (await archive()).list(filter),
    'archive.calendar': async () => {
      const { total, items } = (await archive()).list({ limit: Number.MAX_SAFE_INTEGER });
      return { total, dates: calendarOf(items) };
    },
    'archive.search': async ({ query, limit }) => (await archive()).search(query, limit ?? 20),
    'archive.get': async ({ id }) => (await archive()).get(id),
    'archive.splitPage': async ({ name, data, corrections }) => {
      const page = decodePage(name, bytesOf(name, data));
      const split = splitPageText(page.text, { regions: await pageRegions(), corrections });
      return { ...split, encoding: page.encoding };
    },
    'archive.importPage': async ({ name, data, page, date, corrections }) => {
      const file = decodePage(name, bytesOf(name, data));
      const split = splitPageText(file.text, { regions: await pageRegions(), corrections });
      const entries = pageArchiveEntries(split, date, page);
      const search = await archive();
      const known = new Set(search.list({ date, page, limit: 5000 }).items.map((s) => s.id));
      const fresh = entries.filter((e) => !known.has(e.id));
      await search.add(fresh);
      return { added: fresh.length, skipped: entries.length - fresh.length };
    },
  };
}
