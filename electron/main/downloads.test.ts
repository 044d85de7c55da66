/** Downloads the desk did not start are cancelled (issue 16); one it announced goes ahead, once. */
import { expect, it } from 'vitest';

import { expectDownload, guardDownloads } from './downloads';

type Listener = (event: { preventDefault(): void }, item: unknown, contents: unknown) => void;

function session() {
  let listener: Listener | null = null;
  return {
    on: (name: string, fn: Listener) => {
      if (name === 'will-download') listener = fn;
    },
    /** A download of `url` as Chromium would announce it; whether it was cancelled. */
    download(url: string) {
      let cancelled = false;
      let prevented = false;
      const item = { getURL: () => url, cancel: () => (cancelled = true) };
      listener!({ preventDefault: () => (prevented = true) }, item, {});
      return cancelled && prevented;
    },
  };
}

it('cancels a download the page asked for, and lets one the desk announced through once', () => {
  const ses = session();
  guardDownloads(ses as never);
  expect(ses.download('app://desk/evil.exe')).toBe(true);
  expectDownload('app://desk/package.zip');
  expect(ses.download('app://desk/package.zip')).toBe(false);
  expect(ses.download('app://desk/package.zip')).toBe(true);
});
