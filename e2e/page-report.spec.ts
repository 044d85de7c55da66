/**
 * The page report counts what it says (issue 19 §6), on the real host and data folder:
 * a page C3 (beside the demo's B6) whose plan holds an unapproved story with one copy error (a half-width comma),
 * a story filed for page B7 and an empty slot, while more stories are filed for C3 than
 * the plan has slots. The preflight lists the workflow and plan apart (not approved, the
 * other page, the empty slot, more stories than slots) and the error rate counts the one
 * copy error only. A screenshot of the report goes to test-results/ to look at.
 */
import { bodyFromBlocks, contentOf, startingSlots, type Story } from '../shared/model';
import { expect, test } from './utils/fixtures';
import { sessionApi, type SessionApi } from './utils/review-session';

const DATE = '2026-11-24';

async function filed(api: SessionApi, page: string, headline: string, text: string): Promise<string> {
  const created = await api<Story>('stories.create', { page });
  const saved = await api<Story>('stories.save', {
    id: created.id,
    baseRev: created.rev,
    content: {
      ...contentOf(created),
      headline,
      body: bodyFromBlocks([{ type: 'paragraph' as const, text }]),
    },
  });
  return saved.id;
}

test('the preflight lists workflow and plan problems apart; the error rate counts copy errors only', async ({
  page,
  desk,
}) => {
  const api = await sessionApi(desk.url, 'setup');
  await api('session.setUser', { userId: 'zhang-ming' });
  const comma = await filed(
    api,
    'C3',
    '青石街道党员志愿队守护老街',
    '本报讯 青石街道组织党员志愿队巡查老街,排查隐患四十余处。',
  );
  const other = await filed(
    api,
    'B7',
    '河湾社区“红色驿站”服务快递小哥',
    '本报讯 河湾社区在驿站里设置休息区和充电桩。',
  );
  await filed(api, 'C3', '柳溪村党支部办起“议事小院”', '本报讯 柳溪村党支部把议事会搬进农家小院。');
  await filed(api, 'C3', '白沙镇网格员走村入户', '本报讯 白沙镇网格员每周入户走访。');
  const slots = startingSlots().slice(0, 3);
  slots[0]!.storyId = comma;
  slots[1]!.storyId = other;
  await api('pages.save', {
    baseRev: null,
    content: { name: 'C3', date: DATE, edition: '党建周刊', slots, jumps: [] },
  });

  // The test window sits as 张明 already (e2e/utils/fixtures.ts).
  await page.goto(desk.url);
  await page.getByTestId('view-pages').click();
  await page.getByTestId('page-list-item').filter({ hasText: 'C3' }).click();
  const preflight = page.getByTestId('preflight');
  const workflow = preflight.getByTestId('preflight-workflow');
  await expect(workflow).toBeVisible();
  for (const [rule, text] of [
    ['page.not-approved', '版位 1 的稿件尚未终审通过'],
    ['page.story-other-page', '版位 2 的稿件登记在 B7 版，不是本版（C3 版）'],
    ['page.slot-empty', '版位 3 还没有稿件'],
    ['page.more-stories-than-slots', '登记在本版的稿件有 4 篇，版面计划只有 3 个版位；2 篇不在版上'],
  ] as const) {
    await expect(
      workflow.locator(`[data-testid="preflight-item"][data-rule="${rule}"]`).filter({ hasText: text }),
    ).toHaveCount(1);
  }
  await expect(page.getByTestId('preflight-workflow-totals')).toContainText('不计入差错率');
  // The one copy error in the text: 1 weighted error, listed under its story, not with the workflow.
  await expect(page.getByTestId('preflight-rate')).toContainText('（1 处计权差错 /');
  await expect(page.getByTestId('preflight-rate')).toContainText('差错率只计正文中的编校差错');
  await expect(
    preflight
      .locator(`[data-testid="preflight-story"][data-story-id="${comma}"]`)
      .locator('[data-testid="preflight-item"][data-rule^="punct."]')
      .first(),
  ).toBeVisible();
  await expect(workflow.locator('[data-testid="preflight-item"][data-rule^="punct."]')).toHaveCount(0);
  await preflight.screenshot({ path: test.info().outputPath('page-report.png') });
});
