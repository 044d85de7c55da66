/**
 * The archive on disk: published (and imported past) stories and their fingerprint
 * index, in the data folder's `archive/` (or any folder given):
 *
 *   manifest.json  { format, params, stories: [{ id, title, date, length }] }: the commit point
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
import { open as openFile, mkdir, rm } from 'node:fs/promises';
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
  type CheckedStory,
} from '../../../shared/checks/duplicates';
import type { Finding } from '../../../shared/checks/finding';
import { blocksOfBody, type StoryContent } from '../../../shared/model';
import { readJsonFile, writeFileDurable } from '../storage/durable-file';
import { SerialQueue } from '../storage/serial-queue';

export const ARCHIVE_FILES = { manifest: 'manifest.json', texts: 'texts.u16', index: 'index.bin', search: 'search.bin' } as const;

/** index.bin is rewritten once the stories it does not cover hold this many characters (catching up costs ~25 ms). */
export const INDEX_STEP = 500_000;

const ManifestSchema = z.object({
  format: z.number().int(),
  params: z.object({
    k: z.number().int().min(2).max(64),
    w: z.number().int().min(1).max(1000),
    commonMinStories: z.number().int().min(1),
    commonFraction: z.number().min(0).max(1),
  }),
  stories: z.array(
    z.object({ id: z.string(), title: z.string(), date: z.string(), length: z.number().int().min(0) }),
  ),
  /** Free-form provenance (the --archive folder's file signature). */
  source: z.string().optional(),
});
type Manifest = z.infer<typeof ManifestSchema>;

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

const sameParams = (a: ArchiveParams, b: ArchiveParams) =>
  a.k === b.k && a.w === b.w && a.commonMinStories === b.commonMinStories && a.commonFraction === b.commonFraction;

export class ArchiveStore {
  readonly dir: string;
  readonly status: ArchiveOpenStatus;
  readonly source: string | undefined;
  #index: ArchiveIndex;
  /** False for an archive that could not be written (read-only folder): kept in memory only. */
  #persistent: boolean;
  /** Stories and text length the index.bin on disk covers. */
  #indexCovers = { stories: 0, textLength: 0 };
  /** One add (or flush) at a time: an add's truncate-append-manifest must not interleave with another's. */
  readonly #queue = new SerialQueue();

  private constructor(dir: string, index: ArchiveIndex, status: ArchiveOpenStatus, source?: string, persistent = true) {
    this.dir = dir;
    this.#index = index;
    this.status = status;
    this.source = source;
    this.#persistent = persistent;
  }

  get index(): ArchiveIndex {
    return this.#index;
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

    const expected = manifest.stories.reduce((sum, s) => sum + s.length, 0);
    const bytes = (await readFileBytes(join(dir, ARCHIVE_FILES.texts), expected * 2)) ?? new Uint8Array(0);
    let stories = manifest.stories;
    let reason: string | undefined;
    if (bytes.length < expected * 2) {
      // Texts lost or cut short: keep the stories whose text is whole.
      let kept = 0;
      let length = 0;
      while (kept < stories.length && (length + stories[kept]!.length) * 2 <= bytes.length) length += stories[kept++]!.length;
      reason = `texts.u16 holds ${kept} of ${stories.length} stories`;
      stories = stories.slice(0, kept);
    }
    const textLength = stories.reduce((sum, s) => sum + s.length, 0);
    // The bytes' own fresh ArrayBuffer: the index keeps this view as its text, no copy, no decode.
    const text = new Uint16Array(bytes.buffer, bytes.byteOffset, textLength);

    if (!reason && manifest.format === ARCHIVE_INDEX_FORMAT && sameParams(manifest.params, params)) {
      try {
        const indexBytes = await readFileBytes(join(dir, ARCHIVE_FILES.index));
        if (!indexBytes) throw new MissingIndex();
        const index = ArchiveIndex.fromBytes(indexBytes, stories, text, { acceptPrefix: true });
        if (sameParams(index.params, params)) {
          const covered = index.persisted;
          const caughtUp = stories.length - covered.stories;
          const status: ArchiveOpenStatus = { stories: stories.length, rebuilt: false, ...(caughtUp ? { caughtUp } : {}) };
          const store = new ArchiveStore(dir, index, status, manifest.source);
          store.#indexCovers = covered;
          if (textLength - covered.textLength > INDEX_STEP) await store.#writeIndex();
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
    const index = ArchiveIndex.fromText(stories, text, params);
    const store = new ArchiveStore(dir, index, { stories: stories.length, rebuilt: true, reason }, manifest.source);
    await store.#writeManifest();
    await store.#writeIndex();
    return store;
  }

  /** Replaces whatever is in `dir` by an archive of `entries` (used for --archive folders). */
  static async create(
    dir: string,
    entries: Iterable<ArchiveEntry>,
    options: { params?: ArchiveParams; source?: string } = {},
  ): Promise<ArchiveStore> {
    return ArchiveStore.save(dir, ArchiveIndex.build(entries, options.params ?? DEFAULT_ARCHIVE_PARAMS), options.source);
  }

  /** Writes a built index and its texts to `dir`, replacing what was there. */
  static async save(dir: string, index: ArchiveIndex, source?: string): Promise<ArchiveStore> {
    const store = new ArchiveStore(dir, index, { stories: index.storyCount, rebuilt: true, reason: 'created' }, source);
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
    const manifest: Manifest = {
      format: ARCHIVE_INDEX_FORMAT,
      params: { ...this.#index.params },
      stories: [...this.#index.stories],
      ...(this.source ? { source: this.source } : {}),
    };
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
   * once where there are many: one add is one append and one manifest write.
   */
  add(entries: readonly ArchiveEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.#queue.run(async () => {
      const before = this.#index.textLength;
      this.#index.add(entries);
      if (!this.#persistent) return;
      await mkdir(this.dir, { recursive: true });
      const handle = await openFile(join(this.dir, ARCHIVE_FILES.texts), 'a+');
      try {
        // Bytes past the manifest's stories are a crashed add's leftovers: cut them off first.
        await handle.truncate(before * 2);
        const added = unitBytes(this.#index.textUnits.subarray(before));
        await handle.write(added, 0, added.length, before * 2);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.#writeManifest();
      const covered = this.#indexCovers;
      if (covered.stories === 0 || this.#index.textLength - covered.textLength > INDEX_STEP) await this.#writeIndex();
    });
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

/** What the archive keeps of a story: body blocks' texts in order ('' for a photo), headline, date. */
export function archiveEntryOf(id: string, content: Pick<StoryContent, 'headline' | 'body'>, date: string): ArchiveEntry {
  const blocks = blocksOfBody(content.body).map((b) => (b.type === 'photo' ? '' : b.text));
  return { id, title: content.headline, date, blocks };
}
