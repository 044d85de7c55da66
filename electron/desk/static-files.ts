/**
 * What the loopback host and Electron's app:// and desk-photo:// schemes share
 * when they serve files: the content types they will serve, the headers every
 * response carries, and the one check that a requested path stays inside its
 * folder.
 */
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
