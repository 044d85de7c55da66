/**
 * The archive on disk: published (and imported past) stories and their fingerprint
 * index, in the data folder's `archive/` (or any folder given):
 *
 *   manifest.json  { format, params, columns: { ids, titles, dates, lengths }, details }: the commit point
 *                  (older manifests list `stories: [{ id, title, date, length }]`: still read).
 *                  `details` (issue 19) holds each story's region and byline as archived, one JSON
 *                  text per story or null; manifests written before it have none (their stories
 *                  show none), and a damaged entry is that story's details lost, nothing else.
 *   texts.u16      every archived story's blocks (ArchiveIndex.textUnits), UTF-16LE, append-only
 *   index.bin      ArchiveIndex.toBytes(): the winnowed fingerprints of the first stories
 *   search.bin     the search index (search-service.ts), also of the first stories
 *
 * UTF-16LE because that is the in-memory form (a Uint16Array): loading is one read
 * into it, no decoding. Adding stories appends their text (fsync), then writes
 * manifest.json durably (writeFileDurable: temp file, fsync, rename, fsync folder).
 * index.bin is NOT rewritten on every add: it may cover only the first stories of the
 * manifest (its header says how many, with a hash of their list and the parameters),
 * and `open` indexes the stories after them from the texts. It is rewritten, after
 * the manifest, once the stories it does not cover pass INDEX_STEP characters, and
 * on `flush`. A crash at any point leaves extra bytes at the end of texts.u16
 * (ignored and cut off at the next add) and/or an index.bin covering fewer stories
 * than the manifest (caught up); an index.bin that does not match (another story
 * list, other parameters, a damaged body: the header carries a checksum) is rebuilt
 * from the texts, never trusted.
 */
import { readSync } from 'node:fs';
import { open as openFile, mkdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import {
  ArchiveIndex,
  ARCHIVE_INDEX_FORMAT,
  DEFAULT_ARCHIVE_PARAMS,
  StaleArchiveIndexError,
  checkAgainstArchive,
  type ArchiveCheckOptions,
  type ArchiveEntry,
  type ArchiveParams,
  type ArchivedStory,
  type CheckedStory,
} from '../../../shared/checks/duplicates';
import type { TextPager } from '../../../shared/checks/duplicates/archive-index';
import type { Finding } from '../../../shared/checks/finding';
import {
  blocksOfBody,
  BylineSchema,
  RegionSchema,
  type Byline,
  type Region,
  type StoryContent,
} from '../../../shared/model';
import { DeskError } from '../../../shared/api';
import { readJsonFile, writeFileDurable } from '../storage/durable-file';
import { SerialQueue } from '../storage/serial-queue';

export const ARCHIVE_FILES = {
  manifest: 'manifest.json',
  texts: 'texts.u16',
  index: 'index.bin',
  search: 'search.bin',
} as const;

/** index.bin is rewritten once the stories it does not cover hold this many characters (catching up costs ~25 ms). */
export const INDEX_STEP = 500_000;

/** The story list as four columns: one array per field parses several times faster than 15,000 objects. */
type StoryColumns = { ids: string[]; titles: string[]; dates: string[]; lengths: number[] };

function isStoryColumns(value: unknown): value is StoryColumns {
  if (typeof value !== 'object' || value === null) return false;
  const { ids, titles, dates, lengths } = value as Record<string, unknown>;
  if (!Array.isArray(ids) || !Array.isArray(titles) || !Array.isArray(dates) || !Array.isArray(lengths))
    return false;
  const n = ids.length;
  if (titles.length !== n || dates.length !== n || lengths.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const length: unknown = lengths[i];
    if (typeof ids[i] !== 'string' || typeof titles[i] !== 'string' || typeof dates[i] !== 'string')
      return false;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) return false;
  }
  return true;
}

/** What the archive keeps of a story besides its text: its region and byline as resolved when it was archived. */
export type ArchiveDetails = { region: Region | null; byline: Byline; dateline: string };
/** A story to archive, with its details when they are known (a published story, a past page's story). */
export type ArchiveRecord = ArchiveEntry & { details?: ArchiveDetails };

