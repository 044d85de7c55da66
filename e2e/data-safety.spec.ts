/**
 * What a person sees when the data folder is in trouble: a second desk on the
 * same folder is refused, and a damaged story file is kept aside and recovered.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from './utils/fixtures';
import { tryStartHost } from './utils/desk-host';
import { storyIdsOnDisk, storyOnDisk } from './utils/story-files';

test('a second desk on the same data folder is refused and changes nothing', async ({ desk }) => {
  const before = await Promise.all(
    (await storyIdsOnDisk(desk.dataDir)).map((id) => storyOnDisk(desk.dataDir, id)),
  );
  const second = await tryStartHost(desk.dataDir);
  expect('refused' in second).toBe(true);
  if ('refused' in second) expect(second.refused).toContain(String(desk.process.pid));
  const after = await Promise.all(
    (await storyIdsOnDisk(desk.dataDir)).map((id) => storyOnDisk(desk.dataDir, id)),
  );
  expect(after).toEqual(before);
});

test('a damaged story file is moved aside, the story recovered, and the user told', async ({
  page,
  desk,
}) => {
  await page.goto(desk.url);
  const row = page.getByTestId('story-row').first();
  const id = (await row.getAttribute('data-story-id'))!;
  await row.click();
  // One edit, so the story has a good earlier copy in its backups.
  await page.getByTestId('field-kicker').click();
  await page.keyboard.type('新');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  await desk.stop();

  const file = join(desk.dataDir, 'stories', `${id}.json`);
  const good = await readFile(file, 'utf8');
  await writeFile(file, good.slice(0, Math.floor(good.length / 2)));

  await desk.restart();
  await page.goto(desk.url);
  await expect(page.getByTestId('notice').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('notices-banner')).toContainText('已从最近一次完好的备份恢复');
  const damaged = await readdir(join(desk.dataDir, 'damaged'));
  expect(damaged.some((name) => name.startsWith(id))).toBe(true);
  expect((await storyOnDisk(desk.dataDir, id)).id).toBe(id);
  await expect(page.getByTestId('story-row')).toHaveCount(5);
});
