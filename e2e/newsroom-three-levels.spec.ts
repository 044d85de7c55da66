/**
 * The newsroom across desks (issue 17): three desks (three `desk serve` processes, each its own
 * data folder, as three computers) signed in to one `desk server` on a real PostgreSQL. A
 * reporter writes and submits; the first editor's queue shows it the moment it is submitted; he
 * edits it (the other editor sees it locked, live) and signs 初审; the second editor signs 复审,
 * signs out, and the final editor signs in at the same desk and signs 终审. The reporter's open
 * story follows each step without a reload, and the audit trail reads back the whole sequence.
 * A wrong password is refused, and the reporter's own session is refused 终审 by the server even
 * when the request is sent by hand.
 */

import type { Page } from '@playwright/test';

import { refusal, TestDesk } from '../electron/server/testing';
import type { Story } from '../shared/model';
import type { AuditEntry } from '../shared/review/audit';
import { expect, test } from './utils/fixtures';
import { pgSkipReason } from './utils/newsroom';
import { newsroomSeats } from './utils/newsroom-seats';
import { openDesk, signedIn, signIn } from './utils/newsroom-pages';

const skip = pgSkipReason();
test.skip(skip !== null, skip ?? '');
test.use({ deskUser: null });

async function sign(page: Page, expected: string): Promise<void> {
  await page.getByTestId('review-sign').click();
  await page.getByTestId('review-confirm').click();
  await expect(page.getByTestId('review-dialog')).toBeHidden();
  await expect(page.getByTestId('review-status')).toHaveText(expected);
}

async function openFromQueue(page: Page, id: string): Promise<void> {
  await page.getByTestId('queue-open').click();
  await page.locator(`[data-testid="queue-item"][data-story-id="${id}"]`).click();
  await expect(page.getByTestId('story-screen')).toHaveAttribute('data-story-id', id);
}

const seats = newsroomSeats([
  { id: 'li', name: '李记者', roles: ['reporter'] },
  { id: 'wang', name: '王初审', roles: ['first-editor'] },
  { id: 'zhao', name: '赵复审', roles: ['second-editor'] },
  { id: 'liu', name: '刘终审', roles: ['final-editor'] },
]);

