/**
 * Status is the same everywhere at once (issue 19 §2): after 提交审稿 and a signature
 * the story list, the 版面与状态 panel and the review bar show the new status without
 * a reload, and the sign dialog, the panel and the stored story name one revision. Another
 * window open on the story follows too, from the desk's events.
 */
import type { Page } from '@playwright/test';

import type { Story } from '../shared/model';
import { expect, test } from './utils/fixtures';
import { deskAs } from './utils/review-pages';
import { sessionApi } from './utils/review-session';

async function everywhere(page: Page, id: string, status: string): Promise<void> {
  await expect(page.getByTestId('review-status')).toHaveText(status);
  await expect(page.getByTestId('field-status').getByTestId('status-badge')).toHaveText(status);
  await expect(
    page.locator(`[data-testid="story-row"][data-story-id="${id}"]`).getByTestId('status-badge'),
  ).toHaveText(status);
}

test('submit and sign: list, panel and bar follow at once; the sign dialog, panel and store agree on the revision', async ({
  browser,
  desk,
}) => {
  test.setTimeout(120_000);
  const api = await sessionApi(desk.url, 'setup');
  const { items } = await api<{ items: { id: string; headline: string }[] }>('stories.list', {
    text: '',
    status: null,
    page: 'B6',
    sort: 'page-slot',
    trash: false,
  });
  const id = items[0]!.id;

  const reporter = await deskAs(browser, desk.url, 'zhang-ming');
  await reporter.locator(`[data-testid="story-row"][data-story-id="${id}"]`).click();
  await everywhere(reporter, id, '草稿');
  await reporter.getByTestId('review-submit').click();
  await reporter.getByTestId('review-confirm').click();
  await expect(reporter.getByTestId('review-dialog')).toBeHidden();
  await everywhere(reporter, id, '已提交');
  const submitted = await api<Story>('stories.get', { id });
  await expect(reporter.getByTestId('placement-rev')).toHaveAttribute('data-rev', String(submitted.rev));

  const editor = await deskAs(browser, desk.url, 'li-hua');
  await editor.locator(`[data-testid="story-row"][data-story-id="${id}"]`).click();
  await everywhere(editor, id, '已提交');
  await editor.getByTestId('review-sign').click();
  const dialogRev = await editor.getByTestId('sign-rev').getAttribute('data-rev');
  await expect(editor.getByTestId('placement-rev')).toHaveAttribute('data-rev', dialogRev!);
  expect(Number(dialogRev)).toBe((await api<Story>('stories.get', { id })).rev);
  await editor.getByTestId('review-confirm').click();
  await expect(editor.getByTestId('review-dialog')).toBeHidden();
  await everywhere(editor, id, '初审通过');
  const signed = await api<Story>('stories.get', { id });
  expect(signed.status).toBe('first-passed');
  await expect(editor.getByTestId('placement-rev')).toHaveAttribute('data-rev', String(signed.rev));
  // The reporter's window, open on the same story, hears of the signature from the desk's events: no reload.
  await everywhere(reporter, id, '初审通过');
  await expect(reporter.getByTestId('placement-rev')).toHaveAttribute('data-rev', String(signed.rev));
  await editor.screenshot({ path: 'test-results/review-status.png' });
});

test('a window that only reads a story shows the writer’s saved text without a reload', async ({
  browser,
  desk,
}) => {
  test.setTimeout(90_000);
  const writer = await deskAs(browser, desk.url, 'li-hua');
  const row = writer.getByTestId('story-row').filter({ hasText: '茶溪社区' });
  await row.click();
  const id = (await writer.getByTestId('story-screen').getAttribute('data-story-id'))!;

  const reader = await deskAs(browser, desk.url, 'chen-jing');
  await reader.locator(`[data-testid="story-row"][data-story-id="${id}"]`).click();
  await expect(reader.getByTestId('story-screen')).toHaveAttribute('data-story-id', id);
  const readerBody = reader.getByTestId('body-editor');
  await expect(readerBody).not.toContainText('读者应当看到的新句子。');

  await writer.getByTestId('body-editor').locator('p').first().click();
  await writer.keyboard.press('Control+End');
  await writer.keyboard.type('读者应当看到的新句子。');
  await writer.getByTestId('save-now').click();
  await expect(writer.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect(readerBody).toContainText('读者应当看到的新句子。', { timeout: 3_000 });
  await expect(reader.getByTestId('lock-holder')).toHaveText('锁定者：李华');

  // The writer keeps typing and saving: her own window never reloads under her caret.
  await writer.keyboard.type('再写一句。');
  await writer.getByTestId('save-now').click();
  await expect(writer.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await writer.keyboard.type('第三句。');
  await expect(writer.getByTestId('body-editor')).toContainText('读者应当看到的新句子。再写一句。第三句。');
  await expect(readerBody).toContainText('再写一句。', { timeout: 3_000 });
});
