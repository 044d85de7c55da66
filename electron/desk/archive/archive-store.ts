/**
 * The archive on disk: published (and imported past) stories and their fingerprint
 * index, in the data folder's `archive/` (or any folder given):
 *
 *   manifest.json  { format, params, stories: [{ id, title, date, length }] }: the commit point
 *   texts.u16      every archived story's blocks (ArchiveIndex.text), UTF-16LE, append-only
 *   index.bin      ArchiveIndex.toBytes(): the winnowed fingerprints
 *
 * UTF-16LE because that is the in-memory form: loading is a copy, not a decode.
 * Adding stories appends their text (fsync), then writes index.bin and manifest.json
 * durably (writeFileDurable), the manifest last. A crash in between leaves either
 * extra bytes at the end of texts.u16 (ignored and cut off at the next add) or an
 * index.bin built for another story list: `open` notices (the index header carries a
 * hash of the story list and parameters) and rebuilds the index from the texts.
 */
import { open as openFile, mkdir, readFile, rm } from 'node:fs/promises';
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

export const ARCHIVE_FILES = { manifest: 'manifest.json', texts: 'texts.u16', index: 'index.bin' } as const;

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
export type ArchiveOpenStatus = { stories: number; rebuilt: boolean; reason?: string };

const sameParams = (a: ArchiveParams, b: ArchiveParams) =>
  a.k === b.k && a.w === b.w && a.commonMinStories === b.commonMinStories && a.commonFraction === b.commonFraction;

export class ArchiveStore {
  readonly dir: string;
  readonly status: ArchiveOpenStatus;
  readonly source: string | undefined;
  #index: ArchiveIndex;
  /** False for an archive that could not be written (read-only folder): kept in memory only. */
  #persistent: boolean;

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

  /**
   * Opens the archive in `dir`; an absent archive is an empty one (created on the
   * first add). A missing or stale index.bin is rebuilt from the texts and saved.
   */
  static async open(dir: string, params: ArchiveParams = DEFAULT_ARCHIVE_PARAMS): Promise<ArchiveStore> {
    const manifest = await readJsonFile(join(dir, ARCHIVE_FILES.manifest), ManifestSchema);
    if (!manifest) return new ArchiveStore(dir, new ArchiveIndex(params), { stories: 0, rebuilt: false });

    const expected = manifest.stories.reduce((sum, s) => sum + s.length, 0);
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dir, ARCHIVE_FILES.texts));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      bytes = Buffer.alloc(0);
    }
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
    const text = bytes.toString('utf16le', 0, textLength * 2);

    if (!reason && manifest.format === ARCHIVE_INDEX_FORMAT && sameParams(manifest.params, params)) {
      try {
        const indexBytes = await readFile(join(dir, ARCHIVE_FILES.index));
        const index = ArchiveIndex.fromBytes(new Uint8Array(indexBytes.buffer, indexBytes.byteOffset, indexBytes.length), stories, text);
        if (sameParams(index.params, params)) {
          return new ArchiveStore(dir, index, { stories: stories.length, rebuilt: false }, manifest.source);
        }
        reason = 'index parameters changed';
      } catch (err) {
        if (err instanceof StaleArchiveIndexError) reason = err.message;
        else if ((err as NodeJS.ErrnoException).code === 'ENOENT') reason = 'index.bin missing';
        else throw err;
      }
    } else {
      reason ??= `format or parameters changed (format ${manifest.format})`;
    }
    const index = ArchiveIndex.fromText(stories, text, params);
    const store = new ArchiveStore(dir, index, { stories: stories.length, rebuilt: true, reason }, manifest.source);
    await store.#writeIndexAndManifest();
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
      await writeFileDurable(join(dir, ARCHIVE_FILES.texts), Buffer.from(index.text, 'utf16le'));
      await store.#writeIndexAndManifest();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw err;
      store.#persistent = false; // a read-only folder: check from memory this time
    }
    return store;
  }

  async #writeIndexAndManifest(): Promise<void> {
    if (!this.#persistent) return;
    await mkdir(this.dir, { recursive: true });
    const manifest: Manifest = {
      format: ARCHIVE_INDEX_FORMAT,
      params: { ...this.#index.params },
      stories: [...this.#index.stories],
      ...(this.source ? { source: this.source } : {}),
    };
    await writeFileDurable(join(this.dir, ARCHIVE_FILES.index), this.#index.toBytes());
    await writeFileDurable(join(this.dir, ARCHIVE_FILES.manifest), JSON.stringify(manifest));
  }

  /** Archives stories (a story published, a past page imported): text appended, index updated, both durably. */
  async add(entries: readonly ArchiveEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const before = this.#index.text.length;
    this.#index.add(entries);
    if (!this.#persistent) return;
    await mkdir(this.dir, { recursive: true });
    const handle = await openFile(join(this.dir, ARCHIVE_FILES.texts), 'a+');
    try {
      // Bytes past the manifest's stories are a crashed add's leftovers: cut them off first.
      await handle.truncate(before * 2);
      const added = Buffer.from(this.#index.text.slice(before), 'utf16le');
      await handle.write(added, 0, added.length, before * 2);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.#writeIndexAndManifest();
  }

  /** The draft's runs already published (duplicate.archive warnings). */
  checkAgainstArchive(draft: CheckedStory, options?: ArchiveCheckOptions): Finding[] {
    return checkAgainstArchive(this.#index, draft, options);
  }
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
