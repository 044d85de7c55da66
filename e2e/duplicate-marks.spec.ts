/**
 * Duplicate marks (issue 4, "Where it shows"): a paragraph typed twice gets a mark
 * within about half a second, hovering it names the twin, a click selects the twin;
 * a sentence reused from another story of the page is a warning whose click opens
 * that story at the twin. Marks are highlight ranges, never nodes in the document.
 */
import type { Page } from '@playwright/test';

import { expect, test } from './utils/fixtures';

const CHAXI = '茶溪社区“银发议事会”议出宜居好环境';
const SHIYAN = '石堰村：“院坝夜校”办到村民家门口';
/** A sentence of 石堰村 (slot 1 of page B6). */
const REUSED = '村党支部在入户走访中收集到群众意见建议60多条，其中近一半与技能培训有关。';

async function openStory(page: Page, headline: string) {
  await page.getByTestId('story-row').filter({ hasText: headline }).click();
  await expect(page.getByTestId('field-headline')).toHaveValue(headline);
  await expect(page.getByTestId('findings-panel')).toHaveAttribute('data-status', 'ready');
}

/** Sizes of the mark highlights by severity. */
const highlightSizes = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      ['error', 'warning', 'info'].map((s) => [s, CSS.highlights.get(`desk-finding-${s}`)?.size ?? 0]),
    ),
  );

/** A point on the start of a mark: the last one down the page, or the first. */
const markPoint = (page: Page, severity: string, which: 'first' | 'last' = 'first') =>
  page.evaluate(
    ([severity, which]) => {
      const ranges = [...(CSS.highlights.get(`desk-finding-${severity}`) ?? [])] as Range[];
      ranges.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      const range = which === 'last' ? ranges[ranges.length - 1]! : ranges[0]!;
      const box = range.getClientRects()[0]!;
      return { x: box.left + Math.min(8, box.width / 2), y: box.top + box.height / 2 };
    },
    [severity, which] as const,
  );

async function typeAtEnd(page: Page, text: string) {
  await page.getByTestId('body-editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(text);
}

test('a paragraph typed twice is marked, the mark names its twin and a click goes there', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await openStory(page, CHAXI);
  await expect(page.getByTestId('findings-none')).toBeVisible();
  const first = await page.locator('[data-testid="body-editor"] > p').first().textContent();
  expect(first?.length).toBeGreaterThan(40);
  const nodesBefore = await page.locator('[data-testid="body-editor"] *').count();

  const typed = Date.now();
  await typeAtEnd(page, first!);
  const finding = page.locator('[data-testid="finding"][data-rule="duplicate.paragraph"]');
  await expect(finding).toBeVisible();
  // A figure to read, not a pass mark: CI never fails on a timing (the check's speed is `npm run bench`).
  console.log(`duplicate mark shown ${Date.now() - typed} ms after the paste`);
  await expect(finding).toHaveAttribute('data-severity', 'error');
  // Both copies are marked; the document itself has only the new paragraph (no mark nodes).
  expect((await highlightSizes(page)).error).toBe(2);
  expect(await page.locator('[data-testid="body-editor"] *').count()).toBe(nodesBefore + 2);

  // Hover the later copy: the tooltip says where the twin is and shows its text.
  const later = await markPoint(page, 'error', 'last');
  await page.mouse.move(later.x, later.y);
  const tip = page.getByTestId('finding-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('段落重复');
  await expect(tip.getByTestId('finding-tooltip-twin')).toContainText('第1段');
  await expect(tip.getByTestId('finding-tooltip-twin')).toContainText(first!.slice(0, 10));
  // The mark under the pointer and its row in the list light up together.
  await expect(finding).toHaveClass(/\bactive\b/);
  expect(await page.evaluate(() => CSS.highlights.get('desk-finding-active')?.size ?? 0)).toBe(2);
  // Straight from the mark to its row: the row stays lit (it is entered before the body is left).
  await finding.getByTestId('finding-reveal').hover();
  await expect(finding).toHaveClass(/\bactive\b/);
  await page.mouse.move(later.x, later.y);
  await expect(tip).toBeVisible();

  // Click: the twin (the first paragraph, without the marks at its ends) is selected.
  const twin = first!.replace(/^“/, '').replace(/。$/, '');
  await page.mouse.click(later.x, later.y);
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(twin);
  const firstBlockFocused = await page.evaluate(() => {
    const node = window.getSelection()?.anchorNode;
    return node?.parentElement?.closest('p') === document.querySelector('[data-testid="body-editor"] > p');
  });
  expect(firstBlockFocused).toBe(true);

  // Hovering the row in the list (straight from the mark) does the same; leaving it puts both out.
  await finding.getByTestId('finding-reveal').hover();
  await expect(finding).toHaveClass(/\bactive\b/);
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('desk-finding-active')?.size ?? 0)).toBe(2);
  await page.getByTestId('findings-panel').locator('.panel-title').hover();
  await expect(finding).not.toHaveClass(/\bactive\b/);
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('desk-finding-active')?.size ?? 0)).toBe(0);

  // The list's twin link does the same from the sidebar.
  await page.getByTestId('body-editor').click();
  await finding.getByTestId('finding-twin').click();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(twin);
});

test('a sentence reused from another story of the page is a warning; a click opens that story at the twin', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await openStory(page, CHAXI);
  await typeAtEnd(page, `社区还组织党员志愿者入户走访。${REUSED}`);
  const finding = page.locator('[data-testid="finding"][data-rule="duplicate.cross-story"]');
  await expect(finding).toBeVisible();
  await expect(finding).toHaveAttribute('data-severity', 'warning');
  await expect(finding).toContainText(SHIYAN);
  expect((await highlightSizes(page)).warning).toBe(1);

  const at = await markPoint(page, 'warning');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByTestId('finding-tooltip-twin')).toContainText(SHIYAN);
  await page.mouse.click(at.x, at.y);

  // The other story opens with the reused sentence selected (the open story was saved first).
  await expect(page.getByTestId('field-headline')).toHaveValue(SHIYAN);
  await expect
    .poll(() => page.evaluate(() => window.getSelection()?.toString()))
    .toContain('收集到群众意见建议60多条');
  // And it shows the same finding from its side.
  await expect(page.locator('[data-testid="finding"][data-rule="duplicate.cross-story"]')).toContainText(
    CHAXI,
  );
});
