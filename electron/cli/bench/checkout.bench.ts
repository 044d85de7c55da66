/**
 * Check-in on the newsroom server (issue 18), over the loopback HTTP API on a throw-away
 * PostgreSQL cluster: a desk back from a trip checks in 20 changed stories of ~2,000 characters,
 * each showing two photos (40 referenced by SHA-256; the photo bytes do not go up yet, ADR 013),
 * goal ≤ 2 s; the same check-in sent again (every operation a repeat), goal ≤ 200 ms. Then the
 * catch-up reads of a desk that missed 1,000 changes (stories list, check-outs and conflicts,
 * review queue), goal ≤ 2 s. Prints figures; never fails on time.
 */
import { createHash, randomUUID } from 'node:crypto';

import type { CheckInOp, CheckInReport, CheckoutTaken } from '../../../shared/api/checkout-contract';
import { bodyFromBlocks, contentOf, type Story } from '../../../shared/model';
import { pgSkipReason, startPgCluster } from '../../server/pg-cluster';
import { startTestNewsroom, TestDesk } from '../../server/testing';
import { variedBlocks } from './corpus';
import type { Report } from './registry';

const STORIES = 20;
const MISSED = 1_000;
const DESK = '出差用的笔记本';

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

    const ops: CheckInOp[] = taken.items.map(({ story }, i) => {
      const body = bodyFromBlocks(
        variedBlocks(i, 2000).map((text) => ({ type: 'paragraph' as const, text })),
      );
      const photos = [0, 1].map((k) => createHash('sha256').update(`photo ${i}-${k}`).digest('hex'));
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
            file: `${hash}.jpg`,
            caption: '村党支部书记在田间讲党课',
            creditName: '张记者',
            creditKind: '摄' as const,
          })),
        },
        at: new Date().toISOString(),
        photos,
      };
    });
    let t0 = performance.now();
    const first = await reporter.call<CheckInReport>('checkout.checkIn', { desk: DESK, ops, keep: ids });
    const whole = performance.now() - t0;
    const repeats: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      const again = await reporter.call<CheckInReport>('checkout.checkIn', { desk: DESK, ops, keep: ids });
      repeats.push(performance.now() - t0);
      if (again.repeated !== ops.length) throw new Error('a repeat applied something');
    }
    report(
      `check-in of ${first.results.length} stories (~2,000 characters, 40 photos by hash): ${ms(whole)} (goal ≤ 2 s)`,
    );
    report(
      `the same check-in again (all repeats): best ${ms(Math.min(...repeats))}, worst ${ms(Math.max(...repeats))} of 5 (goal ≤ 200 ms)`,
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
  } finally {
    await nr.close();
    cluster.stop();
  }
}