const DetailsSchema = z.object({
  region: RegionSchema.nullable(),
  byline: BylineSchema,
  dateline: z.string(),
});

/**
 * One story's details from a manifest (its JSON text: a column of strings parses at
 * open several times faster than 15,000 objects); null when absent or unreadable,
 * never a reason to refuse the archive.
 */
function detailsOf(value: unknown): ArchiveDetails | null {
  if (typeof value !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const read = DetailsSchema.safeParse(json);
  return read.success ? (read.data as ArchiveDetails) : null;
}

const ManifestSchema = z
  .object({
    format: z.number().int(),
    params: z.object({
      k: z.number().int().min(2).max(64),
      w: z.number().int().min(1).max(1000),
      commonMinStories: z.number().int().min(1),
      commonFraction: z.number().min(0).max(1),
    }),
    /** The story list: id, title, date, length of each archived story, in archive order. */
    columns: z
      .custom<StoryColumns>(isStoryColumns, 'story columns (ids, titles, dates, lengths) of one length')
      .optional(),
    /** The story list as manifests before the columns wrote it (still read). */
    stories: z
      .array(
        z.object({ id: z.string(), title: z.string(), date: z.string(), length: z.number().int().min(0) }),
      )
      .optional(),
    /** Free-form provenance (the --archive folder's file signature). */
    source: z.string().optional(),
    /** Each story's ArchiveDetails as JSON text (or null), in archive order; read one by one (detailsOf). */
    details: z.unknown().optional(),
  })
  .refine((m) => m.columns !== undefined || m.stories !== undefined, 'no story list');

function storiesOf(manifest: z.infer<typeof ManifestSchema>): ArchivedStory[] {
  if (!manifest.columns) return manifest.stories!;
  const { ids, titles, dates, lengths } = manifest.columns;
  return ids.map((id, i) => ({ id, title: titles[i]!, date: dates[i]!, length: lengths[i]! }));
}

/** Where added stories come from: this desk (published, imported, `desk archive add`) or the newsroom's archive. */
export type ArchiveOrigin = 'desk' | 'newsroom';
/**
 * Told of every add before the archive commits it (newsroom/archive-sync.ts queues the stories
 * for the newsroom): awaited, and an observer that throws refuses the add (nothing archived).
 */
export type ArchiveObserver = (entries: readonly ArchiveRecord[], origin: ArchiveOrigin) => Promise<void>;

/** How the last open went, for the CLI and logs. */
export type ArchiveOpenStatus = {
  stories: number;
  rebuilt: boolean;
  reason?: string;
  /** Stories after those index.bin covered, indexed from the texts at open. */
  caughtUp?: number;
};

/**
 * Reads up to `limit` bytes (all when undefined) of a file with one read into a fresh
 * ArrayBuffer (aligned for typed views, no pooled Buffer, no chunked copies). Null when absent.
 */
export async function readFileBytes(path: string, limit?: number): Promise<Uint8Array | null> {
  let handle;
  try {
    handle = await openFile(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, limit ?? size);
    const bytes = new Uint8Array(new ArrayBuffer(length));
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(bytes, done, length - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === length ? bytes : bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}

/** Units per page of texts.u16 read on demand (128 KB). */
const PAGE_UNITS = 1 << 16;
/** Pages per background read (8 MB). */
const PIECE_PAGES = 64;

/**
 * Reads texts.u16 into the index's Uint16Array in the background, 8 MB at a time,
 * and at once (a synchronous read of the 128 KB pages concerned) for a range the
 * index needs before the background got there: opening the archive does not wait
 * for 57 MB to be read (mmap-like, with plain reads).
 */
class FileTextPager implements TextPager {
  readonly #handle: FileHandle;
  readonly #bytes: Uint8Array;
  readonly #loaded: Uint8Array;
  #missing: number;
  #done: Promise<void> | null = null;

  constructor(handle: FileHandle, units: Uint16Array) {
    this.#handle = handle;
    this.#bytes = new Uint8Array(units.buffer, units.byteOffset, units.byteLength);
    const pages = Math.ceil(units.length / PAGE_UNITS);
    this.#loaded = new Uint8Array(pages);
    this.#missing = pages;
  }

  /** Starts the background reads (once the archive is open: until then they would compete with opening it). */
  start(): Promise<void> {
    this.#done ??= this.#background();
    return this.#done;
  }

  get complete(): boolean {
    return this.#missing === 0;
  }

  ensure(from: number, to: number): void {
    if (this.#missing === 0 || to <= from) return;
    for (let p = Math.floor(from / PAGE_UNITS), last = Math.floor((to - 1) / PAGE_UNITS); p <= last; p++) {
      if (this.#loaded[p]) continue;
      const [start, end] = this.#range(p, p + 1);
      for (let at = start; at < end;) {
        const read = readSync(this.#handle.fd, this.#bytes, at, end - at, at);
        if (read === 0) throw new Error(`texts.u16 ended at byte ${at}, expected ${end}`);
        at += read;
      }
      this.#mark(p, p + 1);
    }
  }

  #range(fromPage: number, toPage: number): [number, number] {
    return [fromPage * PAGE_UNITS * 2, Math.min(this.#bytes.length, toPage * PAGE_UNITS * 2)];
  }

  #mark(fromPage: number, toPage: number): void {
    for (let p = fromPage; p < toPage; p++) {
      if (!this.#loaded[p]) {
        this.#loaded[p] = 1;
        this.#missing--;
      }
    }
  }

  /** Reads every page not read yet, then closes the file (never while a read is in flight). */
  async #background(): Promise<void> {
    try {
      for (let p = 0; p < this.#loaded.length && this.#missing > 0; p += PIECE_PAGES) {
        const to = Math.min(this.#loaded.length, p + PIECE_PAGES);
        let all = true;
        for (let q = p; q < to; q++) all &&= this.#loaded[q] === 1;
        if (all) continue;
        const [start, end] = this.#range(p, to);
        for (let at = start; at < end;) {
          const { bytesRead } = await this.#handle.read(this.#bytes, at, end - at, at);
          if (bytesRead === 0) throw new Error(`texts.u16 ended at byte ${at}, expected ${end}`);
          at += bytesRead;
        }
        this.#mark(p, to);
      }
      await this.#handle.close();
    } catch {
      // Left to the synchronous reads, which report the error to whoever needs the text.
    }
  }
}

const sameParams = (a: ArchiveParams, b: ArchiveParams) =>
  a.k === b.k &&
  a.w === b.w &&
  a.commonMinStories === b.commonMinStories &&
  a.commonFraction === b.commonFraction;

export class ArchiveStore {
  readonly dir: string;
  readonly status: ArchiveOpenStatus;
  readonly source: string | undefined;
  #index: ArchiveIndex;
  /** False for an archive that could not be written (read-only folder): kept in memory only. */
  #persistent: boolean;
  /** Resolves once the archive text is all in memory (it is read in the background after open). */
  #textLoaded: Promise<void> = Promise.resolve();
  /** Stories and text length the index.bin on disk covers. */
  #indexCovers = { stories: 0, textLength: 0 };
  /** One add (or flush) at a time: an add's truncate-append-manifest must not interleave with another's. */
  readonly #queue = new SerialQueue();
  /**
   * Each story's details as the manifest holds them, in the index's story order (null:
   * archived without them, or before they were kept). Checked when a story is read
   * (detailsOf), not at open: 15,000 of them would add tens of milliseconds to it.
   */
  #details: Array<string | null> = [];
  readonly #observers = new Set<ArchiveObserver>();

  private constructor(
    dir: string,
    index: ArchiveIndex,
    status: ArchiveOpenStatus,
    source?: string,
    persistent = true,
  ) {
    this.dir = dir;
    this.#index = index;
    this.status = status;
    this.source = source;
    this.#persistent = persistent;
  }

  get index(): ArchiveIndex {
    return this.#index;
  }

  /** The region and byline of the i-th archived story as archived (null when the archive did not keep them). */
  details(i: number): ArchiveDetails | null {
    return detailsOf(this.#details[i] ?? null);
  }

  /** Lines #details up with the index's stories: those known by id, null for the others. */
  #alignDetails(from: number, records: ReadonlyMap<string, ArchiveDetails | null>): void {
    const stories = this.#index.stories;
    this.#details.length = Math.min(this.#details.length, from);
    for (let i = this.#details.length; i < stories.length; i++) {
      const details = records.get(stories[i]!.id);
      this.#details.push(details ? JSON.stringify(details) : null);
    }
  }

  /** Tells `observer` of every add from now on (see ArchiveObserver); returns the function that stops it. */
  observe(observer: ArchiveObserver): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /** Resolves once texts.u16 has been read whole (checks work before: they read what they need at once). */
  textLoaded(): Promise<void> {
    return this.#textLoaded;
  }

  /** Whether adds are written to disk (false for a read-only folder checked from memory). */
  get persistent(): boolean {
    return this.#persistent;
  }

  /**
   * Runs `task` in the store's queue (after any add in flight): the search index
   * uses it to write its file from a consistent archive.
   */
  serialized<T>(task: () => Promise<T>): Promise<T> {
    return this.#queue.run(task);
  }

  /**
   * Opens the archive in `dir`; an absent archive is an empty one (created on the
   * first add). An index.bin covering the first stories is caught up from the texts;
   * a missing, stale or damaged one is rebuilt from the texts and saved.
   */
  static async open(dir: string, params: ArchiveParams = DEFAULT_ARCHIVE_PARAMS): Promise<ArchiveStore> {
    const manifest = await readJsonFile(join(dir, ARCHIVE_FILES.manifest), ManifestSchema);
    if (!manifest) return new ArchiveStore(dir, new ArchiveIndex(params), { stories: 0, rebuilt: false });

    const listed = storiesOf(manifest);
    const expected = listed.reduce((sum, s) => sum + s.length, 0);
    let handle: FileHandle | null = null;
    let available = 0;
    try {
      handle = await openFile(join(dir, ARCHIVE_FILES.texts), 'r');
      available = (await handle.stat()).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    let stories = listed;
    let reason: string | undefined;
    if (available < expected * 2) {
      // Texts lost or cut short: keep the stories whose text is whole.
      let kept = 0;
      let length = 0;
      while (kept < stories.length && (length + stories[kept]!.length) * 2 <= available)
        length += stories[kept++]!.length;
      reason = `texts.u16 holds ${kept} of ${stories.length} stories`;
      stories = stories.slice(0, kept);
    }
    const textLength = stories.reduce((sum, s) => sum + s.length, 0);
    const column = Array.isArray(manifest.details) ? (manifest.details as unknown[]) : [];
    const details = stories.map((_, i) => {
      const value = column[i];
      return typeof value === 'string' ? value : null;
    });
    // A fresh buffer the index keeps as its text: filled by the pager (no copy, no decode).
    const text = new Uint16Array(textLength);
    let pager: FileTextPager | null = null;
    if (handle && textLength > 0) pager = new FileTextPager(handle, text);
    else await handle?.close();

    if (!reason && manifest.format === ARCHIVE_INDEX_FORMAT && sameParams(manifest.params, params)) {
      try {
        const indexBytes = await readFileBytes(join(dir, ARCHIVE_FILES.index));
        if (!indexBytes) throw new MissingIndex();
        const index = ArchiveIndex.fromBytes(indexBytes, stories, text, {
          acceptPrefix: true,
          ...(pager ? { pager } : {}),
        });
        if (sameParams(index.params, params)) {
          const covered = index.persisted;
          const caughtUp = stories.length - covered.stories;
          const status: ArchiveOpenStatus = {
            stories: stories.length,
            rebuilt: false,
            ...(caughtUp ? { caughtUp } : {}),
          };
          const store = new ArchiveStore(dir, index, status, manifest.source);
          store.#details = details;
          store.#indexCovers = covered;
          if (textLength - covered.textLength > INDEX_STEP) await store.#writeIndex();
          store.#textLoaded = pager?.start() ?? Promise.resolve();
          return store;
        }
        reason = 'index parameters changed';
      } catch (err) {
        if (err instanceof MissingIndex) reason = 'index.bin missing';
        else if (err instanceof StaleArchiveIndexError) reason = err.message;
        else throw err;
      }
    } else {
      reason ??= `format or parameters changed (format ${manifest.format})`;
    }
    pager?.ensure(0, textLength);
    void pager?.start(); // nothing left to read: closes the file
    const index = ArchiveIndex.fromText(stories, text, params);
    const store = new ArchiveStore(
      dir,
      index,
      { stories: stories.length, rebuilt: true, reason },
      manifest.source,
    );
    store.#details = details;
    await store.#writeManifest();
    await store.#writeIndex();
    return store;
  }

  /** Replaces whatever is in `dir` by an archive of `entries` (used for --archive folders). */
  static async create(
    dir: string,
    entries: Iterable<ArchiveRecord>,
    options: { params?: ArchiveParams; source?: string } = {},
  ): Promise<ArchiveStore> {
    const all = [...entries];
    return ArchiveStore.save(
      dir,
      ArchiveIndex.build(all, options.params ?? DEFAULT_ARCHIVE_PARAMS),
      options.source,
      recordDetails(all),
    );
  }

  /** Writes a built index and its texts to `dir`, replacing what was there. */
  static async save(
    dir: string,
    index: ArchiveIndex,
    source?: string,
    details: ReadonlyMap<string, ArchiveDetails | null> = new Map(),
  ): Promise<ArchiveStore> {
    const store = new ArchiveStore(
      dir,
      index,
      { stories: index.storyCount, rebuilt: true, reason: 'created' },
      source,
    );
    store.#alignDetails(0, details);
    try {
      await mkdir(dir, { recursive: true });
      await rm(join(dir, ARCHIVE_FILES.manifest), { force: true });
      await writeFileDurable(join(dir, ARCHIVE_FILES.texts), unitBytes(index.textUnits));
      await store.#writeIndex();
      await store.#writeManifest();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw err;
      store.#persistent = false; // a read-only folder: check from memory this time
    }
    return store;
  }

  /** The commit point: the story list (whose texts are already on disk). */
  async #writeManifest(): Promise<void> {
    if (!this.#persistent) return;
    await mkdir(this.dir, { recursive: true });
    const stories = this.#index.stories;
    const manifest = {
      format: ARCHIVE_INDEX_FORMAT,
      params: { ...this.#index.params },
      columns: {
        ids: stories.map((st) => st.id),
        titles: stories.map((st) => st.title),
        dates: stories.map((st) => st.date),
        lengths: stories.map((st) => st.length),
      },
      ...(this.#details.some((d) => d !== null) ? { details: this.#details } : {}),
      ...(this.source ? { source: this.source } : {}),
    } satisfies z.input<typeof ManifestSchema>;
    await writeFileDurable(join(this.dir, ARCHIVE_FILES.manifest), JSON.stringify(manifest));
  }

  /** index.bin for every story (written after the manifest that lists them, or before a manifest that is then written). */
  async #writeIndex(): Promise<void> {
    if (!this.#persistent) return;
    await mkdir(this.dir, { recursive: true });
    const covers = { stories: this.#index.storyCount, textLength: this.#index.textLength };
    await writeFileDurable(join(this.dir, ARCHIVE_FILES.index), this.#index.toBytes());
    this.#indexCovers = covers;
  }

  /**
   * Archives stories (a story published, past pages imported): text appended and
   * manifest written, both durably; the index is updated in memory, and index.bin
   * rewritten only every INDEX_STEP characters (or on `flush`). Pass many stories at
   * once where there are many: one add is one append and one manifest write. The observers
   * are told first (`origin`: 'newsroom' for stories pulled from the newsroom's archive, of
   * which those whose id the archive holds already, by then, are left out).
   */
  add(given: readonly ArchiveRecord[], origin: ArchiveOrigin = 'desk'): Promise<void> {
    if (given.length === 0) return Promise.resolve();
    return this.#queue.run(async () => {
      const entries = origin === 'newsroom' ? this.#notHeld(given) : given;
      if (entries.length === 0) return;
      for (const observer of this.#observers) await observer(entries, origin);
      const before = this.#index.textLength;
      const count = this.#index.storyCount;
      if (!this.#persistent) {
        this.#index.add(entries);
        this.#alignDetails(count, recordDetails(entries));
        return;
      }
      await mkdir(this.dir, { recursive: true });
      const handle = await openFile(join(this.dir, ARCHIVE_FILES.texts), 'a+');
      try {
        // Bytes past the manifest's stories are a crashed add's leftovers: cut them off first,
        // unless another ArchiveStore on this folder committed them (then nothing is cut).
        if ((await handle.stat()).size > before * 2) await this.#refuseIfChangedElsewhere();
        this.#index.add(entries);
        this.#alignDetails(count, recordDetails(entries));
        await handle.truncate(before * 2);
        const added = unitBytes(this.#index.textUnits.subarray(before));
        await handle.write(added, 0, added.length, before * 2);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.#writeManifest();
      const covered = this.#indexCovers;
      if (covered.stories === 0 || this.#index.textLength - covered.textLength > INDEX_STEP)
        await this.#writeIndex();
    });
  }

  /** The records whose id is in neither the archive nor earlier in the list. */
  #notHeld(records: readonly ArchiveRecord[]): ArchiveRecord[] {
    const held = new Set(this.#index.stories.map((s) => s.id));
    const out: ArchiveRecord[] = [];
    for (const r of records) {
      if (held.has(r.id)) continue;
      held.add(r.id);
      out.push(r);
    }
    return out;
  }

  /**
   * Throws when the manifest on disk lists stories this store does not know (another
   * ArchiveStore, in this process or another, archived them): truncating texts.u16
   * to this store's length would lose their text. Nothing is added (in memory
   * either); reopening the archive sees every story.
   */
  async #refuseIfChangedElsewhere(): Promise<void> {
    const manifest = await readJsonFile(join(this.dir, ARCHIVE_FILES.manifest), ManifestSchema);
    const listed = manifest ? storiesOf(manifest) : [];
    const count = this.#index.storyCount;
    if (listed.length > count) {
      throw new DeskError(
        'locked',
        'error.dataLocked',
        { dataDir: this.dir },
        `The archive in ${this.dir} was changed by another writer (${listed.length} stories listed, ${count} known here). ` +
          'Nothing was archived and nothing was cut; reopen the archive and try again.',
      );
    }
  }

  /** Writes index.bin if stories were added since it was last written (at the end of an import, at exit). */
  flush(): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#indexCovers.stories !== this.#index.storyCount) await this.#writeIndex();
    });
  }

  /** The draft's runs already published (duplicate.archive warnings). */
  checkAgainstArchive(draft: CheckedStory, options?: ArchiveCheckOptions): Finding[] {
    return checkAgainstArchive(this.#index, draft, options);
  }
}

class MissingIndex extends Error {}

/** The bytes of UTF-16 code units (a view, no copy; little-endian like every platform the desk runs on). */
function unitBytes(units: Uint16Array): Uint8Array {
  return new Uint8Array(units.buffer, units.byteOffset, units.byteLength);
}

/** The archive folder of a data folder. */
export function archiveDirOf(dataDir: string): string {
  return join(dataDir, 'archive');
}

/** The details of records by id (null for a record archived without them). */
function recordDetails(records: readonly ArchiveRecord[]): Map<string, ArchiveDetails | null> {
  return new Map(records.map((r) => [r.id, r.details ?? null]));
}

/**
 * What the archive keeps of a story: body blocks' texts in order ('' for a photo),
 * headline, date, and its region and byline as they stand when it is archived.
 */
export function archiveEntryOf(
  id: string,
  content: Pick<StoryContent, 'headline' | 'body'> &
    Partial<Pick<StoryContent, 'region' | 'byline' | 'dateline'>>,
  date: string,
): ArchiveRecord {
  const blocks = blocksOfBody(content.body).map((b) => (b.type === 'photo' ? '' : b.text));
  const { region = null, byline, dateline = '' } = content;
  const entry = { id, title: content.headline, date, blocks };
  return byline ? { ...entry, details: { region, byline, dateline } } : entry;
}
