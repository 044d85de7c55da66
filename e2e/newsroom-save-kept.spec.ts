/**
 * The newsroom's database stops while a reporter writes (issue 17): the desk says plainly that the
 * save did not reach the newsroom, keeps the text in the editor and in its own data folder, and
 * sends it by itself when the newsroom answers again. Nothing is typed twice, nothing is lost.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

import { TestDesk } from '../electron/server/testing';
import type { Story } from '../shared/model';
import { startHost, type DeskHost } from './utils/desk-host';
import { expect, test } from './utils/fixtures';
import { pgSkipReason, startNewsroom, type Newsroom } from './utils/newsroom';

const skip = pgSkipReason();
test.skip(skip !== null, skip ?? '');
test.use({ deskUser: null });

let newsroom: Newsroom;
let host: DeskHost;

test.beforeAll(async () => {
  newsroom = await startNewsroom([{ id: 'li', name: '李记者', roles: ['reporter'] }]);
  host = await startHost(await mkdtemp(join(tmpdir(), 'desk-seat-')));
});

test.afterAll(async () => {
  await host?.stop();
  await newsroom?.close();
});

test('a save the stopped database did not take is kept on the computer and sent when it is back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(host.url);
  await page.getByTestId('newsroom-open').click();
  await page.getByTestId('newsroom-server').fill(newsroom.url);
  await page.getByTestId('newsroom-connect').click();
  await page.getByTestId('newsroom-login').fill('li');
  await page.getByTestId('newsroom-password').fill(newsroom.people.li!.password);
  await page.getByTestId('newsroom-signin').click();
  await expect(page.getByTestId('newsroom-open')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('newsroom-close').click();
  await expect(page.getByTestId('newsroom-dialog')).toHaveCount(0);

  await page.getByTestId('new-story').click();
  const id = (await page.getByTestId('story-screen').getAttribute('data-story-id'))!;
  await page.getByTestId('field-headline').fill('云岭村夜校开课');
  await page.getByTestId('body-editor').click();
  await page.keyboard.type('第一段在编辑部。');
  await page.getByTestId('save-now').click();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const li = await TestDesk.signIn(newsroom.url, 'li', newsroom.people.li!.password);
  const before = (await li.call<Story>('stories.get', { id })).rev;

  // The database stops; she keeps writing and saves.
  newsroom.cluster.halt();
  await page.keyboard.type('第二段写在数据库停机时。');
  await page.getByTestId('save-now').click();
  // Not a failure: the save is on this computer, waiting for the newsroom.
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'kept');
  await expect(page.getByTestId('save-state')).toContainText('已存本机，待送达编辑部');
  await expect(page.getByRole('alert').filter({ hasText: '未送达编辑部' }).first()).toBeVisible();
  await expect(page.getByTestId('newsroom-open')).toHaveAttribute('data-state', 'unreachable');
  await expect(page.getByTestId('newsroom-banner')).toContainText('1 份稿件未送达编辑部');
  // The text is in the editor and in the desk's own data folder.
  await expect(page.getByTestId('body-editor')).toContainText('第二段写在数据库停机时。');
  const kept = join(host.dataDir, 'newsroom', 'pending');
  const files = await readdir(kept);
  expect(files).toHaveLength(1);
  expect(await readFile(join(kept, files[0]!), 'utf8')).toContain('第二段写在数据库停机时。');

  // The database is back: the desk sends the kept save by itself, and says so.
  newsroom.cluster.start();
  await expect(page.getByTestId('newsroom-open')).toHaveAttribute('data-state', 'connected', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('newsroom-banner')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  // The message of the kept save goes by itself once it is delivered.
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(await readdir(kept)).toHaveLength(0);
  const stored = await li.call<Story>('stories.get', { id });
  expect(JSON.stringify(stored.body)).toContain('第二段写在数据库停机时。');
  // Every failed attempt was one kept save (the latest text): it arrived as one revision.
  expect(stored.rev).toBe(before + 1);

  // She goes on writing on the delivered revision: no conflict, no second copy.
  await page.keyboard.type('第三段。');
  await page.getByTestId('save-now').click();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const after = await li.call<Story>('stories.get', { id });
  expect(after.rev).toBe(before + 2);
  expect(JSON.stringify(after.body)).toContain('第二段写在数据库停机时。第三段。');
});
