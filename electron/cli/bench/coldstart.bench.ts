/**
 * Cold start of the UI through the loopback host: from opening the page in a
 * fresh browser to a story list that answers a search, with 15,000 stories and,
 * as the baseline in the same run, with the six-story demo page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from '@playwright/test';

import { BROWSER_ARGS, ensureBrowser } from '../../../scripts/lib/browser.mjs';
import { startHost } from '../../host/server';
import { openDeskServices } from '../../desk/services';
import { rendererDir } from '../commands/serve';
import type { Report } from './registry';
import { writeCorpus } from './corpus';

async function coldStart(dataDir: string, demo: boolean, runs: number) {
  const opened = performance.now();
  const services = await openDeskServices({ dataDir, transport: 'http', demo });
  const openMs = performance.now() - opened;
  const host = await startHost({ services, rendererDir: rendererDir() });
  const browser = await chromium.launch({ executablePath: ensureBrowser(), args: BROWSER_ARGS });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(host.openUrl()); // each fresh context needs its own one-time address
      await page.getByTestId('story-row').first().waitFor();
      // Interactive: a search narrows the list.
      await page.getByTestId('story-search').fill('第1篇');
      await page.getByTestId('story-row').first().waitFor();
      times.push(performance.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
    await host.close();
    await services.close();
  }
  times.sort((a, b) => a - b);
  return { openMs, median: times[Math.floor(times.length / 2)]!, worst: times[times.length - 1]! };
}

export async function benchColdStart(report: Report): Promise<void> {
  const big = await mkdtemp(join(tmpdir(), 'desk-bench-cold-'));
  const small = await mkdtemp(join(tmpdir(), 'desk-bench-demo-'));
  try {
    await writeCorpus(big, 15_000);
    const first = await coldStart(big, false, 1);
    report(`first open of 15,000 stories with no index (rebuild): ${first.openMs.toFixed(0)} ms`);
    const large = await coldStart(big, false, 5);
    const base = await coldStart(small, true, 5);
    report(`store open with 15,000 stories (index present): ${large.openMs.toFixed(0)} ms`);
    report(
      `page to interactive list, 15,000 stories: median ${large.median.toFixed(0)} ms, worst ${large.worst.toFixed(0)} ms (goal ≤ 1500 ms)`,
    );
    report(`baseline, demo page (6 stories): median ${base.median.toFixed(0)} ms`);
    report(`ratio 15,000 / demo: ${(large.median / base.median).toFixed(2)}×`);
  } finally {
    await rm(big, { recursive: true, force: true });
    await rm(small, { recursive: true, force: true });
  }
}
