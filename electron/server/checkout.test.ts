/**
 * Check-out on the newsroom server (issue 18) over HTTP on a real PostgreSQL: a check-out visible
 * to everyone and never lapsing; check-in applied once however often it is sent, whole or cut
 * halfway; a check-in after a take-over kept as a parallel version, resolved by a pick; the audit
 * sequence of all of it.
 */
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  CheckInOp,
  CheckInReport,
  CheckoutList,
  CheckoutTaken,
  ConflictView,
} from '../../shared/api/checkout-contract';
import type { DeskEvent } from '../../shared/api/events';
import { contentOf, type Story, type StoryContent } from '../../shared/model';
import type { AuditEntry } from '../../shared/review/audit';
import type { LockView } from '../../shared/review/review-contract';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { verifyAudit } from './store/audit-chain';
import { NewsroomStories } from './store/stories';
import { refusal, startTestNewsroom, TestDesk, type TestNewsroom } from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const LAPTOP = '张记者的笔记本';
const AT = '2026-12-07T09:30:00.000+08:00';

const edit = (story: Story, headline: string, baseRev = story.rev): CheckInOp => ({
  opId: randomUUID(),
  storyId: story.id,
  baseRev,
  content: { ...contentOf(story), headline },
  at: AT,
});

const draft = (headline: string, like: Story): CheckInOp => ({
  opId: randomUUID(),
  newDraft: { id: randomUUID() },
  content: { ...contentOf(like), headline, page: null, slot: null },
  at: AT,
});

