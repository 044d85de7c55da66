/**
 * The desk services' default proof renderer (the loopback host; the Electron app passes
 * its own): headless Chromium kept between exports and closed after five idle minutes.
 * chromium-pdf.ts (and playwright-core with it) is loaded on first use only, so the
 * app's main bundle never pulls it in.
 */
import type { ChromiumPdf } from './chromium-pdf';
import type { PdfRenderer } from './pdf-renderer';

export const PROOF_BROWSER_IDLE_MS = 5 * 60_000;

export function lazyChromiumPdf(idleMs = PROOF_BROWSER_IDLE_MS): PdfRenderer & { close(): Promise<void> } {
  let renderer: Promise<ChromiumPdf> | null = null;
  const get = () =>
    (renderer ??= import('./chromium-pdf')
      .then((m) => m.chromiumPdfRenderer({ idleMs }))
      .catch((err: unknown) => {
        renderer = null;
        throw err;
      }));
  return Object.assign(async (html: string) => (await get())(html), {
    warm: () => {
      get().then(
        (r) => r.warm(),
        (err: unknown) => console.warn('[desk] the proof renderer could not be loaded:', err),
      );
    },
    close: async () => {
      const current = renderer;
      renderer = null;
      if (current) await (await current.catch(() => null))?.close();
    },
  });
}
