/**
 * Registration of our two custom schemes. `protocol.registerSchemesAsPrivileged`
 * may be called only once and only before the app is ready, so both schemes are
 * declared here together; their handlers live in app-protocol.ts and
 * photo-protocol.ts.
 */
import { protocol } from 'electron';

import { PHOTO_SCHEME } from './photo-protocol';
import { APP_SCHEME } from './renderer-origin';

/**
 * `standard` gives the scheme real origins and relative URL resolution, `secure`
 * makes it a secure context like https:, `supportFetchAPI` lets the renderer
 * fetch() from it. Neither scheme may bypass our CSP (no `bypassCSP`), register
 * service workers or use CORS to be read from other origins.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: PHOTO_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}
