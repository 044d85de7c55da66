import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openDeskServices, type DeskServices } from '../services';
import { calendarOf } from './import-handlers';

let dir: string;
let services: DeskServices;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-calendar-'));
  services = await openDeskServices({
    dataDir: join(dir, 'data'),
    transport: 'http',
    demo: false,
    user: 'tester',
  });
});
afterEach(async () => {
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

// Two invented stories per page; every text here is made up for the test.
const pageText = (town: string) =>
  [
    `${town}：议事长廊议出民生实事`,
    `■中共${town}委员会`,
    `${town}把议事长廊建到村口，群众的事情大家商量着办。`,
    `${town}书屋：周末课堂开进村`,
    '本报讯（记者 林一）书屋每周末为孩子们开设课堂。',
  ].join('\n');
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('archive.calendar', () => {
  it('groups the archive by date (newest first) and page, with counts', async () => {
    const h = services.handlers;
    expect(await h['archive.calendar']({})).toEqual({ total: 0, dates: [] });
    await h['archive.importPage']({
      name: 'a.txt',
      data: base64(pageText('东湖镇')),
      page: 'B6',
      date: '2026-10-01',
    });
    await h['archive.importPage']({
      name: 'b.txt',
      data: base64(pageText('西岭镇')),
      page: 'B7',
      date: '2026-10-01',
    });
    await h['archive.importPage']({
      name: 'c.txt',
      data: base64(pageText('南山镇')),
      page: 'B6',
      date: '2026-11-05',
    });
    expect(await h['archive.calendar']({})).toEqual({
      total: 6,
      dates: [
        { date: '2026-11-05', count: 2, pages: [{ page: 'B6', count: 2 }] },
        {
          date: '2026-10-01',
          count: 4,
          pages: [
            { page: 'B6', count: 2 },
            { page: 'B7', count: 2 },
          ],
        },
      ],
    });
  });

  it('keeps stories without a page under their date', () => {
    const s = (date: string, page: string) => ({
      id: `${date}/${page}/x`,
      title: 't',
      date,
      page,
      length: 1,
    });
    expect(calendarOf([s('2026-01-02', ''), s('2026-01-02', 'A1'), s('2026-01-01', 'A1')])).toEqual([
      {
        date: '2026-01-02',
        count: 2,
        pages: [
          { page: '', count: 1 },
          { page: 'A1', count: 1 },
        ],
      },
      { date: '2026-01-01', count: 1, pages: [{ page: 'A1', count: 1 }] },
    ]);
  });
});

describe('closing the desk', () => {
  it('writes the archive indexes that were not on disk yet, so the next start reads them instead of re-indexing', async () => {
    const h = services.handlers;
    await h['archive.importPage']({
      name: 'a.txt',
      data: base64(pageText('东湖镇')),
      page: 'B6',
      date: '2026-10-01',
    });
    expect((await h['archive.search']({ query: '议事长廊' })).length).toBe(1);
    await h['archive.importPage']({
      name: 'b.txt',
      data: base64(pageText('西岭镇')),
      page: 'B7',
      date: '2026-10-02',
    });
    const archiveDir = join(dir, 'data', 'archive');
    // The first search wrote search.bin for one page; the second page is only in memory so far.
    const sizeBefore = (await stat(join(archiveDir, 'search.bin'))).size;
    await services.close();
    expect((await stat(join(archiveDir, 'search.bin'))).size).toBeGreaterThan(sizeBefore);
    services = await openDeskServices({
      dataDir: join(dir, 'data'),
      transport: 'http',
      demo: false,
      user: 'tester',
    });
    const hits = await services.handlers['archive.search']({ query: '议事长廊' });
    expect(hits.map((hit) => hit.date).sort()).toEqual(['2026-10-01', '2026-10-02']);
  });
});
