/**
 * A property of check-out (issue 18), on a real server and PostgreSQL: random interleavings of
 * check-outs, offline edits, new drafts, an editor's online saves and take-overs, and check-ins
 * (cut short, answers lost and sent again) on two desks end with every version anyone wrote
 * reachable (in a story's revisions or its parallel versions), no operation applied twice, no
 * operation refused, every story's revisions whole, and the audit chain intact.
 */
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  CheckInOp,
  CheckInReport,
  CheckInResult,
  CheckoutTaken,
} from '../../shared/api/checkout-contract';
import { contentOf, type Story, type StoryContent } from '../../shared/model';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { verifyAudit } from './store/audit-chain';
import { startTestNewsroom, TestDesk, type TestNewsroom } from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const STORIES = 2;
const DESKS = 2;

type Command =
  | { t: 'take'; d: number; s: number }
  | { t: 'edit'; d: number; s: number }
  | { t: 'draft'; d: number }
  | { t: 'online'; s: number }
  | { t: 'takeOver'; s: number }
  | { t: 'checkIn'; d: number; cut: number | null; lost: boolean; keep: boolean };

const desk = fc.integer({ min: 0, max: DESKS - 1 });
const story = fc.integer({ min: 0, max: STORIES - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('take' as const), d: desk, s: story }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('edit' as const), d: desk, s: story }), weight: 5 },
  fc.record({ t: fc.constant('draft' as const), d: desk }),
  fc.record({ t: fc.constant('online' as const), s: story }),
  fc.record({ t: fc.constant('takeOver' as const), s: story }),
  {
    arbitrary: fc.record({
      t: fc.constant('checkIn' as const),
      d: desk,
      cut: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
      lost: fc.boolean(),
      keep: fc.boolean(),
    }),
    weight: 2,
  },
);

type DeskState = {
  name: string;
  client: TestDesk;
  copies: Map<string, { content: StoryContent; baseRev: number }>;
  outbox: CheckInOp[];
};

