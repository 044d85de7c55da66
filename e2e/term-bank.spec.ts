/**
 * An editor extends the official wording bank in the app: the new entry is a new
 * version with a change-log line, on disk, and the live checks use it at once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from './utils/fixtures';

test('a new term bank entry is saved as a version and flags the wrong form in the body', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await page.getByTestId('terms-open').click();
  const dialog = page.getByTestId('terms-dialog');
  const version = await dialog.getByTestId('terms-version').textContent();
  const before = Number(/第 (\d+) 版/.exec(version ?? '')?.[1]);
  expect(before).toBeGreaterThanOrEqual(1);

  await dialog.getByTestId('terms-add').click();
  await dialog.getByTestId('terms-wrong').last().fill('网格化管理员');
  await dialog.getByTestId('terms-right').last().fill('网格员');
  await dialog.getByTestId('terms-severity').last().selectOption('warning');
  await dialog.getByTestId('terms-save').click();
  await expect(dialog.getByText('请写明本次修改的内容。')).toBeVisible();
  await dialog.getByTestId('terms-note').fill('统一“网格员”的称呼');
  await dialog.getByTestId('terms-save').click();
  await expect(dialog.getByTestId('terms-version')).toContainText(`第 ${before + 1} 版`);
  await dialog.getByTestId('terms-close').click();

  const onDisk = JSON.parse(await readFile(join(desk.dataDir, 'terms.json'), 'utf8')) as {
    version: number;
    changelog: Array<{ note: string }>;
    entries: Array<{ wrong: string; right: string }>;
  };
  expect(onDisk.version).toBe(before + 1);
  expect(onDisk.changelog.at(-1)?.note).toBe('统一“网格员”的称呼');
  expect(onDisk.entries).toContainEqual(expect.objectContaining({ wrong: '网格化管理员', right: '网格员' }));

  await page.getByTestId('story-row').first().click();
  const body = page.getByTestId('body-editor');
  await body.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('村里新聘了两名网格化管理员。');
  await expect(page.getByTestId('findings-panel')).toContainText('网格化管理员', { timeout: 10_000 });
});
