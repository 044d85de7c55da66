/**
 * Copy-desk findings (issue 5, "Where it shows"): text typed with errors is marked,
 * a fix from the list changes exactly the flagged characters (one undo step), an
 * ignore needs a reason and is recorded on the story: after a reload it is still
 * ignored, with its reason, and it is in the story file on disk.
 */
import type { Page } from '@playwright/test';

import { expect, test } from './utils/fixtures';
import { storyOnDisk } from './utils/story-files';

const CHAXI = '茶溪社区“银发议事会”议出宜居好环境';
const TYPED = '全村共有１２３户,种植药材3千亩。';

const lastParagraph = (page: Page) => page.locator('[data-testid="body-editor"] > p').last();
const finding = (page: Page, rule: string) => page.locator(`[data-testid="finding"][data-rule="${rule}"]`);

test('errors are marked, a fix applies, an ignore with a reason survives a reload and is on disk', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await page.getByTestId('story-row').filter({ hasText: CHAXI }).click();
  await expect(page.getByTestId('findings-none')).toBeVisible();
  const id = await page.getByTestId('story-screen').getAttribute('data-story-id');

  await page.getByTestId('body-editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(TYPED);

  // Marks and list entries, grouped by family.
  await expect(finding(page, 'numbers.fullwidth')).toBeVisible();
  await expect(finding(page, 'punct.halfwidth')).toBeVisible();
  await expect(finding(page, 'numbers.unit-char')).toBeVisible();
  await expect(page.locator('[data-testid="findings-group"][data-family="numbers"]')).toContainText('数字');
  await expect(page.locator('[data-testid="findings-group"][data-family="punct"]')).toContainText('标点');
  await expect(finding(page, 'punct.halfwidth')).toContainText('中文里用了半角');
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('desk-finding-error')?.size ?? 0)).toBe(3);

  // Fix the full-width digits: exactly those characters change, and Ctrl+Z takes it back in one step.
  await finding(page, 'numbers.fullwidth').getByTestId('finding-fix').click();
  await expect(lastParagraph(page)).toHaveText('全村共有123户,种植药材3千亩。');
  await expect(finding(page, 'numbers.fullwidth')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(lastParagraph(page)).toHaveText(TYPED);
  await page.keyboard.press('Control+y');
  await expect(lastParagraph(page)).toHaveText('全村共有123户,种植药材3千亩。');

  // Ignore the half-width comma: a reason is required.
  const comma = finding(page, 'punct.halfwidth');
  await comma.getByTestId('finding-ignore').click();
  await comma.getByTestId('finding-ignore-confirm').click();
  await expect(comma.getByTestId('finding-ignore-form')).toContainText('请写明忽略的理由');
  await comma.getByTestId('finding-ignore-reason').fill('引文照录，保留原样');
  await comma.getByTestId('finding-ignore-confirm').click();
  await expect(finding(page, 'punct.halfwidth')).toHaveCount(0);
  const ignored = page.getByTestId('findings-ignored');
  await expect(ignored).toContainText('已忽略（1）');
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('desk-finding-error')?.size ?? 0)).toBe(1);

  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.reload();
  await expect(page.getByTestId('field-headline')).toHaveValue(CHAXI);
  await expect(lastParagraph(page)).toHaveText('全村共有123户,种植药材3千亩。');
  await expect(finding(page, 'numbers.unit-char')).toBeVisible();
  await expect(finding(page, 'punct.halfwidth')).toHaveCount(0);
  await page.getByTestId('findings-ignored').locator('summary').click();
  await expect(page.getByTestId('finding-ignored-reason')).toContainText('引文照录，保留原样');

  const onDisk = await storyOnDisk(desk.dataDir, id!);
  expect(onDisk.ignored).toEqual([
    expect.objectContaining({
      rule: 'punct.halfwidth',
      field: 'body',
      text: ',',
      reason: '引文照录，保留原样',
    }),
  ]);

  // Un-ignore brings it back.
  await page.getByTestId('finding-unignore').click();
  await expect(finding(page, 'punct.halfwidth')).toBeVisible();
});
