/**
 * Serves the bundled renderer (out/renderer, inside app.asar when packaged) as
 * `app://desk/…` (Electron security checklist item 18: a custom protocol rather
 * than file://). Only files under the renderer folder can be reached; the
 * response carries our CSP itself (item 7), so the policy holds even if a
 * webRequest listener were ever removed.
 */
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

import { net, protocol } from 'electron';

import { contentSecurityPolicy } from './security';
import { APP_HOST, APP_SCHEME } from './renderer-origin';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

function fail(status: number): Response {
  return new Response(null, { status, headers: { 'Content-Type': 'text/plain' } });
}

/** Resolves a request path inside `root`, or null when it would leave it. */
export function fileInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : null;
}

/** Call after the app is ready. `rendererDir` is the absolute path of out/renderer. */
export function handleAppProtocol(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405);
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return fail(404);
    const file = fileInside(root, url.pathname);
    const type = file ? TYPES[extname(file).toLowerCase()] : undefined;
    if (!file || !type) return fail(404);
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).href);
    } catch {
      return fail(404); // net::ERR_FILE_NOT_FOUND and the like
    }
    if (!response.ok) return fail(404);
    return new Response(response.body, {
      status: 200,
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
      },
    });
  });
}
