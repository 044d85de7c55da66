import { defineConfig } from '@playwright/test';

import { BROWSER_ARGS, findBrowser } from './scripts/lib/browser.mjs';

const executablePath = findBrowser() ?? undefined;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  // CI retries a failed spec once; npm test lists it as flaky, with the first run's error.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  globalSetup: './e2e/utils/global-setup.ts',
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath, args: BROWSER_ARGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
