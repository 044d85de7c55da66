/**
 * 三审 end to end (issue 6): a reporter submits; editor A signs 初审 and is refused
 * at 复审; editor B signs 复审; editor C returns it at 终审 with a comment on a
 * passage; the reporter fixes it and it goes round again to 终审; the review
 * record shows the whole story, in the app, through the API and as CSV.
 * Every person works in their own browser context (their own session) on one host.
 */
import type { Page } from '@playwright/test';

import { contentOf, type Story } from '../shared/model';
import type { AuditEntry } from '../shared/review/audit';
import { bodyFromBlocks } from '../shared/model/body';
import { expect, test } from './utils/fixtures';
import { deskAs, selectInBody } from './utils/review-pages';
import { sessionApi } from './utils/review-session';

async function openFromQueue(page: Page, id: string): Promise<void> {
  await page.getByTestId('queue-open').click();
  await page.locator(`[data-testid="queue-item"][data-story-id="${id}"]`).click();
  await expect(page.getByTestId('story-screen')).toHaveAttribute('data-story-id', id);
}

async function act(page: Page, button: string, expected: string): Promise<void> {
  await page.getByTestId(button).click();
  await page.getByTestId('review-confirm').click();
  await expect(page.getByTestId('review-dialog')).toBeHidden();
  await expect(page.getByTestId('review-status')).toHaveText(expected);
}

