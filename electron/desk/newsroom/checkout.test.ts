/**
 * Check-out on the desk (issue 18, ADR 013) against a real newsroom server on PostgreSQL: stories
 * taken away to a desk's own store, written while the server is down, checked in when it is back;
 * a take-over meanwhile ends as a parallel version, both kept.
 */
import { readdir } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckInReport, CheckoutTaken, ConflictView } from '../../../shared/api/checkout-contract';
import { contentOf, type Story } from '../../../shared/model';
import type { LockView } from '../../../shared/review/review-contract';
import type { Role } from '../../../shared/review/roles';
import { startNewsroomServer } from '../../server/http';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { NewsroomStories } from '../../server/store/stories';
import { startTestNewsroom, type TestNewsroom } from '../../server/testing';
import { outboxDirOf } from './outbox';
import { signedInDesk, type Desk } from './test-desks';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

describe.skipIf(skip !== null)('check-out on the desk', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  let server: { close(): Promise<void>; port: number } | null = null;
  const desks: Desk[] = [];

  const signedIn = (id: string, name: string, roles: Role[]): Promise<Desk> =>
    signedInDesk(nr, desks, { id, name, roles });

  /** A story the reporter writes and submits: editors see it from then on. */
  async function submitted(reporter: Desk, headline: string): Promise<Story> {
    const draft = await reporter.call<Story>('stories.create', {});
    await reporter.call('locks.acquire', { id: draft.id });
    const saved = await reporter.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: { ...contentOf(draft), headline },
    });
    const sent = await reporter.call<Story>('review.act', {
      id: saved.id,
      action: 'submit',
      baseRev: saved.rev,
    });
    await reporter.call('locks.release', { id: saved.id });
    return sent;
  }

  const edited = (story: Story, headline: string) => ({
    id: story.id,
    baseRev: story.rev,
    content: { ...contentOf(story), headline },
  });

  async function revisions(id: string): Promise<Array<[number, string]>> {
    const { rows } = await nr.pool.query<{ revision: number; headline: string }>(
      `select revision, content->>'headline' as headline from story_revisions where story_id = $1 order by revision`,
      [id],
    );
    return rows.map((r) => [r.revision, r.headline]);
  }

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_checkout'));
  });
  afterAll(async () => {
    for (const d of desks) await d.close();
    await server?.close();
    await nr?.close();
    cluster?.stop();
  });

  it('check out two stories, the server stops, edit both and write a draft, check in: exactly those revisions, seen elsewhere', async () => {
    const reporter = await signedIn('li', '李记者', ['reporter']);
    const writer = await signedIn('he', '何编辑', ['first-editor']);
    const watcher = await signedIn('ma', '马编辑', ['first-editor']);
    const a = await submitted(reporter, '村里的党员先锋岗');
    const b = await submitted(reporter, '车间里的党课');

    const { desk } = await writer.status();
    expect(desk).toMatch(/^.+-[0-9a-f]{6}$/);
    const taken = await writer.call<CheckoutTaken>('checkout.take', { ids: [a.id, b.id], desk: desk! });
    expect(taken.items.map((i) => i.story.id).sort()).toEqual([a.id, b.id].sort());
    const away = (await writer.status()).away!;
    expect(away.map((e) => [e.storyId, e.kind, e.baseRev]).sort()).toEqual(
      [
        [a.id, 'checkout', a.rev],
        [b.id, 'checkout', b.rev],
      ].sort(),
    );
    // Everyone sees where it is.
    const seenLock = await watcher.call<LockView>('locks.view', { id: a.id });
    expect(seenLock.checkout).toMatchObject({ desk, baseRev: a.rev });

    // The server stops: the desk works on what it holds.
    const port = nr.server.port;
    const lost = writer.next((e) => e.type === 'newsroom' && e.state === 'unreachable');
    await nr.server.close();
    await lost;
    const offlineStatus = await writer.status();
    expect(offlineStatus.state).toBe('unreachable');
    const listed = await writer.call<{ items: Array<{ id: string }> }>('stories.list', {});
    expect(listed.items.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    const queue = await writer.refused('review.queue', {});
    expect(queue).toMatchObject({
      key: 'error.newsroomOffline',
      params: { method: 'review.queue', since: offlineStatus.unreachableSince },
    });
    expect((await writer.refused('stories.get', { id: 'a0000000-0000-4000-8000-000000000000' })).key).toBe(
      'error.newsroomOffline',
    );

    const a1 = await writer.call<Story>(
      'stories.save',
      edited(await writer.call<Story>('stories.get', { id: a.id }), '路上改的第一稿'),
    );
    const a2 = await writer.call<Story>('stories.save', edited(a1, '路上改的第二稿'));
    await writer.call<Story>(
      'stories.save',
      edited(await writer.call<Story>('stories.get', { id: b.id }), '火车上改的'),
    );
    const draft = await writer.call<Story>('stories.create', {});
    await writer.call<Story>('stories.save', edited(draft, '村里写的新稿'));
    // History works on the desk as on a single one.
    const history = await writer.call<{ entries: Array<{ rev: number }> }>('history.list', { id: a.id });
    expect(history.entries.map((e) => e.rev)).toEqual([a2.rev, a1.rev, a.rev]);
    const waiting = await writer.status();
    expect(waiting.outbox).toBe(5);
    expect(await readdir(outboxDirOf(writer.dir))).toHaveLength(5);
    expect(waiting.away!.find((e) => e.storyId === draft.id)).toMatchObject({ kind: 'draft', waiting: 2 });

    // Back: the outbox goes up by itself (the stories stay away), then the writer checks them in.
    const seenA = watcher.next(
      (e) => e.type === 'story' && e.storyId === a.id && e.revision === a.rev + 2,
      30_000,
    );
    const seenB = watcher.next(
      (e) => e.type === 'story' && e.storyId === b.id && e.revision === b.rev + 1,
      30_000,
    );
    const back = writer.next((e) => e.type === 'newsroom' && e.state === 'connected', 30_000);
    server = await startNewsroomServer({
      pool: nr.pool,
      accounts: nr.accounts,
      stories: new NewsroomStories(nr.pool),
      listen: { host: '127.0.0.1', port },
      sweepMs: 0,
    });
    await back;
    const report = await writer.call<CheckInReport>('checkout.checkIn', { desk: desk!, ops: [] });
    expect(report.refused).toBeNull();
    await Promise.all([seenA, seenB]);

    expect((await revisions(a.id)).filter(([r]) => r > a.rev)).toEqual([
      [a.rev + 1, '路上改的第一稿'],
      [a.rev + 2, '路上改的第二稿'],
    ]);
    expect((await revisions(b.id)).slice(-1)).toEqual([[b.rev + 1, '火车上改的']]);
    expect(await revisions(draft.id)).toEqual([
      [1, ''],
      [2, '村里写的新稿'],
    ]);
    const { rows } = await nr.pool.query<{ n: number }>(
      'select count(*)::int as n from checkin_ops where desk = $1',
      [desk],
    );
    expect(rows[0]!.n).toBe(5);
    const after = await writer.status();
    expect([after.outbox, after.away, after.parallel]).toEqual([0, [], []]);
    expect(await readdir(outboxDirOf(writer.dir))).toEqual([]);
    // Handed back: no check-out left, the desk reads the newsroom's story again.
    expect((await watcher.call<LockView>('locks.view', { id: a.id })).checkout ?? null).toBeNull();
    const read = await writer.call<Story>('stories.get', { id: a.id });
    expect([read.rev, read.headline]).toEqual([a.rev + 2, '路上改的第二稿']);
    expect(writer.services.store.list().map((s) => s.id)).toEqual([]);
  });

  it('a take-over while checked out: the check-in ends as a parallel version, both kept', async () => {
    const reporter = await signedIn('zhao', '赵记者', ['reporter']);
    const writer = await signedIn('qin', '秦编辑', ['first-editor']);
    const chief = await signedIn('lu', '卢主任', ['final-editor']);
    const story = await submitted(reporter, '山村的夜校');
    const { desk } = await writer.status();
    await writer.call('checkout.take', { ids: [story.id], desk: desk! });
    // Written on the desk while connected: the checked-out story lives on the desk until check-in.
    await writer.call<Story>('stories.save', edited(story, '带走后改的'));
    expect(await revisions(story.id)).toHaveLength(story.rev);

    await chief.call('checkout.takeOver', { id: story.id, reason: '明天见报，作者联系不上' });
    const current = await chief.call<Story>('stories.get', { id: story.id });
    await chief.call<Story>('stories.save', edited(current, '接管后改的'));

    const report = await writer.call<CheckInReport>('checkout.checkIn', { desk: desk!, ops: [] });
    expect(report.results.map((r) => r.outcome)).toEqual(['parallel']);
    const status = await writer.status();
    expect(status.parallel!.map((p) => [p.storyId, p.conflictId])).toEqual([
      [story.id, report.results[0]!.conflictId],
    ]);
    expect(status.away).toEqual([]);
    const view = await chief.call<ConflictView>('checkout.conflict', { id: story.id });
    expect([view.current.content.headline, view.parallel.content.headline]).toEqual([
      '接管后改的',
      '带走后改的',
    ]);
    expect((await revisions(story.id)).slice(-1)).toEqual([[story.rev + 1, '接管后改的']]);
  });
});
