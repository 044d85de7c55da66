/**
 * The story list: the demo page on a fresh folder, search, filters, trash and
 * restore, and the language switch, each surviving a restart of the desk.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from './utils/fixtures';
import { startHost } from './utils/desk-host';
import { storyOnDisk } from './utils/story-files';
import { deskAs } from './utils/review-pages';
import { sessionApi } from './utils/review-session';
import type { Story } from '../shared/model';

test('a fresh data folder opens on the demo page B6', async ({ page, desk }) => {
  await page.goto(desk.url);
  const rows = page.getByTestId('story-row');
  await expect(rows).toHaveCount(5);
  await page.getByTestId('page-filter').fill('B6');
  await expect(rows).toHaveCount(5);
  // Two of the five demo stories are from a district named 白云区 (in 广州 and in 贵阳).
  await page.getByTestId('story-search').fill('白云区');
  await expect(rows).toHaveCount(2);
  for (const text of await rows.allTextContents()) expect(text).toContain('白云区');
});

test('the demo never lands in a folder that already holds stories', async ({ page, dataDir }) => {
  const story = JSON.parse(
    JSON.stringify({
      schema: 1,
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      rev: 1,
      createdAt: '2026-11-01T08:00:00.000Z',
      updatedAt: '2026-11-01T08:00:00.000Z',
      updatedBy: '陈思远',
      status: 'draft',
      deletedAt: null,
      history: [],
      kind: '消息',
      kicker: '',
      headline: '本地已有的一篇稿件',
      subheadline: '',
      dateline: '本报讯',
      byline: { credits: [], position: 'lead' },
      region: null,
      body: {
        version: 1,
        root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [] },
      },
      photos: [],
      figures: [],
      jumps: [],
      page: null,
      slot: null,
    }),
  );
  await mkdir(join(dataDir, 'stories'), { recursive: true });
  await writeFile(join(dataDir, 'stories', `${story.id}.json`), JSON.stringify(story));
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('story-row')).toHaveCount(1);
    await expect(page.getByTestId('story-row')).toContainText('本地已有的一篇稿件');
  } finally {
    await host.stop();
  }
});

test('delete moves a story to the trash, restore brings it back, across a restart', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const rows = page.getByTestId('story-row');
  await expect(rows).toHaveCount(5);
  const row = rows.first();
  const id = (await row.getAttribute('data-story-id'))!;
  const headline = (await row.getByTestId('story-row-headline').textContent())!;
  await row.click();
  await page.getByTestId('trash-story').click();
  await expect(rows).toHaveCount(4);
  expect((await storyOnDisk(desk.dataDir, id)).deletedAt).toEqual(expect.any(String));

  await desk.restart();
  await page.goto(desk.url);
  await expect(rows).toHaveCount(4);
  await page.getByTestId('show-trash').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(headline);
  await rows.first().click();
  await page.getByTestId('restore-story').click();
  await expect(rows).toHaveCount(0);
  await page.getByTestId('show-trash').click();
  await expect(rows).toHaveCount(5);
  expect((await storyOnDisk(desk.dataDir, id)).deletedAt).toBeNull();
});

test('the interface switches to English and stays so after a restart', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('new-story')).toHaveText('新建');
  await page.getByTestId('locale-switch').selectOption('en');
  await expect(page.getByTestId('new-story')).toHaveText('New');
  await expect(page.getByTestId('story-search')).toHaveAttribute('placeholder', /Search/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect
    .poll(async () => {
      const text = await readFile(join(desk.dataDir, 'prefs.json'), 'utf8').catch(() => '{}');
      return (JSON.parse(text) as { locale?: string }).locale;
    })
    .toBe('en');

  await desk.restart();
  await page.goto(desk.url);
  await expect(page.getByTestId('new-story')).toHaveText('New');
  await page.getByTestId('locale-switch').selectOption('zh-CN');
  await expect(page.getByTestId('new-story')).toHaveText('新建');
});

test('the list follows stories made and submitted elsewhere, filter included, without a reload', async ({
  browser,
  desk,
}) => {
  const viewer = await deskAs(browser, desk.url, 'li-hua');
  await viewer.getByTestId('status-filter').selectOption('draft');
  const rows = viewer.getByTestId('story-row');
  await expect(rows).toHaveCount(5);

  const other = await sessionApi(desk.url, 'other-window');
  await other('session.setUser', { userId: 'zhang-ming' });
  const made = await other<Story>('stories.create', { page: 'B6' });
  await expect(viewer.locator(`[data-testid="story-row"][data-story-id="${made.id}"]`)).toBeVisible();
  await expect(rows).toHaveCount(6);

  const submitted = await other<Story>('review.act', { id: made.id, action: 'submit', baseRev: made.rev });
  expect(submitted.status).toBe('submitted');
  await expect(viewer.locator(`[data-testid="story-row"][data-story-id="${made.id}"]`)).toHaveCount(0);
  await expect(rows).toHaveCount(5);
  await viewer.getByTestId('status-filter').selectOption('submitted');
  await expect(viewer.locator(`[data-testid="story-row"][data-story-id="${made.id}"]`)).toBeVisible();
});
