/**
 * Working away from the newsroom, the whole way through the UI (issue 18): a reporter checks out
 * two stories from the list on her laptop (a `desk serve` of its own) signed in to a real
 * `desk server` on PostgreSQL; the newsroom's server is stopped; she edits both
 * and writes a new draft, which the desk keeps with its outbox and 交回 lists; the newsroom comes
 * back; the desk sends the outbox by itself and says so; she checks in from 连接编辑部. The
 * newsroom holds exactly the new revisions and the new draft, and her desk at the office (another
 * `desk serve`, signed in as her too) sees them arrive without a reload.
 */

import type { Page } from '@playwright/test';
import pg from 'pg';

import { TestDesk } from '../electron/server/testing';
import type { Story } from '../shared/model';
import { expect, test } from './utils/fixtures';
import { pgSkipReason } from './utils/newsroom';
import { newsroomSeats, writtenByHand } from './utils/newsroom-seats';
import { openDesk, signedIn, signIn } from './utils/newsroom-pages';

const skip = pgSkipReason();
test.skip(skip !== null, skip ?? '');
test.use({ deskUser: null });

const row = (page: Page, id: string) => page.locator(`[data-testid="story-row"][data-story-id="${id}"]`);

const seats = newsroomSeats([{ id: 'li', name: '李记者', roles: ['reporter'] }], 'desk-offline-');

/** Types a headline into the open story and saves it now; the desk says it is saved. */
async function writeHeadline(page: Page, headline: string): Promise<void> {
  await page.getByTestId('field-headline').fill(headline);
  await page.getByTestId('save-now').click();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
}

