/**
 * The crash windows of the stories a desk holds away (issue 18, ADR 013), each closed: the desk's
 * work cut off between two of its durable writes (the failing write stands for the process dying
 * there), its services closed and opened again on the same data folder, as after a SIGKILL, then
 * checked in against a real newsroom on PostgreSQL. Every change reaches the newsroom exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckInReport, CheckoutTaken } from '../../../shared/api/checkout-contract';
import { contentOf, type Story } from '../../../shared/model';
import type { Role } from '../../../shared/review/roles';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { startTestNewsroom, type TestNewsroom } from '../../server/testing';
import type { Outbox } from './outbox';
import { openDesk, type Desk } from './test-desks';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const cutOff = () => new Error('the desk died here');

describe.skipIf(skip !== null)('a desk cut off between its writes', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  let work: string;
  const open: Desk[] = [];
  const passwords = new Map<string, string>();

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_away_crash'));
    work = mkdtempSync(join(tmpdir(), 'desk-away-crash-'));
  });
  afterAll(async () => {
    for (const d of open) await d.services.close();
    await nr?.close();
    cluster?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function signedIn(login: string, dir?: string, name = login, roles: Role[] = ['reporter']) {
    if (!passwords.has(login)) passwords.set(login, await nr.person(login, name, roles));
    const d = await openDesk(dir ?? mkdtempSync(join(work, `${login}-`)));
    open.push(d);
    if (!dir) await d.call('newsroom.connect', { server: nr.url });
    await d.call('newsroom.signIn', { login, password: passwords.get(login)! });
    return d;
  }

  /**
   * The desk's process gone (its services closed) and a new one on the same folder; `waiting`: the
   * operations its outbox holds once open, before the sign-in sends them.
   */
  async function restarted(d: Desk, login: string): Promise<{ desk: Desk; waiting: number }> {
    await d.services.close();
    open.splice(open.indexOf(d), 1);
    const next = await openDesk(d.dir);
    open.push(next);
    const waiting = outboxOf(next).size;
    await next.call('newsroom.signIn', { login, password: passwords.get(login)! });
    return { desk: next, waiting };
  }

  async function ops(login: string): Promise<string[]> {
    const { rows } = await nr.pool.query<{ outcome: string }>(
      `select result->>'outcome' as outcome from checkin_ops where person_id = $1 order by applied_at`,
      [login],
    );
    return rows.map((r) => r.outcome);
  }

  /** A story written on the newsroom and checked out to the desk. */
  async function checkedOut(d: Desk, headline: string): Promise<Story> {
    const draft = await d.call<Story>('stories.create', {});
    const saved = await d.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: { ...contentOf(draft), headline },
    });
    await d.call('locks.release', { id: draft.id });
    const { desk } = await d.status();
    await d.call<CheckoutTaken>('checkout.take', { ids: [saved.id], desk: desk! });
    return saved;
  }

  const outboxOf = (d: Desk): Outbox => d.services.newsroom.away.outbox;

  async function revisions(id: string): Promise<string[]> {
    const { rows } = await nr.pool.query<{ headline: string }>(
      `select content->>'headline' as headline from story_revisions where story_id = $1 order by revision`,
      [id],
    );
    return rows.map((r) => r.headline);
  }

  async function checkIn(d: Desk, keep: string[]): Promise<CheckInReport> {
    const { desk } = await d.status();
    return d.call<CheckInReport>('checkout.checkIn', { desk: desk!, ops: [], keep });
  }

  it('a save cut off after its operation reached the outbox goes up once, not twice', async () => {
    let d = await signedIn('wu');
    const story = await checkedOut(d, '出发前的稿');
    const box = outboxOf(d);
    const append = box.append.bind(box);
    box.append = async (...args) => {
      await append(...args);
      throw cutOff();
    };
    const held = await d.call<Story>('stories.get', { id: story.id });
    await expect(
      d.call('stories.save', {
        id: story.id,
        baseRev: held.rev,
        content: { ...contentOf(held), headline: '车上改的' },
      }),
    ).rejects.toThrow(/died here/);

    const back = await restarted(d, 'wu');
    d = back.desk;
    expect(back.waiting).toBe(1);
    const report = await checkIn(d, [story.id]);
    expect(report.refused).toBeNull();
    expect(await ops('wu')).toEqual(['applied']);
    expect(await revisions(story.id)).toEqual(['', '出发前的稿', '车上改的']);
    expect((await d.status()).outbox).toBe(0);

    // The record caught up with the operation: the next save goes on top, once.
    const again = await d.call<Story>('stories.get', { id: story.id });
    await d.call('stories.save', {
      id: story.id,
      baseRev: again.rev,
      content: { ...contentOf(again), headline: '到站改的' },
    });
    await checkIn(d, [story.id]);
    expect(await revisions(story.id)).toEqual(['', '出发前的稿', '车上改的', '到站改的']);
  });

  it('a save cut off before the outbox took it goes up from what the desk holds', async () => {
    let d = await signedIn('zheng');
    const story = await checkedOut(d, '山里的稿');
    outboxOf(d).append = () => Promise.reject(cutOff());
    const held = await d.call<Story>('stories.get', { id: story.id });
    await expect(
      d.call('stories.save', {
        id: story.id,
        baseRev: held.rev,
        content: { ...contentOf(held), headline: '山顶改的' },
      }),
    ).rejects.toThrow(/died here/);

    const back = await restarted(d, 'zheng');
    d = back.desk;
    expect(back.waiting).toBe(1);
    await checkIn(d, [story.id]);
    expect(await ops('zheng')).toEqual(['applied']);
    expect(await revisions(story.id)).toEqual(['', '山里的稿', '山顶改的']);
  });

  it('a draft cut off after its creation reached the outbox is held away and created once', async () => {
    let d = await signedIn('feng');
    const box = outboxOf(d);
    const append = box.append.bind(box);
    box.append = async (...args) => {
      await append(...args);
      throw cutOff();
    };
    // Only an offline desk writes a draft of its own: the way there is the away record's.
    const st = await d.status();
    const who = { personId: st.person!.id, name: st.person!.name, server: st.server!, desk: st.desk! };
    await expect(d.services.newsroom.away.create(who, null)).rejects.toThrow(/died here/);

    const drafts = d.services.store.list().map((s) => s.id);
    expect(drafts).toHaveLength(1);
    const back = await restarted(d, 'feng');
    d = back.desk;
    expect(back.waiting).toBe(1);
    expect(d.services.newsroom.away.entries(who).map((e) => [e.storyId, e.kind])).toEqual([
      [drafts[0], 'draft'],
    ]);
    await checkIn(d, []);
    expect(await ops('feng')).toEqual(['created']);
    const { rows } = await nr.pool.query<{ id: string }>(`select id from stories where owner_id = 'feng'`);
    expect(rows.map((r) => r.id)).toEqual(drafts);
    // Checked in and handed back: the desk holds nothing of it any more.
    expect((await d.status()).away).toEqual([]);
    expect(d.services.store.list().filter((s) => s.deletedAt === null)).toEqual([]);
  });

  it('a check-in cut off after the newsroom answered keeps what it answered (a parallel version) on the desk', async () => {
    let d = await signedIn('han', undefined, 'han', ['first-editor']);
    const chief = await signedIn('lu2', undefined, '卢主任', ['final-editor']);
    const draft = await d.call<Story>('stories.create', {});
    const saved = await d.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: { ...contentOf(draft), headline: '夜校' },
    });
    const sent = await d.call<Story>('review.act', { id: saved.id, action: 'submit', baseRev: saved.rev });
    await d.call('locks.release', { id: saved.id });
    const { desk } = await d.status();
    await d.call('checkout.take', { ids: [sent.id], desk: desk! });
    const held = await d.call<Story>('stories.get', { id: sent.id });
    await d.call('stories.save', {
      id: sent.id,
      baseRev: held.rev,
      content: { ...contentOf(held), headline: '带走后改的' },
    });
    await chief.call('checkout.takeOver', { id: sent.id, reason: '明天见报' });
    const current = await chief.call<Story>('stories.get', { id: sent.id });
    await chief.call('stories.save', {
      id: sent.id,
      baseRev: current.rev,
      content: { ...contentOf(current), headline: '接管后改的' },
    });

    // Answered, the operation left the outbox, and the desk died before anything else.
    outboxOf(d).sync = () => Promise.reject(cutOff());
    await expect(checkIn(d, [sent.id])).rejects.toThrow(/died here/);

    d = (await restarted(d, 'han')).desk;
    const status = await d.status();
    expect(status.outbox).toBe(0);
    expect(status.parallel!.map((p) => p.storyId)).toEqual([sent.id]);
    const { rows } = await nr.pool.query<{ n: number }>(
      'select count(*)::int as n from story_conflicts where story_id = $1',
      [sent.id],
    );
    expect(rows[0]!.n).toBe(1);
  });
  it('a check-out cut off before the desk named it is taken again at the next sign-in', async () => {
    let d = await signedIn('qiu');
    const draft = await d.call<Story>('stories.create', {});
    const story = await d.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: { ...contentOf(draft), headline: '要带走的稿' },
    });
    await d.call('locks.release', { id: story.id });
    // The newsroom answered the check-out; the desk died while keeping its copy.
    d.services.store.create = () => Promise.reject(cutOff());
    const { desk } = await d.status();
    await expect(d.call('checkout.take', { ids: [story.id], desk: desk! })).rejects.toThrow(/died here/);
    expect((await d.status()).away).toEqual([]);

    d = (await restarted(d, 'qiu')).desk;
    const status = await d.status();
    expect(status.away!.map((e) => [e.storyId, e.kind, e.baseRev])).toEqual([
      [story.id, 'checkout', story.rev],
    ]);
    const held = await d.call<Story>('stories.get', { id: story.id });
    expect(held.headline).toBe('要带走的稿');
    await d.call('stories.save', {
      id: story.id,
      baseRev: held.rev,
      content: { ...contentOf(held), headline: '带走后改的' },
    });
    await checkIn(d, []);
    expect(await revisions(story.id)).toEqual(['', '要带走的稿', '带走后改的']);
    expect((await d.status()).away).toEqual([]);
  });
});
