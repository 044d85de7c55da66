/**
 * Search, list and read of the data folder's archive (issue 8), over the
 * ArchiveStore the duplicate check uses: one copy of the texts (the search index
 * reads a story's text from the archive when it needs it for a snippet).
 *
 * The search index is persisted beside the duplicate index (search.bin, see
 * archive-store.ts): loaded on first use with one read, the stories archived after
 * it was written indexed from the texts, and rebuilt when it is missing, stale or
 * damaged. Like index.bin it is rewritten in large steps (SEARCH_STEP characters not
 * covered), after the manifest that lists its stories, and on `flush`.
 */
import { join } from 'node:path';

import {
  ArchiveSearchIndex,
  StaleSearchIndexError,
  archiveIdParts,
  type ArchivedStoryView,
  type ArchivedSummary,
  type SearchDoc,
  type SearchDocMeta,
  type SearchHit,
} from '../../../shared/archive-search';
import { DeskError } from '../../../shared/api';
import { bylineText } from '../../../shared/model';
import { writeFileDurable } from '../storage/durable-file';
import { ARCHIVE_FILES, readFileBytes, type ArchiveRecord, type ArchiveStore } from './archive-store';

/** search.bin is rewritten once the stories it does not cover hold this many characters. */
export const SEARCH_STEP = 1_000_000;

/** Stories indexed between two yields when the search index is rebuilt. */
const REBUILD_CHUNK = 500;

/** How the search index was had, for the CLI, logs and the benchmark. */
export type SearchLoadStatus = {
  loaded: boolean;
  rebuilt: boolean;
  reason?: string;
  caughtUp?: number;
  ms: number;
};

export class ArchiveSearch {
  readonly #store: ArchiveStore;
  #index: ArchiveSearchIndex | null = null;
  #loading: Promise<ArchiveSearchIndex> | null = null;
  /** Stories and characters the search.bin on disk covers. */
  #covers = { stories: 0, textLength: 0 };
  #status: SearchLoadStatus | null = null;

  constructor(store: ArchiveStore) {
    this.#store = store;
  }

  get status(): SearchLoadStatus | null {
    return this.#status;
  }

