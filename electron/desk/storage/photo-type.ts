/**
 * Photo types recognised by their first bytes, never by the file name: a renamed
 * file must not slip into the page as a "JPEG".
 */
import { createHash } from 'node:crypto';

import { DeskError } from '../../../shared/api/errors';
import type { StoredPhoto } from '../../../shared/api/types';

export type PhotoType = { mime: StoredPhoto['type']; ext: 'jpg' | 'png' | 'webp' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/** JPEG (FF D8 FF), PNG (its 8-byte signature) or WebP (RIFF....WEBP); anything else is null. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (startsWith(bytes, PNG_SIGNATURE)) return { mime: 'image/png', ext: 'png' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return { mime: 'image/webp', ext: 'webp' };
  return null;
}

/** Photos larger than this are refused (the desk API carries at most 40 MB). */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;

/** A stored photo's name: the first 32 hex digits of its SHA-256 and its type's extension. */
export const PHOTO_FILE = /^[a-f0-9]{16,64}\.(jpg|png|webp)$/;

/** A photo that may be stored: its type, its SHA-256 (hex) and its content-addressed file name. */
export type CheckedPhoto = { type: PhotoType; sha256: string; file: string };

/**
 * The rules of every photo this product stores, on a desk or on the newsroom: not empty, a JPEG,
 * PNG or WebP by its content, at most 40 MB; named by its content.
 * @throws DeskError 'invalid-input' (error.photoEmpty, error.photoType, error.photoTooLarge); nothing is stored.
 */
export function checkPhoto(name: string, bytes: Uint8Array): CheckedPhoto {
  if (bytes.length === 0)
    throw new DeskError('invalid-input', 'error.photoEmpty', { name }, `${name}: the file is empty`);
  const type = sniffPhotoType(bytes);
  if (!type)
    throw new DeskError(
      'invalid-input',
      'error.photoType',
      { name },
      `${name} is not a JPEG, PNG or WebP photo (checked by its content); it was not imported.`,
    );
  if (bytes.length > MAX_PHOTO_BYTES)
    throw new DeskError(
      'invalid-input',
      'error.photoTooLarge',
      { name, bytes: bytes.length },
      `${name} is larger than 40 MB; it was not imported.`,
    );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { type, sha256, file: photoFileName(sha256, type) };
}

/** The stored file name of a photo with this SHA-256 and type. */
export function photoFileName(sha256: string, type: PhotoType): string {
  return `${sha256.slice(0, 32)}.${type.ext}`;
}

/** Bytes sent as the photo with SHA-256 `hash` that are not (damaged on the way, or another file). */
export function photoHashMismatch(hash: string, actual: string): DeskError {
  return new DeskError(
    'invalid-input',
    'error.photoHashMismatch',
    { hash },
    `The photo sent as ${hash} has the SHA-256 ${actual}: it arrived damaged or is another file; it was not stored.`,
  );
}
