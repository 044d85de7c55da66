/**
 * 带走编辑 as people see it (issue 18): two desks (two `desk serve` processes, each its own data
 * folder) signed in to one `desk server` on a real PostgreSQL. The reporter checks out two stories
 * from the list (Ctrl-click, 带走编辑（2）, the dialog showing the name her computer has on the
 * newsroom, nothing to type); the editor's desk shows
 * them taken away, live, with who and from which computer; the editor takes one over, a reason
 * required; the reporter's check-in of what she wrote away arrives over the editor's revision and
 * is kept as a parallel version: the editor sees the conflict, compares the two versions in the
 * history view and combines them; the audit trail holds the whole sequence. The reporter checks
 * the other story in from 连接编辑部 and the editor's list follows.
 *
 * The writer's offline edit is sent as the desk's outbox will send it (checkout.checkIn with the
 * revision it left at), by hand: the desk's outbox and offline mode are built separately.
 */
import { randomUUID } from 'node:crypto';

import type { Page } from '@playwright/test';
import pg from 'pg';

import { TestDesk } from '../electron/server/testing';
import type { CheckInReport } from '../shared/api/checkout-contract';
import { contentOf, type Story } from '../shared/model';
import { expect, test } from './utils/fixtures';
import { pgSkipReason } from './utils/newsroom';
import { newsroomSeats, writtenByHand } from './utils/newsroom-seats';
import { openDesk, signedIn, signIn } from './utils/newsroom-pages';

const skip = pgSkipReason();
test.skip(skip !== null, skip ?? '');
test.use({ deskUser: null });

const row = (page: Page, id: string) => page.locator(`[data-testid="story-row"][data-story-id="${id}"]`);

const seats = newsroomSeats(
  [
    { id: 'li', name: '李记者', roles: ['reporter'] },
    { id: 'wang', name: '王编辑', roles: ['first-editor'] },
  ],
  'desk-away-',
);

/** The name this computer has on the newsroom, as 连接编辑部 shows it (the desk gives it itself). */
async function deskNameOf(page: Page): Promise<string> {
  await page.getByTestId('newsroom-open').click();
  const shown = page.getByTestId('checkin-desk');
  await expect(shown).toHaveText(/^.+-[0-9a-f]{6}$/);
  const name = (await shown.textContent())!;
  await page.getByTestId('newsroom-close').click();
  await expect(page.getByTestId('newsroom-dialog')).toHaveCount(0);
  return name;
}

