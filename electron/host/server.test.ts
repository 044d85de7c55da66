/**
 * The loopback host's doors (issue 16): only the person holding the one-time
 * address gets in; the API answers only our own page's requests; the gate's error
 * shape reaches the client even for a 10,000-deep body; export and photos stay
 * inside the data folder.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDeskServices, type DeskServices } from '../desk/services';
import { startHost, type Host } from './server';

let dir: string;
let services: DeskServices;
let host: Host;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-host-'));
  const renderer = join(dir, 'renderer');
  await mkdir(renderer);
  await writeFile(join(renderer, 'index.html'), '<!doctype html><html><head></head><body>desk</body></html>');
  services = await openDeskServices({ dataDir: join(dir, 'data'), transport: 'http', demo: false });
  host = await startHost({ services, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

/** Trades a fresh one-time address for the cookie, then reads the token from the page. */
async function open(): Promise<{ cookie: string; token: string }> {
  const traded = await fetch(host.openUrl(), { redirect: 'manual' });
  expect(traded.status).toBe(303);
  const setCookie = traded.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  const cookie = setCookie.split(';')[0]!;
  const html = await (await fetch(host.url, { headers: { Cookie: cookie } })).text();
  return { cookie, token: /name="desk-token" content="([^"]+)"/.exec(html)![1]! };
}

function call(
  method: string,
  body: string,
  who: { cookie: string; token: string },
  headers: Record<string, string> = {},
) {
  return fetch(new URL(`api/${method}`, host.url), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Cookie: who.cookie,
      'X-Desk-Token': who.token,
      ...headers,
    },
    body,
  });
}

describe('opening the desk', () => {
  it('answers GET / without the one-time address with how to open the desk, and no token', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('一次性地址');
    expect(html).not.toContain(host.token);
    expect(html).not.toContain('desk-token');
  });

  it('trades a one-time address once: a second browser with the same address is refused', async () => {
    const url = host.openUrl();
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('已经用过');
  });

  it('serves the page with its token to the browser holding the cookie', async () => {
    const who = await open();
    expect(who.token).toBe(host.token);
  });
});

describe('the API door', () => {
  it('refuses a call without the cookie even with the token, a foreign Origin and a cross-site fetch', async () => {
    const who = await open();
    const body = '{}';
    expect((await call('stories.list', body, { cookie: '', token: host.token })).status).toBe(403);
    expect((await call('stories.list', body, who, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('stories.list', body, who, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    const ours = await call('prefs.get', body, who, {
      Origin: host.url.replace(/\/$/, ''),
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(ours.status).toBe(200);
  });

  it('requires exactly application/json, with at most a UTF-8 charset', async () => {
    const who = await open();
    for (const type of [
      'application/jsonp',
      'application/json-patch+json',
      'application/json; boundary=x',
      'text/plain',
    ]) {
      expect((await call('prefs.get', '{}', who, { 'Content-Type': type })).status, type).toBe(415);
    }
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
    ]) {
      expect((await call('prefs.get', '{}', who, { 'Content-Type': type })).status, type).toBe(200);
    }
  });

  it('answers a 10,000-deep body with the error envelope and its i18n key, not a bare 500', async () => {
    const who = await open();
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const res = await call('stories.save', `{"id":"x","baseRev":1,"content":${deep}}`, who);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { key: 'error.inputTooDeep' } });
  });

  it('refuses an export into a folder outside the data folder', async () => {
    const who = await open();
    const outside = join(dir, 'elsewhere');
    const res = await call(
      'pages.export',
      JSON.stringify({ name: 'B6', date: '2026-11-22', out: outside }),
      who,
    );
    expect(await res.json()).toMatchObject({ ok: false, error: { key: 'error.exportOutside' } });
    const climbing = await call(
      'pages.export',
      JSON.stringify({ name: 'B6', date: '2026-11-22', out: '../x' }),
      who,
    );
    expect(await climbing.json()).toMatchObject({ ok: false, error: { key: 'error.exportOutside' } });
  });
});

describe('photos', () => {
  it('serves a stored photo but never a symbolic link under a photo name, nor a folder', async () => {
    const who = await open();
    const photos = join(dir, 'data', 'photos');
    await mkdir(photos, { recursive: true });
    await writeFile(join(photos, 'aaaa1111aaaa1111.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(join(dir, 'secret.txt'), 'not a photo');
    await symlink(join(dir, 'secret.txt'), join(photos, 'bbbb2222bbbb2222.png'));
    await mkdir(join(photos, 'cccc3333cccc3333.png'));
    const get = (name: string, cookie = who.cookie) =>
      fetch(new URL(`photos/${name}`, host.url), { headers: { Cookie: cookie } });
    expect((await get('aaaa1111aaaa1111.png')).status).toBe(200);
    expect((await get('aaaa1111aaaa1111.png', '')).status).toBe(403);
    const link = await get('bbbb2222bbbb2222.png');
    expect(link.status).toBe(404);
    expect(await link.text()).not.toContain('not a photo');
    expect((await get('cccc3333cccc3333.png')).status).toBe(404);
  });
});

describe('the event stream', () => {
  it('is refused without the cookie, the token or from another site', async () => {
    const who = await open();
    const url = new URL('events', host.url);
    expect((await fetch(url, { headers: { 'X-Desk-Token': who.token } })).status).toBe(403);
    expect((await fetch(url, { headers: { Cookie: who.cookie } })).status).toBe(403);
    const foreign = await fetch(url, {
      headers: { Cookie: who.cookie, 'X-Desk-Token': who.token, Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it("pushes another tab's lock to every open stream as it happens, as Server-Sent Events", async () => {
    const who = await open();
    const abort = new AbortController();
    const res = await fetch(new URL('events', host.url), {
      headers: { Cookie: who.cookie, 'X-Desk-Token': who.token },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();

    const created = (await (await call('stories.create', '{}', who)).json()) as { result: { id: string } };
    const id = created.result.id;
    const tab = { 'X-Desk-Session': 'tab-li-hua' };
    await call('session.setUser', JSON.stringify({ userId: 'li-hua' }), who, tab);
    await call('locks.acquire', JSON.stringify({ id }), who, tab);

    let text = '';
    while (!text.includes('"type":"lock"')) text += (await reader.read()).value ?? '';
    const line = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('"lock"'))!;
    expect(JSON.parse(line.slice(6))).toMatchObject({
      type: 'lock',
      storyId: id,
      holder: { userId: 'li-hua', name: '李华' },
    });
    abort.abort();
  });
});
