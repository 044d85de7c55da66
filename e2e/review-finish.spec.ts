/**
 * A 三审 that can always finish, and says why when it cannot (issue 19 §3): the demo
 * staff take a demo story through 初审, 复审 and 终审; the submit dialog's summary and
 * note reach the queue; a refused signature says why beside the button; with 终审's
 * last holder retired the story and the queue say nobody can sign and what an admin
 * can do; an editor must choose 修改已签稿件 before the signed text can change.
 */
import type { Page } from '@playwright/test';

import type { Story } from '../shared/model';
import type { UserProfile } from '../shared/review/roles';
import { expect, test } from './utils/fixtures';
import { deskAs } from './utils/review-pages';
import { sessionApi } from './utils/review-session';

async function firstDemoStory(api: Awaited<ReturnType<typeof sessionApi>>): Promise<string> {
  const { items } = await api<{ items: { id: string }[] }>('stories.list', {
    text: '',
    status: null,
    page: 'B6',
    sort: 'page-slot',
    trash: false,
  });
  return items[0]!.id;
}

async function fromQueue(page: Page, id: string): Promise<void> {
  await page.getByTestId('queue-open').click();
  await page.locator(`[data-testid="queue-item"][data-story-id="${id}"]`).click();
  await expect(page.getByTestId('story-screen')).toHaveAttribute('data-story-id', id);
}

async function sign(page: Page, status: string): Promise<void> {
  await page.getByTestId('review-sign').click();
  await page.getByTestId('review-confirm').click();
  await expect(page.getByTestId('review-dialog')).toBeHidden();
  await expect(page.getByTestId('review-status')).toHaveText(status);
}

test('the demo staff sign all three levels; summary and note reach the queue; a refused signature says why', async ({
  browser,
  desk,
}) => {
  test.setTimeout(150_000);
  const api = await sessionApi(desk.url, 'setup');
  const id = await firstDemoStory(api);

  const reporter = await deskAs(browser, desk.url, 'zhang-ming');
  await reporter.locator(`[data-testid="story-row"][data-story-id="${id}"]`).click();
  await reporter.getByTestId('review-submit').click();
  await expect(reporter.getByTestId('submit-chars')).toContainText(/正文 \d+ 字/);
  await expect(reporter.getByTestId('submit-photos')).toContainText('图片');
  await expect(reporter.getByTestId('submit-findings')).toContainText('错误');
  await reporter.getByTestId('review-note').fill('数字已与附表核对，请重点看第二段');
  await reporter.screenshot({ path: 'test-results/review-finish-submit.png' });
  await reporter.getByTestId('review-confirm').click();
  await expect(reporter.getByTestId('review-status')).toHaveText('已提交');

  const li = await deskAs(browser, desk.url, 'li-hua');
  await li.getByTestId('queue-open').click();
  const item = li.locator(`[data-testid="queue-item"][data-story-id="${id}"]`);
  await expect(item.getByTestId('queue-submission')).toContainText('张明 提交于');
  await expect(item.getByTestId('queue-submission')).toContainText('字');
  await expect(item.getByTestId('queue-findings')).toContainText('错误');
  await expect(item.getByTestId('queue-note')).toHaveText('说明：数字已与附表核对，请重点看第二段');
  await li.screenshot({ path: 'test-results/review-finish-queue.png' });
  await item.click();
  await sign(li, '初审通过');

  // 李华 holds 复审 too: the reason is written beside the button, and the button is reachable by Tab.
  const button = li.getByTestId('review-sign');
  await expect(button).toBeDisabled();
  const reason = li.getByTestId('review-sign-reason');
  await expect(reason).toHaveText('李华 已签过此稿的另一级，同一人不能签两级。请另一位编辑签发。');
  await expect(button).toHaveAttribute('aria-describedby', 'review-sign-reason');
  await button.focus();
  await expect(button).toBeFocused();

  // 赵强 signs 复审 (the order the issue found stuck); 刘洋 is left for 终审.
  const zhao = await deskAs(browser, desk.url, 'zhao-qiang');
  await fromQueue(zhao, id);
  await sign(zhao, '复审通过');
  const liu = await deskAs(browser, desk.url, 'liu-yang');
  await fromQueue(liu, id);
  await sign(liu, '终审通过');
  await expect(liu.getByTestId('review-signatures')).toContainText('终审：刘洋');
  const done = await api<Story>('stories.get', { id });
  expect(done.signatures?.map((s) => s.name)).toEqual(['李华', '赵强', '刘洋']);
  expect(done.submission?.note).toBe('数字已与附表核对，请重点看第二段');

  // The note is in the review record too.
  await liu.getByTestId('audit-open').click();
  await expect(liu.locator('[data-testid="audit-entry"][data-kind="submit"]')).toContainText(
    '数字已与附表核对',
  );
});

test('nobody left for 终审: the story and the queue say so and what an admin can do; 修改已签稿件 before editing', async ({
  browser,
  desk,
}) => {
  test.setTimeout(150_000);
  const admin = await sessionApi(desk.url, 'admin');
  await admin('session.setUser', { userId: 'admin' });
  const { users } = await admin<{ users: UserProfile[] }>('users.list', {});
  await admin('users.save', {
    users: users.map((u) => (u.id === 'liu-yang' ? { ...u, disabled: true } : u)),
  });
  const id = await firstDemoStory(admin);
  for (const [session, userId, action] of [
    ['s-zhang', 'zhang-ming', 'submit'],
    ['s-li', 'li-hua', 'sign'],
    ['s-zhao', 'zhao-qiang', 'sign'],
  ] as const) {
    const who = await sessionApi(desk.url, session);
    await who('session.setUser', { userId });
    const now = await who<Story>('stories.get', { id });
    await who('review.act', { id, action, baseRev: now.rev });
  }

  const wang = await deskAs(browser, desk.url, 'wang-fang');
  await wang.getByTestId('queue-open').click();
  const item = wang.locator(`[data-testid="queue-item"][data-story-id="${id}"]`);
  await expect(item.getByTestId('queue-stuck')).toHaveText('无人可签');
  const words =
    '没有人能签终审：赵强已签复审。同一人不能签两级，也不能签自己的稿件。请管理员在“人员管理”中把终审角色授予另一位编辑（可选：王芳）。';
  await expect(item.getByTestId('queue-stuck-text')).toHaveText(words);
  await wang.screenshot({ path: 'test-results/review-finish-stuck-queue.png' });
  await item.click();
  await expect(wang.getByTestId('review-stuck')).toHaveText(words);

  // 王芳 (初审 + 复审) reads the signed story: the text is read-only until she chooses to change it.
  const gate = wang.getByTestId('signed-edit-gate');
  await expect(gate).toContainText('修改正文会撤销初审、复审的签发');
  const body = wang.getByTestId('body-editor');
  await expect(body).toHaveAttribute('contenteditable', 'false');
  await wang.screenshot({ path: 'test-results/review-finish-gate.png' });
  await wang.getByTestId('signed-edit-start').click();
  await expect(wang.getByTestId('signed-edit-body')).toContainText('初审：李华');
  await expect(wang.getByTestId('signed-edit-body')).toContainText('复审：赵强');
  await wang.getByTestId('review-confirm').click();
  await expect(body).toHaveAttribute('contenteditable', 'true');
  // Cancel before typing: read-only again, and every signature stands.
  await wang.getByTestId('signed-edit-cancel').click();
  await expect(body).toHaveAttribute('contenteditable', 'false');
  const kept = await admin<Story>('stories.get', { id });
  expect(kept.status).toBe('second-passed');
  expect(kept.signatures).toHaveLength(2);
});
