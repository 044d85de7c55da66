/**
 * The region panel: a combobox over the GB/T 2260 list. An ambiguous name shows
 * its parents, the choice survives a restart as code + path, short forms and
 * pinyin initials find autonomous counties, and the About box dates the list.
 */
import { expect, test } from './utils/fixtures';
import { storyOnDisk } from './utils/story-files';

test('pick 贵阳 白云区 among two, keep it through a restart, find 玉龙 by initials', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const row = page.getByTestId('story-row').first();
  await row.click();
  const id = await row.getAttribute('data-story-id');
  expect(id).toBeTruthy();

  // Start from no region, so what is found after the restart is what was picked here. The
  // panel shows the story's region from its first render: wait for the story, then look.
  const panel = page.getByTestId('panel-region');
  await expect(page.locator(`[data-testid="story-screen"][data-story-id="${id}"]`)).toBeVisible();
  await expect(panel).toBeVisible();
  if (await panel.getByTestId('region-selected').isVisible()) await panel.getByTestId('region-clear').click();
  await expect(panel.getByTestId('region-selected')).toHaveCount(0);

  const search = page.getByTestId('region-search');
  await expect(search).toHaveAttribute('role', 'combobox');
  await search.click();
  await page.keyboard.type('白云区');
  const options = page.getByTestId('region-option');
  await expect(options.first()).toBeVisible();
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  const baiyun = options.filter({ hasText: '白云区' });
  await expect(baiyun).toHaveCount(2);
  await expect(page.locator('[data-testid="region-option"][data-code="440111"]')).toContainText('广州市');
  await expect(page.locator('[data-testid="region-option"][data-code="520113"]')).toContainText('贵阳市');

  // Keyboard: ↓ to the 贵阳 one (second), Enter picks it.
  const codes = await options.evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
  const target = codes.indexOf('520113');
  expect(target).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  const activeId = await search.getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${activeId}"]`)).toHaveAttribute('data-code', '520113');
  await page.keyboard.press('Enter');

  const selected = page.getByTestId('region-selected');
  await expect(selected).toContainText('贵州省 贵阳市 白云区');
  await expect(selected).toContainText('520113');
  await expect(options).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });

  await desk.restart();
  await page.goto(desk.url);
  await page.locator(`[data-testid="story-row"][data-story-id="${id}"]`).click();
  await expect(page.getByTestId('region-selected')).toContainText('贵州省 贵阳市 白云区');
  await expect(page.getByTestId('region-selected')).toContainText('520113');
  expect(await storyOnDisk(desk.dataDir, id!)).toMatchObject({
    region: { code: '520113', path: ['贵州省', '贵阳市', '白云区'] },
  });

  // Pinyin initials of the everyday short form 玉龙县, then the Chinese short name; Escape closes the list.
  await search.click();
  await page.keyboard.type('ylx');
  await expect(page.locator('[data-testid="region-option"][data-code="530721"]')).toContainText(
    '玉龙纳西族自治县',
  );
  await page.keyboard.press('Escape');
  await expect(options).toHaveCount(0);
  await search.fill('玉龙');
  const yulong = page.locator('[data-testid="region-option"][data-code="530721"]');
  await expect(yulong).toContainText('丽江市');
  await yulong.click();
  await expect(page.getByTestId('region-selected')).toContainText('云南省 丽江市 玉龙纳西族自治县');

  await page.getByTestId('region-clear').click();
  await expect(page.getByTestId('region-selected')).toHaveCount(0);
});

test('Enter while an input method composes does not pick an option', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByTestId('story-row').first().click();
  const search = page.getByTestId('region-search');
  await search.fill('白云');
  await expect(page.getByTestId('region-option').first()).toBeVisible();
  const before = await page
    .getByTestId('region-selected')
    .textContent()
    .catch(() => null);
  // A composing Enter (isComposing, keyCode 229) belongs to the input method.
  await search.evaluate((el) => {
    el.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true }),
    );
  });
  await expect(page.getByTestId('region-option').first()).toBeVisible();
  expect(
    await page
      .getByTestId('region-selected')
      .textContent()
      .catch(() => null),
  ).toBe(before);
});

test('the About box names the region data and its date', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByTestId('about-open').click();
  await expect(page.getByTestId('about-region-data')).toContainText('@vant/area-data@');
  await expect(page.getByTestId('about-region-data')).toContainText(/数据截至 \d{4}-\d{2}/);
});
