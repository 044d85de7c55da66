/**
 * What the loopback host and Electron's app:// and desk-photo:// schemes share
 * when they serve files: the content types they will serve, the headers every
 * response carries, and the one check that a requested path stays inside its
 * folder.
 */
import { constants } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

import { CONTENT_SECURITY_POLICY } from './content-security';

/** The only file types served; anything else is a 404. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export function contentTypeOf(path: string): string | undefined {
  return CONTENT_TYPES[extname(path).toLowerCase()];
}

/** Headers on every response of ours (Electron security checklist item 7 for the CSP). */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Stored photos are content-addressed: a name always means the same bytes. */
export const IMMUTABLE_CACHE = 'private, max-age=31536000, immutable';

/**
 * Resolves a request path inside `root` ("/" means index.html), or null when it
 * is malformed or would leave the folder (traversal, NUL bytes).
 */
export function fileInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = resolve(base, relative);
  return file.startsWith(base + sep) ? file : null;
}

/** An opened regular file and its size; the caller reads it (a stream closes the handle at its end). */
export type RegularFile = { handle: FileHandle; size: number };

/**
 * Opens `file` for reading only if it is a regular file reached without following a
 * symbolic link (issue 16: a link placed in photos/ under a valid name must not serve
 * /etc/hostname). O_NOFOLLOW refuses a link as the last component; where the platform
 * has no O_NOFOLLOW (Windows), lstat refuses it first. The type check runs on the
 * opened handle, so a file swapped after the check is still the one served.
 * Null for anything else (missing, a link, a folder, a device, a FIFO).
 */
export async function openRegularFile(file: string): Promise<RegularFile | null> {
  const noFollow = constants.O_NOFOLLOW ?? 0;
  if (!noFollow) {
    const info = await lstat(file).catch(() => null);
    if (!info?.isFile()) return null;
  }
  // O_NONBLOCK: opening a FIFO planted under a photo name must not hang the server.
  const flags = constants.O_RDONLY | noFollow | (constants.O_NONBLOCK ?? 0);
  const handle = await open(file, flags).catch(() => null);
  if (!handle) return null;
  const info = await handle.stat().catch(() => null);
  if (!info?.isFile()) {
    await handle.close().catch(() => {});
    return null;
  }
  return { handle, size: info.size };
}
