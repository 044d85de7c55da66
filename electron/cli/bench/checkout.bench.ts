/**
 * Check-in on the newsroom server (issue 18), over the loopback HTTP API on a throw-away
 * PostgreSQL cluster: a desk back from a trip checks in 20 changed stories of ~2,000 characters,
 * each showing two photos of ~1 MB (40 real PNGs: photos.has, then photos.put of each missing one,
 * then the operations, as a desk sends them, ADR 013), goal ≤ 2 s; the same check-in sent again
 * (no photo missing any more, every operation a repeat), goal ≤ 200 ms. Then the
 * catch-up reads of a desk that missed 1,000 changes (stories list, check-outs and conflicts,
 * review queue), goal ≤ 2 s. Then the desk's side: the same 20 stories taken to a desk (its own
 * data folder) and saved there, each with two photos imported on the desk, then checked in from
 * the desk's outbox through the desk's handlers over the loopback host (the renderer's way),
 * against the server-side check-in above as the baseline; and its repeat with nothing waiting.
 * Prints figures; never fails on time.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CheckInOp, CheckInReport, CheckoutTaken } from '../../../shared/api/checkout-contract';
import { bodyFromBlocks, contentOf, type Story } from '../../../shared/model';
import { pgSkipReason, startPgCluster } from '../../server/pg-cluster';
import { openDeskServices } from '../../desk/services';
import { startHost } from '../../host/server';
import { sha256Of, testPng } from '../../server/test-photos';
import { FAST_SCRYPT, startTestNewsroom, TestDesk, type TestNewsroom } from '../../server/testing';
import { variedBlocks } from './corpus';
import type { Report } from './registry';

const STORIES = 20;
const MISSED = 1_000;
const DESK = '出差用的笔记本';
const PHOTO_BYTES = 1024 * 1024;

const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function benchCheckout(report: Report): Promise<void> {
  const skip = pgSkipReason();
  if (skip) return report(`skipped: ${skip}`);
  const cluster = startPgCluster();
  const nr = await startTestNewsroom(cluster.createDatabase('bench_checkout'));
  try {
    const reporter = await TestDesk.signIn(nr.url, 'zhang', await nr.person('zhang', '张记者', ['reporter']));
    const editor = await TestDesk.signIn(nr.url, 'li', await nr.person('li', '李编辑', ['first-editor']));
    const ids: string[] = [];
    for (let i = 0; i < STORIES; i++) ids.push((await reporter.call<Story>('stories.create', {})).id);
    const taken = await reporter.call<CheckoutTaken>('checkout.take', { ids, desk: DESK });

    const bytes = new Map<string, Buffer>();
    const ops: CheckInOp[] = taken.items.map(({ story }, i) => {
      const body = bodyFromBlocks(
        variedBlocks(i, 2000).map((text) => ({ type: 'paragraph' as const, text })),
      );

      const photos = [0, 1].map((k) => {
        const png = testPng(`photo ${i}-${k}`, PHOTO_BYTES);
        bytes.set(sha256Of(png), png);
        return sha256Of(png);
      });
      return {
        opId: randomUUID(),
        storyId: story.id,
        baseRev: story.rev,
        content: {
          ...contentOf(story),
          headline: `路上写的第${i}篇`,
          body,
          photos: photos.map((hash, k) => ({
            id: `p${k}`,
            file: `${hash.slice(0, 32)}.png`,
            caption: '村党支部书记在田间讲党课',
            creditName: '张记者',
            creditKind: '摄' as const,
          })),
        },
        at: new Date().toISOString(),
        photos,
      };
    });
    // As the desk's photo cache does it: ask which photos are missing, send only those, then the operations.
    let puts = 0;
    const checkIn = async () => {
      const hashes = [...new Set(ops.flatMap((o) => o.photos ?? []))];
      const { missing } = await reporter.call<{ missing: string[] }>('photos.has', { hashes });
      for (const hash of missing) {
        await reporter.call('photos.put', { hash, data: bytes.get(hash)!.toString('base64') });
        puts++;
      }
      return reporter.call<CheckInReport>('checkout.checkIn', { desk: DESK, ops, keep: ids });
    };
    let t0 = performance.now();
    const first = await checkIn();
    const whole = performance.now() - t0;
    const uploaded = puts;
    const repeats: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      const again = await checkIn();
      repeats.push(performance.now() - t0);
      if (again.repeated !== ops.length) throw new Error('a repeat applied something');
    }
    if (puts !== uploaded) throw new Error('a repeat sent a photo again');
    report(
      `check-in of ${first.results.length} stories (~2,000 characters) with ${uploaded} photo uploads of ${(PHOTO_BYTES / 1024 / 1024).toFixed(0)} MB: ${ms(whole)} (goal ≤ 2 s)`,
    );
    report(
      `the same check-in again (all repeats, no photo sent): best ${ms(Math.min(...repeats))}, worst ${ms(Math.max(...repeats))} of 5 (goal ≤ 200 ms)`,
    );

    // 1,000 changes the desk missed: the editor's saves of submitted stories of another reporter.
    await reporter.call('checkout.checkIn', { desk: DESK, ops: [], release: ids });
    await nr.pool.query(`update stories set status = 'submitted'`);
    const stories = await Promise.all(ids.map((id) => editor.call<Story>('stories.get', { id })));
    for (let n = 0; n < MISSED; n++) {
      const i = n % STORIES;
      const s = stories[i]!;
      stories[i] = await editor.call<Story>('stories.save', {
        id: s.id,
        baseRev: s.rev,
        content: { ...contentOf(s), headline: `编辑改的第${n}次` },
      });
    }
    t0 = performance.now();
    await Promise.all([
      reporter.call('stories.list', {}),
      reporter.call('checkout.list', { desk: DESK }),
      reporter.call('review.queue', {}),
    ]);
    report(
      `catch-up after ${MISSED} missed changes (stories list, check-outs and conflicts, queue): ${ms(performance.now() - t0)} (goal ≤ 2 s)`,
    );

    const desk = await deskCheckIn(nr, ops);
    report(
      `desk: check-in of ${desk.stories} stories (${desk.photos} photos by hash) from the desk's outbox through its handlers over the loopback host: ${ms(desk.whole)} (goal ≤ 2 s; ${(desk.whole / whole).toFixed(1)}× the server-side check-in)`,
    );
    report(
      `desk: check-in again with nothing waiting: best ${ms(Math.min(...desk.repeats))}, worst ${ms(Math.max(...desk.repeats))} of 5 (goal ≤ 200 ms; ${(Math.min(...desk.repeats) / Math.min(...repeats)).toFixed(1)}× the server-side repeat)`,
    );
  } finally {
    await nr.close();
    cluster.stop();
  }
}

/**
 * The desk's side: a person's desk (its own data folder, the loopback host in front of its
 * handlers, as a browser tab calls them) takes the stories of `like` away, saves each there with
 * its text and two photos imported on the desk, and checks in from its outbox.
 */
