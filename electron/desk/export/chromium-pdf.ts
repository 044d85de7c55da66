/**
 * proof.pdf from the proof HTML with headless Chromium (playwright-core), for the CLI and
 * the loopback host where Electron is absent. In the Electron app, electron/main passes
 * its own renderer to openDeskServices ({ renderPdf }) built on webContents.printToPDF
 * (electron/main/print-pdf.ts): that is the seam (electron/desk never imports 'electron').
 *
 * Where the time goes (bench export): launching Chromium ≈ 0.9–1.4 s, a new context and
 * page ≈ 0.2–0.8 s, and the first render in a fresh browser ≈ 1–2 s more than later ones
 * (opening and shaping the CJK faces). So one browser and one page are kept and reused,
 * renders are queued on that page, `warm()` does all three before the first export
 * (the desk calls it on a preflight), and the browser closes after `idleMs` unused.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

import { BROWSER_ARGS, ensureBrowser } from '../../../scripts/lib/browser.mjs';
import { PDF_WARM_HTML, type PdfRenderer, type PdfTimings } from './pdf-renderer';

export type { PdfRenderer } from './pdf-renderer';

export type ChromiumPdf = PdfRenderer & { warm(): void; close(): Promise<void> };

export type ChromiumPdfOptions = {
  /** Close the browser after this long without a render (default: never, until close()). */
  idleMs?: number;
  /** Told how long each render's steps took (the benchmark). */
  onTimings?: (t: PdfTimings) => void;
};

type Session = { browser: Browser; page: Page; launchMs: number; pageMs: number };

/** A renderer that starts Chromium on first use (or warm()) and keeps it until `close` or idle. */
export function chromiumPdfRenderer(opts: ChromiumPdfOptions = {}): ChromiumPdf {
  let session: Promise<Session> | null = null;
  let fresh = false;
  let queue: Promise<unknown> = Promise.resolve();
  let idle: ReturnType<typeof setTimeout> | null = null;

  const start = (): Promise<Session> => {
    if (session) return session;
    fresh = true;
    const t0 = performance.now();
    session = (async () => {
      const browser = await chromium.launch({ executablePath: ensureBrowser(), args: BROWSER_ARGS });
      const launchMs = performance.now() - t0;
      try {
        const t1 = performance.now();
        const context = await browser.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        // The HTML is self-contained (data: images, no script): nothing to fetch.
        await page.route('**/*', (route) =>
          route.request().url().startsWith('data:') ? route.continue() : route.abort(),
        );
        return { browser, page, launchMs, pageMs: performance.now() - t1 };
      } catch (err) {
        await browser.close().catch(() => undefined);
        throw err;
      }
    })();
    session.catch(() => {
      session = null;
    });
    return session;
  };

  const stop = async () => {
    if (idle) clearTimeout(idle);
    idle = null;
    const current = session;
    session = null;
    if (current) await (await current.catch(() => null))?.browser.close().catch(() => undefined);
  };

  const touch = () => {
    if (!opts.idleMs) return;
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => void queue.then(stop), opts.idleMs);
    idle.unref?.();
  };

  /** One render at a time on the kept page. */
  const run = <T>(job: (s: Session) => Promise<T>): Promise<T> => {
    const next = queue.then(async () => {
      const s = await start();
      try {
        return await job(s);
      } catch (err) {
        // A crashed or closed browser: the next render starts a new one.
        await stop();
        throw err;
      } finally {
        touch();
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const print = async (s: Session, html: string) => {
    const t0 = performance.now();
    await s.page.setContent(html, { waitUntil: 'load' });
    const t1 = performance.now();
    const pdf = await s.page.pdf({ format: 'A3', printBackground: true, preferCSSPageSize: true });
    const t2 = performance.now();
    return { pdf: new Uint8Array(pdf), content: t1 - t0, print: t2 - t1 };
  };

  const render = (html: string) =>
    run(async (s) => {
      const first = fresh;
      fresh = false;
      const out = await print(s, html);
      opts.onTimings?.({
        launch: first ? s.launchMs : 0,
        page: first ? s.pageMs : 0,
        content: out.content,
        print: out.print,
      });
      return out.pdf;
    });

  return Object.assign(render, {
    warm: () => {
      if (session) return;
      void run(async (s) => {
        fresh = false;
        await print(s, PDF_WARM_HTML);
      }).catch((err: unknown) => console.warn('[desk] Chromium for proof.pdf did not start:', err));
    },
    close: () => queue.then(stop),
  });
}

/** Starts Chromium for one proof and closes it (a one-off in a script). */
export const oneShotChromiumPdf: PdfRenderer = async (html) => {
  const renderer = chromiumPdfRenderer();
  try {
    return await renderer(html);
  } finally {
    await renderer.close();
  }
};
