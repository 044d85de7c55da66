/**
 * Faults of check-in (issue 18): the server process killed with SIGKILL in the middle of check-ins,
 * 30 times. The desk sends its whole outbox again after each restart, as it does after any
 * unanswered check-in. Afterwards every operation is applied exactly once: each change is one
 * revision with one audit entry, each new draft one story, nothing lost, nothing doubled, and since
 * nobody else wrote, no change ends up as a parallel version.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckInOp, CheckInReport, CheckoutTaken } from '../../shared/api/checkout-contract';
import { contentOf, type StoryContent } from '../../shared/model';
import { Accounts } from './accounts/accounts';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { buildServerBundle, startServerChild } from './server-child';
import { verifyAudit } from './store/audit-chain';
import { NewsroomStories } from './store/stories';
import { FAST_SCRYPT, migratedPool, TestDesk } from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const KILLS = 30;
const STORIES = 3;
const DESK = '出差用的笔记本';

describe.skipIf(skip !== null)('newsroom server killed during check-ins', () => {
  let cluster: PgCluster;
  let pool: pg.Pool;
  let dir: string;
  beforeAll(() => {
    cluster = startPgCluster();
    dir = mkdtempSync(join(tmpdir(), 'desk-checkin-fault-'));
  });
  afterAll(async () => {
    await pool?.end();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`applies every operation exactly once across ${KILLS} SIGKILLs during check-ins`, async () => {
    const db = cluster.createDatabase('checkin_faults');
    pool = await migratedPool(db, 4);
    const bundle = await buildServerBundle(join(dir, 'server.mjs'));

    const accounts = new Accounts(pool, { scrypt: FAST_SCRYPT });
    const once = await accounts.createAccount(null, { id: 'zhang', name: '张记者', roles: ['reporter'] });
    const password = `${once.password}-own`;
    const first = await accounts.signIn('zhang', once.password, '127.0.0.1');
    await accounts.changePassword(first.token, once.password, password);
    const { token, person } = await accounts.signIn('zhang', password, '127.0.0.1');
    const stories = new NewsroomStories(pool);
    const ids: string[] = [];
    for (let i = 0; i < STORIES; i++) ids.push((await stories.create({ sessionId: 0, person }, null)).id);

    // The desk: what it took away, and its outbox (sent whole until a check-in is answered).
    const local = new Map<string, { content: StoryContent; baseRev: number }>();
    {
      const { child, url } = await startServerChild(bundle, db);
      const taken = await new TestDesk(url, token).call<CheckoutTaken>('checkout.take', { ids, desk: DESK });
      for (const { story } of taken.items)
        local.set(story.id, { content: contentOf(story), baseRev: story.rev });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    let outbox: CheckInOp[] = [];
    const all: CheckInOp[] = [];
    const count = async () =>
      Number((await pool.query<{ n: string }>('select count(*) as n from checkin_ops')).rows[0]!.n);

    let cutShort = 0;
    let answered = 0;
    for (let round = 0; round < KILLS; round++) {
      // Written offline since the last check-in: a change of each story, a new draft every other round.
      for (const id of ids) {
        const copy = local.get(id)!;
        copy.content = { ...copy.content, headline: `第${round}轮 ${id.slice(0, 8)}` };
        outbox.push({
          opId: randomUUID(),
          storyId: id,
          baseRev: copy.baseRev,
          content: copy.content,
          at: new Date().toISOString(),
        });
      }
      if (round % 2 === 0)
        outbox.push({
          opId: randomUUID(),
          newDraft: { id: randomUUID() },
          content: { ...local.get(ids[0]!)!.content, headline: `第${round}轮 路上写的新稿` },
          at: new Date().toISOString(),
        });
      for (const op of outbox) if (!all.includes(op)) all.push(op);

      const { child, url } = await startServerChild(bundle, db);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const before = await count();
      // Killed once the round's k-th operation is recorded, while the next ones are under way.
      const killAt = before + 1 + (round % 4);
      let settled = false;
      const sending = new TestDesk(url, token)
        .call<CheckInReport>('checkout.checkIn', { desk: DESK, ops: outbox, keep: ids })
        .then(
          (report) => report,
          () => null,
        )
        .finally(() => (settled = true));
      while (!settled && (await count()) < killAt) await new Promise((resolve) => setTimeout(resolve, 1));
      child.kill('SIGKILL');
      const report = await sending;
      await exited;
      if (!report) {
        cutShort++;
        continue;
      }
      answered++;
      expect(report.refused).toBe(null);
      for (const r of report.results) {
        expect(r.outcome).not.toBe('parallel');
        const copy = local.get(r.storyId);
        if (copy && r.outcome === 'applied') copy.baseRev = r.revision;
      }
      outbox = [];
    }

    // Back at the newsroom for good: the rest of the outbox, then every operation ever sent once more.
    const { child, url } = await startServerChild(bundle, db);
    try {
      const desk = new TestDesk(url, token);
      const rest = await desk.call<CheckInReport>('checkout.checkIn', { desk: DESK, ops: outbox, keep: ids });
      expect(rest.refused).toBe(null);
      const again = await desk.call<CheckInReport>('checkout.checkIn', { desk: DESK, ops: all });
      expect(again.repeated).toBe(all.length);
      expect(again.results.map((r) => r.outcome).filter((o) => o === 'parallel')).toEqual([]);
      expect(again.released.sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const last = all.filter((o) => 'storyId' in o && o.storyId === id).at(-1)!;
        const story = await desk.call<{ headline: string; rev: number }>('stories.get', { id });
        expect(story.headline).toBe(last.content.headline);
        // One revision per change made offline, on top of the first.
        expect(story.rev).toBe(1 + all.filter((o) => 'storyId' in o && o.storyId === id).length);
      }
    } finally {
      child.kill('SIGKILL');
    }

    const opIds = all.map((o) => o.opId);
    expect(await count()).toBe(all.length);
    const audited = await pool.query<{ op: string; n: number }>(
      `select detail->>'opId' as op, count(*)::int as n from audit
        where action in ('story-saved', 'story-created', 'checkin-parallel') and detail ? 'opId' group by 1`,
    );
    expect(audited.rows.map((r) => r.op).sort()).toEqual([...opIds].sort());
    expect(audited.rows.filter((r) => r.n !== 1)).toEqual([]);
    const drafts = all.filter((o) => 'newDraft' in o);
    const made = await pool.query<{ headline: string }>(
      `select r.content->>'headline' as headline from stories s join story_revisions r on r.story_id = s.id
        where s.id <> all($1) and r.revision = 1 order by 1`,
      [ids],
    );
    expect(made.rows.map((r) => r.headline).sort()).toEqual(drafts.map((d) => d.content.headline).sort());
    expect(await pool.query('select 1 from story_conflicts').then((r) => r.rowCount)).toBe(0);
    const { rows: shape } = await pool.query<{ revision: number; kept: string }>(
      `select s.revision, (select count(*) from story_revisions r where r.story_id = s.id) as kept from stories s`,
    );
    for (const s of shape) expect(Number(s.kept)).toBe(s.revision);
    const c = await pool.connect();
    try {
      expect((await verifyAudit(c)).firstProblem).toBe(null);
    } finally {
      c.release();
    }
    console.log(
      `check-in faults: ${KILLS} SIGKILLs, ${all.length} operations each applied once, ` +
        `${cutShort} check-ins cut short by the kill, ${answered} answered before it`,
    );
  }, 300_000);
});
