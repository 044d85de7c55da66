/**
 * Search, list and read of the data folder's archive (issue 8), over the
 * ArchiveStore the duplicate check uses: one copy of the texts. The search index is
 * built in memory on first use (a few seconds for 30 million characters) and kept
 * up to date as stories are added.
 */
import {
  ArchiveSearchIndex,
  archiveIdParts,
  type ArchivedStoryView,
  type ArchivedSummary,
  type SearchDoc,
  type SearchHit,
} from '../../../shared/archive-search';
import type { ArchiveEntry } from '../../../shared/checks/duplicates';
import { DeskError } from '../../../shared/api';
import type { ArchiveStore } from './archive-store';


export class ArchiveSearch {
  readonly #store: ArchiveStore;
  #index: ArchiveSearchIndex | null = null;
  #starts: number[] = [];

  constructor(store: ArchiveStore) {
    this.#store = store;
  }

  #offsets(): number[] {
    const stories = this.#store.index.stories;
    if (this.#starts.length !== stories.length + 1) {
      const starts = [0];
      for (const s of stories) starts.push(starts[starts.length - 1]! + s.length);
      this.#starts = starts;
    }
    return this.#starts;
  }

  #docs(from = 0): SearchDoc[] {
    const stories = this.#store.index.stories;
    const text = this.#store.index.text;
    const starts = this.#offsets();
    const docs: SearchDoc[] = [];
    for (let i = from; i < stories.length; i++) {
      const s = stories[i]!;
      docs.push({ id: s.id, title: s.title, date: s.date, page: archiveIdParts(s.id).page, text: text.slice(starts[i]!, starts[i + 1]!) });
    }
    return docs;
  }

  /** The index, built on first use and extended with stories archived since. */
  index(): ArchiveSearchIndex {
    if (!this.#index) this.#index = ArchiveSearchIndex.build(this.#docs());
    else if (this.#index.size < this.#store.index.stories.length) this.#index.add(this.#docs(this.#index.size));
    return this.#index;
  }

  /** Archives entries and makes them searchable. */
  async add(entries: readonly ArchiveEntry[]): Promise<void> {
    await this.#store.add(entries);
    if (this.#index) this.index();
  }

  search(query: string, limit = 20): SearchHit[] {
    return this.index().search(query, limit);
  }

  /** Stories newest first, optionally of one date and/or page. */
  list(filter: { date?: string; page?: string; limit?: number; offset?: number } = {}): { total: number; items: ArchivedSummary[] } {
    const all = this.#store.index.stories
      .map((s) => ({ id: s.id, title: s.title, date: s.date, page: archiveIdParts(s.id).page, length: s.length }))
      .filter((s) => (!filter.date || s.date === filter.date) && (!filter.page || s.page === filter.page));
    all.sort((a, b) => (a.date === b.date ? (a.page === b.page ? a.id.localeCompare(b.id) : a.page.localeCompare(b.page)) : a.date < b.date ? 1 : -1));
    const offset = filter.offset ?? 0;
    return { total: all.length, items: all.slice(offset, offset + (filter.limit ?? 500)) };
  }

  get(id: string): ArchivedStoryView {
    const stories = this.#store.index.stories;
    const i = stories.findIndex((s) => s.id === id);
    if (i < 0) throw new DeskError('not-found', 'error.archiveStoryMissing', { id }, `no archived story has the id ${id}`);
    const starts = this.#offsets();
    const s = stories[i]!;
    const text = this.#store.index.text.slice(starts[i]!, starts[i + 1]!);
    const blocks = text.split('\u2029').slice(0, -1);
    return { id: s.id, title: s.title, date: s.date, page: archiveIdParts(s.id).page, length: s.length, blocks };
  }
}