  #doc(i: number): SearchDoc {
    const s = this.#store.index.stories[i]!;
    return {
      id: s.id,
      title: s.title,
      date: s.date,
      page: archiveIdParts(s.id).page,
      text: this.#store.index.storyText(i),
    };
  }

  *#docs(from: number): Generator<SearchDoc> {
    const n = this.#store.index.storyCount;
    for (let i = from; i < n; i++) yield this.#doc(i);
  }

  readonly #textOf = (doc: number): string => this.#store.index.storyText(doc);

  /** The index: loaded (or built) on first use, then extended with stories archived since. */
  async index(): Promise<ArchiveSearchIndex> {
    this.#loading ??= this.#load();
    const index = (this.#index = await this.#loading);
    const n = this.#store.index.storyCount;
    if (index.size < n) index.add([...this.#docs(index.size)]);
    return index;
  }

  async #load(): Promise<ArchiveSearchIndex> {
    const started = performance.now();
    const stories = this.#store.index.stories;
    const file = join(this.#store.dir, ARCHIVE_FILES.search);
    let reason: string | undefined;
    if (stories.length > 0) {
      try {
        const bytes = await readFileBytes(file);
        if (!bytes) reason = 'search.bin missing';
        else {
          const metas: SearchDocMeta[] = stories.map((s) => ({
            id: s.id,
            title: s.title,
            date: s.date,
            page: archiveIdParts(s.id).page,
            textLength: s.length,
          }));
          const index = ArchiveSearchIndex.fromBytes(bytes, metas, this.#textOf, { acceptPrefix: true });
          const covered = index.size;
          this.#covers = { stories: covered, textLength: this.#textUpTo(covered) };
          if (covered < this.#store.index.storyCount) index.add([...this.#docs(covered)]);
          const caughtUp = index.size - covered;
          this.#status = {
            loaded: true,
            rebuilt: false,
            ...(caughtUp ? { caughtUp } : {}),
            ms: performance.now() - started,
          };
          this.#index = index;
          if (this.#store.index.textLength - this.#covers.textLength > SEARCH_STEP) await this.#write(false);
          return index;
        }
      } catch (err) {
        if (!(err instanceof StaleSearchIndexError)) throw err;
        reason = err.message;
      }
    }
    // Built in steps of REBUILD_CHUNK stories, yielding in between: a 30-million-character
    // archive takes tens of seconds, and the desk must keep answering meanwhile.
    const index = new ArchiveSearchIndex(this.#textOf);
    for (let from = 0; from < this.#store.index.storyCount; from = index.size) {
      const to = Math.min(this.#store.index.storyCount, from + REBUILD_CHUNK);
      const docs: SearchDoc[] = [];
      for (let i = from; i < to; i++) docs.push(this.#doc(i));
      index.add(docs);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.#index = index;
    this.#status = {
      loaded: false,
      rebuilt: stories.length > 0,
      ...(reason ? { reason } : {}),
      ms: performance.now() - started,
    };
    if (stories.length > 0) await this.#write(false);
    return index;
  }

  #textUpTo(stories: number): number {
    return stories < this.#store.index.storyCount
      ? this.#store.index.storyStart(stories)
      : this.#store.index.textLength;
  }

  /**
   * Writes search.bin for the stories indexed, in the store's queue (so that every
   * story it covers is already in the manifest). `onlyIfBehind`: only when stories
   * were indexed since it was last written.
   */
  async #write(onlyIfBehind: boolean): Promise<void> {
    if (!this.#store.persistent) return;
    await this.#store.serialized(async () => {
      const index = this.#index;
      if (!index || index.size === 0) return;
      if (onlyIfBehind && this.#covers.stories === index.size) return;
      const covers = { stories: index.size, textLength: this.#textUpTo(index.size) };
      await writeFileDurable(join(this.#store.dir, ARCHIVE_FILES.search), index.toBytes());
      this.#covers = covers;
    });
  }

  /** Archives entries and makes them searchable (search.bin rewritten every SEARCH_STEP characters). */
  async add(entries: readonly ArchiveRecord[]): Promise<void> {
    await this.#store.add(entries);
    if (!this.#loading) return; // not loaded yet: the first search catches up from search.bin
    await this.index();
    if (this.#store.index.textLength - this.#covers.textLength > SEARCH_STEP) await this.#write(true);
  }

  /** Writes what is not on disk yet: index.bin and search.bin (end of an import, exit). */
  async flush(): Promise<void> {
    await this.#store.flush();
    if (this.#loading) {
      await this.index();
      await this.#write(true);
    }
  }

  async search(query: string, limit = 20): Promise<SearchHit[]> {
    return (await this.index()).search(query, limit);
  }

  /** Stories newest first, optionally of one date and/or page. */
  list(filter: { date?: string; page?: string; limit?: number; offset?: number } = {}): {
    total: number;
    items: ArchivedSummary[];
  } {
    const all = this.#store.index.stories
      .map((s) => ({
        id: s.id,
        title: s.title,
        date: s.date,
        page: archiveIdParts(s.id).page,
        length: s.length,
      }))
      .filter((s) => (!filter.date || s.date === filter.date) && (!filter.page || s.page === filter.page));
    all.sort((a, b) =>
      a.date === b.date
        ? a.page === b.page
          ? a.id.localeCompare(b.id)
          : a.page.localeCompare(b.page)
        : a.date < b.date
          ? 1
          : -1,
    );
    const offset = filter.offset ?? 0;
    return { total: all.length, items: all.slice(offset, offset + (filter.limit ?? 500)) };
  }

  get(id: string): ArchivedStoryView {
    const stories = this.#store.index.stories;
    const i = stories.findIndex((s) => s.id === id);
    if (i < 0)
      throw new DeskError(
        'not-found',
        'error.archiveStoryMissing',
        { id },
        `no archived story has the id ${id}`,
      );
    const s = stories[i]!;
    const blocks = this.#store.index.storyText(i).split('\u2029').slice(0, -1);
    const details = this.#store.details(i);
    return {
      id: s.id,
      title: s.title,
      date: s.date,
      page: archiveIdParts(s.id).page,
      length: s.length,
      blocks,
      region: details?.region ?? null,
      byline: details ? bylineText(details.byline, details.dateline) : null,
      credits: details ? details.byline.credits : null,
    };
  }
}
