/**
 * The desk's storage: one lowdb JSON document per story, a journaled list index,
 * rolling backups, damage recovery, prefs, notices and photos, in one data folder
 * held by one process (architecture.md, Storage).
 *
 * Layout (see data-layout.ts): stories/<id>.json, backups/<id>/<rev>.json,
 * index/{summaries.json,journal.ndjson}, damaged/, purged/, photos/, prefs.json,
 * notices.json, desk.lock.
 *
 * Every change runs through one queue: it appends the new summary to the index
 * journal (intent), keeps the current story file as a backup (hard link), then
 * replaces the story file durably. A crash at any point leaves each story file at
 * its old or new version, and `open` reconciles the one story that might be in doubt.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import type { Low } from 'lowdb';
import { z } from 'zod';

import { DeskError, invalidInput } from '../../../shared/api/errors';
import type { Notice, StoredPhoto } from '../../../shared/api/types';
import {
  PrefsSchema,
  StoryContentSchema,
  StorySchema,
  contentOf,
  summarize,
  type Prefs,
  type Story,
  type StoryContent,
  type StorySummary,
} from '../../../shared/model';
import { DataLock } from './data-lock';
import { dataLayout, STORY_FILE_NAME, storyFileName, type DataLayout } from './data-layout';
import { DamagedFileError, DurableJsonFile, isTempFileName, writeFileDurable } from './durable-file';
import { openJsonDocument } from './json-document';
import { moveAside, fileTimestamp } from './move-aside';
import { checkPhoto, PHOTO_FILE, type CheckedPhoto } from './photo-type';
import { SerialQueue } from './serial-queue';
import { StoryBackups } from './story-backups';
import { appendRevision } from './story-history';
import { StoryIndex } from './story-index';

export { MAX_PHOTO_BYTES } from './photo-type';
/** Notices kept until dismissed; beyond this the oldest go, so the file stays small. */
const MAX_NOTICES = 500;

