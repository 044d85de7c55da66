import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openDeskServices, type DeskServices } from './services';

let dir: string;
let services: DeskServices;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-demo-'));
});
afterEach(async () => {
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the demo page on a brand-new data folder', () => {
  it('plans page B6 for the day with the five demo stories in their slots, each within its budget', async () => {
    services = await openDeskServices({ dataDir: dir, transport: 'http', user: 'tester' });
    const h = services.handlers;
    const pages = await h['pages.list']({});
    expect(pages).toHaveLength(1);
    const day = new Date();
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    expect(pages[0]).toMatchObject({ name: 'B6', date });

    const plan = await h['pages.get']({ name: 'B6', date });
    const { items } = await h['stories.list']({
      text: '',
      status: null,
      page: 'B6',
      sort: 'page-slot',
      trash: false,
    });
    expect(plan.slots.map((s) => s.storyId)).toEqual(items.map((s) => s.id));
    expect(plan.slots.map((s) => s.role)).toEqual(['lead', 'secondary', 'secondary', 'brief', 'photo']);

    const report = await h['pages.preflight']({ name: 'B6', date });
    const over = report.stories.filter((s) => s.budget !== null && s.count > s.budget);
    expect(over.map((s) => [s.headline, s.count, s.budget])).toEqual([]);
    expect(report.stories.every((s) => s.count > 0)).toBe(true);
  });

  it('is not planned when the folder opens without the demo', async () => {
    services = await openDeskServices({ dataDir: dir, transport: 'http', demo: false, user: 'tester' });
    expect(await services.handlers['pages.list']({})).toEqual([]);
  });
});