test('a story goes through 三审 across three desks on one newsroom, live, and the trail reads back', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { people, url } = seats.newsroom;
  const [deskA, deskB, deskC] = await Promise.all([seats.newDesk(), seats.newDesk(), seats.newDesk()]);

  // The reporter's desk. A wrong password is refused and says so; the desk stays unsigned.
  const reporter = await openDesk(browser, deskA);
  await signIn(reporter, url, 'li', 'not-her-password');
  await expect(reporter.getByTestId('newsroom-error')).toContainText('密码');
  await expect(reporter.getByTestId('newsroom-open')).not.toHaveAttribute('data-state', 'connected');
  await reporter.getByTestId('newsroom-password').fill(people.li!.password);
  await reporter.getByTestId('newsroom-signin').click();
  await signedIn(reporter, '李记者');
  // The person is the account: no identity picker on a connected desk.
  await expect(reporter.getByTestId('user-switch')).toHaveCount(0);

  const first = await openDesk(browser, deskB);
  await signIn(first, url, 'wang', people.wang!.password);
  await signedIn(first, '王初审');
  const second = await openDesk(browser, deskC);
  await signIn(second, url, 'zhao', people.zhao!.password);
  await signedIn(second, '赵复审');

  // The reporter writes a new story on the newsroom.
  await reporter.getByTestId('new-story').click();
  const screen = reporter.getByTestId('story-screen');
  await expect(screen).toBeVisible();
  const id = (await screen.getAttribute('data-story-id'))!;
  await reporter.getByTestId('field-headline').fill('石桥村党群议事厅开门办事');
  const body = reporter.getByTestId('body-editor');
  await body.click();
  await reporter.keyboard.type('石桥村党支部把议事厅搬到村口，群众有事当面说、当场办。');
  await reporter.getByTestId('save-now').click();
  await expect(reporter.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  // Her draft is hers: the editor's desk neither lists it nor may read it by hand.
  const wangByHand = await TestDesk.signIn(url, 'wang', people.wang!.password);
  expect((await refusal(wangByHand.call('stories.get', { id }))).key).toBe('error.storyNotFound');

  // She submits; the first editor's queue shows it without a reload.
  await first.getByTestId('queue-open').click();
  await expect(first.locator(`[data-testid="queue-item"][data-story-id="${id}"]`)).toHaveCount(0);
  await reporter.getByTestId('review-submit').click();
  await reporter.getByTestId('review-confirm').click();
  await expect(reporter.getByTestId('review-status')).toHaveText('已提交');
  await expect(first.locator(`[data-testid="queue-item"][data-story-id="${id}"]`)).toBeVisible({
    timeout: 3_000,
  });
  await first.keyboard.press('Escape');

  // The first editor edits it: the second editor, reading it, sees it locked by him, live.
  await openFromQueue(first, id);
  // 复审 is not his turn yet, so the second editor opens it from the story list (editors see it).
  await second.locator(`[data-testid="story-row"][data-story-id="${id}"]`).click();
  await expect(second.getByTestId('story-screen')).toHaveAttribute('data-story-id', id);
  await expect(second.getByTestId('lock-state')).toHaveAttribute('data-state', 'free');
  const firstBody = first.getByTestId('body-editor');
  await firstBody.locator('p').first().click();
  await first.keyboard.press('End');
  await first.keyboard.type('今年已办结群众诉求86件。');
  await expect(second.getByTestId('lock-holder')).toHaveText('锁定者：王初审', { timeout: 3_000 });
  await expect(second.getByTestId('body-editor')).toHaveAttribute('contenteditable', 'false');
  await first.getByTestId('save-now').click();
  await expect(first.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await sign(first, '初审通过');
  // The reporter's open story follows: status and the editor's text, without a reload.
  await expect(reporter.getByTestId('review-status')).toHaveText('初审通过', { timeout: 3_000 });

  // 复审 on the second desk, after the lock is free again.
  await expect(second.getByTestId('review-status')).toHaveText('初审通过', { timeout: 3_000 });
  await expect(second.getByTestId('body-editor')).toContainText('86件');
  await sign(second, '复审通过');

  // The reporter's own session asks the server for 终审 by hand: refused, whatever it claims.
  const liByHand = await TestDesk.signIn(url, 'li', people.li!.password);
  const now = await liByHand.call<Story>('stories.get', { id });
  const asked = await refusal(
    liByHand.call('review.challenge', { id, action: 'sign', baseRev: now.rev, level: 'final' }),
  );
  expect(asked.key).toBe('review.refused.noRole');
  const forged = await refusal(
    liByHand.call('review.act', {
      id,
      action: 'sign',
      baseRev: now.rev,
      signoff: { nonce: 'n'.repeat(32), signature: 's'.repeat(88) },
    }),
  );
  expect(forged.code).not.toBe('internal');
  expect((await liByHand.call<Story>('stories.get', { id })).status).toBe('second-passed');

  // The second editor signs out; the final editor signs in at the same desk and signs 终审.
  await second.getByTestId('newsroom-open').click();
  await second.getByTestId('newsroom-signout').click();
  await expect(second.getByTestId('newsroom-open')).toHaveAttribute('data-state', 'signedOut');
  await signIn(second, null, 'liu', people.liu!.password);
  await signedIn(second, '刘终审');
  await openFromQueue(second, id);
  await sign(second, '终审通过');
  await expect(reporter.getByTestId('review-status')).toHaveText('终审通过', { timeout: 3_000 });

  // The trail, in the app and from the server.
  await second.getByTestId('audit-open').click();
  // The dialog reads the trail from the newsroom: wait until it shows it.
  await expect
    .poll(() =>
      second.getByTestId('audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
    )
    .toEqual(['create', 'submit', 'sign', 'sign', 'sign']);
  const trail = await liByHand.call<AuditEntry[]>('review.audit', { id });
  expect(trail.map((e) => `${e.kind}:${e.name}:${e.level ?? ''}`)).toEqual([
    'create:李记者:',
    'submit:李记者:',
    'sign:王初审:first',
    'sign:赵复审:second',
    'sign:刘终审:final',
  ]);
  // The chain and every signature check out against the stored revisions.
  const verified = await seats.newsroom.auditVerify();
  expect(verified).toMatchObject({ firstProblem: null, signatures: 3 });
});
