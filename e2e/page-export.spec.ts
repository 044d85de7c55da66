/**
 * The page (issue 7) end to end on the real host and data folder: three stories signed
 * off through 三审 (API, one session per person), then in the app as the final editor:
 * create page B8, assign the stories to slots and reorder them, see the preflight with
 * the open error (a half-width comma), see export refused, override with a reason,
 * export (proof.pdf included), then the package on disk (manifest in slot order with the
 * override's reason; ICML, DOCX, text and the proof) and the audit trail; then publish.
 * Screenshots of the pages screen and the preflight go to test-results/ to look at.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { bodyFromBlocks, contentOf, type PageExportResult, type Story } from '../shared/model';
import type { AuditEntry } from '../shared/review/audit';
import { expect, test } from './utils/fixtures';
import { sessionApi, type SessionApi } from './utils/review-session';

const PAGE = 'B8';
const DATE = '2026-11-23';
const REASON = '逗号为引文原貌，终审同意照登';

const STORIES = [
  {
    headline: '柳溪村党支部办起“议事小院”',
    paragraphs: [
      '本报讯 柳溪村党支部把议事会搬进农家小院，村民有事当面商量。',
      '今年以来，小院共议定修路、引水等事项十二件，件件有回音。',
    ],
  },
  {
    headline: '青石街道党员志愿队守护老街',
    // The open error: a half-width comma between Chinese characters.
    paragraphs: [
      '本报讯 青石街道组织党员志愿队巡查老街,排查隐患四十余处。',
      '志愿队员分片包干，每周走访独居老人。',
    ],
  },
  {
    headline: '河湾社区“红色驿站”服务快递小哥',
    paragraphs: [
      '本报讯 河湾社区在驿站里设置休息区和充电桩，方便快递小哥歇脚。',
      '驿站由社区党委牵头，联合辖区单位共同运营。',
    ],
  },
];

/** A story written by the reporter and signed at 初审, 复审 and 终审 by three editors. */
async function approvedStory(
  api: Record<string, SessionApi>,
  headline: string,
  paragraphs: string[],
): Promise<string> {
  const created = await api.reporter!<Story>('stories.create', { page: PAGE });
  const saved = await api.reporter!<Story>('stories.save', {
    id: created.id,
    baseRev: created.rev,
    content: {
      ...contentOf(created),
      headline,
      byline: { credits: [{ kind: 'person', role: '记者', names: ['张明'] }], position: 'lead' },
      body: bodyFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))),
    },
  });
  let story = await api.reporter!<Story>('review.act', {
    id: saved.id,
    action: 'submit',
    baseRev: saved.rev,
  });
  for (const who of ['first', 'second', 'final'] as const) {
    story = await api[who]!<Story>('review.act', { id: story.id, action: 'sign', baseRev: story.rev });
  }
  expect(story.status).toBe('approved');
  return story.id;
}

// The final editor chooses themselves in the first-start picker of a window where nobody is chosen yet.
test.use({ deskUser: null });

