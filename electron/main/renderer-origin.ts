/**
 * Where our renderer comes from, and the one test of "is this URL ours?" that the
 * IPC sender check, the CSP and the navigation guards share.
 *
 * Packaged and built runs load the bundled renderer from the privileged custom
 * scheme `app://desk/` rather than `file://` (Electron security checklist item 18):
 * a file: page's "origin" would cover every file on the disk, while app://desk is
 * one origin that can only reach out/renderer. `electron-vite dev` runs load the
 * Vite dev server instead; that origin is trusted only when the app is not packaged.
 */
import { app } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The Vite dev server's origin under `electron-vite dev`; null in built and packaged runs. */
export function devServerOrigin(): string | null {
  const url = process.env.ELECTRON_RENDERER_URL;
  if (app.isPackaged || !url) return null;
  try {
    const parsed = new URL(url);
    // Only a loopback dev server: an env var must never make a remote site trusted.
    if (parsed.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname))
      return null;
    return parsed.origin;
  } catch {
    return null;
  }
}

/** The URL the main window loads. */
export function rendererEntryUrl(): string {
  const dev = devServerOrigin();
  return dev ? `${process.env.ELECTRON_RENDERER_URL}` : `${APP_ORIGIN}/index.html`;
}

/** True for a URL of our own renderer: app://desk/… or, in development, the dev server. */
export function isOwnRendererUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  const dev = devServerOrigin();
  return dev !== null && parsed.origin === dev;
}