describe.skipIf(skip !== null)('check-out under random interleavings of two desks', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  const pw: Record<string, string> = {};
  let run = 0;
  const totals = { commands: 0, ops: 0, parallel: 0, lost: 0 };

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('checkout_property'));
    pw['zhang'] = await nr.person('zhang', '张记者', ['reporter']);
    pw['li'] = await nr.person('li', '李编辑', ['first-editor', 'second-editor']);
  });
  afterAll(async () => {
    console.log(
      `check-out property: ${run} runs, ${totals.commands} commands, ${totals.ops} operations, ` +
        `${totals.parallel} parallel versions, ${totals.lost} check-in answers lost and sent again`,
    );
    await nr?.close();
    cluster?.stop();
  });

  it('keeps every version and applies every operation exactly once', async () => {
    const zhang = await TestDesk.signIn(nr.url, 'zhang', pw['zhang']!);
    const li = await TestDesk.signIn(nr.url, 'li', pw['li']!);
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 40, size: 'max' }), async (commands) => {
        run++;
        const ids: string[] = [];
        for (let i = 0; i < STORIES; i++) {
          const s = await zhang.call<Story>('stories.create', {});
          // Returned: the reporter may still change it, and the editors see it.
          await nr.pool.query(`update stories set status = 'returned' where id = $1`, [s.id]);
          ids.push(s.id);
        }
        const desks: DeskState[] = [
          { name: `张记者的笔记本-${run}`, client: zhang, copies: new Map(), outbox: [] },
          { name: `李编辑的电脑-${run}`, client: li, copies: new Map(), outbox: [] },
        ];
        const written = new Set<string>();
        const sent = new Set<string>();
        /** Each operation's answer, with the desk and base it was sent with. */
        const answers = new Map<string, { desk: string; baseRev: number | null; result: CheckInResult }>();
        let n = 0;
        const headline = (who: string) => `r${run}-${who}-${n++}`;

        const checkIn = async (d: DeskState, ops: CheckInOp[], lost: boolean, keep: boolean) => {
          for (const op of ops) sent.add(op.opId);
          const report = await d.client.call<CheckInReport>('checkout.checkIn', {
            desk: d.name,
            ops,
            keep: keep ? [...d.copies.keys()] : [],
          });
          expect(report.refused).toBe(null);
          expect(report.results.map((r) => r.opId)).toEqual(ops.map((o) => o.opId));
          report.results.forEach((result, i) => {
            const op = ops[i]!;
            const first = answers.get(op.opId);
            // A repeat answers exactly what the first sending answered.
            if (first) expect(result).toEqual(first.result);
            else answers.set(op.opId, { desk: d.name, baseRev: 'baseRev' in op ? op.baseRev : null, result });
          });
          if (lost) {
            totals.lost++;
            return;
          }
          d.outbox = d.outbox.filter((o) => !ops.includes(o));
          for (const r of report.results) {
            if (r.outcome === 'parallel') totals.parallel++;
            const copy = d.copies.get(r.storyId);
            if (copy && r.outcome !== 'created') copy.baseRev = r.revision;
          }
          for (const id of report.released) d.copies.delete(id);
        };

        for (const cmd of commands) {
          totals.commands++;
          if (cmd.t === 'take') {
            const d = desks[cmd.d]!;
            const taken = await d.client.raw<CheckoutTaken>('checkout.take', {
              ids: [ids[cmd.s]],
              desk: d.name,
            });
            if (taken.ok) {
              const s = taken.result.items[0]!.story;
              // Taken again while changes wait in the outbox: the desk keeps its own text and base.
              if (!d.copies.has(s.id)) d.copies.set(s.id, { content: contentOf(s), baseRev: s.rev });
            } else expect(['error.checkedOutBy', 'error.lockedBy']).toContain(taken.error.key);
          } else if (cmd.t === 'edit') {
            const d = desks[cmd.d]!;
            const copy = d.copies.get(ids[cmd.s]!);
            if (!copy) continue;
            copy.content = { ...copy.content, headline: headline(`d${cmd.d}`) };
            written.add(copy.content.headline);
            d.outbox.push({
              opId: randomUUID(),
              storyId: ids[cmd.s]!,
              baseRev: copy.baseRev,
              content: copy.content,
              at: new Date().toISOString(),
            });
          } else if (cmd.t === 'draft') {
            const d = desks[cmd.d]!;
            const text = headline(`draft${cmd.d}`);
            written.add(text);
            const like = await zhang.call<Story>('stories.get', { id: ids[0] });
            d.outbox.push({
              opId: randomUUID(),
              newDraft: { id: randomUUID() },
              content: { ...contentOf(like), headline: text },
              at: new Date().toISOString(),
            });
          } else if (cmd.t === 'online') {
            const now = await li.call<Story>('stories.get', { id: ids[cmd.s] });
            const text = headline('online');
            const saved = await li.raw<Story>('stories.save', {
              id: now.id,
              baseRev: now.rev,
              content: { ...contentOf(now), headline: text },
            });
            if (saved.ok) written.add(text);
            else expect(saved.error.key).toBe('error.checkedOutBy');
          } else if (cmd.t === 'takeOver') {
            const r = await li.raw('checkout.takeOver', { id: ids[cmd.s], reason: '紧急接手' });
            if (!r.ok) expect(r.error.key).toBe('error.notCheckedOut');
          } else {
            const d = desks[cmd.d]!;
            const ops = cmd.cut === null ? d.outbox.slice() : d.outbox.slice(0, cmd.cut);
            await checkIn(d, ops, cmd.lost, cmd.keep);
          }
        }
        // Back at the newsroom: each desk checks in what is left, then sends it all once more.
        for (const d of desks) {
          const rest = d.outbox.slice();
          await checkIn(d, rest, false, false);
          await checkIn(d, rest, false, false);
        }
        totals.ops += sent.size;

        const texts = await nr.pool.query<{ h: string }>(
          `select content->>'headline' as h from story_revisions where content->>'headline' like $1
           union all
           select content->>'headline' from story_conflicts where content->>'headline' like $1`,
          [`r${run}-%`],
        );
        const found = new Set(texts.rows.map((r) => r.h));
        for (const text of written) expect(found.has(text), text).toBe(true);

        const once = await nr.pool.query<{ op: string; n: number }>(
          `select detail->>'opId' as op, count(*)::int as n from audit
            where action in ('story-saved', 'story-created', 'checkin-parallel') and detail->>'opId' = any($1)
            group by 1`,
          [[...sent]],
        );
        expect(once.rows.length).toBe(sent.size);
        expect(once.rows.filter((r) => r.n !== 1)).toEqual([]);
        const recorded = await nr.pool.query<{ n: number }>(
          'select count(*)::int as n from checkin_ops where op_id = any($1::uuid[])',
          [[...sent]],
        );
        expect(recorded.rows[0]!.n).toBe(sent.size);
        // Nothing was applied over someone else's work: an applied change sits on its base, or on
        // revisions its own desk's applied changes wrote since.
        const own = new Set(
          [...answers.values()]
            .filter((a) => a.result.outcome === 'applied')
            .map((a) => `${a.desk}|${a.result.storyId}|${a.result.revision}`),
        );
        for (const a of answers.values()) {
          if (a.result.outcome !== 'applied' || a.baseRev === null) continue;
          for (let v = a.baseRev + 1; v < a.result.revision; v++)
            expect(own.has(`${a.desk}|${a.result.storyId}|${v}`), `${a.result.opId} over revision ${v}`).toBe(
              true,
            );
        }
        const whole = await nr.pool.query<{ id: string }>(
          `select s.id from stories s where s.revision <> (select count(*) from story_revisions r where r.story_id = s.id)`,
        );
        expect(whole.rows).toEqual([]);
      }),
      { numRuns: 30 },
    );
    const c = await nr.pool.connect();
    try {
      expect((await verifyAudit(c)).firstProblem).toBe(null);
    } finally {
      c.release();
    }
  }, 300_000);
});