test('a page is planned, its preflight refuses export, an editor overrides with a reason, and the package is on disk', async ({
  page,
  desk,
}) => {
  test.setTimeout(180_000);
  const api: Record<string, SessionApi> = {};
  for (const [role, userId] of [
    ['reporter', 'zhang-ming'],
    ['first', 'li-hua'],
    ['second', 'wang-fang'],
    ['final', 'zhao-qiang'],
  ] as const) {
    api[role] = await sessionApi(desk.url, `setup-${role}`);
    await api[role]('session.setUser', { userId });
  }
  const ids: string[] = [];
  for (const s of STORIES) ids.push(await approvedStory(api, s.headline, s.paragraphs));

  // The final editor at the desk, on the pages screen.
  await page.goto(desk.url);
  await page.getByTestId('user-picker-select').selectOption('zhao-qiang');
  await page.getByTestId('user-picker-ok').click();
  await expect(page.getByTestId('user-picker')).toBeHidden();
  await page.getByTestId('view-pages').click();
  await expect(page.getByTestId('pages-view')).toBeVisible();

  // A new page B8.
  await page.getByTestId('page-new').click();
  await page.getByTestId('page-new-name').fill('b8');
  await page.getByTestId('page-new-date').fill(DATE);
  await page.getByTestId('page-new-create').click();
  await expect(page.getByTestId('page-title')).toHaveText(`${PAGE} 版 · ${DATE}`);
  await expect(page.getByTestId('slot-row')).toHaveCount(6);

  // Three slots with the three stories, the rest removed; the third moved up one.
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('slot-story').nth(i).selectOption(ids[i]!);
    await expect(page.getByTestId('slot-row').nth(i)).toHaveAttribute('data-story-id', ids[i]!);
  }
  for (let i = 0; i < 3; i++) await page.getByTestId('slot-remove').nth(3).click();
  await expect(page.getByTestId('slot-row')).toHaveCount(3);
  await page.getByTestId('slot-up').nth(2).click();
  const order = [ids[0]!, ids[2]!, ids[1]!];
  await expect(page.getByTestId('slot-row').nth(1)).toHaveAttribute('data-story-id', order[1]!);
  // And with the keyboard: Alt+↓ on row 1 and back with Alt+↑.
  await page.getByTestId('slot-role').nth(0).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('slot-row').nth(1)).toHaveAttribute('data-story-id', order[0]!);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('slot-row').nth(0)).toHaveAttribute('data-story-id', order[0]!);
  await expect(page.getByTestId('page-saved')).not.toHaveText('正在保存……');
  const plan = await api.final!<{ slots: Array<{ storyId: string | null }> }>('pages.get', {
    name: PAGE,
    date: DATE,
  });
  expect(plan.slots.map((s) => s.storyId)).toEqual(order);

  // The preflight: the half-width comma is an open error in the second story; export is refused.
  const preflight = page.getByTestId('preflight');
  const comma = preflight
    .locator(`[data-testid="preflight-story"][data-story-id="${ids[1]}"]`)
    .locator('[data-testid="preflight-item"][data-severity="error"][data-rule^="punct."]');
  await expect(comma.first()).toBeVisible();
  await expect(page.getByTestId('preflight-rate')).toContainText('每万字');
  await expect(page.getByTestId('export-button')).toBeDisabled();
  await expect(page.getByTestId('export-status')).toContainText('个错误未解决，不能导出');
  await expect(
    api.final!('pages.export', { name: PAGE, date: DATE }).catch(
      (e: { desk?: { key: string } }) => e.desk?.key,
    ),
  ).resolves.toBe('error.exportBlocked');
  await page.screenshot({ path: test.info().outputPath('pages-screen.png') });
  await preflight.screenshot({ path: test.info().outputPath('preflight.png') });

  // The editor overrides with a reason; the export runs with progress and ends with the folder.
  await page.getByTestId('export-override').click();
  await expect(page.getByTestId('override-confirm')).toBeDisabled();
  await page.getByTestId('override-reason').fill(REASON);
  await page.getByTestId('override-confirm').click();
  // While it runs (the proof takes a second or more): the progress with the time elapsed.
  await expect(page.getByTestId('export-progress')).toContainText('正在导出');
  await page.getByTestId('export-panel').screenshot({ path: test.info().outputPath('export-progress.png') });
  await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('export-progress')).toBeHidden();
  await expect(page.getByTestId('export-overridden')).toContainText(REASON);
  const folder = await page.getByTestId('export-folder').inputValue();
  expect(folder).toBe(join(desk.dataDir, 'exports', `${PAGE}-${DATE}`));
  await page.screenshot({ path: test.info().outputPath('pages-exported.png') });

  // The package on disk.
  const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as {
    page: string;
    stories: Array<{ id: string; order: number; files: Record<string, string | string[] | null> }>;
    override: { reason: string; by: string } | null;
    proof: string | null;
  };
  expect(manifest.page).toBe(PAGE);
  expect(manifest.stories.map((s) => s.id)).toEqual(order);
  expect(manifest.override).toMatchObject({ reason: REASON, by: '赵强' });
  for (const s of manifest.stories) {
    for (const key of ['head', 'body', 'docx', 'text'] as const) {
      expect(existsSync(join(folder, String(s.files[key])))).toBe(true);
    }
  }
  expect(manifest.proof).toBe('proof.pdf');
  expect(statSync(join(folder, 'proof.pdf')).size).toBeGreaterThan(1000);
  expect((await readFile(join(folder, 'proof.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  const preflightJson = JSON.parse(await readFile(join(folder, 'preflight.json'), 'utf8')) as {
    override: { reason: string };
  };
  expect(preflightJson.override.reason).toBe(REASON);

  // The audit trail: the override with its reason, and the export.
  const trail = await api.final!<AuditEntry[]>('review.audit', { page: PAGE });
  expect(trail.some((e) => e.kind === 'override' && e.detail.includes(REASON) && e.name === '赵强')).toBe(
    true,
  );
  expect(trail.some((e) => e.kind === 'export')).toBe(true);
  const result = await api.final!<PageExportResult | null>('pages.exportProgress', {
    name: PAGE,
    date: DATE,
  });
  expect(result).toMatchObject({ running: false });

  // Publishing: the stories go into the archive.
  await page.getByTestId('publish-button').click();
  await expect(page.getByTestId('publish-done')).toContainText('3 篇稿件进入资料库');
  const archived = await api.final!<{ total: number }>('archive.list', { page: PAGE, date: DATE });
  expect(archived.total).toBe(3);
});
