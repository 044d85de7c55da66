/**
 * The newsroom's photos on this desk (issue 17, issue 18, ADR 013 "Photos by content hash"). A
 * photo lives on the newsroom (server/store/photos.ts) and, once this desk has added or shown it,
 * in the desk's own photos/ folder under the same content-addressed name, so a story checked out
 * to this desk shows its photos offline.
 *
 * - `photoFile(file)`: the path of a photo to show; one the desk lacks is fetched once from the
 *   newsroom (GET /api/photos/<file>), checked against its name (the first 32 hex digits of its
 *   SHA-256, its type by content) and written durably through the store (importPhoto), then served
 *   like any other. The name check of DeskStore.photoPath comes first: no path ever leaves photos/.
 * - `imported`: photos.import while signed in: kept in the desk's folder, then sent to the newsroom
 *   (only kept here while the newsroom does not answer: it goes up with the check-in).
 * - `bring`: the photos of the stories a check-out took, fetched into the desk's folder.
 * - `upload`: before a check-in sends operations, `photos.has` for the hashes they name and
 *   `photos.put` of only the missing ones: a photo the newsroom has is never sent again.
 * - `localHandlers`: photos.has / photos.put on a desk that is not signed in, for its own folder.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';

import { type DeskHandlers, type DeskParsedInput } from '../../../shared/api';
import type { CheckInOp } from '../../../shared/api/checkout-contract';
import { PHOTOS_HAS_MAX, type PhotosMissing } from '../../../shared/api/photos-contract';
import type { StoredPhoto } from '../../../shared/api/types';
import type { StoryContent } from '../../../shared/model';
import type { DeskStore } from '../storage/desk-store';
import { checkPhoto, photoHashMismatch } from '../storage/photo-type';

/** What the cache needs of a signed-in connection. */
export type PhotoSource = {
  /** A contract method on the newsroom (tracked by the connection like any call). */
  call<T>(method: string, input: unknown): Promise<T>;
  /** A photo's bytes from the newsroom, null when it holds none by that name. */
  photo(file: string): Promise<Buffer | null>;
};

export type UploadCount = { asked: number; sent: number };

const EXTS = ['jpg', 'png', 'webp'] as const;
const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

export class PhotoCache {
  readonly #store: DeskStore;
  readonly #source: () => PhotoSource | null;
  /** Fetches under way, by file name: a photo shown in many places at once is fetched once. */
  readonly #fetching = new Map<string, Promise<void>>();
  /** How many photos.put this desk sent (for tests and the bench). */
  puts = 0;

  constructor(store: DeskStore, source: () => PhotoSource | null) {
    this.#store = store;
    this.#source = source;
  }

  /**
   * The path of a stored photo, fetched from the newsroom first when this desk lacks it and is
   * signed in. A photo nobody can fetch (not on the newsroom, no answer) gives the path all the
   * same: serving it then answers 404, and it is asked for again next time.
   * @throws DeskError 'invalid-input' (error.photoName) for anything but a stored photo's name.
   */
  async photoFile(file: string): Promise<string> {
    const path = this.#store.photoPath(file);
    if (await isFile(path)) return path;
    const source = this.#source();
    if (!source) return path;
    let fetching = this.#fetching.get(file);
    if (!fetching) {
      fetching = this.#fetch(source, file).finally(() => this.#fetching.delete(file));
      this.#fetching.set(file, fetching);
    }
    await fetching.catch((err: unknown) =>
      console.warn(`[desk] photo ${file} could not be fetched from the newsroom: ${(err as Error).message}`),
    );
    return path;
  }

