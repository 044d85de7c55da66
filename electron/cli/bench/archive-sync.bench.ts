/**
 * The newsroom's archive (issue 17, electron/desk/newsroom/archive-sync.ts), part of the server
 * benchmark: 10,000 archived stories of ~1,500 characters put to the newsroom, then a new desk
 * signs in and pulls them all, page by page, into its own archive (what its duplicate check then
 * reads, offline too). Figures: the put, the pull until the desk holds them, one page's answer.
 * Prints figures; never fails on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ARCHIVE_PUT_MAX } from '../../../shared/api/archive-sync-contract';
import { openDeskServices } from '../../desk/services';
import { FAST_SCRYPT, TestDesk, type TestNewsroom } from '../../server/testing';
import { variedBlocks } from './corpus';
import type { Report } from './registry';

const ENTRIES = 10_000;

export async function benchArchivePull(report: Report, nr: TestNewsroom): Promise<void> {
  const putter = await TestDesk.signIn(
    nr.url,
    'archivist',
    await nr.person('archivist', '资料员', ['reporter']),
  );
  const t0 = performance.now();
  let chars = 0;
  for (let from = 0; from < ENTRIES; from += ARCHIVE_PUT_MAX) {
    const entries = [];
    for (let i = from; i < Math.min(ENTRIES, from + ARCHIVE_PUT_MAX); i++) {
      const blocks = variedBlocks(100_000 + i, 1500);
      chars += blocks.reduce((n, b) => n + b.length, 0);
      entries.push({
        id: `2024-02-01/B${(i % 8) + 1}/${i}-bench`,
        title: `往期${i}`,
        date: '2024-02-01',
        blocks,
      });
    }
    await putter.call('archive.put', { entries });
  }
  const putMs = performance.now() - t0;
  const t1 = performance.now();
  await putter.call('archive.since', { seq: 0, limit: 500 });
  const pageMs = performance.now() - t1;

  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-archive-'));
  const desk = await openDeskServices({
    dataDir: dir,
    transport: 'http',
    demo: false,
    newsroom: { keyScrypt: FAST_SCRYPT },
  });
  try {
    const password = await nr.person('puller', '新记者', ['reporter']);
    await desk.handlers['newsroom.connect']({ server: nr.url });
    const t2 = performance.now();
    await desk.handlers['newsroom.signIn']({ login: 'puller', password });
    await desk.archiveSync.idle();
    const pullMs = performance.now() - t2;
    const held = (await desk.handlers['archive.list']({ limit: 1 })).total;
    report(
      `archive: ${ENTRIES} stories (${(chars / 1e6).toFixed(1)} million characters) put in ${(putMs / 1000).toFixed(1)} s; ` +
        `a new desk signed in and pulled ${held} into its archive in ${(pullMs / 1000).toFixed(2)} s ` +
        `(${Math.ceil(held / 500)} pages of 500; one page answered in ${pageMs.toFixed(0)} ms)`,
    );
  } finally {
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
