import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { test as base } from '@playwright/test';

import { startHost, type DeskHost } from './desk-host';

type Fixtures = {
  /**
   * Who is at the desk in the test's own window (`page`): a window where nobody is
   * chosen is read-only (issue 19), so specs about other things work as a person who
   * chose themselves in this tab (the tab's remembered choice, as after a reload).
   * The reporter 张明 by default; `test.use({ deskUser: null })` for a window where
   * nobody is chosen yet. Windows a spec opens itself (browser.newContext) are not touched.
   */
  deskUser: string | null;
  /** A fresh, empty data folder for this test. */
  dataDir: string;
  /** The real host on that folder (demo page seeded), stopped after the test. */
  desk: DeskHost & { restart(): Promise<DeskHost> };
};

export const test = base.extend<Fixtures>({
  deskUser: ['zhang-ming', { option: true }],
  context: async ({ context, deskUser }, use) => {
    if (deskUser) {
      await context.addInitScript((userId: string) => {
        try {
          if (!sessionStorage.getItem('desk.userId')) sessionStorage.setItem('desk.userId', userId);
        } catch {
          // No storage: the spec's window starts with nobody chosen.
        }
      }, deskUser);
    }
    await use(context);
  },
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    await use(await mkdtemp(join(tmpdir(), 'desk-e2e-')));
  },
  desk: async ({ dataDir }, use) => {
    let current = await startHost(dataDir);
    const handle = {
      get url() {
        return current.url;
      },
      get baseUrl() {
        return current.baseUrl;
      },
      newUrl: () => current.newUrl(),
      dataDir,
      get process() {
        return current.process;
      },
      stop: () => current.stop(),
      kill: () => current.kill(),
      restart: async () => {
        await current.stop();
        current = await startHost(dataDir);
        return current;
      },
    };
    await use(handle as Fixtures['desk']);
    await current.stop();
  },
});

export { expect } from '@playwright/test';
