import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { test as base } from '@playwright/test';

import { startHost, type DeskHost } from './desk-host';

type Fixtures = {
  /** A fresh, empty data folder for this test. */
  dataDir: string;
  /** The real host on that folder (demo page seeded), stopped after the test. */
  desk: DeskHost & { restart(): Promise<DeskHost> };
};

export const test = base.extend<Fixtures>({
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
