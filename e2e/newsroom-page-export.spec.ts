/**
 * The 版面 screen on a desk signed in to the newsroom (issue 17): two stories by two reporters,
 * signed through 三审 on one newsroom (a `desk server` on a real PostgreSQL) from a second desk;
 * then, in the app, the final editor plans page B6 on the newsroom, sees the preflight over the
 * newsroom's stories (the passage both reporters filed, the open error), is refused the export,
 * overrides with a reason and exports (the package on this desk's disk), and publishes. Another
 * person's session reads the plan exported and published from the server, the stories laid out.
 * Screenshots go to test-results/ to look at.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { TestDesk } from '../electron/server/testing';
import { bodyFromBlocks, contentOf, type Story } from '../shared/model';
import type { PagePlan } from '../shared/model/page';
import { apiClient, type ApiClient } from './utils/desk-api';
import { expect, test } from './utils/fixtures';
import { pgSkipReason } from './utils/newsroom';
import { newsroomSeats } from './utils/newsroom-seats';
import { openDesk, signedIn, signIn } from './utils/newsroom-pages';

const skip = pgSkipReason();
test.skip(skip !== null, skip ?? '');
test.use({ deskUser: null });

const PAGE = 'B6';
const DATE = '2026-12-08';
const REASON = '逗号为来信原文，终审同意照登';
const SHARED = '社区党委把党员先锋岗设在小区门口的便民服务站里，每天早晚各有两名党员轮值接待居民';

const seats = newsroomSeats([
  { id: 'chen', name: '陈记者', roles: ['reporter'] },
  { id: 'he', name: '何记者', roles: ['reporter'] },
  { id: 'wang', name: '王初审', roles: ['first-editor'] },
  { id: 'zhao', name: '赵复审', roles: ['second-editor'] },
  { id: 'liu', name: '刘终审', roles: ['final-editor'] },
]);

/** The setup desk signs in as `login` (signing out whoever was signed in). */
async function as(api: ApiClient, login: string): Promise<void> {
  await api('newsroom.signIn', { login, password: seats.newsroom.people[login]!.password });
}

async function filed(api: ApiClient, byline: string, headline: string, paragraphs: string[]) {
  const draft = await api<Story>('stories.create', { page: PAGE });
  await api('locks.acquire', { id: draft.id });
  const saved = await api<Story>('stories.save', {
    id: draft.id,
    baseRev: draft.rev,
    content: {
      ...contentOf(draft),
      headline,
      byline: { credits: [{ kind: 'person', role: '记者', names: [byline] }], position: 'top' },
      body: bodyFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))),
    },
  });
  await api('locks.release', { id: draft.id });
  await api('review.act', { id: saved.id, action: 'submit', baseRev: saved.rev });
  return saved.id;
}