  async #fetch(source: PhotoSource, file: string): Promise<void> {
    const bytes = await source.photo(file);
    if (!bytes) return;
    const checked = checkPhoto(file, bytes);
    // The newsroom's answer is kept only when it is the photo the name says (hash and type).
    if (checked.file !== file) throw photoHashMismatch(file, checked.sha256);
    await this.#store.importPhoto(file, bytes);
  }

  /** The photos of these stories (a check-out), in the desk's folder before the person goes away. */
  async bring(contents: readonly Pick<StoryContent, 'photos'>[]): Promise<void> {
    const files = [...new Set(contents.flatMap((c) => c.photos.map((p) => p.file)))];
    for (const file of files) await this.photoFile(file);
  }

  /**
   * photos.import while signed in: checked and kept in the desk's folder (`local`), then sent to
   * the newsroom (`remote`; null while it does not answer: the check-in sends it later).
   */
  async imported(
    input: DeskParsedInput<'photos.import'>,
    local: (input: unknown) => Promise<unknown>,
    remote: ((input: unknown) => Promise<unknown>) | null,
  ): Promise<StoredPhoto> {
    const kept = (await local(input)) as StoredPhoto;
    return remote ? ((await remote(input)) as StoredPhoto) : kept;
  }

  /** The bytes of the photo with this SHA-256 in the desk's folder, or null. */
  async #bytesOf(hash: string): Promise<Buffer | null> {
    for (const ext of EXTS) {
      const path = this.#store.photoPath(`${hash.slice(0, 32)}.${ext}`);
      if (!(await isFile(path))) continue;
      const bytes = await readFile(path);
      if (sha256Hex(bytes) === hash) return bytes;
    }
    return null;
  }

  /**
   * Before a check-in: the newsroom is asked which of the photos these operations name it lacks,
   * and only those are sent (photos.put). A photo this desk no longer holds is not sent (the
   * story's content still names it).
   */
  upload(ops: readonly CheckInOp[]): Promise<UploadCount> {
    return this.#uploadHashes(ops.flatMap((o) => o.photos ?? []));
  }

  /**
   * Before a kept save goes up (pending-saves.ts): the photos its content shows that this desk
   * holds and the newsroom lacks (added while the newsroom did not answer) go first.
   */
  async uploadShown(content: Pick<StoryContent, 'photos'>): Promise<UploadCount> {
    const hashes: string[] = [];
    for (const { file } of content.photos) {
      const bytes = await readFile(this.#store.photoPath(file)).catch(() => null);
      if (bytes) hashes.push(sha256Hex(bytes));
    }
    return this.#uploadHashes(hashes);
  }

  async #uploadHashes(named: readonly string[]): Promise<UploadCount> {
    const source = this.#source();
    const hashes = [...new Set(named)];
    if (!source || hashes.length === 0) return { asked: hashes.length, sent: 0 };
    const missing: string[] = [];
    for (let i = 0; i < hashes.length; i += PHOTOS_HAS_MAX) {
      const asked = hashes.slice(i, i + PHOTOS_HAS_MAX);
      missing.push(...(await source.call<PhotosMissing>('photos.has', { hashes: asked })).missing);
    }
    let sent = 0;
    for (const hash of missing) {
      const bytes = await this.#bytesOf(hash);
      if (!bytes) {
        console.warn(`[desk] photo ${hash} is named by a check-in but not held on this desk; not sent`);
        continue;
      }
      await source.call<StoredPhoto>('photos.put', { hash, data: bytes.toString('base64') });
      this.puts++;
      sent++;
    }
    return { asked: hashes.length, sent };
  }

  /** photos.has and photos.put on a desk that is not signed in: its own photo folder. */
  localHandlers(): Pick<DeskHandlers, 'photos.has' | 'photos.put'> {
    return {
      'photos.has': async ({ hashes }) => {
        const asked = [...new Set(hashes)];
        const held = await Promise.all(asked.map(async (h) => (await this.#bytesOf(h)) !== null));
        return { missing: asked.filter((_, i) => !held[i]) };
      },
      'photos.put': async ({ hash, data }) => {
        const bytes = Buffer.from(data, 'base64');
        const actual = sha256Hex(bytes);
        if (actual !== hash) throw photoHashMismatch(hash, actual);
        return this.#store.importPhoto(hash, bytes);
      },
    };
  }
}
