/**
 * proof.pdf from the proof HTML with headless Chromium (playwright-core), for the CLI and
 * the loopback host where Electron is absent. In the Electron app, electron/main passes
 * its own renderer to openDeskServices ({ renderPdf }) built on
 * `webContents.printToPDF({ pageSize: 'A3', printBackground: true })` of an offscreen
 * BrowserWindow that loaded the same HTML: that is the seam (electron/desk never imports
 * 'electron').
 */
import { chromium, type Browser } from 'playwright-core';

import { BROWSER_ARGS, ensureBrowser } from '../../../scripts/lib/browser.mjs';

export type PdfRenderer = (html: string) => Promise<Uint8Array>;

/** A renderer that starts Chromium on first use and keeps it until `close`. */
export function chromiumPdfRenderer(): PdfRenderer & { close(): Promise<void> } {
  let browser: Promise<Browser> | null = null;
  const render = async (html: string): Promise<Uint8Array> => {
    browser ??= chromium.launch({ executablePath: ensureBrowser(), args: BROWSER_ARGS });
    const context = await (await browser).newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      // The HTML is self-contained (data: images, no script): nothing to fetch.
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort(),
      );
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A3', printBackground: true, preferCSSPageSize: true });
      return new Uint8Array(pdf);
    } finally {
      await context.close();
    }
  };
  return Object.assign(render, {
    close: async () => {
      if (browser) await (await browser).close();
      browser = null;
    },
  });
}

/** Starts Chromium for one proof and closes it (the desk services' default; ~1 s per export). */
export const oneShotChromiumPdf: PdfRenderer = async (html) => {
  const renderer = chromiumPdfRenderer();
  try {
    return await renderer(html);
  } finally {
    await renderer.close();
  }
};