test('a connected final editor preflights, exports over an override and publishes a newsroom page', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const [setupHost, editorHost] = await Promise.all([seats.newDesk(), seats.newDesk()]);

  // Two reporters file for B6 (the second repeats the first's passage); three editors sign both.
  const setup = await apiClient(setupHost.url);
  await setup('newsroom.connect', { server: seats.newsroom.url });
  await as(setup, 'chen');
  const lead = await filed(setup, '陈记者', '党员先锋岗设到小区门口', [
    `${SHARED}。`,
    // The open error: a half-width comma between Chinese characters.
    '居民反映的停车难问题,三天内就有了答复，新划的四十个车位已经启用。',
  ]);
  await as(setup, 'he');
  const second = await filed(setup, '何记者', '便民服务站里的“红马甲”', [
    '清晨七点，服务站的灯就亮了。',
    `${SHARED}，这已经坚持了两年。`,
  ]);
  for (const editor of ['wang', 'zhao', 'liu']) {
    await as(setup, editor);
    for (const id of [lead, second]) {
      const story = await setup<Story>('stories.get', { id });
      await setup('review.act', { id, action: 'sign', baseRev: story.rev });
    }
  }
  await setup('newsroom.signOut');

  // The final editor, signed in on her own desk, on the pages screen.
  const page = await openDesk(browser, editorHost);
  await signIn(page, seats.newsroom.url, 'liu', seats.newsroom.people.liu!.password);
  await signedIn(page, '刘终审');
  await page.getByTestId('view-pages').click();
  await expect(page.getByTestId('pages-view')).toBeVisible();
  await page.getByTestId('page-new').click();
  await page.getByTestId('page-new-name').fill('b6');
  await page.getByTestId('page-new-date').fill(DATE);
  await page.getByTestId('page-new-create').click();
  await expect(page.getByTestId('page-title')).toHaveText(`${PAGE} 版 · ${DATE}`);
  const ids = [lead, second];
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('slot-story').nth(i).selectOption(ids[i]!);
    await expect(page.getByTestId('slot-row').nth(i)).toHaveAttribute('data-story-id', ids[i]!);
  }
  const rows = await page.getByTestId('slot-row').count();
  for (let i = 2; i < rows; i++) await page.getByTestId('slot-remove').nth(2).click();
  await expect(page.getByTestId('slot-row')).toHaveCount(2);
  await expect(page.getByTestId('page-saved')).not.toHaveText('正在保存……');

  // The plan is on the newsroom, not in her data folder.
  const reader = await TestDesk.signIn(seats.newsroom.url, 'wang', seats.newsroom.people.wang!.password);
  await expect
    .poll(async () =>
      (await reader.call<PagePlan>('pages.get', { name: PAGE, date: DATE })).slots.map((s) => s.storyId),
    )
    .toEqual(ids);
  expect(existsSync(join(editorHost.dataDir, 'pages', `${PAGE}-${DATE}.json`))).toBe(false);

  // The preflight over the newsroom's stories: the shared passage, the open error; export refused.
  const preflight = page.getByTestId('preflight');
  await expect(
    preflight
      .locator(`[data-testid="preflight-story"][data-story-id="${lead}"]`)
      .locator('[data-testid="preflight-item"][data-severity="error"][data-rule^="punct."]')
      .first(),
  ).toBeVisible();
  await expect(
    preflight.locator('[data-testid="preflight-item"][data-rule^="duplicate."]').first(),
  ).toBeVisible();
  await expect(page.getByTestId('export-button')).toBeDisabled();
  await expect(page.getByTestId('export-status')).toContainText('个错误未解决，不能导出');
  await page.screenshot({ path: test.info().outputPath('newsroom-pages-screen.png') });

  // Her override with a reason; the package on this desk's disk.
  await page.getByTestId('export-override').click();
  await page.getByTestId('override-reason').fill(REASON);
  await page.getByTestId('override-confirm').click();
  await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('export-overridden')).toContainText(REASON);
  const folder = await page.getByTestId('export-folder').inputValue();
  expect(folder).toBe(join(editorHost.dataDir, 'exports', `${PAGE}-${DATE}`));
  const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as {
    stories: Array<{ id: string }>;
    override: { reason: string; by: string } | null;
  };
  expect(manifest.stories.map((s) => s.id)).toEqual(ids);
  expect(manifest.override).toMatchObject({ reason: REASON, by: '刘终审' });
  await page.screenshot({ path: test.info().outputPath('newsroom-pages-exported.png') });

  // Publishing: the newsroom lays the stories out; another person reads the plan published.
  await page.getByTestId('publish-button').click();
  await expect(page.getByTestId('publish-done')).toContainText('2 篇稿件进入资料库');
  const plan = await reader.call<PagePlan>('pages.get', { name: PAGE, date: DATE });
  expect(plan.exported).toMatchObject({ by: '刘终审', folder, overrideReason: REASON });
  expect(plan.published).toMatchObject({
    by: '刘终审',
    archiveIds: ids.map((id) => `${DATE}/${PAGE}/${id}`),
  });
  for (const id of ids) expect((await reader.call<Story>('stories.get', { id })).status).toBe('laid-out');
  expect(await seats.newsroom.auditVerify()).toMatchObject({ firstProblem: null });
});