describe.skipIf(skip !== null)('check-out, check-in, take-over and conflicts on the newsroom server', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  const pw: Record<string, string> = {};
  const desk = (id: string) => TestDesk.signIn(nr.url, id, pw[id]!);
  const returned = (id: string) =>
    nr.pool.query(`update stories set status = 'returned' where id = $1`, [id]);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await nr.pool.query<{ n: string }>(sql, params)).rows[0]!.n);
  const actions = async (storyId: string) =>
    (
      await nr.pool.query<{ action: string; actor_id: string | null; detail: Record<string, unknown> }>(
        'select action, actor_id, detail from audit where story_id = $1 order by seq',
        [storyId],
      )
    ).rows;

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('checkout'));
    pw['zhang'] = await nr.person('zhang', '张记者', ['reporter']);
    pw['liu'] = await nr.person('liu', '刘记者', ['reporter']);
    pw['li'] = await nr.person('li', '李编辑', ['first-editor', 'second-editor']);
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
  });

  it('checks stories out to a desk, visible to everyone, refused to others, never lapsing', async () => {
    const zhang = await desk('zhang');
    const li = await desk('li');
    const a = await zhang.call<Story>('stories.create', {});
    const b = await zhang.call<Story>('stories.create', {});
    await returned(a.id);
    const seen = await li.events();
    const taken = await zhang.call<CheckoutTaken>('checkout.take', { ids: [a.id, b.id], desk: LAPTOP });
    expect(taken.items.map((i) => [i.story.id, i.story.rev])).toEqual([
      [a.id, 1],
      [b.id, 1],
    ]);
    expect(taken.items[0]!.lock.checkout).toMatchObject({ desk: LAPTOP, baseRev: 1 });

    // Everyone who may see the story sees who has it, on which desk, since when; the event says so too.
    const view = await li.call<LockView>('locks.view', { id: a.id });
    expect(view.holder).toMatchObject({ userId: 'zhang', name: '张记者' });
    expect(view.checkout).toEqual({ desk: LAPTOP, since: view.holder!.since, baseRev: 1 });
    expect(view.ttlMs).toBe(0);
    const lockEvent = await seen.next((e: DeskEvent) => e.type === 'lock' && e.storyId === a.id);
    expect(lockEvent.event).toMatchObject({ holder: { userId: 'zhang', desk: LAPTOP } });
    seen.close();

    // Someone else can neither take it nor save over it, nor take the lock over without a reason.
    const taking = await refusal(li.call('checkout.take', { ids: [a.id], desk: '李编辑的电脑' }));
    expect(taking).toMatchObject({ code: 'locked', key: 'error.checkedOutBy' });
    expect(taking.params).toMatchObject({ name: '张记者', desk: LAPTOP });
    const saving = await refusal(
      li.call('stories.save', { id: a.id, baseRev: 1, content: { ...contentOf(a), headline: '编辑改的' } }),
    );
    expect(saving.key).toBe('error.checkedOutBy');
    expect((await refusal(li.call('locks.takeOver', { id: a.id }))).key).toBe('error.checkedOutBy');
    // All or none: a set holding one story that is away is refused whole.
    const c = await li.call<Story>('stories.create', {});
    await refusal(li.call('checkout.take', { ids: [c.id, a.id], desk: '李编辑的电脑' }));
    expect(await count(`select count(*) as n from locks where story_id = $1`, [c.id])).toBe(0);

    // Closing the story on the desk (locks.release) does not end a check-out.
    await zhang.call('locks.release', { id: a.id });
    expect((await li.call<LockView>('locks.view', { id: a.id })).checkout?.desk).toBe(LAPTOP);

    // No lapse: the sweep with a zero lifetime, after the session that took it signed out.
    await zhang.raw('logout', {});
    const sweeping = new NewsroomStories(nr.pool, { lockTtlMs: 0 });
    await nr.pool.query(
      `update sessions set ended_at = now() where id = (
      select session_id from locks where story_id = $1)`,
      [a.id],
    );
    expect(await sweeping.sweepLocks()).not.toContain(a.id);
    const again = await desk('zhang');
    const list = await again.call<CheckoutList>('checkout.list', { desk: LAPTOP });
    expect(
      list.items
        .filter((i) => i.mine)
        .map((i) => i.storyId)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect((await li.call<CheckoutList>('checkout.list', {})).items.map((i) => i.storyId)).toContain(a.id);
    // Another reporter sees nothing of zhang's drafts.
    const liu = await desk('liu');
    expect((await liu.call<CheckoutList>('checkout.list', {})).items).toEqual([]);
    await again.call('checkout.checkIn', { desk: LAPTOP, ops: [], release: [a.id, b.id] });
    expect((await li.call<LockView>('locks.view', { id: a.id })).holder).toBe(null);
  });

  it('applies a check-in once: a repeat of the whole check-in, and a check-in cut halfway, create nothing twice', async () => {
    const zhang = await desk('zhang');
    const a = await zhang.call<Story>('stories.create', {});
    const b = await zhang.call<Story>('stories.create', {});
    await zhang.call('checkout.take', { ids: [a.id, b.id], desk: LAPTOP });
    const ops = [
      edit(a, '村里的党课'),
      edit(b, '车上的采访'),
      draft('火车上写的新稿', a),
      edit(a, '村里的党课（二稿）'),
    ];
    const revisionsBefore = await count('select count(*) as n from story_revisions');
    const storiesBefore = await count('select count(*) as n from stories');

    // Cut halfway: the first two arrive (the answer lost), then the desk sends everything again.
    const half = await zhang.call<CheckInReport>('checkout.checkIn', {
      desk: LAPTOP,
      ops: ops.slice(0, 2),
      keep: [a.id, b.id],
    });
    expect(half.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect(half.released).toEqual([]);
    const whole = await zhang.call<CheckInReport>('checkout.checkIn', { desk: LAPTOP, ops });
    expect(whole.repeated).toBe(2);
    expect(whole.results.slice(0, 2)).toEqual(half.results);
    expect(whole.results.map((r) => [r.outcome, r.revision])).toEqual([
      ['applied', 2],
      ['applied', 2],
      ['created', 1],
      // Made offline on the same base as the first change: it goes on top of it, not into a conflict.
      ['applied', 3],
    ]);
    expect(whole.refused).toBe(null);
    expect(whole.released.sort()).toEqual([a.id, b.id].sort());
    const newId = whole.results[2]!.storyId;
    expect(newId).toBe((ops[2] as { newDraft: { id: string } }).newDraft.id);

    // The whole check-in again: the same answers, nothing written.
    const repeat = await zhang.call<CheckInReport>('checkout.checkIn', { desk: LAPTOP, ops });
    expect(repeat.results).toEqual(whole.results);
    expect(repeat.repeated).toBe(4);
    expect(await count('select count(*) as n from story_revisions')).toBe(revisionsBefore + 4);
    expect(await count('select count(*) as n from stories')).toBe(storiesBefore + 1);
    expect((await zhang.call<Story>('stories.get', { id: a.id })).headline).toBe('村里的党课（二稿）');
    expect((await zhang.call<Story>('stories.get', { id: newId })).headline).toBe('火车上写的新稿');
    for (const op of ops)
      expect(await count(`select count(*) as n from audit where detail->>'opId' = $1`, [op.opId])).toBe(1);

    // An operation id is the desk's: someone else sending it changes nothing.
    const liu = await desk('liu');
    const mine = await liu.call<Story>('stories.create', {});
    const stolen = await liu.call<CheckInReport>('checkout.checkIn', {
      desk: '刘记者的电脑',
      ops: [{ ...edit(mine, '借用的编号'), opId: ops[0]!.opId }],
    });
    expect(stolen.results).toEqual([]);
    expect(stolen.refused).toMatchObject({ opId: ops[0]!.opId, key: 'error.checkInOpTaken' });
    expect((await liu.call<Story>('stories.get', { id: mine.id })).rev).toBe(1);
  });

  it('keeps a check-in after a take-over as a parallel version; the pick is a new revision; the audit shows it all', async () => {
    const zhang = await desk('zhang');
    const li = await desk('li');
    const story = await zhang.call<Story>('stories.create', {});
    await zhang.call<Story>('stories.save', {
      id: story.id,
      baseRev: 1,
      content: { ...contentOf(story), headline: '出发前的标题' },
    });
    await returned(story.id);
    const [left] = (await zhang.call<CheckoutTaken>('checkout.take', { ids: [story.id], desk: LAPTOP }))
      .items;
    expect(left!.story.rev).toBe(2);

    // Only an editor takes over, and only with a reason.
    expect((await refusal(zhang.call('checkout.takeOver', { id: story.id, reason: '急用' }))).key).toBe(
      'review.refused.takeOverRole',
    );
    expect((await refusal(li.call('checkout.takeOver', { id: story.id, reason: '  ' }))).key).toBe(
      'error.invalidInput',
    );
    const zSocket = await zhang.events();
    const held = await li.call<LockView>('checkout.takeOver', {
      id: story.id,
      reason: '今晚见报，记者联系不上',
    });
    expect(held).toMatchObject({ mine: true, holder: { userId: 'li' }, checkout: null });
    const editorText: StoryContent = { ...contentOf(left!.story), headline: '编辑接手后的标题' };
    await li.call<Story>('stories.save', { id: story.id, baseRev: 2, content: editorText });

    // The writer's check-in made on revision 2 arrives over the editor's revision 3.
    const writerText: StoryContent = { ...contentOf(left!.story), headline: '记者在村里改的标题' };
    const op: CheckInOp = { opId: randomUUID(), storyId: story.id, baseRev: 2, content: writerText, at: AT };
    const report = await zhang.call<CheckInReport>('checkout.checkIn', { desk: LAPTOP, ops: [op] });
    expect(report.results).toEqual([
      { opId: op.opId, outcome: 'parallel', storyId: story.id, revision: 3, conflictId: expect.any(Number) },
    ]);
    const conflictId = report.results[0]!.conflictId!;
    expect((await zhang.call<Story>('stories.get', { id: story.id })).headline).toBe('编辑接手后的标题');
    await zSocket.next((e) => e.type === 'review' && e.storyId === story.id);
    zSocket.close();
    // A repeat of it is the same answer, not a second parallel version.
    expect(
      (await zhang.call<CheckInReport>('checkout.checkIn', { desk: LAPTOP, ops: [op] })).results,
    ).toEqual(report.results);
    expect(await count('select count(*) as n from story_conflicts where story_id = $1', [story.id])).toBe(1);

    // Both people see the conflict; both versions and the diff can be read.
    for (const who of [zhang, li]) {
      const { conflicts } = await who.call<CheckoutList>('checkout.list', {});
      expect(conflicts.map((k) => k.conflictId)).toContain(conflictId);
    }
    const both = await li.call<ConflictView>('checkout.conflict', { id: story.id });
    expect(both).toMatchObject({
      conflictId,
      baseRev: 2,
      currentRev: 3,
      reason: 'stale',
      writtenBy: { userId: 'zhang', name: '张记者' },
      desk: LAPTOP,
      current: { rev: 3, savedBy: '李编辑' },
      resolution: null,
    });
    expect(both.current.content.headline).toBe('编辑接手后的标题');
    expect(both.parallel.content.headline).toBe('记者在村里改的标题');
    const headline = both.diff.find((f) => f.field === 'headline')!;
    expect(headline.changed).toBe(true);
    expect(headline.ops.filter((o) => o.op !== 'equal').length).toBeGreaterThan(0);

    // A pick on a stale read is refused; the parallel version becomes revision 4.
    expect(
      (await refusal(li.call('checkout.resolve', { id: story.id, baseRev: 2, choose: 'parallel' }))).key,
    ).toBe('error.conflict');
    const picked = await li.call<Story>('checkout.resolve', { id: story.id, baseRev: 3, choose: 'parallel' });
    expect([picked.rev, picked.headline]).toEqual([4, '记者在村里改的标题']);
    expect(
      (await refusal(li.call('checkout.resolve', { id: story.id, baseRev: 4, choose: 'current' }))).key,
    ).toBe('error.noConflict');
    const after = await li.call<ConflictView>('checkout.conflict', { id: story.id, conflictId });
    expect(after.resolution).toMatchObject({ choice: 'parallel', by: '李编辑', revision: 4 });
    expect(
      (await li.call<CheckoutList>('checkout.list', {})).conflicts.map((k) => k.conflictId),
    ).not.toContain(conflictId);

    // The whole sequence, in order, with who did it.
    const trail = (await actions(story.id)).map((r) => [r.action, r.actor_id]);
    expect(trail).toEqual([
      ['story-created', 'zhang'],
      ['story-saved', 'zhang'],
      ['checkout-taken', 'zhang'],
      ['lock-takeover', 'li'],
      ['story-saved', 'li'],
      ['checkin-parallel', 'zhang'],
      ['conflict-notice', null],
      ['story-saved', 'li'],
      ['conflict-resolved', 'li'],
    ]);
    const rows = await actions(story.id);
    expect(rows[3]!.detail).toMatchObject({ reason: '今晚见报，记者联系不上', desk: LAPTOP, from: 'zhang' });
    expect(rows[6]!.detail).toMatchObject({ conflict: conflictId, person: 'li', from: 'zhang' });
    expect(rows[8]!.detail).toMatchObject({ conflict: conflictId, choice: 'parallel', revision: 4 });
    // The desk's trail names the take-over.
    const desksTrail = await li.call<AuditEntry[]>('review.audit', { id: story.id });
    expect(desksTrail.find((e) => e.kind === 'lock-takeover')).toMatchObject({
      userId: 'li',
      detail: '张记者',
    });
    const c = await nr.pool.connect();
    try {
      expect((await verifyAudit(c)).firstProblem).toBe(null);
    } finally {
      c.release();
    }
  });

  it('resolves by combining both, or by keeping the current text; a held lock is parallel too', async () => {
    const zhang = await desk('zhang');
    const li = await desk('li');
    const story = await zhang.call<Story>('stories.create', {});
    await returned(story.id);
    await zhang.call('checkout.take', { ids: [story.id], desk: LAPTOP });
    await li.call('checkout.takeOver', { id: story.id, reason: '版面调整' });
    // The editor holds it without having saved: the writer's change is not written under the editor's lock.
    const first = await zhang.call<CheckInReport>('checkout.checkIn', {
      desk: LAPTOP,
      ops: [edit(story, '第一版')],
    });
    expect(first.results[0]).toMatchObject({ outcome: 'parallel', revision: 1 });
    expect((await li.call<ConflictView>('checkout.conflict', { id: story.id })).reason).toBe('locked');
    const second = await zhang.call<CheckInReport>('checkout.checkIn', {
      desk: LAPTOP,
      ops: [edit(story, '第二版')],
    });
    const combined: StoryContent = { ...contentOf(story), headline: '第一版与第二版合并' };
    const one = await li.call<Story>('checkout.resolve', {
      id: story.id,
      baseRev: 1,
      conflictId: first.results[0]!.conflictId!,
      choose: { content: combined },
    });
    expect([one.rev, one.headline]).toEqual([2, '第一版与第二版合并']);
    const two = await li.call<Story>('checkout.resolve', { id: story.id, baseRev: 2, choose: 'current' });
    expect([two.rev, two.headline]).toEqual([3, '第一版与第二版合并']);
    const kept = await nr.pool.query<{ resolution: string; resolved_revision: number }>(
      'select resolution, resolved_revision from story_conflicts where story_id = $1 order by id',
      [story.id],
    );
    expect(kept.rows).toEqual([
      { resolution: 'combined', resolved_revision: 2 },
      { resolution: 'current', resolved_revision: 3 },
    ]);
    expect(second.results[0]!.conflictId).not.toBe(first.results[0]!.conflictId);
    // Every version is still there: the two parallel ones in the conflicts, the picks in the history.
    const headlines = await nr.pool.query<{ h: string }>(
      `select content->>'headline' as h from story_revisions where story_id = $1
       union all select content->>'headline' from story_conflicts where story_id = $1`,
      [story.id],
    );
    expect(headlines.rows.map((r) => r.h).sort()).toEqual(
      ['', '第一版', '第二版', '第一版与第二版合并', '第一版与第二版合并'].sort(),
    );
  });

  it('keeps a change the workflow refuses as a parallel version instead of losing it', async () => {
    const zhang = await desk('zhang');
    const story = await zhang.call<Story>('stories.create', {});
    await zhang.call('checkout.take', { ids: [story.id], desk: LAPTOP });
    // Submitted while away (a reporter may not change a submitted story).
    await nr.pool.query(`update stories set status = 'submitted' where id = $1`, [story.id]);
    const report = await zhang.call<CheckInReport>('checkout.checkIn', {
      desk: LAPTOP,
      ops: [edit(story, '交稿后才改的')],
    });
    expect(report.results[0]).toMatchObject({ outcome: 'parallel', revision: 1 });
    const view = await zhang.call<ConflictView>('checkout.conflict', { id: story.id });
    expect([view.reason, view.parallel.content.headline]).toEqual(['refused', '交稿后才改的']);
    expect(report.released).toEqual([story.id]);
  });

  it('gives overlapping check-outs taken at once to exactly one desk, and applies a check-in sent five times at once once', async () => {
    const zhang = await desk('zhang');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await zhang.call<Story>('stories.create', {})).id);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        zhang.raw<CheckoutTaken>('checkout.take', {
          ids: k % 2 ? [...ids].reverse() : ids,
          desk: `桌面${k}`,
        }),
      ),
    );
    const won = attempts.filter((a) => a.ok);
    expect(won.length).toBe(1);
    for (const a of attempts)
      if (!a.ok) expect([a.error.code, a.error.key]).toEqual(['locked', 'error.checkedOutBy']);
    const desks = await nr.pool.query<{ desk: string }>(
      'select distinct desk from locks where story_id = any($1)',
      [ids],
    );
    expect(desks.rows.length).toBe(1);

    const winner = desks.rows[0]!.desk;
    const stories = await Promise.all(ids.map((id) => zhang.call<Story>('stories.get', { id })));
    const ops = stories.map((st, i) => edit(st, `同时交回的第${i}篇`));
    const sent = await Promise.all(
      Array.from({ length: 5 }, () => zhang.call<CheckInReport>('checkout.checkIn', { desk: winner, ops })),
    );
    for (const r of sent) expect(r.results).toEqual(sent[0]!.results);
    expect(sent.reduce((n, r) => n + r.repeated, 0)).toBe(4 * ops.length);
    for (const id of ids) expect((await zhang.call<Story>('stories.get', { id })).rev).toBe(2);
  });

  it('the schema keeps a check-out naming its desk, and an edit lock naming none', async () => {
    const zhang = await desk('zhang');
    const story = await zhang.call<Story>('stories.create', {});
    const { rows } = await nr.pool.query<{ id: string }>(
      `select id from sessions where person_id = 'zhang' limit 1`,
    );
    const insert = (kind: string, deskName: string | null) =>
      nr.pool.query(
        `insert into locks (story_id, session_id, person_id, kind, desk, base_revision) values ($1, $2, 'zhang', $3, $4, 1)`,
        [story.id, rows[0]!.id, kind, deskName],
      );
    await expect(insert('checkout', null)).rejects.toThrow(/locks_checkout_names_desk/);
    await expect(insert('edit', LAPTOP)).rejects.toThrow(/locks_checkout_names_desk/);
    await insert('checkout', LAPTOP);
    expect((await zhang.call<LockView>('locks.view', { id: story.id })).checkout?.desk).toBe(LAPTOP);
  });

  it('refuses bad input with the gate: a bad operation id, an unknown field, a blank desk', async () => {
    const zhang = await desk('zhang');
    const story = await zhang.call<Story>('stories.create', {});
    for (const input of [
      { desk: LAPTOP, ops: [{ ...edit(story, 'x'), opId: 'not-a-uuid' }] },
      { desk: LAPTOP, ops: [{ ...edit(story, 'x'), extra: 1 }] },
      { desk: '   ', ops: [] },
    ])
      expect((await refusal(zhang.call('checkout.checkIn', input))).key).toBe('error.invalidInput');
    expect((await zhang.call<Story>('stories.get', { id: story.id })).rev).toBe(1);
  });
});
