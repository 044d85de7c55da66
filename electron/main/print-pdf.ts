/**
 * proof.pdf in the app (issue 7): Electron's own Chromium prints the proof HTML, so the
 * app needs no second browser. Each render gets a hidden window (never shown) that is
 * sandboxed, has no preload and no Node, runs no JavaScript, and lives in its own
 * in-memory session that refuses every request except the proof file itself and its
 * data: images (Electron security checklist items 1–4 and 6; the window is never
 * trusted for IPC: trusted-ipc-sender.ts knows only the main window). The HTML goes
 * through a temporary file because a page with photos as data: URLs is larger than
 * Chromium allows a URL to be. Renders are queued: one window at a time.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { BrowserWindow, session, type Session } from 'electron';

import type { PdfRenderer } from '../desk/export/pdf-renderer';

/** No "persist:" prefix: the proof's session keeps nothing on disk. */
const PARTITION = 'desk-proof';

export function electronPdfRenderer(): PdfRenderer {
  const allowed = new Set<string>();
  let guarded: Session | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const guard = (): void => {
    if (guarded) return;
    guarded = session.fromPartition(PARTITION);
    guarded.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: !(allowed.has(details.url) || details.url.startsWith('data:')) }),
    );
    guarded.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    guarded.setPermissionCheckHandler(() => false);
  };

  const print = async (html: string): Promise<Uint8Array> => {
    guard();
    const dir = await mkdtemp(join(tmpdir(), 'desk-proof-'));
    const file = join(dir, 'proof.html');
    const url = pathToFileURL(file).href;
    const win = new BrowserWindow({
      show: false,
      width: 1123,
      height: 1587,
      webPreferences: {
        partition: PARTITION,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        javascript: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        devTools: false,
      },
    });
    try {
      await writeFile(file, html, 'utf8');
      allowed.add(url);
      await win.loadURL(url);
      const pdf = await win.webContents.printToPDF({
        pageSize: 'A3',
        printBackground: true,
        preferCSSPageSize: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      allowed.delete(url);
      win.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };

  return (html) => {
    const next = queue.then(() => print(html));
    queue = next.catch(() => undefined);
    return next;
  };
}