test('a story goes through 三审, is returned with a passage comment, fixed, and signed off; the record shows it all', async ({
  browser,
  desk,
}) => {
  test.setTimeout(180_000);
  // The reporter's story, set up through the API as 张明.
  const setup = await sessionApi(desk.url, 'setup');
  await setup('session.setUser', { userId: 'zhang-ming' });
  const created = await setup<Story>('stories.create', { page: 'B6' });
  const { id } = created;
  await setup<Story>('stories.save', {
    id,
    baseRev: created.rev,
    content: {
      ...contentOf(created),
      headline: '枫林村：党员议事会议出文明新风',
      byline: { credits: [{ kind: 'person', role: '记者', names: ['张明'] }], position: 'lead' },
      body: bodyFromBlocks([
        { type: 'paragraph', text: '今年以来，枫林村党支部组织党员议事会，逐户听取群众意见。' },
        { type: 'paragraph', text: '议事会累计收集意见120余条，办结率达到百分之九十以上。' },
      ]),
    },
  });

  // The reporter submits.
  const reporter = await deskAs(browser, desk.url, 'zhang-ming');
  await reporter.getByTestId('story-row').filter({ hasText: '枫林村' }).click();
  await act(reporter, 'review-submit', '已提交');
  await expect(reporter.getByTestId('workflow-readonly')).toBeVisible();

  // Editor A signs 初审. The reporter's window only reads the story, so it holds no lock (issue 19):
  // A is not locked out, and reading it to sign takes no lock either.
  const a = await deskAs(browser, desk.url, 'li-hua');
  await openFromQueue(a, id);
  await expect(a.getByTestId('review-strip')).toBeVisible();
  await expect(a.getByTestId('lock-banner')).toHaveCount(0);
  await expect(a.getByTestId('lock-state')).toHaveAttribute('data-state', 'free');
  await act(a, 'review-sign', '初审通过');
  await expect(a.getByTestId('review-signatures')).toContainText('初审：李华');

  // A holds 复审 too, but nobody signs two levels of one story: the button says why before
  // any click, and the desk itself refuses the signature when asked directly.
  const refusal = '李华 已签过此稿的另一级，同一人不能签两级。请另一位编辑签发。';
  await expect(a.getByTestId('review-sign')).toBeDisabled();
  await expect(a.getByTestId('review-sign')).toHaveAttribute('title', refusal);
  const asA = await sessionApi(desk.url, 'li-hua-direct');
  await asA('session.setUser', { userId: 'li-hua' });
  const afterFirst = await asA<Story>('stories.get', { id });
  const refused = await asA('review.act', { id, action: 'sign', baseRev: afterFirst.rev }).catch(
    (err: { desk?: unknown }) => err.desk,
  );
  expect(refused).toMatchObject({ key: 'review.refused.signedOtherLevel', params: { name: '李华' } });
  await expect(a.getByTestId('review-status')).toHaveText('初审通过');

  // Editor B signs 复审.
  const b = await deskAs(browser, desk.url, 'wang-fang');
  await openFromQueue(b, id);
  await act(b, 'review-sign', '复审通过');

  // Editor C returns it at 终审 with a comment on the figure in the second paragraph.
  const c = await deskAs(browser, desk.url, 'zhao-qiang');
  await openFromQueue(c, id);
  await selectInBody(c, 1, '120余条');
  await c.getByTestId('review-return').click();
  await expect(c.getByTestId('review-dialog')).toContainText('所选文字：“120余条”');
  await c.getByTestId('review-comment').fill('数字请与附表核对');
  await c.getByTestId('review-confirm').click();
  await expect(c.getByTestId('review-status')).toHaveText('已退回');
  await expect(c.getByTestId('comment').first()).toContainText('数字请与附表核对');
  await expect(c.getByTestId('comment-quote').first()).toHaveText('120余条');

  // The reporter sees why, fixes the figure (the comment stays on its passage) and submits again.
  await reporter.reload();
  await expect(reporter.getByTestId('review-status')).toHaveText('已退回');
  await expect(reporter.getByTestId('workflow-readonly')).toBeHidden();
  await expect(reporter.getByTestId('comment').first()).toContainText('终审退回');
  await reporter.getByTestId('comment-resolve').first().click();
  const body = reporter.getByTestId('body-editor');
  await body.locator('p').nth(1).click();
  await reporter.keyboard.press('End');
  await reporter.keyboard.type('经核实无误。');
  await reporter.getByTestId('save-now').click();
  await expect(reporter.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const fixed = await setup<Story>('stories.get', { id });
  expect(fixed.comments?.[0]?.anchor).toMatchObject({ block: 1, quote: '120余条', lost: false });
  await act(reporter, 'review-submit', '已提交');

  // Round two: A, B, C sign 初审, 复审, 终审.
  for (const [editor, status] of [
    [a, '初审通过'],
    [b, '复审通过'],
    [c, '终审通过'],
  ] as const) {
    await editor.reload();
    await expect(editor.getByTestId('review-status')).not.toHaveText('');
    await act(editor, 'review-sign', status);
  }
  await expect(c.getByTestId('review-signatures')).toContainText('终审：赵强');

  // The record: in the app, through the API, as CSV, and per page.
  await c.getByTestId('audit-open').click();
  await expect(c.getByTestId('audit-entry')).toHaveCount(8);
  const kinds = await c
    .getByTestId('audit-entry')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(kinds).toEqual(['submit', 'sign', 'sign', 'return', 'submit', 'sign', 'sign', 'sign']);
  await expect(c.getByTestId('audit-list')).toContainText('数字请与附表核对');
  const trail = await setup<AuditEntry[]>('review.audit', { id });
  expect(trail.map((e) => `${e.kind}:${e.name}:${e.level ?? ''}`)).toEqual([
    'submit:张明:',
    'sign:李华:first',
    'sign:王芳:second',
    'return:赵强:final',
    'submit:张明:',
    'sign:李华:first',
    'sign:王芳:second',
    'sign:赵强:final',
  ]);
  const signed = await setup<Story>('stories.get', { id });
  expect(signed.status).toBe('approved');
  expect(signed.signatures?.map((s) => s.rev)).toEqual([fixed.rev, fixed.rev, fixed.rev]);
  const csv = await setup<string>('review.auditCsv', { id });
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.split('\r\n')).toHaveLength(trail.length + 2);
  expect(await setup<AuditEntry[]>('review.audit', { page: 'B6' })).toHaveLength(trail.length);
});

/** Selects `text` inside body block `block` of the open story, as a mouse would. */
