/**
 * People and comments on the text (issue 6): the admin adds a person with roles in
 * 人员管理 (refused mistakes explained on the way), that person signs 初审; a
 * non-admin sees why they cannot manage people. An editor comments on a passage of
 * the body from the popover, replies and resolves there, and the comment stays on
 * its passage while text is typed before it; a headline line takes a comment too.
 * Screenshots at 1366×768 in Chinese are kept as test artefacts.
 */
import type { Page, TestInfo } from '@playwright/test';

import { contentOf, type Story } from '../shared/model';
import { bodyFromBlocks } from '../shared/model/body';
import { expect, test } from './utils/fixtures';
import { deskAs, selectInBody } from './utils/review-pages';
import { sessionApi, type SessionApi } from './utils/review-session';

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}

/** A reporter's story on B6, made through the API as 张明. */
async function reporterStory(api: SessionApi, headline: string, paragraphs: string[]): Promise<Story> {
  await api('session.setUser', { userId: 'zhang-ming' });
  const created = await api<Story>('stories.create', { page: 'B6' });
  return api<Story>('stories.save', {
    id: created.id,
    baseRev: created.rev,
    content: {
      ...contentOf(created),
      headline,
      byline: { credits: [{ kind: 'person', role: '记者', names: ['张明'] }], position: 'lead' },
      body: bodyFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))),
    },
  });
}

/** Selects `text` inside body block `block`, as a mouse would. */

/** The screen point in the middle of `text` in body block `block`. */
async function pointOf(page: Page, block: number, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ block, text }) => {
      const root = document.querySelector('[data-testid="story-screen"] [data-lexical-editor="true"]')!;
      const walker = document.createTreeWalker(root.children[block]!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf(text);
        if (at === -1) continue;
        const range = document.createRange();
        range.setStart(node, at + 1);
        range.setEnd(node, at + 2);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      throw new Error(`${text} not in block ${block}`);
    },
    { block, text },
  );
}

/** The texts the body's comment highlight covers now. */
function markedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = CSS.highlights.get('review-comment');
    return h ? [...(h as unknown as Set<Range>)].map((r) => r.toString()) : [];
  });
}

