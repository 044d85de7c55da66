/**
 * The editor shows the same findings as the CLI for the same story (issue 15, "How
 * you know it holds"): a sentence holding a quoted name, copied from another paragraph
 * of the story, is marked as an error in both places and listed as an error; `desk
 * check --json` on the story the host saved reports the same rule and severity on the
 * same characters. A slogan recurring in different sentences is not marked, and the
 * CLI does not report it either. Real host, real data folder, the real CLI; invented text.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import type { Finding } from '../shared/checks/finding';
import { ROOT } from './utils/desk-host';
import { expect, test } from './utils/fixtures';

/** 33 characters without punctuation (runError is 30), four of them the quoted name. */
const COPIED = '社区党委牵头组建的“红色代办”服务队每周入户走访独居老人并登记他们的需求';
/** The quoted name alone is 20 characters (runWarning is 20); the sentences around it differ. */
const SLOGAN = '“党建引领、网格服务、居民自治、共建共享四位一体”';

async function newStory(page: Page, headline: string, paragraphs: string[]): Promise<string> {
  await page.getByTestId('new-story').click();
  await page.getByTestId('field-headline').fill(headline);
  await page.getByTestId('body-editor').click();
  for (const [i, text] of paragraphs.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.insertText(text);
  }
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  await expect(page.getByTestId('findings-panel')).toHaveAttribute('data-status', 'ready');
  const id = await page.getByTestId('story-screen').getAttribute('data-story-id');
  expect(id).toBeTruthy();
  return id!;
}

/** The texts under the marks of one severity, top to bottom. */
const markedTexts = (page: Page, severity: string) =>
  page.evaluate((severity) => {
    const ranges = [...(CSS.highlights.get(`desk-finding-${severity}`) ?? [])] as Range[];
    ranges.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    return ranges.map((r) => r.toString());
  }, severity);

/** `desk check --json --rules duplicates` on the story file the host saved. */
function cliFindings(dataDir: string, id: string): { status: number | null; findings: Finding[] } {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'electron/cli/main.ts'),
      'check',
      '--json',
      '--rules',
      'duplicates',
      join(dataDir, 'stories', `${id}.json`),
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'electron/tsconfig.json') },
    },
  );
  expect(run.stderr).toBe('');
  return { status: run.status, findings: (JSON.parse(run.stdout) as { findings: Finding[] }).findings };
}

test('a copied sentence holding a quoted name is an error in the editor and in desk check, on the same characters', async ({
  page,
  desk,
}, testInfo) => {
  await page.goto(desk.url);
  const id = await newStory(page, '云岭社区：红色代办跑出服务加速度', [
    `为了把服务做到群众心坎上，今年三月起，${COPIED}。`,
    '社区还在党群服务中心设立了代办窗口，居民可以当面咨询，也可以电话预约。',
  ]);
  // A new story has findings of its own (no region, no byline…), none of them a copy.
  const duplicates = page.locator('[data-testid="finding"][data-rule^="duplicate."]');
  await expect(duplicates).toHaveCount(0);
  const errors = page.locator('[data-testid="finding"][data-severity="error"]');
  const errorsBefore = await errors.count();

  // The sentence copied into a third paragraph, with words of its own after it.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(`${COPIED}，还帮助行动不便的老人代缴水电费、预约上门体检。`);
  const finding = duplicates;
  await expect(finding).toHaveCount(1);
  await expect(finding).toHaveAttribute('data-rule', 'duplicate.run');
  await expect(finding).toHaveAttribute('data-severity', 'error');
  await expect(errors).toHaveCount(errorsBefore + 1);
  // Both places are marked, the quoted name inside the marks.
  const marked = await markedTexts(page, 'error');
  expect(marked).toHaveLength(2);
  for (const text of marked) expect(text).toContain('“红色代办”');
  expect(marked[0]).toBe(marked[1]);
  await page.screenshot({ path: testInfo.outputPath('copied-sentence-error.png') });

  // desk check on the saved story: the same rule, severity and characters.
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  const { status, findings } = cliFindings(desk.dataDir, id);
  expect(findings.map((f) => [f.rule, f.severity])).toEqual([['duplicate.run', 'error']]);
  expect(status).toBe(1);
  const places = findings[0]!.locations.map((l) => [l.paragraph, l.text]);
  expect(places.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
    [0, marked[0]],
    [2, marked[1]],
  ]);
});

test('a slogan recurring in different sentences is not marked, in the editor or by desk check', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const id = await newStory(page, '石门社区：四位一体让小区变了样', [
    `社区探索${SLOGAN}的工作方法，把党小组建在楼栋上。`,
    `不少居民认为，${SLOGAN}让老旧小区的难事有人管了。`,
  ]);
  await expect(page.locator('[data-testid="finding"][data-rule^="duplicate."]')).toHaveCount(0);
  expect(await markedTexts(page, 'error')).toEqual([]);
  expect(await markedTexts(page, 'warning')).toEqual([]);

  const { status, findings } = cliFindings(desk.dataDir, id);
  expect(findings.filter((f) => f.rule.startsWith('duplicate.'))).toEqual([]);
  expect(status).toBe(0);
});
