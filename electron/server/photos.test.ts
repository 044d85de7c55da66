/**
 * Photos on the newsroom server (issue 17, ADR 013 "Photos by content hash") on a real PostgreSQL
 * cluster: photos.import with the desk's rules and names, photos.has / photos.put by hash, and
 * GET /api/photos/<file> for signed-in people only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PhotosMissing } from '../../shared/api/photos-contract';
import type { StoredPhoto } from '../../shared/api/types';
import { MAX_PHOTO_BYTES } from '../desk/storage/photo-type';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { post, refusal, startTestNewsroom, TestDesk, type TestNewsroom } from './testing';
import { sha256Of, testPng } from './test-photos';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

describe.skipIf(skip !== null)('photos on the newsroom server', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  let reporter: TestDesk;
  let editor: TestDesk;
  let editorPassword: string;

  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  const get = (file: string, token?: string, method = 'GET') =>
    fetch(new URL(`api/photos/${file}`, nr.url), {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const rows = async (sha256: string) =>
    (await nr.pool.query('select created_by, size from photos where sha256 = $1', [sha256])).rows;

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('photos'));
    reporter = await TestDesk.signIn(nr.url, 'wang', await nr.person('wang', '王记者', ['reporter']));
    editorPassword = await nr.person('zhou', '周编辑', ['first-editor']);
    editor = await TestDesk.signIn(nr.url, 'zhou', editorPassword);
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
  });

  it('photos.import answers as the desk does and another person reads the same bytes', async () => {
    const png = testPng('会场全景', 30_000);
    const hash = sha256Of(png);
    const stored = await reporter.call<StoredPhoto>('photos.import', { name: '会场.png', data: b64(png) });
    expect(stored).toEqual({ file: `${hash.slice(0, 32)}.png`, bytes: png.length, type: 'image/png' });
    // The same photo again (by anyone): the same answer, one row, written by the first.
    expect(await editor.call('photos.import', { name: 'copy.png', data: b64(png) })).toEqual(stored);
    expect(await rows(hash)).toEqual([{ created_by: 'wang', size: png.length }]);

    const res = await get(stored.file, editor.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const head = await get(stored.file, editor.token, 'HEAD');
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(png.length)]);
  });

  it('refuses what the desk refuses, with the desk keys, and stores nothing', async () => {
    const before = Number((await nr.pool.query('select count(*) from photos')).rows[0].count);
    const gif = Buffer.from('GIF89a-not-a-photo-we-take');
    expect(await refusal(reporter.call('photos.import', { name: 'a.gif', data: b64(gif) }))).toMatchObject({
      code: 'invalid-input',
      key: 'error.photoType',
      params: { name: 'a.gif' },
    });
    expect(await refusal(reporter.call('photos.import', { name: 'empty.jpg', data: '' }))).toMatchObject({
      key: 'error.photoEmpty',
      params: { name: 'empty.jpg' },
    });
    const big = Buffer.alloc(MAX_PHOTO_BYTES + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(await refusal(reporter.call('photos.import', { name: 'big.jpg', data: b64(big) }))).toMatchObject({
      key: 'error.photoTooLarge',
      params: { name: 'big.jpg', bytes: MAX_PHOTO_BYTES + 1 },
    });
    // A photo of exactly the limit goes through the HTTP front (its base64 is larger than any other call).
    const limit = big.subarray(0, MAX_PHOTO_BYTES);
    expect(await reporter.call('photos.import', { name: 'limit.jpg', data: b64(limit) })).toMatchObject({
      bytes: MAX_PHOTO_BYTES,
      type: 'image/jpeg',
    });
    expect(Number((await nr.pool.query('select count(*) from photos')).rows[0].count)).toBe(before + 1);
  });

  it('photos.has names the missing; photos.put checks the hash, stores once, and is never needed twice', async () => {
    const a = testPng('党员活动室', 5000);
    const b = testPng('志愿服务队', 5000);
    const [ha, hb] = [sha256Of(a), sha256Of(b)];
    expect(await reporter.call<PhotosMissing>('photos.has', { hashes: [ha, hb, ha] })).toEqual({
      missing: [ha, hb],
    });
    // Bytes that are not the photo named: refused, nothing stored.
    expect(await refusal(reporter.call('photos.put', { hash: ha, data: b64(b) }))).toMatchObject({
      key: 'error.photoHashMismatch',
      params: { hash: ha },
    });
    expect(await rows(ha)).toEqual([]);
    const put = await reporter.call<StoredPhoto>('photos.put', { hash: ha, data: b64(a) });
    expect(put).toEqual({ file: `${ha.slice(0, 32)}.png`, bytes: a.length, type: 'image/png' });
    expect(await reporter.call('photos.put', { hash: ha, data: b64(a) })).toEqual(put);
    expect(await rows(ha)).toHaveLength(1);
    expect(await editor.call<PhotosMissing>('photos.has', { hashes: [ha, hb] })).toEqual({ missing: [hb] });
    // A hash that is not a SHA-256: the contract's gate refuses it.
    expect((await refusal(reporter.call('photos.has', { hashes: ['abc'] }))).key).toBe('error.invalidInput');
    // The right hash of something that is not a photo: the desk's type rule.
    const text = Buffer.from('not a photo at all');
    expect((await refusal(reporter.call('photos.put', { hash: sha256Of(text), data: b64(text) }))).key).toBe(
      'error.photoType',
    );
  });

  it('GET /api/photos: 401 without a session, 400 for a name that is not a photo hash, 404 when not held', async () => {
    const png = testPng('签到表', 3000);
    const { file } = await reporter.call<StoredPhoto>('photos.import', { name: 's.png', data: b64(png) });

    const none = await get(file);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { key: string } }).error.key).toBe('error.sessionEnded');
    expect((await get(file, 'x'.repeat(43))).status).toBe(401);
    // A session that ended reads nothing any more.
    const later = await TestDesk.signIn(nr.url, 'zhou', editorPassword);
    expect((await get(file, later.token)).status).toBe(200);
    await post(nr.url, 'logout', {}, later.token);
    expect((await get(file, later.token)).status).toBe(401);

    for (const bad of [
      '..%2Fdesk.lock',
      'abc.png',
      `${'g'.repeat(32)}.png`,
      `${file.slice(0, 32)}.gif`,
      `${file}x`,
    ]) {
      const res = await get(bad, reporter.token);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { key: string } }).error.key, bad).toBe('error.photoName');
    }
    const missing = await get(`${'0'.repeat(32)}.jpg`, reporter.token);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { key: string } }).error).toMatchObject({
      key: 'error.photoNotOnNewsroom',
      params: { file: `${'0'.repeat(32)}.jpg` },
    });
    const posted = await fetch(new URL(`api/photos/${file}`, nr.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${reporter.token}` },
    });
    expect(posted.status).toBe(405);
  });

  it('GET /api/photos while the database is down: 503 with the newsroom key, then served again', async () => {
    const png = testPng('停电时的照片', 2000);
    const { file } = await reporter.call<StoredPhoto>('photos.import', { name: 'd.png', data: b64(png) });
    cluster.halt();
    try {
      const down = await get(file, reporter.token);
      expect(down.status).toBe(503);
      expect(((await down.json()) as { error: { key: string } }).error.key).toBe(
        'error.newsroomDbUnavailable',
      );
    } finally {
      cluster.start();
    }
    let back: Response | null = null;
    for (let i = 0; i < 50 && back?.status !== 200; i++) back = await get(file, reporter.token);
    expect(Buffer.from(await back!.arrayBuffer()).equals(png)).toBe(true);
  });
});
