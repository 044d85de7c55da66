/**
 * Downloads (issue 16): the desk itself starts none today (export packages are
 * written by the services, not downloaded), so a download the page or a crafted
 * link asks for is cancelled. Should the desk ever start one, it names the URL
 * here first with `expectDownload`; only those go ahead, once each.
 */
import type { DownloadItem, Event, Session, WebContents } from 'electron';

const expected = new Set<string>();

/** Lets the next download of exactly `url` proceed (one the desk started itself). */
export function expectDownload(url: string): void {
  expected.add(url);
}

/** Whether a download of `url` was started by the desk; consumes the permission. */
export function takeExpectedDownload(url: string): boolean {
  return expected.delete(url);
}

/** Cancels every download on `ses` that the desk did not start (logged). */
export function guardDownloads(ses: Pick<Session, 'on'>): void {
  ses.on('will-download', (event: Event, item: DownloadItem, _contents: WebContents) => {
    const url = item.getURL();
    if (takeExpectedDownload(url)) return;
    event.preventDefault();
    item.cancel();
    console.warn(`[security] refused a download the desk did not start: ${url.slice(0, 200)}`);
  });
}
