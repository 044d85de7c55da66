#!/usr/bin/env node
// `npm run test:e2e`: the Playwright specs, with a browser found or obtained first.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { ensureBrowser } from './lib/browser.mjs';
import { ROOT } from './lib/build.mjs';

const browser = ensureBrowser();
const r = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, DESK_BROWSER: browser },
  },
);
process.exit(r.status ?? 1);