test('an admin adds a person with roles, who then signs 初审; mistakes are explained; others see why they cannot manage people', async ({
  browser,
  desk,
}, info) => {
  test.setTimeout(150_000);
  const admin = await deskAs(browser, desk.url, 'admin');
  await admin.getByTestId('people-open').click();
  const dialog = admin.getByTestId('people-dialog');
  await expect(dialog.getByTestId('people-row')).toHaveCount(7);

  // A taken id is refused before anything is sent.
  await dialog.getByTestId('people-new-id').fill('li-hua');
  await dialog.getByTestId('people-new-name').fill('孙丽');
  await dialog.getByTestId('people-add').click();
  await expect(dialog.getByTestId('people-problems')).toHaveText('工号“li-hua”已被使用，请换一个。');

  await dialog.getByTestId('people-new-id').fill('sun-li');
  await dialog.getByTestId('people-new-role-first-editor').check();
  await dialog.getByTestId('people-new-role-second-editor').check();
  await dialog.getByTestId('people-add').click();
  const sunLi = dialog.locator('[data-testid="people-row"][data-user-id="sun-li"]');
  await expect(sunLi).toContainText('新增');
  await expect(sunLi.getByTestId('people-role-first-editor')).toBeChecked();

  // Deactivate 陈静 (never deleted); taking the only admin's role away is refused.
  await dialog
    .locator('[data-testid="people-row"][data-user-id="chen-jing"]')
    .getByTestId('people-toggle')
    .click();
  const adminRow = dialog.locator('[data-testid="people-row"][data-user-id="admin"]');
  await adminRow.getByTestId('people-role-admin').uncheck();
  await dialog.getByTestId('people-save').click();
  await expect(dialog.getByTestId('people-problems')).toHaveText(
    '至少要保留一位在岗的管理员，否则没有人能管理人员。',
  );
  await adminRow.getByTestId('people-role-admin').check();
  await shot(admin, info, 'people-dialog');
  await dialog.getByTestId('people-save').click();
  await expect(dialog).toBeHidden();
  const options = await admin.getByTestId('user-switch').locator('option').allTextContents();
  expect(options).toContain('孙丽（初审、复审）');
  expect(options.some((o) => o.startsWith('陈静'))).toBe(false);

  // A reporter may look, not change, and is told why and whom to ask.
  const reporter = await deskAs(browser, desk.url, 'zhang-ming');
  await reporter.getByTestId('people-open').click();
  await expect(reporter.getByTestId('people-not-admin')).toHaveText(
    '只有管理员可以管理人员。您现在的身份是“张明”（记者）；请管理员（管理员）修改。',
  );
  await expect(reporter.getByTestId('people-save')).toHaveCount(0);
  await expect(reporter.getByTestId('people-table').locator('input[type="checkbox"]').first()).toBeDisabled();

  // The new person signs 初审 of a submitted story.
  const api = await sessionApi(desk.url, 'setup');
  const story = await reporterStory(api, '石桥村：党群议事会开到田间', [
    '石桥村党支部把议事会开到田间地头,当场听取意见。',
  ]);
  await api('review.act', { id: story.id, action: 'submit', baseRev: story.rev });
  const sun = await deskAs(browser, desk.url, 'sun-li');
  await sun.getByTestId('queue-open').click();
  await sun.locator(`[data-testid="queue-item"][data-story-id="${story.id}"]`).click();
  await sun.getByTestId('review-sign').click();
  await sun.getByTestId('review-confirm').click();
  await expect(sun.getByTestId('review-status')).toHaveText('初审通过');
  await expect(sun.getByTestId('review-signatures')).toContainText('初审：孙丽');

  // 复审 and 终审 by others, then the page leaves for layout over its open findings (an editor's override).
  for (const [session, userId] of [
    ['s-wang', 'wang-fang'],
    ['s-zhao', 'zhao-qiang'],
  ] as const) {
    const other = await sessionApi(desk.url, session);
    await other('session.setUser', { userId });
    const now = await other<Story>('stories.get', { id: story.id });
    await other('review.act', { id: story.id, action: 'sign', baseRev: now.rev });
  }
  const zhao = await sessionApi(desk.url, 's-zhao');
  // A past day: the demo folder already plans B6 for today.
  const date = '2026-10-08';
  await zhao('pages.save', {
    baseRev: null,
    content: {
      name: 'B6',
      date,
      edition: '党建周刊',
      slots: [{ role: 'lead', storyId: story.id, budget: null }],
      jumps: [],
    },
  });
  await zhao('pages.export', { name: 'B6', date, force: true, reason: '地区已电话核实，版面急用' });

  // The record, per story and per page: signatures, the override and the export, with who.
  await sun.reload();
  await sun.getByTestId('audit-open').click();
  const kinds = () =>
    sun.getByTestId('audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  await expect.poll(kinds).toEqual(['submit', 'sign', 'sign', 'sign', 'override', 'export']);
  await expect(sun.getByTestId('audit-list')).toContainText('孙丽');
  await expect(sun.locator('[data-testid="audit-entry"][data-kind="override"]')).toContainText(
    '地区已电话核实，版面急用',
  );
  await sun.getByTestId('audit-tab-page').click();
  await expect(sun.getByTestId('audit-list')).toHaveAttribute('data-target', 'page:B6');
  await expect(sun.locator('[data-testid="audit-entry"][data-kind="sign"]').first()).toContainText(
    '石桥村：党群议事会开到田间',
  );
  await expect(sun.locator('[data-testid="audit-entry"][data-kind="export"]')).toHaveCount(1);
  await expect(sun.locator('[data-testid="audit-entry"][data-kind="override"]')).toContainText('赵强');
  await shot(sun, info, 'audit-page-view');
  const csv = await api<string>('review.auditCsv', { page: 'B6' });
  expect(csv).toContain('override');
  expect(csv).toContain('export');
});

test('a passage comment in the body: popover to write it, reply and resolve; it follows its passage through an edit; a headline line takes one too', async ({
  browser,
  desk,
}, info) => {
  test.setTimeout(150_000);
  const api = await sessionApi(desk.url, 'setup');
  const story = await reporterStory(api, '红星社区：网格员走进千家万户', [
    '红星社区把全社区划为12个网格。',
    '今年以来，网格员累计走访群众3200余户，解决实际困难86件。',
  ]);
  const editor = await deskAs(browser, desk.url, 'li-hua');
  await editor.getByTestId('story-row').filter({ hasText: '红星社区' }).click();
  await expect(editor.getByTestId('story-screen')).toHaveAttribute('data-story-id', story.id);
  const body = editor.getByTestId('body-editor');
  await expect(body).toHaveAttribute('contenteditable', 'true');

  // Select a figure: the offer appears beside it, the popover takes the comment.
  await selectInBody(editor, 1, '3200余户');
  await editor.getByTestId('comment-offer').click();
  const popover = editor.getByTestId('comment-popover');
  await expect(popover).toHaveAttribute('data-kind', 'new');
  await expect(popover).toContainText('所选：“3200余户”');
  await popover.getByTestId('comment-popover-input').fill('走访户数请与街道台账核对');
  await popover.getByTestId('comment-popover-send').click();
  await expect(popover).toBeHidden();
  await expect(body).toHaveAttribute('data-comment-marks', '1');
  expect(await markedTexts(editor)).toEqual(['3200余户']);

  // A click in the marked passage shows its thread; reply there.
  const at = await pointOf(editor, 1, '3200余户');
  await editor.mouse.click(at.x, at.y);
  await expect(popover).toHaveAttribute('data-kind', 'threads');
  await expect(popover.getByTestId('comment')).toContainText('走访户数请与街道台账核对');
  await popover.getByTestId('comment-reply-input').fill('已核对，台账为3200余户');
  await popover.getByTestId('comment-reply-send').click();
  await expect(popover.getByTestId('comment-reply')).toHaveText('李华：已核对，台账为3200余户');
  await shot(editor, info, 'comment-popover');

  // Text typed before the passage: the mark follows it at once, the saved anchor too.
  await editor.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  const start = await pointOf(editor, 1, '今年以来');
  await editor.mouse.click(start.x - 6, start.y);
  await editor.keyboard.press('Home');
  await editor.keyboard.type('据统计，');
  await expect.poll(() => markedTexts(editor)).toEqual(['3200余户']);
  await editor.getByTestId('save-now').click();
  await expect(editor.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const saved = await api<Story>('stories.get', { id: story.id });
  expect(saved.comments?.[0]?.anchor).toMatchObject({
    block: 1,
    start: 18,
    end: 24,
    quote: '3200余户',
    lost: false,
  });

  // The keyboard reaches the thread too: the caret walks into the passage, Ctrl+Alt+M goes to the reply box.
  const lead = await pointOf(editor, 1, '据统计');
  await editor.mouse.click(lead.x - 6, lead.y);
  await editor.keyboard.press('Home');
  await expect(popover).toBeHidden();
  for (let i = 0; i < 19; i++) await editor.keyboard.press('ArrowRight');
  await expect(popover).toHaveAttribute('data-kind', 'threads');
  await expect(body).toBeFocused();
  await editor.keyboard.press('Control+Alt+KeyM');
  await expect(popover.getByTestId('comment-reply-input')).toBeFocused();
  await editor.keyboard.type('好的');
  await editor.keyboard.press('Enter');
  await expect(popover.getByTestId('comment-reply')).toHaveCount(2);

  // Clicked again, the thread is there to resolve; a resolved comment is no longer marked.
  const again = await pointOf(editor, 1, '3200余户');
  await editor.mouse.click(again.x, again.y);
  await expect(popover).toHaveAttribute('data-kind', 'threads');
  await popover.getByTestId('comment-resolve').click();
  await expect(popover.getByTestId('comment')).toContainText('已解决');
  await expect.poll(() => markedTexts(editor)).toEqual([]);

  // A headline line: the selected words of the 主题, and the 引题 as a whole.
  const headline = editor.getByTestId('field-headline');
  await headline.focus();
  await headline.evaluate((el: HTMLInputElement) => el.setSelectionRange(5, 8));
  await editor.getByTestId('field-comment-headline').click();
  await expect(popover).toHaveAttribute('data-kind', 'field');
  await expect(popover).toContainText('主题：“网格员”');
  await popover.getByTestId('comment-popover-input').fill('“网格员”改为“社区网格员”');
  await popover.getByTestId('comment-popover-send').click();
  await expect(editor.getByTestId('field-comment-headline')).toContainText('1');
  await editor.getByTestId('field-comment-kicker').click();
  await expect(popover).toContainText('引题（整行）');
  await popover.getByTestId('comment-popover-input').fill('请加引题');
  await shot(editor, info, 'headline-comment-popover');
  await popover.getByTestId('comment-popover-send').click();
  await expect(editor.getByTestId('field-comment-kicker')).toContainText('1');
  const withHead = await api<Story>('stories.get', { id: story.id });
  expect(
    withHead.comments?.filter((c) => c.anchor && c.anchor.field !== 'body').map((c) => c.anchor),
  ).toEqual([
    { field: 'headline', block: 0, start: 5, end: 8, quote: '网格员', lost: false },
    { field: 'kicker', block: 0, start: 0, end: 0, quote: '', lost: false, whole: true },
  ]);
  await expect(editor.locator('[data-testid="comment"][data-field="kicker"]')).toContainText('引题（整行）');
});
