/**
 * Photos on the newsroom (issue 17): a reporter adds a photo to a story on her desk; an editor on
 * another desk (its own data folder, which never had the photo) opens the story and sees it — the
 * desk fetched it once from the newsroom, checked it against its name and kept it.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { testPng } from '../electron/server/test-photos';
import { TestDesk } from '../electron/server/testing';
import type { Story } from '../shared/model';
import { expect, test } from './utils/fixtures';
import { pgSkipReason } from './utils/newsroom';
import { newsroomSeats } from './utils/newsroom-seats';
import { openDesk, signedIn, signIn } from './utils/newsroom-pages';

const skip = pgSkipReason();
test.skip(skip !== null, skip ?? '');
test.use({ deskUser: null });

const seats = newsroomSeats([
  { id: 'li', name: '李记者', roles: ['reporter'] },
  { id: 'wang', name: '王初审', roles: ['first-editor'] },
]);

test('a photo added on the reporter’s desk shows on the editor’s desk, fetched once from the newsroom', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { people, url } = seats.newsroom;
  const [deskA, deskB] = await Promise.all([seats.newDesk(), seats.newDesk()]);
  // A photo of the reporter's own (the desks' demo page has photos of its own).
  const original = testPng('社区党员志愿者清扫积雪', 60_000);
  const source = join(await mkdtemp(join(tmpdir(), 'desk-photo-')), '清扫积雪.png');
  await writeFile(source, original);

  const reporter = await openDesk(browser, deskA);
  await signIn(reporter, url, 'li', people.li!.password);
  await signedIn(reporter, '李记者');
  await reporter.getByTestId('new-story').click();
  const screen = reporter.getByTestId('story-screen');
  const id = (await screen.getAttribute('data-story-id'))!;
  await reporter.getByTestId('field-headline').fill('社区党员志愿者清扫积雪');
  await reporter.getByTestId('body-editor').click();
  await reporter.keyboard.type('大雪过后，社区党员志愿者一早上街清扫积雪。');
  await reporter.getByTestId('photo-file').setInputFiles(source);
  await expect(reporter.getByTestId('photo-item')).toHaveCount(1);
  await reporter.getByTestId('photo-item').getByTestId('photo-caption').fill('图为党员志愿者清扫积雪。');
  await reporter.getByTestId('photo-item').getByTestId('photo-credit-name').fill('李记者');
  await reporter.getByTestId('save-now').click();
  await expect(reporter.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await reporter.getByTestId('review-submit').click();
  await reporter.getByTestId('review-confirm').click();
  await expect(reporter.getByTestId('review-status')).toHaveText('已提交');

  // On the newsroom: the story names the photo, and the photo is the newsroom's, the same bytes.
  const li = await TestDesk.signIn(url, 'li', people.li!.password);
  const { photos } = await li.call<Story>('stories.get', { id });
  const file = photos[0]!.file;
  const served = await fetch(new URL(`api/photos/${file}`, url), {
    headers: { authorization: `Bearer ${li.token}` },
  });
  expect(Buffer.from(await served.arrayBuffer()).equals(original)).toBe(true);
  // Kept on the reporter's desk too.
  expect((await readFile(join(deskA.dataDir, 'photos', file))).equals(original)).toBe(true);

  // The editor's desk never had it: it opens the story and shows the photo.
  const editor = await openDesk(browser, deskB);
  await signIn(editor, url, 'wang', people.wang!.password);
  await signedIn(editor, '王初审');
  expect(await readdir(join(deskB.dataDir, 'photos'))).not.toContain(file);
  await editor.locator(`[data-testid="story-row"][data-story-id="${id}"]`).click();
  await expect(editor.getByTestId('story-screen')).toHaveAttribute('data-story-id', id);
  const shown = editor.getByTestId('body-photo').locator('img');
  await expect(shown).toBeVisible();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(editor.locator('.photo-thumb')).not.toHaveClass(/broken/);
  await expect(editor.locator('.photo-broken')).toHaveCount(0);
  expect((await readFile(join(deskB.dataDir, 'photos', file))).equals(original)).toBe(true);
  await editor.screenshot({ path: test.info().outputPath('editor-desk.png') });
});
