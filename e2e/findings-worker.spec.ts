/**
 * The live checks run in their worker under the app's real CSP (the host sends the
 * policy the Electron app sends): the body reports 'worker', nothing was refused by
 * the policy, the fallback never logged, and a duplicate typed in the body is marked
 * from the worker's answer.
 */
import { expect, test } from './utils/fixtures';

const CHAXI = '茶溪社区“银发议事会”议出宜居好环境';

test('the checks run in the worker under the CSP and mark a typed duplicate', async ({ page, desk }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|\[findings\]/.test(text)) problems.push(text);
  });
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  await page.goto(desk.url);
  await page.getByTestId('story-row').filter({ hasText: CHAXI }).click();
  await expect(page.getByTestId('findings-panel')).toHaveAttribute('data-status', 'ready');
  const body = page.getByTestId('body-editor');
  await expect(body).toHaveAttribute('data-finding-checks', 'worker');
  expect(workers.some((url) => /checks\.worker-[\w-]+\.js$/.test(url))).toBe(true);

  const first = await page.locator('[data-testid="body-editor"] > p').first().textContent();
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(first!);
  await expect(page.locator('[data-testid="finding"][data-rule="duplicate.paragraph"]')).toBeVisible();
  await expect(body).toHaveAttribute('data-finding-marks', /^[1-9]/);
  await expect(body).toHaveAttribute('data-finding-checks', 'worker');
  expect(problems).toEqual([]);
});

test('when the worker does not load, the checks run on the main thread and say so once', async ({
  page,
  desk,
}) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('[findings]')) warnings.push(message.text());
  });
  await page.route(/checks\.worker-[\w-]+\.js$/, (route) => route.abort());

  await page.goto(desk.url);
  await page.getByTestId('story-row').filter({ hasText: CHAXI }).click();
  await expect(page.getByTestId('findings-panel')).toHaveAttribute('data-status', 'ready');
  const body = page.getByTestId('body-editor');
  await expect(body).toHaveAttribute('data-finding-checks', 'main');

  const first = await page.locator('[data-testid="body-editor"] > p').first().textContent();
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(first!);
  await expect(page.locator('[data-testid="finding"][data-rule="duplicate.paragraph"]')).toBeVisible();
  expect(warnings.filter((w) => w.includes('main thread'))).toHaveLength(1);
});
