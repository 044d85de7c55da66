import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { openDeskServices } from './services';

describe('regions.* desk methods', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-regions-'));
  const desk = await openDeskServices({ dataDir: dir, transport: 'http', demo: false, user: 'test' });
  afterAll(async () => {
    await desk.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('searches with full paths', async () => {
    const found = await desk.handlers['regions.search']({ query: '白云区', limit: 5 });
    expect(found.slice(0, 2).map((r) => [r.code, r.path.join('')])).toEqual([
      ['440111', '广东省广州市白云区'],
      ['520113', '贵州省贵阳市白云区'],
    ]);
  });

  it('tells the source, date and size of the list', async () => {
    const info = await desk.handlers['regions.info']({});
    expect(info.source).toMatch(/^@vant\/area-data@/);
    expect(info.dataDate).toMatch(/^\d{4}-\d{2}$/);
    expect(info.count).toBeGreaterThan(3000);
  });
});