test('two stories checked out, the newsroom down, both edited and a draft written, back, checked in: exactly those revisions and the draft, seen live on the other desk', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const { people, url } = seats.newsroom;
  // One connection per question, straight to the newsroom's database.
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const db = new pg.Client({ connectionString: seats.newsroom.cluster.url('newsroom') });
    await db.connect();
    try {
      return (await db.query<R>(sql, params)).rows;
    } finally {
      await db.end();
    }
  };
  const revisions = async (id: string) =>
    (
      await query<{ revision: number; headline: string }>(
        `select revision, content->>'headline' as headline from story_revisions where story_id = $1 order by revision`,
        [id],
      )
    ).map((r) => [r.revision, r.headline] as const);
  const storiesOfLi = async () =>
    (await query<{ id: string }>(`select id from stories where owner_id = 'li' order by id`)).map(
      (r) => r.id,
    );
  let stopped = false;
  try {
    // Two stories of the reporter, written at the newsroom.
    const liByHand = await TestDesk.signIn(url, 'li', people.li!.password);
    const [a, b] = (await writtenByHand(liByHand, ['山乡夜校开课了', '渡口边的党员服务站'])) as [
      Story,
      Story,
    ];
    const before = { a: await revisions(a.id), b: await revisions(b.id), ids: await storiesOfLi() };
    expect(before.a).toEqual([
      [1, ''],
      [2, '山乡夜校开课了'],
    ]);

    const [laptopHost, officeHost] = await Promise.all([seats.newDesk(), seats.newDesk()]);
    const laptop = await openDesk(browser, laptopHost);
    await signIn(laptop, url, 'li', people.li!.password);
    await signedIn(laptop, '李记者');
    const office = await openDesk(browser, officeHost);
    await signIn(office, url, 'li', people.li!.password);
    await signedIn(office, '李记者');

    // Both taken away from the list on the laptop; the office desk sees them on the laptop, live.
    await row(laptop, a.id).click({ modifiers: ['Control'] });
    await row(laptop, b.id).click({ modifiers: ['Control'] });
    await laptop.getByTestId('checkout-take').click();
    await expect(laptop.getByTestId('checkout-stories')).toContainText('渡口边的党员服务站');
    const laptopName = (await laptop.getByTestId('checkout-desk').textContent())!;
    expect(laptopName).toMatch(/^.+-[0-9a-f]{6}$/);
    await laptop.getByTestId('checkout-confirm').click();
    await expect(laptop.getByTestId('checkout-dialog')).toBeHidden();
    await expect(row(laptop, a.id).getByTestId('story-row-away')).toHaveText('已带走 · 可离线编辑');
    await expect(row(laptop, b.id).getByTestId('story-row-away')).toHaveText('已带走 · 可离线编辑');
    await expect(row(office, a.id).getByTestId('story-row-away')).toHaveText('李记者 带走编辑');
    await expect(row(office, b.id).getByTestId('story-row-away')).toHaveText('李记者 带走编辑');
    await row(office, a.id).click();
    // Her own check-out, but to the laptop: read only here, and it says where it is.
    await expect(office.getByTestId('checkout-holder')).toContainText(
      `你已把此稿带到另一台电脑编辑（${laptopName}，自 `,
    );
    await expect(office.getByTestId('checkout-banner')).toContainText(`在 ${laptopName} 上交回之前`);
    await expect(office.getByTestId('checkout-state')).toHaveCount(0);
    await expect(office.getByTestId('field-headline')).not.toBeEditable();

    // The newsroom's server stops.
    await seats.newsroom.stop();
    stopped = true;
    await row(laptop, a.id).click();
    await expect(laptop.getByTestId('checkout-state')).toContainText(`你已带走编辑（${laptopName}，自 `);
    await writeHeadline(laptop, '山乡夜校开课了，七十岁的老支书也来听');
    await expect(laptop.getByTestId('newsroom-open')).toHaveAttribute('data-state', 'unreachable', {
      timeout: 15_000,
    });
    await expect(laptop.getByTestId('newsroom-badge')).toHaveText(/^离线 · 自 \d\d:\d\d$/);
    await row(laptop, b.id).click();
    await writeHeadline(laptop, '渡口边的党员服务站：夜里也亮着灯');
    // A new story written offline is a draft of this desk, created on the newsroom at check-in.
    await laptop.getByTestId('new-story').click();
    await expect(laptop.getByTestId('field-headline')).toHaveValue('');
    await writeHeadline(laptop, '火车上写完的新稿');
    await expect(
      laptop.getByTestId('story-row-headline').filter({ hasText: '火车上写完的新稿' }),
    ).toHaveCount(1);
    await expect(laptop.getByTestId('newsroom-banner-pending')).toHaveText(
      '带走稿件的 4 处修改保存在这台电脑上，编辑部恢复响应后自动交回。',
    );

    // 交回 lists what the desk holds: each story's changes waiting, the draft, the outbox; it waits.
    await laptop.getByTestId('newsroom-open').click();
    await expect(laptop.getByTestId('checkin-count')).toHaveText('你在这台电脑上带走了 2 篇稿件。');
    await expect(
      laptop
        .locator(`[data-testid="checkin-item"][data-story-id="${a.id}"]`)
        .getByTestId('checkin-item-waiting'),
    ).toHaveText('（1 处修改待交回）');
    await expect(laptop.getByTestId('checkin-draft')).toContainText('离线新写：火车上写完的新稿');
    await expect(laptop.getByTestId('checkin-outbox')).toHaveText('4 处修改，保存在这台电脑上');
    await expect(laptop.getByTestId('checkin-last')).toHaveText('还没有交回过');
    await expect(laptop.getByTestId('checkin-run')).toBeDisabled();
    await laptop.screenshot({ path: info.outputPath('offline-checkin.png') });
    await laptop.getByTestId('newsroom-close').click();
    await seats.newsroom.start();
    stopped = false;

    // The newsroom answers again: the desk sends the outbox by itself and says what went up.
    await expect(laptop.getByTestId('newsroom-open')).toHaveAttribute('data-state', 'connected', {
      timeout: 30_000,
    });
    await expect(laptop.getByTestId('toast').filter({ hasText: '已交回 4 处修改' })).toBeVisible({
      timeout: 15_000,
    });
    await laptop.screenshot({ path: info.outputPath('back-online.png') });

    // She checks in from 连接编辑部: the stories are handed back, nothing waits.
    await laptop.getByTestId('newsroom-open').click();
    await expect(laptop.getByTestId('checkin-outbox')).toHaveText('没有等待交回的修改');
    await expect(laptop.getByTestId('checkin-last')).not.toHaveText('还没有交回过');
    await laptop.getByTestId('checkin-run').click();
    await expect(laptop.getByTestId('checkin-summary')).toContainText('已交回 2 篇，结束锁定');
    await expect(laptop.getByTestId('checkin-count')).toHaveText('这台电脑上没有带走的稿件。');
    await expect(laptop.getByTestId('checkin-draft')).toHaveCount(0);
    await laptop.screenshot({ path: info.outputPath('checked-in.png') });
    await laptop.getByTestId('newsroom-close').click();

    // The newsroom holds exactly one new revision of each story and the new draft, nothing twice.
    expect(await revisions(a.id)).toEqual([...before.a, [3, '山乡夜校开课了，七十岁的老支书也来听']]);
    expect(await revisions(b.id)).toEqual([...before.b, [3, '渡口边的党员服务站：夜里也亮着灯']]);
    const now = await storiesOfLi();
    const added = now.filter((id) => !before.ids.includes(id));
    expect(added).toHaveLength(1);
    const draft = added[0]!;
    expect(await revisions(draft)).toEqual([
      [1, ''],
      [2, '火车上写完的新稿'],
    ]);
    expect(await query(`select story_id from locks where kind = 'checkout'`)).toEqual([]);

    // The office desk saw it all arrive without a reload: the new headlines, the draft, no check-out.
    await expect(row(office, a.id).getByTestId('story-row-headline')).toHaveText(
      '山乡夜校开课了，七十岁的老支书也来听',
    );
    await expect(row(office, b.id).getByTestId('story-row-headline')).toHaveText(
      '渡口边的党员服务站：夜里也亮着灯',
    );
    await expect(row(office, draft).getByTestId('story-row-headline')).toHaveText('火车上写完的新稿');
    await expect(row(office, a.id).getByTestId('story-row-away')).toHaveCount(0);
    await expect(row(office, b.id).getByTestId('story-row-away')).toHaveCount(0);
    await expect(office.getByTestId('field-headline')).toHaveValue('山乡夜校开课了，七十岁的老支书也来听');
    await office.screenshot({ path: info.outputPath('office.png') });
  } finally {
    if (stopped) await seats.newsroom.start();
  }
});