async function deskCheckIn(
  nr: TestNewsroom,
  like: CheckInOp[],
): Promise<{ stories: number; photos: number; whole: number; repeats: number[] }> {
  const password = await nr.person('wu', '吴记者', ['reporter']);
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-desk-checkin-'));
  const services = await openDeskServices({
    dataDir,
    transport: 'http',
    demo: false,
    newsroom: { keyScrypt: FAST_SCRYPT },
  });
  const rendererDir = join(dataDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const host = await startHost({ services, rendererDir });
  try {
    const traded = await fetch(host.openUrl(), { redirect: 'manual' });
    const cookie = traded.headers.get('set-cookie')!.split(';')[0]!;
    const html = await (await fetch(host.url, { headers: { Cookie: cookie } })).text();
    const token = /name="desk-token" content="([^"]+)"/.exec(html)![1]!;
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const res = await fetch(new URL(`api/${method}`, host.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-Desk-Token': token },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; result?: T; error?: { detail: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error!.detail}`);
      return body.result!;
    };
    await call('newsroom.connect', { server: nr.url });
    await call('newsroom.signIn', { login: 'wu', password });
    const { desk } = await call<{ desk: string }>('newsroom.status', {});
    const ids: string[] = [];
    for (let i = 0; i < like.length; i++) {
      const draft = await call<Story>('stories.create', {});
      await call('locks.release', { id: draft.id });
      ids.push(draft.id);
    }
    await call<CheckoutTaken>('checkout.take', { ids, desk });
    let photos = 0;
    for (const [i, id] of ids.entries()) {
      const op = like[i]!;
      const held = await call<Story>('stories.get', { id });
      const files = [];
      for (const p of op.content.photos) {
        const { file } = await services.store.importPhoto(
          `${id}-${photos}.png`,
          testPng(`desk ${id} ${photos}`, 200_000),
        );
        files.push({ ...p, file });
        photos++;
      }
      await call('stories.save', {
        id,
        baseRev: held.rev,
        content: { ...op.content, photos: files },
      });
    }
    let t0 = performance.now();
    const first = await call<CheckInReport>('checkout.checkIn', { desk, ops: [], keep: ids });
    const whole = performance.now() - t0;
    if (first.results.length !== ids.length) throw new Error('the desk did not check every story in');
    const repeats: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      const again = await call<CheckInReport>('checkout.checkIn', { desk, ops: [], keep: ids });
      repeats.push(performance.now() - t0);
      if (again.results.length !== 0) throw new Error('a repeat sent something');
    }
    return { stories: first.results.length, photos, whole, repeats };
  } finally {
    await host.close();
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
