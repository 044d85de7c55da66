/**
 * Serves the bundled renderer (out/renderer, inside app.asar when packaged) as
 * `app://desk/…` (Electron security checklist item 18: a custom protocol rather
 * than file://). Only files under the renderer folder can be reached; the
 * response carries our CSP itself (item 7), so the policy holds even if a
 * webRequest listener were ever removed.
 */
import { resolve } from 'node:path';

import { protocol } from 'electron';

import { SECURITY_HEADERS, contentTypeOf, fileInside } from '../desk/static-files';
import { fail, fileResponse } from './file-response';
import { contentSecurityPolicy } from './security';
import { APP_HOST, APP_SCHEME } from './renderer-origin';

/** Call after the app is ready. `rendererDir` is the absolute path of out/renderer. */
export function handleAppProtocol(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405);
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return fail(404);
    const file = fileInside(root, url.pathname);
    const type = file ? contentTypeOf(file) : undefined;
    if (!file || !type) return fail(404);
    return fileResponse(file, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Security-Policy': contentSecurityPolicy(),
    });
  });
}
