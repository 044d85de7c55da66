/**
 * Photos by content hash (issue 17, issue 18, ADR 013): a desk asks which of the photos it is
 * about to name the newsroom lacks (`photos.has`) and sends only those (`photos.put`), each
 * checked against its SHA-256 and stored once, so a photo the newsroom has is never sent again.
 * A photo's stored file name is content-addressed (`<first 32 hex of its SHA-256>.<ext>`) on the
 * desk and on the newsroom alike; the newsroom serves its bytes at `GET /api/photos/<file>`.
 *
 * On a desk that is not signed in, both answer for the desk's own photo folder.
 */
import { z } from 'zod';

import { PhotoHashSchema } from './checkout-contract';
import type { StoredPhoto } from './types';

type Method<I extends z.ZodType, O> = { input: I; output?: O };
function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}

/** How many hashes one photos.has may ask about (a check-in's operations name at most 100 each). */
export const PHOTOS_HAS_MAX = 5000;

export type PhotosMissing = { missing: string[] };

export const photosContract = {
  /** Which of these photos (SHA-256, lowercase hex) are not stored yet, in the order asked. */
  'photos.has': method<PhotosMissing>()(
    z.strictObject({ hashes: z.array(PhotoHashSchema).max(PHOTOS_HAS_MAX) }),
  ),
  /**
   * Stores a photo by its hash: refused unless the bytes' SHA-256 is `hash` and they are a JPEG,
   * PNG or WebP photo of at most 40 MB; a photo already stored is not written again.
   */
  'photos.put': method<StoredPhoto>()(
    z.strictObject({
      hash: PhotoHashSchema,
      /** Base64 of the file's bytes (at most 40 MB decoded). */
      data: z.string().max(56_000_000),
    }),
  ),
} as const;
