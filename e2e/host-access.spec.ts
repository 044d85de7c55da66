/**
 * Only the person who started the desk gets in (issue 16): a second browser that
 * knows the address but not a one-time secret sees how to open the desk and never
 * the token; an address already used does not open it again; an export request
 * naming a folder outside the data folder is refused and writes nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { apiHeaders, openDesk } from './utils/desk-api';
import { expect, test } from './utils/fixtures';

test('a second browser without the one-time address is refused; with a new one it opens', async ({
  browser,
  desk,
  page,
}) => {
  const first = desk.url;
  await page.goto(first);
  await expect(page.getByTestId('story-row').first()).toBeVisible();
  expect(new URL(page.url()).search).toBe(''); // the secret left the address bar

  const stranger = await (await browser.newContext()).newPage();
  const plain = await stranger.goto(desk.baseUrl);
  expect(plain?.status()).toBe(401);
  await expect(stranger.getByTestId('open-desk-page')).toContainText('请用一次性地址打开采编台');
  expect(await stranger.content()).not.toContain('desk-token');

  const reused = await stranger.goto(first);
  expect(reused?.status()).toBe(401);
  await expect(stranger.getByTestId('open-desk-page')).toContainText('已经用过');

  // The API refuses the stranger too, from inside its page (no cookie, no token).
  const answer = await stranger.evaluate(async () => {
    const res = await fetch('/api/stories.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return res.status;
  });
  expect(answer).toBe(403);

  // The person asks the running desk for a new address (Enter in its terminal).
  await stranger.goto(await desk.newUrl());
  await expect(stranger.getByTestId('story-row').first()).toBeVisible();
  await stranger.context().close();
});

test('an export request with an `out` outside the data folder is refused and writes nothing', async ({
  desk,
}) => {
  const opened = await openDesk(desk.url);
  const outside = join(desk.dataDir, '..', `outside-${Date.now()}`);
  const res = await fetch(new URL('api/pages.export', opened.base), {
    method: 'POST',
    headers: apiHeaders(opened),
    body: JSON.stringify({ name: 'B6', date: '2026-11-22', out: outside }),
  });
  const reply = (await res.json()) as { ok: boolean; error?: { key: string } };
  expect(reply).toMatchObject({ ok: false, error: { key: 'error.exportOutside' } });
  expect(existsSync(outside)).toBe(false);
});
