/**
 * The desk's three screens: switching by the header and by Alt+1/2/3 keeps the
 * open story and its unsaved typing, saves it on the way out, and the screen
 * comes back after a restart.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from './utils/fixtures';
import { storyOnDisk } from './utils/story-files';

test('leaving the stories screen saves the open story; coming back finds it as it was', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  await page.getByTestId('story-row').first().click();
  const id = (await page.getByTestId('story-row').first().getAttribute('id'))!.replace('story-row-', '');
  const headline = page.getByTestId('field-headline');
  await headline.click();
  await page.keyboard.press('End');
  await page.keyboard.type('（续）');

  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('pages-view')).toBeVisible();
  await expect(page.getByTestId('view-pages')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('body-editor')).toBeHidden();
  // The way out saved the draft at once, not after the autosave pause.
  expect(String((await storyOnDisk(desk.dataDir, id)).headline)).toMatch(/（续）$/);

  await page.getByTestId('view-stories').click();
  await expect(headline).toBeVisible();
  await expect(headline).toHaveValue(/（续）$/);
  await expect(page.getByTestId('pages-view')).toHaveCount(0);

  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('archive-view')).toBeVisible();
  await expect
    .poll(async () => {
      const text = await readFile(join(desk.dataDir, 'prefs.json'), 'utf8').catch(() => '{}');
      return (JSON.parse(text) as { view?: string }).view;
    })
    .toBe('archive');

  await desk.restart();
  await page.goto(desk.url);
  await expect(page.getByTestId('archive-view')).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('field-headline')).toHaveValue(/（续）$/);
});

test('opening a story and leaving it untouched changes nothing: it stays saved, its revision stays', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const row = page.getByTestId('story-row').first();
  const id = (await row.getAttribute('id'))!.replace('story-row-', '');
  const before = (await storyOnDisk(desk.dataDir, id)).rev;
  await row.click();
  await expect(page.getByTestId('body-editor')).toBeVisible();
  // Longer than the autosave pause (800 ms) and the checks' first run: any save would have happened.
  await page.waitForTimeout(2_000);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect((await storyOnDisk(desk.dataDir, id)).rev).toBe(before);
});
