/**
 * Faults (issue 17): the server process killed with SIGKILL in the middle of saves, 30 times.
 * After each restart every save the server acknowledged is there with its text, no story points
 * at a revision that is not stored, every revision has its audit entry, and the chain verifies.
 *
 * The server runs as a real child process from a bundle of `desk server` (server-child.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Story } from '../../shared/model';
import { Accounts } from './accounts/accounts';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { buildServerBundle, startServerChild } from './server-child';
import { verifyAudit } from './store/audit-chain';
import { NewsroomStories } from './store/stories';
import { FAST_SCRYPT, migratedPool, TestDesk } from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const KILLS = 30;
const WRITERS = 4;

describe.skipIf(skip !== null)('newsroom server killed during saves', () => {
  let cluster: PgCluster;
  let pool: pg.Pool;
  let dir: string;
  beforeAll(() => {
    cluster = startPgCluster();
    dir = mkdtempSync(join(tmpdir(), 'desk-fault-'));
  });
  afterAll(async () => {
    await pool?.end();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged save across ${KILLS} SIGKILLs, nothing half-written`, async () => {
    const db = cluster.createDatabase('faults');
    pool = await migratedPool(db, 4);
    const bundle = await buildServerBundle(join(dir, 'server.mjs'));

    // Writers: one editor with a session per writer, each saving its own story.
    const accounts = new Accounts(pool, { scrypt: FAST_SCRYPT });
    const once = await accounts.createAccount(null, { id: 'li', name: '李编辑', roles: ['first-editor'] });
    const password = `${once.password}-own`;
    const first = await accounts.signIn('li', once.password, '127.0.0.1');
    await accounts.changePassword(first.token, once.password, password);
    const stories = new NewsroomStories(pool);
    const writers: Array<{ token: string; id: string }> = [];
    for (let w = 0; w < WRITERS; w++) {
      const s = await accounts.signIn('li', password, '127.0.0.1');
      const story = await stories.create({ sessionId: 0, person: s.person }, null);
      writers.push({ token: s.token, id: story.id });
    }

    const acked: Array<{ id: string; rev: number; headline: string }> = [];
    let inFlightAtKill = 0;
    for (let round = 0; round < KILLS; round++) {
      const { child, url } = await startServerChild(bundle, db);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      let roundAcks = 0;
      let inFlight = 0;
      let killed = false;
      // Killed right after the round's k-th acknowledgement, while the other writers' saves are under way.
      const killAfter = 2 + (round % 5);
      const write = async (w: { token: string; id: string }, n: number) => {
        const desk = new TestDesk(url, w.token);
        try {
          let current = await desk.call<Story>('stories.get', { id: w.id });
          for (let i = 0; !killed; i++) {
            const headline = `第${round}轮 写手${n} 第${i}稿`;
            inFlight++;
            const saved = await desk
              .call<Story>('stories.save', {
                id: w.id,
                baseRev: current.rev,
                content: { ...current, headline },
              })
              .finally(() => inFlight--);
            acked.push({ id: w.id, rev: saved.rev, headline });
            current = saved;
            if (++roundAcks === killAfter && !killed) {
              killed = true;
              inFlightAtKill += inFlight;
              child.kill('SIGKILL');
            }
          }
        } catch {
          // The server died under this request: not acknowledged, so nothing is promised about it.
        }
      };
      await Promise.all(writers.map((w, n) => write(w, n)));
      await exited;
    }
    expect(acked.length).toBeGreaterThanOrEqual(KILLS * 2);

    // After the last kill, a fresh server answers with every acknowledged save.
    const { child, url } = await startServerChild(bundle, db);
    try {
      const check = new TestDesk(url, writers[0]!.token);
      for (const w of writers) {
        const story = await check.call<Story>('stories.get', { id: w.id });
        const last = acked.filter((a) => a.id === w.id).at(-1);
        if (last) expect(story.rev).toBeGreaterThanOrEqual(last.rev);
      }
    } finally {
      child.kill('SIGKILL');
    }
    for (const a of acked) {
      const { rows } = await pool.query<{ headline: string }>(
        `select content->>'headline' as headline from story_revisions where story_id = $1 and revision = $2`,
        [a.id, a.rev],
      );
      expect(rows).toEqual([{ headline: a.headline }]);
    }
    // Nothing half-written: each story's revisions are 1..revision, each save with its audit entry.
    const { rows: shape } = await pool.query<{ id: string; revision: number; kept: string; audited: string }>(
      `select s.id, s.revision,
              (select count(*) from story_revisions r where r.story_id = s.id) as kept,
              (select count(*) from audit a where a.story_id = s.id and a.action = 'story-saved') as audited
         from stories s`,
    );
    for (const s of shape) {
      expect(Number(s.kept)).toBe(s.revision);
      expect(Number(s.audited)).toBe(s.revision - 1);
    }
    const c = await pool.connect();
    try {
      expect((await verifyAudit(c)).firstProblem).toBe(null);
    } finally {
      c.release();
    }
    console.log(
      `faults: ${KILLS} SIGKILLs, ${acked.length} acknowledged saves kept, ${inFlightAtKill} saves in flight at the kills`,
    );
  });
});
