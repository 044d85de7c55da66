/**
 * Process-wide hardening. Numbers refer to the Electron security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations).
 * The desk shows only its own bundled renderer; everything else is refused.
 */
import { app, shell, type Session, type WebContents } from 'electron';

import { CONTENT_SECURITY_POLICY } from '../desk/content-security';
import { guardDownloads } from './downloads';
import { devServerOrigin, isOwnRendererUrl } from './renderer-origin';

/**
 * The CSP for our responses (item 7). Built and packaged runs get the strict
 * policy shared with the loopback host: no inline script or style, no eval,
 * nothing remote. Under `electron-vite dev` only, Vite's client needs inline
 * scripts/styles and a websocket to its own origin for hot reload.
 */
export function contentSecurityPolicy(): string {
  const dev = devServerOrigin();
  if (!dev) return CONTENT_SECURITY_POLICY;
  const ws = dev.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.split('; ')
    .map((directive) => {
      if (directive === "script-src 'self'") return `script-src 'self' 'unsafe-inline'`;
      if (directive === "style-src 'self'") return `style-src 'self' 'unsafe-inline'`;
      if (directive === "connect-src 'self'") return `connect-src 'self' ${ws}`;
      return directive;
    })
    .join('; ');
}

/** Schemes we hand to the operating system when the user clicks a link (item 15). */
const EXTERNAL_PROTOCOLS = new Set(['https:', 'mailto:']);

/**
 * Opens a link in the user's browser or mail program, but only an https: or
 * mailto: URL that parses; everything else (file:, javascript:, custom schemes
 * that launch programs, smb: shares…) is dropped (item 15).
 */
export function openExternalSafely(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) {
    console.warn(`[security] not opening ${parsed.protocol} link`);
    return;
  }
  shell
    .openExternal(parsed.href)
    .catch((err: unknown) => console.warn('[security] openExternal failed:', err));
}

/** Session-level rules: CSP header and permissions. Call once per session, after ready. */
export function hardenSession(ses: Session): void {
  const csp = contentSecurityPolicy();
  // Item 7: every response for our renderer (app://desk, or the dev server)
  // carries our CSP; any CSP it already had is replaced (header names are
  // case-insensitive, so drop all spellings first). Other responses (photos,
  // devtools) are left alone.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isOwnRendererUrl(details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });

  // Item 5: the desk needs no camera, microphone, location, notifications,
  // clipboard-read, HID/USB/serial… so every request and every check is denied.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  // Issue 16: no download the desk did not start (a page or a crafted link cannot save files).
  guardDownloads(ses);
}

/**
 * Per-webContents rules, applied to every webContents the app ever creates
 * (through `web-contents-created`, so no window can be forgotten).
 */
export function hardenWebContents(contents: WebContents): void {
  // Item 13: the renderer is a single page; it never navigates. A clicked
  // external link goes to the browser instead (item 15).
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternalSafely(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });

  // Item 14: no new windows; target=_blank links open in the browser (item 15).
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });

  // Item 12: <webview> is disabled (webviewTag: false); refuse any attempt anyway.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Installs the per-webContents rules for every webContents, present and future. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