test('two stories taken away, seen live on the other desk, one taken over with a reason, its conflict combined in the history view, the other checked in', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const { people, url } = seats.newsroom;
  const db = new pg.Client({ connectionString: seats.newsroom.cluster.url('newsroom') });
  await db.connect();
  try {
    // Two stories of the reporter, sent back to her by an editor: she may write them, editors see them.
    const liByHand = await TestDesk.signIn(url, 'li', people.li!.password);
    const [a, b] = (await writtenByHand(liByHand, ['山乡夜校开课了', '渡口边的党员服务站'])) as [
      Story,
      Story,
    ];
    await db.query(`update stories set status = 'returned' where id = any($1)`, [[a.id, b.id]]);

    const [deskA, deskB] = await Promise.all([seats.newDesk(), seats.newDesk()]);
    const reporter = await openDesk(browser, deskA);
    await signIn(reporter, url, 'li', people.li!.password);
    await signedIn(reporter, '李记者');
    const laptop = await deskNameOf(reporter);
    const editor = await openDesk(browser, deskB);
    await signIn(editor, url, 'wang', people.wang!.password);
    await signedIn(editor, '王编辑');

    // The reporter checks both in the list (Ctrl-click) and takes them away.
    await row(reporter, a.id).click({ modifiers: ['Control'] });
    await row(reporter, b.id).click({ modifiers: ['Control'] });
    await expect(row(reporter, a.id)).toHaveAttribute('aria-checked', 'true');
    await expect(reporter.getByTestId('checkout-take')).toHaveText('带走编辑（2）');
    await reporter.getByTestId('checkout-take').click();
    const dialog = reporter.getByTestId('checkout-dialog');
    await expect(dialog).toContainText('一直锁定给你，直到你交回');
    await expect(reporter.getByTestId('checkout-stories')).toContainText('山乡夜校开课了');
    // The computer is named by the desk itself: shown, nothing to type.
    await expect(reporter.getByTestId('checkout-desk')).toHaveText(laptop);
    await expect(dialog.getByRole('textbox')).toHaveCount(0);
    await expect(reporter.getByTestId('checkout-confirm')).toBeFocused();
    await reporter.screenshot({ path: info.outputPath('checkout-dialog.png') });
    await reporter.getByTestId('checkout-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(row(reporter, a.id).getByTestId('story-row-away')).toHaveText('已带走 · 可离线编辑');
    await expect(row(reporter, b.id).getByTestId('story-row-away')).toHaveText('已带走 · 可离线编辑');

    // The editor's desk shows both taken away, live, and who has the open one, from which computer.
    await expect(row(editor, a.id).getByTestId('story-row-away')).toHaveText('李记者 带走编辑', {
      timeout: 3_000,
    });
    await expect(row(editor, b.id).getByTestId('story-row-away')).toHaveText('李记者 带走编辑');
    await row(editor, a.id).click();
    await expect(editor.getByTestId('checkout-holder')).toContainText(`已被 李记者 带走编辑（${laptop}，自 `);
    await editor.screenshot({ path: info.outputPath('checkout-seen.png') });
    const left = (await liByHand.call<{ rev: number }>('stories.get', { id: a.id })).rev;

    // He takes it over: a reason is required, and the confirm says her check-in will not overwrite him.
    await editor.getByTestId('checkout-takeover').click();
    await expect(editor.getByTestId('takeover-body')).toContainText('不会覆盖你的版本');
    await editor.getByTestId('takeover-confirm').click();
    await expect(editor.getByTestId('takeover-problem')).toContainText('请写明接管理由');
    await editor.getByTestId('takeover-reason').fill('今晚见报，记者在山里联系不上');
    await editor.screenshot({ path: info.outputPath('checkout-takeover.png') });
    await editor.getByTestId('takeover-confirm').click();
    await expect(editor.getByTestId('takeover-dialog')).toBeHidden();
    await expect(row(editor, a.id).getByTestId('story-row-away')).toHaveCount(0);
    await editor.getByTestId('field-headline').fill('山乡夜校开课 村民晚上来充电');
    await editor.getByTestId('save-now').click();
    await expect(editor.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await expect(editor.getByTestId('lock-state')).toHaveAttribute('data-state', 'mine');

    // What she wrote away arrives on the revision it left at, over his: kept as a parallel version.
    const report = await liByHand.call<CheckInReport>('checkout.checkIn', {
      desk: laptop,
      ops: [
        {
          opId: randomUUID(),
          storyId: a.id,
          baseRev: left,
          content: { ...contentOf(a), headline: '山乡夜校开课了，七十岁的老支书也来听' },
          at: new Date().toISOString(),
        },
      ],
    });
    expect(report.results.map((r) => r.outcome)).toEqual(['parallel']);

    // The editor sees the conflict, live, and combines the two versions in the history view.
    await expect(editor.getByTestId('conflict-banner')).toContainText(`李记者 在 ${laptop} 带回的版本`, {
      timeout: 3_000,
    });
    await expect(row(editor, a.id).getByTestId('story-row-conflict')).toHaveText('有冲突');
    await editor.getByTestId('history-open').click();
    const panel = editor.getByTestId('conflict-panel');
    await expect(panel.getByTestId('conflict-current')).toContainText('王编辑');
    await expect(panel.getByTestId('conflict-parallel')).toContainText(`李记者，${laptop}`);
    await expect(panel.getByTestId('diff-from-headline')).toHaveText('山乡夜校开课 村民晚上来充电');
    await expect(panel.getByTestId('diff-to-headline')).toHaveText('山乡夜校开课了，七十岁的老支书也来听');
    await expect(panel.locator('[data-testid="diff-to-headline"] ins').first()).toBeVisible();
    await editor.screenshot({ path: info.outputPath('checkout-conflict.png') });
    await panel.getByTestId('conflict-combine-parallel').click();
    await expect(panel.getByTestId('combine-headline')).toHaveValue('山乡夜校开课了，七十岁的老支书也来听');
    await panel.getByTestId('combine-headline').fill('山乡夜校开课 七十岁的老支书也来听');
    await panel.getByTestId('combine-save').click();
    await expect(editor.getByTestId('history-dialog')).toBeHidden();
    await expect(editor.getByTestId('field-headline')).toHaveValue('山乡夜校开课 七十岁的老支书也来听');
    await expect(editor.getByTestId('conflict-banner')).toHaveCount(0);
    await expect(row(editor, a.id).getByTestId('story-row-conflict')).toHaveCount(0);
    const resolved = await liByHand.call<Story>('stories.get', { id: a.id });
    expect(resolved.headline).toBe('山乡夜校开课 七十岁的老支书也来听');

    // The trail: taken away, taken over with the reason, the parallel version, the notice, the pick.
    const { rows } = await db.query<{ action: string; actor_id: string; detail: Record<string, unknown> }>(
      'select action, actor_id, detail from audit where story_id = $1 order by seq',
      [a.id],
    );
    const trail = rows.map((r) => `${r.action}:${r.actor_id}`);
    const order = ['lock-takeover:wang', 'story-saved:wang', 'checkin-parallel:li', 'conflict-resolved:wang'];
    const at = order.map((k) => trail.indexOf(k));
    expect(
      at.every((i) => i >= 0),
      trail.join(' '),
    ).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(rows.find((r) => r.action === 'lock-takeover')!.detail).toMatchObject({
      checkout: true,
      reason: '今晚见报，记者在山里联系不上',
    });
    expect(trail.some((k) => k.startsWith('conflict-notice:'))).toBe(true);

    // The reporter checks the other story in from 连接编辑部: the result is shown, the editor's list follows.
    await reporter.getByTestId('newsroom-open').click();
    await expect(reporter.getByTestId('checkin-count')).toHaveText('你在这台电脑上带走了 1 篇稿件。');
    await expect(reporter.getByTestId('checkin-item')).toHaveAttribute('data-story-id', b.id);
    await reporter.getByTestId('checkin-run').click();
    await expect(reporter.getByTestId('checkin-summary')).toContainText('已交回 1 篇，结束锁定');
    await reporter.screenshot({ path: info.outputPath('checkout-checkin.png') });
    await expect(reporter.getByTestId('checkin-count')).toHaveText('这台电脑上没有带走的稿件。');
    await reporter.keyboard.press('Escape');
    await expect(row(editor, b.id).getByTestId('story-row-away')).toHaveCount(0, { timeout: 3_000 });
    await expect(row(reporter, b.id).getByTestId('story-row-away')).toHaveCount(0);
  } finally {
    await db.end();
  }
});

// Stops the newsroom's database: runs last.
test('offline with a story taken away: the header says 离线 · 自 HH:MM, the list says what can be edited, 交回 says why it waits', async ({
  browser,
}, info) => {
  test.setTimeout(180_000);
  const { people, url } = seats.newsroom;
  const liByHand = await TestDesk.signIn(url, 'li', people.li!.password);
  const story = await liByHand.call<Story>('stories.create', {});
  await liByHand.call<Story>('stories.save', {
    id: story.id,
    baseRev: 1,
    content: { ...contentOf(story), headline: '火车上写完的通讯' },
  });

  const reporter = await openDesk(browser, await seats.newDesk());
  await signIn(reporter, url, 'li', people.li!.password);
  await signedIn(reporter, '李记者');
  const laptop = await deskNameOf(reporter);
  // The open story taken away from its lock line, by the key.
  await row(reporter, story.id).click();
  await expect(reporter.getByTestId('checkout-take-story')).toBeVisible();
  await reporter.getByTestId('story-list').focus();
  await reporter.keyboard.press('Control+Shift+E');
  await expect(reporter.getByTestId('checkout-stories')).toHaveText('火车上写完的通讯');
  await expect(reporter.getByTestId('checkout-desk')).toHaveText(laptop);
  await reporter.keyboard.press('Enter');
  await expect(reporter.getByTestId('checkout-state')).toContainText(`你已带走编辑（${laptop}，自 `);

  seats.newsroom.cluster.halt();
  try {
    await reporter.getByTestId('field-headline').fill('火车上写完的通讯（离线修改）');
    await reporter.getByTestId('save-now').click();
    await expect(reporter.getByTestId('newsroom-open')).toHaveAttribute('data-state', 'unreachable', {
      timeout: 15_000,
    });
    await expect(reporter.getByTestId('newsroom-badge')).toHaveText(/^离线 · 自 \d\d:\d\d$/);
    await expect(reporter.getByTestId('newsroom-banner-text')).toContainText(
      '可以编辑你带走的 1 篇稿件和新写的稿件；签发、送审、审稿队列、别人的稿件和版面需要编辑部',
    );
    await expect(reporter.getByTestId('list-offline')).toHaveText(
      '离线：带走的 1 篇稿件可以编辑，其他稿件需要连上编辑部。',
    );
    await expect(row(reporter, story.id).getByTestId('story-row-away')).toHaveText('已带走 · 可离线编辑');
    // What needs the newsroom says so beside it, and does nothing.
    await expect(reporter.getByTestId('review-submit')).toHaveAttribute('aria-disabled', 'true');
    await expect(reporter.getByTestId('review-offline-reason')).toHaveText('离线时不可用：需要连接编辑部。');
    await expect(reporter.getByTestId('queue-open')).toHaveAttribute('aria-disabled', 'true');
    await reporter.getByTestId('queue-open').click({ force: true });
    await expect(reporter.getByRole('dialog')).toHaveCount(0);
    await expect(reporter.getByTestId('view-pages')).toHaveAttribute(
      'title',
      '离线时不可用：需要连接编辑部。',
    );
    await reporter.getByTestId('view-pages').click({ force: true });
    await expect(reporter.getByTestId('view-stories')).toHaveAttribute('aria-current', 'page');
    await reporter.screenshot({ path: info.outputPath('offline.png') });
    await reporter.getByTestId('newsroom-open').click();
    await expect(reporter.getByTestId('checkin-outbox')).toHaveText('1 处修改，保存在这台电脑上');
    await expect(reporter.getByTestId('newsroom-pending-none')).toHaveText(
      '带走稿件的 1 处修改保存在这台电脑上，编辑部恢复响应后自动交回。',
    );
    await expect(reporter.getByTestId('checkin-run')).toBeDisabled();
    await expect(reporter.getByTestId('checkin-why')).toHaveText(
      '离线时不能交回：编辑部恢复响应后会自动送出。',
    );
    await reporter.screenshot({ path: info.outputPath('offline-checkin.png') });
  } finally {
    seats.newsroom.cluster.start();
  }
});
