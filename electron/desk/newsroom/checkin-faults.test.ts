/**
 * Faults of check-in on the desk's side (issue 18): the desk's process killed with SIGKILL at
 * random points while it saves checked-out stories and checks them in, 30 times, then run once
 * to the end. Every save that answered reaches the newsroom exactly once, in the order written;
 * none is doubled (an operation sent again is answered as a repeat); nothing is left in the outbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckoutTaken } from '../../../shared/api/checkout-contract';
import { contentOf, type Story } from '../../../shared/model';
import { seededRandom } from '../../../shared/testing/seeded-random';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { startTestNewsroom, type TestNewsroom } from '../../server/testing';
import { buildDeskBundle, startDeskChild } from './desk-child';
import { Outbox } from './outbox';
import { openDesk } from './test-desks';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const KILLS = 30;
const STORIES = 3;

describe.skipIf(skip !== null)('the desk killed during check-ins', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  let work: string;
  let bundle: string | null = null;
  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_checkin_faults'));
    work = mkdtempSync(join(tmpdir(), 'desk-checkin-kill-'));
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    if (bundle) rmSync(bundle, { force: true });
  });

  it(`applies every save exactly once across ${KILLS} SIGKILLs of the desk`, async () => {
    bundle = await buildDeskBundle();
    const password = await nr.person('zhang', '张记者', ['reporter']);

    // The stories, written on the newsroom and checked out to the desk.
    const dataDir = join(work, 'data');
    const desk = await openDesk(dataDir);
    await desk.call('newsroom.connect', { server: nr.url });
    await desk.call('newsroom.signIn', { login: 'zhang', password });
    const written: Story[] = [];
    for (let i = 0; i < STORIES; i++) {
      const draft = await desk.call<Story>('stories.create', {});
      written.push(
        await desk.call<Story>('stories.save', {
          id: draft.id,
          baseRev: draft.rev,
          content: { ...contentOf(draft), headline: `第${i + 1}篇` },
        }),
      );
      await desk.call('locks.release', { id: draft.id });
    }
    const { desk: deskName } = await desk.status();
    await desk.call<CheckoutTaken>('checkout.take', { ids: written.map((s) => s.id), desk: deskName! });
    await desk.services.close();

    // Seeded: the kill points differ per round, the same every run.
    const next = seededRandom(18);
    const answered: string[] = [];
    let cutShort = 0;
    // Round 0 runs to the end: how long a run takes from sign-in to the check-in's answer, to spread
    // the kill points over it (it only spreads them: the checks below hold wherever they fall).
    let span = 0;
    for (let round = 0; round <= KILLS + 1; round++) {
      const child = startDeskChild(bundle!, { dataDir, login: 'zhang', password, round });
      await child.said('signed-in');
      const start = performance.now();
      if (round >= 1 && round <= KILLS) {
        await new Promise((r) => setTimeout(r, Math.floor(next() * span * 1.2)));
        child.child.kill('SIGKILL');
      }
      if (round === 0) {
        await child.said('checked-in');
        span = performance.now() - start;
      }
      const exit = await child.exited;
      if (exit.signal === 'SIGKILL' && !child.lines().some((l) => l.startsWith('checked-in'))) cutShort++;
      if (round === 0 || round > KILLS) expect(exit.code).toBe(0);
      for (const line of child.lines()) if (line.startsWith('saved ')) answered.push(line.slice(6));
    }
    console.log(
      `${cutShort} of ${KILLS} runs killed before their check-in answered (a run: ${Math.round(span)} ms)`,
    );

    // Every revision after the check-out is one save of the desk, none twice, in the order written.
    const { rows } = await nr.pool.query<{ story_id: string; revision: number; headline: string }>(
      `select story_id, revision, content->>'headline' as headline from story_revisions
        where story_id = any($1) and revision > 2 order by story_id, revision`,
      [written.map((s) => s.id)],
    );
    const onServer = rows.map((r) => r.headline);
    expect(new Set(onServer).size).toBe(onServer.length);
    for (const h of answered) expect(onServer).toContain(h);
    for (const s of written) {
      const rounds = rows.filter((r) => r.story_id === s.id).map((r) => Number(r.headline.split('/')[0]));
      expect(rounds).toEqual([...rounds].sort((x, y) => x - y));
      expect(rows.filter((r) => r.story_id === s.id).map((r) => r.revision)).toEqual(
        rounds.map((_, i) => 3 + i),
      );
    }
    // One operation row per revision: nothing applied twice, no parallel version.
    const ops = await nr.pool.query<{ outcome: string; n: number }>(
      `select result->>'outcome' as outcome, count(*)::int as n from checkin_ops where person_id = 'zhang' group by 1`,
    );
    expect(ops.rows).toEqual([{ outcome: 'applied', n: rows.length }]);
    expect((await Outbox.open(dataDir)).size).toBe(0);
  });
});
