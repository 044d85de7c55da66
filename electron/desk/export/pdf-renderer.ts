/**
 * The seam for proof.pdf: a function from the proof's self-contained HTML to PDF bytes.
 * Headless Chromium implements it for the CLI and the loopback host (chromium-pdf.ts);
 * the Electron app passes one built on webContents.printToPDF (electron/main/print-pdf.ts).
 * Types and plain data only, so electron/main can use it without pulling in playwright.
 */
import { PROOF_FONTS } from '../../../shared/format/proof-html';

export type PdfRenderer = ((html: string) => Promise<Uint8Array>) & {
  /**
   * Gets ready for a render soon (starts the browser, loads the proof's fonts), so the
   * export that follows a preflight does not wait for them. Optional; never throws.
   */
  warm?: () => void;
};

/** Where the time of one render went, in ms (launch 0 when the browser was running). */
export type PdfTimings = { launch: number; page: number; content: number; print: number };

/**
 * A tiny document in the proof's fonts and styles of weight: rendering it once makes
 * Chromium open and shape those faces (about a second on a cold browser), the
 * slowest part of a first proof.
 */
export const PDF_WARM_HTML =
  '<!doctype html><meta charset="utf-8"><style>' +
  `.s{font-family:${PROOF_FONTS.serif}}.h{font-family:${PROOF_FONTS.sans};font-weight:700}.k{font-family:${PROOF_FONTS.kai}}` +
  '</style><p class="s">党建采编台，校样。</p><p class="h">党建采编台</p><p class="s"><b>党建</b></p><p class="k">本报讯（记者）</p>';
