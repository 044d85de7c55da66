/**
 * Edit locks through one loopback host (issues 6 and 19): two people, two browser
 * contexts, one story. Opening it locks nothing; the first keystroke does. The
 * second reads it with the holder's name shown and cannot save over it; an editor
 * takes over (recorded, and shown to the first at once: read-only), and the first
 * person's session can no longer write over the newer text: never a lost update.
 */
import type { Browser, Page } from '@playwright/test';

import type { Story } from '../shared/model';
import type { AuditEntry } from '../shared/review/audit';
import { expect, test } from './utils/fixtures';
import { sessionApi } from './utils/review-session';
import { storyOnDisk } from './utils/story-files';

async function deskAs(browser: Browser, url: string, userId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('user-switch').selectOption(userId);
  await expect(page.getByTestId('user-picker')).toBeHidden();
  return page;
}

test('the second person gets the story read-only, an editor can take over, and no save is lost', async ({
  browser,
  desk,
}) => {
  test.setTimeout(120_000);
  const a = await deskAs(browser, desk.url, 'li-hua');
  const headline = '茶溪社区';
  const row = a.getByTestId('story-row').filter({ hasText: headline });
  await row.click();
  const id = (await a.getByTestId('story-screen').getAttribute('data-story-id'))!;
  const body = a.getByTestId('body-editor');
  await expect(body).toHaveAttribute('contenteditable', 'true');
  await expect(a.getByTestId('lock-banner')).toBeHidden();
  // Reading takes no lock; the first keystroke does, and says so.
  await expect(a.getByTestId('lock-state')).toHaveAttribute('data-state', 'free');
  await expect(a.getByTestId('lock-state')).toHaveText('开始编辑即锁定稿件，其他人届时只能阅读。');
  await body.locator('p').first().click();
  await a.keyboard.press('Control+End');
  await a.keyboard.type('李华补充的一句。');
  await expect(a.getByTestId('lock-state')).toHaveAttribute('data-state', 'mine');
  await a.getByTestId('save-now').click();
  await expect(a.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  // A proofreader opens the same story: read-only, the holder named, no take-over for her.
  const p = await deskAs(browser, desk.url, 'chen-jing');
  await p.getByTestId('story-row').filter({ hasText: headline }).click();
  await expect(p.getByTestId('story-screen')).toHaveAttribute('data-story-id', id);
  await expect(p.getByTestId('lock-holder')).toHaveText('锁定者：李华');
  await expect(p.getByTestId('body-editor')).toHaveAttribute('contenteditable', 'false');
  await expect(p.getByTestId('save-now')).toBeDisabled();
  await expect(p.getByTestId('lock-takeover')).toHaveCount(0);

  // Even straight through the API, her session cannot save over his lock.
  const pSession = await p.evaluate(() => sessionStorage.getItem('desk.session'));
  const pApi = await sessionApi(desk.url, pSession!);
  const before = await pApi<Story>('stories.get', { id });
  const refused = await pApi('stories.save', {
    id,
    baseRev: before.rev,
    content: { ...before, headline: '陈静改的' },
  }).catch((err: { desk?: { key: string; params: Record<string, string> } }) => err.desk);
  expect(refused).toMatchObject({ key: 'error.lockedBy', params: { name: '李华' } });
  expect((await storyOnDisk(desk.dataDir, id)).rev).toBe(before.rev);

  // He keeps working; his text lands.
  await body.locator('p').first().click();
  await a.keyboard.press('Control+End');
  await a.keyboard.type('再补一句。');
  await a.getByTestId('save-now').click();
  await expect(a.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const saved = JSON.stringify((await storyOnDisk(desk.dataDir, id)).body);
  expect(saved).toContain('李华补充的一句。');
  expect(saved).toContain('再补一句。');

  // An editor takes over: she gets his latest text, editable; it is recorded.
  const w = await deskAs(browser, desk.url, 'wang-fang');
  await w.getByTestId('story-row').filter({ hasText: headline }).click();
  await expect(w.getByTestId('lock-holder')).toHaveText('锁定者：李华');
  await w.getByTestId('lock-takeover').click();
  await expect(w.getByTestId('lock-banner')).toBeHidden();
  const wBody = w.getByTestId('body-editor');
  await expect(wBody).toHaveAttribute('contenteditable', 'true');
  await expect(wBody).toContainText('再补一句。');
  const trail = await pApi<AuditEntry[]>('review.audit', { id });
  expect(trail.map((e) => [e.kind, e.name, e.detail])).toEqual([['lock-takeover', '王芳', '李华 (li-hua)']]);

  // He sees the take-over at once (no renewal waited for): read-only, her name shown.
  await expect(a.getByTestId('lock-holder')).toHaveText('锁定者：王芳', { timeout: 3_000 });
  await expect(body).toHaveAttribute('contenteditable', 'false');
  await expect(a.getByTestId('save-now')).toBeDisabled();
  // His session's save is refused and never written over hers.
  const aSession = await a.evaluate(() => sessionStorage.getItem('desk.session'));
  const aApi = await sessionApi(desk.url, aSession!);
  const latest = await aApi<Story>('stories.get', { id });
  const late = await aApi('stories.save', {
    id,
    baseRev: latest.rev,
    content: { ...latest, headline: '被接管后的字' },
  }).catch((err: { desk?: { key: string; params: Record<string, string> } }) => err.desk);
  expect(late).toMatchObject({ key: 'error.lockedBy', params: { name: '王芳' } });
  await wBody.locator('p').first().click();
  await w.keyboard.press('Control+End');
  await w.keyboard.type('王芳的修改。');
  await w.getByTestId('save-now').click();
  await expect(w.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const onDisk = JSON.stringify((await storyOnDisk(desk.dataDir, id)).body);
  expect(onDisk).toContain('再补一句。');
  expect(onDisk).toContain('王芳的修改。');
  expect(onDisk).not.toContain('被接管后的字');
  expect((await storyOnDisk(desk.dataDir, id)).headline).not.toBe('被接管后的字');
});
