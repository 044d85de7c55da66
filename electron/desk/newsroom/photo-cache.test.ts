/**
 * Photos of the newsroom on the desks (issue 17, issue 18, ADR 013) against a real newsroom server
 * on PostgreSQL, each desk on its own data folder: a photo added on one desk is shown on another
 * (fetched once, checked, kept), a check-out brings its photos, a check-in sends only the photos
 * the newsroom lacks and a repeat sends none.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckInReport, CheckoutTaken } from '../../../shared/api/checkout-contract';
import type { StoredPhoto } from '../../../shared/api/types';
import { contentOf, type Photo, type Story } from '../../../shared/model';
import type { Role } from '../../../shared/review/roles';
import { startHost } from '../../host/server';
import { startNewsroomServer } from '../../server/http';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { NewsroomStories } from '../../server/store/stories';
import { sha256Of, testPng } from '../../server/test-photos';
import { startTestNewsroom, type TestNewsroom } from '../../server/testing';
import { MAX_PHOTO_BYTES } from '../storage/photo-type';
import { signedInDesk, type Desk } from './test-desks';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const photoOf = (file: string, caption: string): Photo => ({
  id: `p-${file.slice(0, 8)}`,
  file,
  caption,
  creditName: '本报记者',
  creditKind: '摄',
});

describe.skipIf(skip !== null)('newsroom photos on the desks', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  /** The server the desks talk to now (the first one, or the one started again on its port). */
  let current: { close(): Promise<void>; port: number } | null = null;
  const desks: Desk[] = [];

  const signedIn = (id: string, name: string, roles: Role[]): Promise<Desk> =>
    signedInDesk(nr, desks, { id, name, roles });

  const onServer = async () =>
    (await nr.pool.query<{ file: string }>('select file from photos order by file')).rows.map((r) => r.file);
  const held = (d: Desk, file: string) => readFile(join(d.dir, 'photos', file)).catch(() => null);

  /** A story the reporter writes with these photos and submits: editors see it from then on. */
  async function submittedWith(reporter: Desk, headline: string, photos: Photo[]): Promise<Story> {
    const draft = await reporter.call<Story>('stories.create', {});
    await reporter.call('locks.acquire', { id: draft.id });
    const saved = await reporter.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: { ...contentOf(draft), headline, photos },
    });
    const sent = await reporter.call<Story>('review.act', {
      id: saved.id,
      action: 'submit',
      baseRev: saved.rev,
    });
    await reporter.call('locks.release', { id: saved.id });
    return sent;
  }

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_photos'));
    current = nr.server;
  });

  /** The newsroom stops: `d` says it does not answer. */
  async function stopServer(d: Desk) {
    const lost = d.next((e) => e.type === 'newsroom' && e.state === 'unreachable');
    await current!.close();
    await lost;
  }

  /** The newsroom answers again on its port; resolves once `d` is connected again. */
  async function startServer(d: Desk) {
    const back = d.next((e) => e.type === 'newsroom' && e.state === 'connected', 30_000);
    current = await startNewsroomServer({
      pool: nr.pool,
      accounts: nr.accounts,
      stories: new NewsroomStories(nr.pool),
      listen: { host: '127.0.0.1', port: current!.port },
      sweepMs: 0,
    });
    await back;
  }
  afterAll(async () => {
    for (const d of desks) await d.close();
    if (current !== nr?.server) await current?.close();
    await nr?.close();
    cluster?.stop();
  });

  it('a photo added on desk A is on the newsroom and in A; desk B shows it, fetched once, the same bytes', async () => {
    const a = await signedIn('wang', '王记者', ['reporter']);
    const b = await signedIn('zhou', '周编辑', ['first-editor']);
    const png = testPng('广场上的升旗仪式', 40_000);
    const stored = await a.call<StoredPhoto>('photos.import', { name: '升旗.png', data: b64(png) });
    expect(stored).toEqual({
      file: `${sha256Of(png).slice(0, 32)}.png`,
      bytes: png.length,
      type: 'image/png',
    });
    expect(await onServer()).toContain(stored.file);
    expect((await held(a, stored.file))?.equals(png)).toBe(true);

    // Desk B never had it: shown through its loopback host, it is fetched from the newsroom first.
    expect(await held(b, stored.file)).toBeNull();
    const renderer = join(b.dir, 'renderer');
    await mkdir(renderer);
    await writeFile(
      join(renderer, 'index.html'),
      '<!doctype html><html><head></head><body>desk</body></html>',
    );
    const host = await startHost({ services: b.services, rendererDir: renderer });
    try {
      const traded = await fetch(host.openUrl(), { redirect: 'manual' });
      const cookie = traded.headers.get('set-cookie')!.split(';')[0]!;
      const shown = await fetch(new URL(`photos/${stored.file}`, host.url), { headers: { Cookie: cookie } });
      expect(shown.status).toBe(200);
      expect(shown.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await shown.arrayBuffer()).equals(png)).toBe(true);
      expect((await held(b, stored.file))?.equals(png)).toBe(true);

      // Kept: gone from the newsroom now, B still shows it from its own folder (it was fetched once).
      await nr.pool.query('delete from photos where file = $1', [stored.file]);
      const again = await fetch(new URL(`photos/${stored.file}`, host.url), { headers: { Cookie: cookie } });
      expect(Buffer.from(await again.arrayBuffer()).equals(png)).toBe(true);
      // The names the desk refuses stay refused; one nobody holds is 404, not an error.
      const traversal = await fetch(new URL('photos/..%2Fdesk.lock', host.url), {
        headers: { Cookie: cookie },
      });
      expect(traversal.status).toBe(404);
      const unknown = await fetch(new URL(`photos/${'0'.repeat(32)}.jpg`, host.url), {
        headers: { Cookie: cookie },
      });
      expect(unknown.status).toBe(404);
    } finally {
      await host.close();
    }
    await expect(b.services.photoPath('../keys/zhou.json')).rejects.toMatchObject({ key: 'error.photoName' });
  });

  it('a photo the newsroom sends that is not the one named is not kept', async () => {
    const a = await signedIn('lin', '林记者', ['reporter']);
    const b = await signedIn('gao', '高编辑', ['first-editor']);
    const png = testPng('真的照片', 3000);
    const { file } = await a.call<StoredPhoto>('photos.import', { name: 'x.png', data: b64(png) });
    // The newsroom's row damaged behind its back: other bytes under that name.
    await nr.pool.query('update photos set bytes = $1, size = $2 where file = $3', [
      testPng('另一张', 3000),
      testPng('另一张', 3000).length,
      file,
    ]);
    const path = await b.services.photoPath(file);
    expect(path).toBe(join(b.dir, 'photos', file));
    expect(await held(b, file)).toBeNull();
  });

  it('a photo refused on a connected desk has the desk keys and reaches neither the desk nor the newsroom', async () => {
    const a = await signedIn('song', '宋记者', ['reporter']);
    const before = await onServer();
    expect(
      await a.refused('photos.import', { name: 'a.gif', data: b64(Buffer.from('GIF89a....')) }),
    ).toMatchObject({
      key: 'error.photoType',
      params: { name: 'a.gif' },
    });
    expect(await a.refused('photos.import', { name: 'e.jpg', data: '' })).toMatchObject({
      key: 'error.photoEmpty',
    });
    const big = Buffer.alloc(MAX_PHOTO_BYTES + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(await a.refused('photos.import', { name: 'big.jpg', data: b64(big) })).toMatchObject({
      key: 'error.photoTooLarge',
    });
    expect(await onServer()).toEqual(before);
  });

  it('check-out brings the photos; check-in sends only the photos the newsroom lacks, a repeat none', async () => {
    const reporter = await signedIn('li', '李记者', ['reporter']);
    const writer = await signedIn('he', '何编辑', ['first-editor']);
    const first = testPng('党员先锋岗', 8000);
    const known = await reporter.call<StoredPhoto>('photos.import', { name: '先锋岗.png', data: b64(first) });
    const story = await submittedWith(reporter, '村里的党员先锋岗', [photoOf(known.file, '图为先锋岗')]);

    const { desk } = await writer.status();
    await writer.call<CheckoutTaken>('checkout.take', { ids: [story.id], desk: desk! });
    // Taken away: its photo is in the writer's folder before anything shows it.
    expect((await held(writer, known.file))?.equals(first)).toBe(true);

    // The newsroom stops; two photos are added on the road (kept on the desk only) and the story saved.
    await stopServer(writer);
    const road = [testPng('田间地头', 6000), testPng('夜校课堂', 6000)];
    const added: StoredPhoto[] = [];
    for (const [i, bytes] of road.entries())
      added.push(
        await writer.call<StoredPhoto>('photos.import', { name: `road-${i}.png`, data: b64(bytes) }),
      );
    const current = await writer.call<Story>('stories.get', { id: story.id });
    const photos = [photoOf(known.file, '图为先锋岗'), ...added.map((p, i) => photoOf(p.file, `图${i}`))];
    await writer.call<Story>('stories.save', {
      id: story.id,
      baseRev: current.rev,
      content: { ...contentOf(current), headline: '路上改的', photos },
    });
    expect(await onServer()).not.toContain(added[0]!.file);

    // Back: the outbox goes up by itself; only the two road photos were sent.
    await startServer(writer);
    {
      const report = await writer.call<CheckInReport>('checkout.checkIn', { desk: desk!, ops: [] });
      expect(report.refused).toBeNull();
      expect(writer.services.newsroom.photos.puts).toBe(2);
      expect(await onServer()).toEqual(expect.arrayContaining([known.file, ...added.map((p) => p.file)]));
      const { rows } = await nr.pool.query<{ bytes: Buffer }>('select bytes from photos where file = $1', [
        added[1]!.file,
      ]);
      expect(rows[0]!.bytes.equals(road[1]!)).toBe(true);

      // Taken again and saved with the same photos: nothing is sent again.
      await writer.call<CheckoutTaken>('checkout.take', { ids: [story.id], desk: desk! });
      const again = await writer.call<Story>('stories.get', { id: story.id });
      await writer.call<Story>('stories.save', {
        id: story.id,
        baseRev: again.rev,
        content: { ...contentOf(again), headline: '再改一次' },
      });
      const repeat = await writer.call<CheckInReport>('checkout.checkIn', { desk: desk!, ops: [] });
      expect(repeat.results.map((r) => r.outcome)).toEqual(['applied']);
      expect(writer.services.newsroom.photos.puts).toBe(2);
      // The reporter's desk, which never held the road photos, shows them now.
      expect(await held(reporter, added[0]!.file)).toBeNull();
      await reporter.services.photoPath(added[0]!.file);
      expect((await held(reporter, added[0]!.file))?.equals(road[0]!)).toBe(true);
    }
  });

  it('a save kept while the newsroom did not answer sends the photo added meanwhile before itself', async () => {
    const reporter = await signedIn('xu', '徐记者', ['reporter']);
    const other = await signedIn('tang', '唐编辑', ['first-editor']);
    const draft = await reporter.call<Story>('stories.create', {});
    await reporter.call('locks.acquire', { id: draft.id });
    await stopServer(reporter);
    const png = testPng('雨中的志愿者', 7000);
    const kept = await reporter.call<StoredPhoto>('photos.import', { name: '雨中.png', data: b64(png) });
    expect(await onServer()).not.toContain(kept.file);
    const refused = await reporter.refused('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: { ...contentOf(draft), headline: '雨中的志愿者', photos: [photoOf(kept.file, '图为志愿者')] },
    });
    expect(refused.key).toBe('error.newsroomSaveKept');

    const delivered = reporter.next((e) => e.type === 'story' && e.storyId === draft.id, 30_000);
    await startServer(reporter);
    await delivered;
    expect(await onServer()).toContain(kept.file);
    await reporter.call('review.act', { id: draft.id, action: 'submit', baseRev: draft.rev + 1 });
    const read = await other.call<Story>('stories.get', { id: draft.id });
    expect(read.photos.map((p) => p.file)).toEqual([kept.file]);
    await other.services.photoPath(kept.file);
    expect((await held(other, kept.file))?.equals(png)).toBe(true);
  });
});