const NoticeSchema = z.object({
  id: z.string(),
  at: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const NoticesSchema = z.object({ schema: z.literal(1), notices: z.array(NoticeSchema) });
type NoticesDoc = z.infer<typeof NoticesSchema>;

/** Options of DeskStore.open. */
export type DeskStoreOptions = {
  /** The data folder; created if missing. */
  dataDir: string;
  /** Who this desk acts as: recorded as updatedBy of trash/restore and recoveries. */
  user: string;
  /** The clock (tests pass a fake one to exercise history compaction). */
  now?: () => Date;
};

/** What the background check of every story file found. */
export type VerifyReport = {
  checked: number;
  recovered: number;
  unrecoverable: number;
  /** Index rows corrected to match the story files. */
  reindexed: number;
};

export class DeskStore {
  readonly dataDir: string;
  /** True when the folder had neither stories nor an index at open: the caller seeds a demo page only then. */
  readonly isNew: boolean;
  #verification: Promise<VerifyReport> = Promise.resolve({
    checked: 0,
    recovered: 0,
    unrecoverable: 0,
    reindexed: 0,
  });

  readonly #paths: DataLayout;
  readonly #user: string;
  readonly #now: () => Date;
  readonly #lock: DataLock;
  readonly #index: StoryIndex;
  readonly #backups: StoryBackups;
  readonly #prefs: Low<Prefs>;
  readonly #notices: Low<NoticesDoc>;
  readonly #queue = new SerialQueue();
  #closed = false;

  private constructor(init: {
    paths: DataLayout;
    user: string;
    now: () => Date;
    lock: DataLock;
    index: StoryIndex;
    backups: StoryBackups;
    prefs: Low<Prefs>;
    notices: Low<NoticesDoc>;
    isNew: boolean;
  }) {
    this.dataDir = init.paths.root;
    this.#paths = init.paths;
    this.#user = init.user;
    this.#now = init.now;
    this.#lock = init.lock;
    this.#index = init.index;
    this.#backups = init.backups;
    this.#prefs = init.prefs;
    this.#notices = init.notices;
    this.isNew = init.isNew;
  }

  /** Resolves when the background check of every story file, started by open, is done. Never rejects. */
  get verification(): Promise<VerifyReport> {
    return this.#verification;
  }

  /**
   * Opens (creating if needed) a data folder and takes its lock.
   * @throws DeskError 'locked' when another live process holds the folder.
   */
  static async open(options: DeskStoreOptions): Promise<DeskStore> {
    const paths = dataLayout(options.dataDir);
    const now = options.now ?? (() => new Date());
    for (const dir of [paths.root, paths.stories, paths.backups, paths.damaged, paths.photos, paths.index]) {
      await mkdir(dir, { recursive: true });
    }
    const lock = await DataLock.acquire(paths.root);
    try {
      // Crash leftovers: a temp file is a write that never got renamed, so the old version stands.
      for (const dir of [paths.root, paths.stories, paths.index, paths.photos]) await sweepTempFiles(dir);

      const pending: Array<Omit<Notice, 'id' | 'at'>> = [];
      const notices = await openJsonDocument(
        paths.notices,
        NoticesSchema,
        () => ({ schema: 1 as const, notices: [] }),
        paths.damaged,
        now(),
      );
      if (notices.damaged) pending.push(damagedNotice('notices.json', notices.damaged.damagedAs));
      const prefs = await openJsonDocument(
        paths.prefs,
        PrefsSchema,
        () => PrefsSchema.parse({}),
        paths.damaged,
        now(),
      );
      if (prefs.damaged) pending.push(damagedNotice('prefs.json', prefs.damaged.damagedAs));

      const storyIds = await listStoryIds(paths.stories);
      const backups = new StoryBackups(paths.backups);
      let loaded;
      try {
        loaded = await StoryIndex.load(paths.index);
      } catch (error) {
        if (!(error instanceof DamagedFileError)) throw error;
        const damagedAs = await moveAside(error.path, paths.damaged, now());
        pending.push({
          level: 'warning',
          key: 'notice.indexRebuilt',
          params: { file: relativeName(paths, error.path), damagedAs: `damaged/${damagedAs}` },
        });
        loaded = { state: 'missing' as const };
      }
      const isNew = loaded.state === 'missing' && storyIds.length === 0;
      let damagedIds: string[] = [];
      let index: StoryIndex;
      if (loaded.state === 'loaded') {
        index = loaded.index;
      } else {
        const scan = await scanStories(paths.stories, storyIds);
        index = await StoryIndex.rebuild(paths.index, scan.summaries);
        damagedIds = scan.damagedIds;
      }

      const store = new DeskStore({
        paths,
        user: options.user,
        now,
        lock,
        index,
        backups,
        prefs: prefs.db,
        notices: notices.db,
        isNew,
      });
      for (const notice of pending) await store.#addNotice(notice);
      // Damaged files met by a rebuild are recovered now, so the first list is complete.
      for (const id of damagedIds) await store.#reconcile(id);
      // The one change that may have been cut short by a crash (see story-index.ts).
      if (loaded.state === 'loaded' && loaded.lastTouchedId) await store.#reconcile(loaded.lastTouchedId);
      // Started on the next turn so open() returns first; it never rejects (a failure becomes a notice).
      store.#verification = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        store.#verifyAll(),
      );
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Number of stories in the list (trashed ones included). */
  get storyCount(): number {
    return this.#index.size;
  }

  /** Every story's summary, trashed ones included, from memory. */
  list(): StorySummary[] {
    return this.#index.all();
  }

  /**
   * Reads a story from its file, validated. A damaged file is moved aside and the
   * story recovered from its newest good backup.
   * @throws DeskError 'not-found'; 'damaged' when it was damaged and had no good backup.
   */
  async get(id: string): Promise<Story> {
    this.#checkOpen();
    const path = this.#storyPath(id);
    try {
      const story = await readStory(path, id);
      if (story) return story;
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      const recovered = await this.#queue.run(() => this.#reconcile(id));
      if (recovered) return recovered;
      throw new DeskError(
        'damaged',
        'error.storyDamaged',
        { id },
        `Story ${id} was damaged and no good backup exists. The damaged file was moved to damaged/; nothing was deleted.`,
      );
    }
    throw notFound(id);
  }

  /**
   * Stores a new story (validated with StorySchema).
   * @throws DeskError 'invalid-input' for a bad story, 'conflict' when the id exists.
   */
  create(story: Story): Promise<Story> {
    const parsed = StorySchema.safeParse(story);
    if (!parsed.success) return Promise.reject(invalidInput('stories.create', parsed.error.message));
    return this.#change(async () => {
      if (this.#index.get(story.id) || (await exists(this.#storyPath(story.id)))) {
        throw new DeskError(
          'conflict',
          'error.storyExists',
          { id: story.id },
          `A story with id ${story.id} already exists; nothing was written.`,
        );
      }
      await this.#commit(parsed.data, null);
      return parsed.data;
    });
  }

  /**
   * Saves new content over revision `baseRev`. The replaced content becomes a revision
   * in `history` (compacted, see story-history.ts). `amend` (the review layer) adjusts
   * the new document's review data in the same write: cleared signatures, moved comment anchors.
   * A baseRev older than the current rev is accepted when the revs since changed only
   * review data (contentRev), so a comment never makes an editor's save a conflict.
   * @throws DeskError 'conflict' (key error.conflict) when the content changed since baseRev: never a lost update.
   */
  save(
    id: string,
    baseRev: number,
    content: StoryContent,
    by: string,
    amend?: (current: Story, next: Story) => Story,
  ): Promise<Story> {
    const parsed = StoryContentSchema.safeParse(content);
    if (!parsed.success) return Promise.reject(invalidInput('stories.save', parsed.error.message));
    return this.#change(async () => {
      const current = await this.#current(id);
      const contentRev = checkBaseRev(current, baseRev);
      const { contentRev: _dropped, ...rest } = current;
      const signed =
        current.signedRev === contentRev || (current.signatures ?? []).some((s) => s.rev === contentRev);
      let next: Story = {
        ...rest,
        ...parsed.data,
        rev: current.rev + 1,
        updatedAt: this.#now().toISOString(),
        updatedBy: by,
        history: appendRevision(current.history, {
          rev: contentRev,
          savedAt: current.updatedAt,
          savedBy: current.updatedBy,
          content: contentOf(current),
          ...(signed ? { signed: true } : {}),
        }),
      };
      if (amend) next = amend(current, next);
      await this.#commit(next, current);
      return next;
    });
  }

  /**
   * Changes a story's review data only (status, signatures, comments; issue 6): a new
   * rev, while the content, its history and updatedAt/updatedBy (the last edit) stay.
   * `baseRev` is checked like a save's (null: no check, for comments and locks).
   * @throws DeskError 'conflict' when the content changed since baseRev.
   */
  amendReview(id: string, baseRev: number | null, change: (current: Story) => Story): Promise<Story> {
    return this.#change(async () => {
      const current = await this.#current(id);
      const contentRev =
        baseRev === null ? (current.contentRev ?? current.rev) : checkBaseRev(current, baseRev);
      const changed = change(current);
      const next: Story = {
        ...changed,
        ...contentOf(current),
        id: current.id,
        rev: current.rev + 1,
        contentRev,
        history: current.history,
        updatedAt: current.updatedAt,
        updatedBy: current.updatedBy,
      };
      const parsed = StorySchema.safeParse(next);
      if (!parsed.success) throw invalidInput('review', parsed.error.message);
      await this.#commit(parsed.data, current);
      return parsed.data;
    });
  }

  /** Moves a story to the trash (`deletedAt` set) or restores it (null): a change with a new rev. */
  setDeleted(id: string, deletedAt: string | null): Promise<StorySummary> {
    return this.#change(async () => {
      const current = await this.#current(id);
      const next: Story = {
        ...current,
        deletedAt,
        rev: current.rev + 1,
        updatedAt: this.#now().toISOString(),
        updatedBy: this.#user,
      };
      await this.#commit(next, current);
      return summarize(next);
    });
  }

  /**
   * Removes a trashed story from the desk. Nothing is deleted: the file and its
   * backups move to purged/, where a person can still find them.
   * @throws DeskError 'invalid-input' (error.notInTrash) when the story is not in the trash.
   */
  purge(id: string): Promise<void> {
    return this.#change(async () => {
      const current = await this.#current(id);
      if (current.deletedAt === null) {
        throw new DeskError(
          'invalid-input',
          'error.notInTrash',
          { id },
          `Story ${id} is not in the trash; move it there before purging.`,
        );
      }
      const stamp = fileTimestamp(this.#now());
      await this.#index.drop(id);
      await mkdir(this.#paths.purged, { recursive: true });
      await this.#backups.moveTo(id, join(this.#paths.purged, `${id}.backups.${stamp}`));
      await moveAside(this.#storyPath(id), this.#paths.purged, this.#now());
    });
  }

  /** Notices not yet dismissed, oldest first. */
  notices(): Notice[] {
    return this.#notices.data.notices.slice();
  }

  /** Forgets a notice (unknown ids are ignored: dismissing twice is harmless). */
  dismissNotice(id: string): Promise<void> {
    return this.#change(async () => {
      const rest = this.#notices.data.notices.filter((n) => n.id !== id);
      if (rest.length === this.#notices.data.notices.length) return;
      this.#notices.data = { schema: 1, notices: rest };
      await this.#notices.write();
    });
  }

  getPrefs(): Prefs {
    return structuredClone(this.#prefs.data);
  }

  /** Merges `patch` into the prefs, validated with PrefsSchema, and stores them. */
  setPrefs(patch: Partial<Prefs>): Promise<Prefs> {
    return this.#change(async () => {
      const parsed = PrefsSchema.safeParse({ ...this.#prefs.data, ...patch });
      if (!parsed.success) throw invalidInput('prefs.set', parsed.error.message);
      this.#prefs.data = parsed.data;
      await this.#prefs.write();
      return structuredClone(parsed.data);
    });
  }

  /**
   * Copies a photo into photos/, unmodified, named by its content (sha256), so the
   * same photo imported twice is stored once and a stored photo never changes.
   * @throws DeskError 'invalid-input' (error.photoType) unless the bytes are JPEG, PNG or WebP.
   */
  importPhoto(name: string, bytes: Uint8Array): Promise<StoredPhoto> {
    let checked: CheckedPhoto;
    try {
      checked = checkPhoto(name, bytes);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const { file, type } = checked;
    return this.#change(async () => {
      const path = join(this.#paths.photos, file);
      if (!(await exists(path))) await writeFileDurable(path, bytes);
      return { file, bytes: bytes.length, type: type.mime };
    });
  }

  /**
   * Absolute path of a stored photo.
   * @throws DeskError 'invalid-input' (error.photoName) for anything but a stored photo name (no paths, no "..").
   */
  photoPath(file: string): string {
    if (!PHOTO_FILE.test(file)) {
      throw new DeskError(
        'invalid-input',
        'error.photoName',
        { file },
        `${file} is not the name of a stored photo.`,
      );
    }
    return join(this.#paths.photos, file);
  }

  /** Waits for running changes and the background check, then gives the folder back. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.verification;
    await this.#queue.run(async () => undefined);
    await this.#index.close();
    await this.#lock.release();
  }

  // ---- internals -------------------------------------------------------------

  #checkOpen(): void {
    if (this.#closed)
      throw new DeskError(
        'internal',
        'error.storeClosed',
        {},
        'The data folder was closed; reopen the desk.',
      );
  }

  #change<T>(task: () => Promise<T>): Promise<T> {
    try {
      this.#checkOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#queue.run(task);
  }

  #storyPath(id: string): string {
    return join(this.#paths.stories, storyFileName(id));
  }

  /** The story as on disk, recovering a damaged file; for use inside the queue. */
  async #current(id: string): Promise<Story> {
    let story: Story | null;
    try {
      story = await readStory(this.#storyPath(id), id);
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      story = await this.#reconcile(id);
    }
    if (!story) throw notFound(id);
    return story;
  }

  /**
   * Writes a story: intent in the index journal, backup of the current file, durable
   * replace. If the write fails the index goes back to what is on disk.
   */
  async #commit(next: Story, previous: Story | null): Promise<void> {
    const before = this.#index.get(next.id);
    await this.#index.put(summarize(next));
    try {
      const path = this.#storyPath(next.id);
      if (previous) await this.#backups.keep(next.id, previous.rev, path);
      await new DurableJsonFile(path, StorySchema).write(next);
    } catch (error) {
      await (before ? this.#index.put(before) : this.#index.drop(next.id)).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Makes the index agree with one story file, recovering the file if it is damaged.
   * Returns the story as it now stands, or null when it has no (recoverable) file.
   * Runs inside the queue (or during open, before anyone else can change anything).
   */
  async #reconcile(id: string): Promise<Story | null> {
    const path = this.#storyPath(id);
    let story: Story | null;
    try {
      story = await readStory(path, id);
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      return this.#recover(id, error);
    }
    if (!story) {
      await this.#index.drop(id);
      return null;
    }
    const indexed = this.#index.get(id);
    const summary = summarize(story);
    if (!indexed || JSON.stringify(indexed) !== JSON.stringify(summary)) await this.#index.put(summary);
    return story;
  }

  /** Moves a damaged story file to damaged/, restores the newest good backup, and records a notice. */
  async #recover(id: string, damage: DamagedFileError): Promise<Story | null> {
    const at = this.#now();
    const damagedAs = `damaged/${await moveAside(damage.path, this.#paths.damaged, at)}`;
    const file = `stories/${storyFileName(id)}`;
    const known = this.#index.get(id);
    const backup = await this.#backups.newestGood(id);
    if (!backup) {
      await this.#index.drop(id);
      await this.#addNotice({
        level: 'error',
        key: 'notice.unrecoverable',
        params: { id, headline: known?.headline ?? '', file, damagedAs, reason: damage.reason },
      });
      return null;
    }
    // A new revision, so revs keep increasing and an editor still holding the damaged rev gets a conflict, not a silent overwrite.
    const restored: Story = {
      ...backup,
      rev: Math.max(backup.rev, known?.rev ?? 0) + 1,
      updatedAt: at.toISOString(),
      updatedBy: this.#user,
    };
    await this.#commit(restored, null);
    await this.#addNotice({
      level: 'warning',
      key: 'notice.recovered',
      params: {
        id,
        headline: restored.headline,
        file,
        damagedAs,
        fromRev: backup.rev,
        rev: restored.rev,
        reason: damage.reason,
      },
    });
    return restored;
  }

  async #addNotice(notice: Omit<Notice, 'id' | 'at'>): Promise<void> {
    const full: Notice = { id: randomBytes(8).toString('hex'), at: this.#now().toISOString(), ...notice };
    const all = [...this.#notices.data.notices, full];
    this.#notices.data = { schema: 1, notices: all.slice(Math.max(0, all.length - MAX_NOTICES)) };
    await this.#notices.write();
  }

  /**
   * Checks every story file in the background: damaged ones are recovered, and the
   * index is corrected where it disagrees (a file the index lacks, or the reverse).
   * Reads run outside the queue; only a fix takes the queue, and re-reads under it.
   */
  async #verifyAll(): Promise<VerifyReport> {
    const report: VerifyReport = { checked: 0, recovered: 0, unrecoverable: 0, reindexed: 0 };
    try {
      const ids = await listStoryIds(this.#paths.stories);
      const onDisk = new Set(ids);
      for (const id of ids) {
        if (this.#closed) return report;
        report.checked++;
        let fine = false;
        try {
          const story = await readStory(this.#storyPath(id), id);
          const indexed = this.#index.get(id);
          fine =
            story === null ||
            (indexed !== undefined && indexed.rev === story.rev && indexed.updatedAt === story.updatedAt);
        } catch (error) {
          if (!(error instanceof DamagedFileError)) throw error;
        }
        if (fine) continue;
        // A recovery always adds a notice, so a new last notice tells a recovery from a re-index.
        const lastNotice = this.#notices.data.notices.at(-1)?.id;
        const result = await this.#queue.run(() => this.#reconcile(id));
        if (this.#notices.data.notices.at(-1)?.id !== lastNotice) {
          if (result) report.recovered++;
          else report.unrecoverable++;
        } else {
          report.reindexed++;
        }
      }
      for (const id of this.#index.ids()) {
        if (this.#closed) return report;
        if (onDisk.has(id)) continue;
        // Created after the listing, or its file vanished: re-check under the queue.
        const result = await this.#queue.run(() => this.#reconcile(id));
        if (!result) report.reindexed++;
      }
    } catch (error) {
      if (!this.#closed) {
        await this.#queue
          .run(() =>
            this.#addNotice({
              level: 'error',
              key: 'notice.verifyFailed',
              params: { reason: String((error as Error).message ?? error) },
            }),
          )
          .catch(() => undefined);
      }
    }
    return report;
  }
}

/**
 * The content rev a change over `baseRev` applies to; throws a conflict when the
 * content changed after baseRev (revs that changed only review data do not count).
 */
function checkBaseRev(current: Story, baseRev: number): number {
  const contentRev = current.contentRev ?? current.rev;
  if (baseRev < contentRev || baseRev > current.rev) {
    throw new DeskError(
      'conflict',
      'error.conflict',
      { id: current.id, baseRev, rev: current.rev, updatedBy: current.updatedBy },
      `Story ${current.id} changed since revision ${baseRev} (now ${current.rev}, by ${current.updatedBy}). ` +
        'Your text was not saved over it: reload the story and apply your change again.',
    );
  }
  return contentRev;
}

function notFound(id: string): DeskError {
  return new DeskError(
    'not-found',
    'error.storyNotFound',
    { id },
    `No story with id ${id} in this data folder.`,
  );
}

function damagedNotice(file: string, damagedAs: string): Omit<Notice, 'id' | 'at'> {
  return { level: 'warning', key: 'notice.damagedFile', params: { file, damagedAs: `damaged/${damagedAs}` } };
}

function relativeName(paths: DataLayout, path: string): string {
  return path.startsWith(paths.root) ? path.slice(paths.root.length + 1).replace(/\\/g, '/') : path;
}

/** Reads a story file; null when missing. A file whose id is not its name is damaged too. */
async function readStory(path: string, id: string): Promise<Story | null> {
  const story = await new DurableJsonFile(path, StorySchema).read();
  if (story && story.id !== id) throw new DamagedFileError(path, `holds story ${story.id}, not ${id}`);
  return story;
}

/** Reads every story file for a rebuild, a few at a time (the disk overlaps the reads). */
async function scanStories(
  storiesDir: string,
  ids: string[],
): Promise<{ summaries: StorySummary[]; damagedIds: string[] }> {
  const summaries: StorySummary[] = [];
  const damagedIds: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        const story = await readStory(join(storiesDir, storyFileName(id)), id);
        if (story) summaries.push(summarize(story));
      } catch (error) {
        if (!(error instanceof DamagedFileError)) throw error;
        damagedIds.push(id);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { summaries, damagedIds };
}

async function listStoryIds(storiesDir: string): Promise<string[]> {
  const names = await readdir(storiesDir);
  return names.map((name) => STORY_FILE_NAME.exec(name)?.[1]).filter((id): id is string => id !== undefined);
}

async function sweepTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (isTempFileName(name)) await unlink(join(dir, name)).catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
