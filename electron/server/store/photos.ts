/**
 * The newsroom's photos (issue 17, ADR 013 "Photos by content hash"): one row per photo in
 * `photos`, keyed by the SHA-256 of its bytes, with the bytes themselves (bytea), their media type
 * and size, who stored it first and when. The rules are the desk's own (checkPhoto in
 * electron/desk/storage/photo-type.ts: not empty, JPEG/PNG/WebP by content, at most 40 MB) and the
 * stored name is the desk's content-addressed one, so a photo has one name everywhere.
 *
 * Storing is idempotent: the same bytes stored twice (by anyone) are one row, written once.
 */
import { createHash } from 'node:crypto';

import type pg from 'pg';

import { DeskError } from '../../../shared/api';
import type { StoredPhoto } from '../../../shared/api/types';
import { checkPhoto, photoHashMismatch } from '../../desk/storage/photo-type';
import type { Actor } from './stories';

/** The name the newsroom stores a photo under: the first 32 hex digits of its SHA-256 and its extension. */
export const SERVED_PHOTO = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

/** A photo's bytes as served, with its type. */
export type PhotoBytes = { sha256: string; type: StoredPhoto['type']; bytes: Buffer };

export class NewsroomPhotos {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Stores a photo (photos.import and photos.put): checked by the desk's rules, named by its
   * content; a photo already stored answers as stored, without writing its bytes again.
   */
  async store(actor: Actor, name: string, bytes: Buffer, expectedHash?: string): Promise<StoredPhoto> {
    if (expectedHash !== undefined) {
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== expectedHash) throw photoHashMismatch(expectedHash, actual);
    }
    const { type, sha256, file } = checkPhoto(name, bytes);
    // Stored once: the same bytes again (by anyone, at the same moment too) leave the first row as it is.
    await this.#pool.query(
      `insert into photos (sha256, file, media_type, bytes, size, created_by)
       values ($1, $2, $3, $4, $5, $6) on conflict (sha256) do nothing`,
      [sha256, file, type.mime, bytes, bytes.length, actor.person.id],
    );
    return { file, bytes: bytes.length, type: type.mime };
  }

  /** Which of these hashes the newsroom does not hold, in the order asked (each once). */
  async missing(hashes: readonly string[]): Promise<string[]> {
    const asked = [...new Set(hashes)];
    if (asked.length === 0) return [];
    const { rows } = await this.#pool.query<{ sha256: string }>(
      'select sha256 from photos where sha256 = any($1)',
      [asked],
    );
    const held = new Set(rows.map((r) => r.sha256));
    return asked.filter((h) => !held.has(h));
  }

  /** The photo stored under this file name, or null; a name that is not a stored photo's is refused. */
  async get(file: string): Promise<PhotoBytes | null> {
    if (!SERVED_PHOTO.test(file))
      throw new DeskError(
        'invalid-input',
        'error.photoName',
        { file: file.slice(0, 100) },
        `${file.slice(0, 100)} is not the name of a stored photo.`,
      );
    const { rows } = await this.#pool.query<{
      sha256: string;
      media_type: StoredPhoto['type'];
      bytes: Buffer;
    }>('select sha256, media_type, bytes from photos where file = $1', [file]);
    const r = rows[0];
    return r ? { sha256: r.sha256, type: r.media_type, bytes: r.bytes } : null;
  }
}
