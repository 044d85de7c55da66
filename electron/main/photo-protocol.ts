/**
 * Serves the photos stored in the data folder as `desk-photo://photos/<file>`, so
 * the renderer can show them in <img> without file:// access (Electron security
 * checklist item 18) and without reading the bytes over IPC. The CSP allows this
 * scheme for images only (`img-src … desk-photo:`).
 */
import { Readable } from 'node:stream';

import { protocol } from 'electron';

import { IMMUTABLE_CACHE, contentTypeOf, openRegularFile } from '../desk/static-files';
import { fail } from './file-response';
export const PHOTO_SCHEME = 'desk-photo';
const PHOTO_HOST = 'photos';

/** A bare stored file name: no folders, no dot-files, no "..", a photo extension. */
const PHOTO_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}\.(jpe?g|png|webp)$/i;

/** The file name of a `desk-photo://photos/<file>` URL, or null if it is not one of ours. */
export function photoNameOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${PHOTO_SCHEME}:` || parsed.host !== PHOTO_HOST) return null;
  let name: string;
  try {
    name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  } catch {
    return null;
  }
  return PHOTO_NAME.test(name) ? name : null;
}

/**
 * Call after the app is ready. `photoPath` is the desk services' resolver (it
 * rejects a name it does not know, and fetches a newsroom photo the desk lacks); it is read per request, so the handler can
 * be installed before the services have opened.
 */
export function handlePhotoProtocol(photoPath: () => ((file: string) => Promise<string>) | null): void {
  protocol.handle(PHOTO_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405);
    const name = photoNameOf(request.url);
    const resolvePath = photoPath();
    if (!name || !resolvePath) return fail(404);
    let file: string;
    try {
      file = await resolvePath(name);
    } catch {
      return fail(404);
    }
    // Regular files only, never through a symbolic link (issue 16), as the loopback host.
    const opened = await openRegularFile(file);
    if (!opened) return fail(404);
    const body =
      request.method === 'HEAD'
        ? null
        : (Readable.toWeb(opened.handle.createReadStream()) as ReadableStream<Uint8Array>);
    if (!body) await opened.handle.close();
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(name) ?? 'application/octet-stream',
        'Content-Length': String(opened.size),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': IMMUTABLE_CACHE,
      },
    });
  });
}
