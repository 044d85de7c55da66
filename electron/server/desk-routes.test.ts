/**
 * What a connected desk's story screen and queue ask the newsroom server (issue 17), over its HTTP
 * API on a real PostgreSQL cluster: the lock without taking it, the page's other stories, comments,
 * history (list, diff, restore), the people, the queue's submission and stuck levels, the trail as
 * CSV and per page, and the events a desk missed while its socket was down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bodyFromBlocks, bodyPlainText, contentOf, type Story } from '../../shared/model';
import type { PageContext } from '../../shared/api/types';
import type { PageListItem, PagePlan } from '../../shared/model/page';
import type { AuditEntry } from '../../shared/review/audit';
import type {
  HistoryList,
  LockView,
  QueueItem,
  RevisionDiff,
  UsersView,
} from '../../shared/review/review-contract';
import type { Role } from '../../shared/review/roles';
import { EventHub, REPLAY_KEEP_MS } from './events';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { verifyAudit } from './store/audit-chain';
import { refusal, startTestNewsroom, TestDesk, type TestNewsroom } from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const paragraphs = (...texts: string[]) =>
  bodyFromBlocks(texts.map((text) => ({ type: 'paragraph' as const, text })));

describe.skipIf(skip !== null)('the story screen and the queue on the newsroom server', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  const desks: Record<string, TestDesk> = {};

  const pwOf: Record<string, string> = {};

  async function person(id: string, name: string, roles: Role[]) {
    pwOf[id] = await nr.person(id, name, roles);
    desks[id] = await TestDesk.signIn(nr.url, id, pwOf[id]);
    return desks[id];
  }

  /** A story written by `desk` on `page`, saved once with two paragraphs, lock released. */
  async function written(desk: TestDesk, headline: string, page: string | null = null): Promise<Story> {
    const draft = await desk.call<Story>('stories.create', page ? { page } : {});
    return desk.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: {
        ...contentOf(draft),
        headline,
        page,
        byline: { credits: [{ kind: 'person', role: '记者', names: ['张记者'] }], position: 'top' },
        body: paragraphs('支部书记带头走访困难党员。', '全村三十户建起了互助小组。'),
      },
    });
  }

  const submit = (desk: TestDesk, story: Story, note = '') =>
    desk.call<Story>('review.act', { id: story.id, action: 'submit', baseRev: story.rev, note });

  const actions = async (id: string) =>
    (
      await nr.pool.query<{ action: string }>('select action from audit where story_id = $1 order by seq', [
        id,
      ])
    ).rows.map((r) => r.action);

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_routes'));
    await person('zhang', '张记者', ['reporter']);
    await person('liu', '刘记者', ['reporter']);
    await person('li', '李编辑', ['first-editor', 'second-editor']);
    await person('zhao', '赵终审', ['final-editor']);
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
  });

  it('tells who holds a lock without taking it (locks.view), and hides a story the person may not read', async () => {
    const zhang = desks['zhang']!;
    const li = desks['li']!;
    const story = await written(zhang, '党员先锋岗');
    await submit(zhang, story);
    const free = await li.call<LockView>('locks.view', { id: story.id });
    expect(free).toMatchObject({ storyId: story.id, mine: false, holder: null });
    // Viewing took nothing: the writer still takes the lock.
    expect(await zhang.call<LockView>('locks.acquire', { id: story.id })).toMatchObject({ mine: true });
    const held = await li.call<LockView>('locks.view', { id: story.id });
    expect(held).toMatchObject({ mine: false, holder: { userId: 'zhang', name: '张记者' } });
    expect(held.ttlMs).toBeGreaterThan(0);
    expect(await zhang.call<LockView>('locks.view', { id: story.id })).toMatchObject({ mine: true });
    await zhang.call('locks.release', { id: story.id });
    // Another reporter is told nothing about it.
    expect((await refusal(desks['liu']!.call('locks.view', { id: story.id }))).key).toBe(
      'error.storyNotFound',
    );
    expect(await actions(story.id)).not.toContain('lock-viewed');
  });

  it('gives the live checks the other stories of the page that the person may read (checks.pageContext)', async () => {
    const zhang = desks['zhang']!;
    const liu = desks['liu']!;
    const li = desks['li']!;
    const mine = await written(zhang, '张的稿', 'A3');
    const other = await written(liu, '刘的稿', 'A3');
    const draftOfLiu = await written(liu, '刘的草稿', 'A3');
    await written(liu, '别的版', 'A4');
    await submit(liu, other);

    const seen = await li.call<PageContext>('checks.pageContext', { id: other.id });
    expect(seen.page).toBe('A3');
    expect(seen.user).toBe('李编辑');
    // The editor sees the submitted ones, not the drafts (Zhang's and Liu's draft are their own).
    expect(seen.stories.map((s) => s.key)).toEqual([]);
    await submit(zhang, mine);
    const now = await li.call<PageContext>('checks.pageContext', { id: other.id });
    expect(now.stories.map((s) => [s.key, s.content.headline])).toEqual([[mine.id, '张的稿']]);
    // Liu sees his own draft next to his submitted story, not Zhang's story.
    const his = await liu.call<PageContext>('checks.pageContext', { id: other.id });
    expect(his.stories.map((s) => s.key)).toEqual([draftOfLiu.id]);
    const none = await li.call<PageContext>('checks.pageContext', {
      id: (await written(li, '无版面')).id,
    });
    expect(none).toEqual({ page: null, stories: [], user: '李编辑' });
  });

  it('keeps comments: on the story, on a passage (quoted), answered, resolved, reopened; audited and pushed', async () => {
    const zhang = desks['zhang']!;
    const li = desks['li']!;
    const story = await submit(zhang, await written(zhang, '互助小组'));
    const socket = await zhang.events();
    try {
      const withOne = await li.call<Story>('comments.add', {
        id: story.id,
        text: '第二段请补充时间',
        anchor: { field: 'body', block: 1, start: 2, end: 4 },
      });
      const first = withOne.comments![0]!;
      expect(first).toMatchObject({
        name: '李编辑',
        userId: 'li',
        text: '第二段请补充时间',
        rev: story.rev,
        parentId: null,
        resolved: false,
        anchor: { field: 'body', block: 1, start: 2, end: 4, quote: '三十', lost: false },
      });
      await socket.next((e) => e.type === 'review' && e.storyId === story.id);

      const answered = await zhang.call<Story>('comments.add', {
        id: story.id,
        text: '已补充',
        parentId: first.id,
      });
      expect(answered.comments!.map((c) => [c.text, c.parentId, c.anchor])).toEqual([
        ['第二段请补充时间', null, expect.objectContaining({ quote: '三十' })],
        ['已补充', first.id, null],
      ]);
      const resolved = await li.call<Story>('comments.resolve', { id: story.id, commentId: first.id });
      expect(resolved.comments![0]).toMatchObject({ resolved: true, resolvedBy: '李编辑' });
      expect(resolved.comments![0]!.resolvedAt).not.toBeNull();
      // stories.get returns them too.
      expect((await zhang.call<Story>('stories.get', { id: story.id })).comments![0]!.resolved).toBe(true);
      const reopened = await zhang.call<Story>('comments.reopen', { id: story.id, commentId: first.id });
      expect(reopened.comments![0]).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });

      // Bad input: no such comment, a passage that is not in the text, a story one may not read.
      expect((await refusal(li.call('comments.resolve', { id: story.id, commentId: '99999' }))).key).toBe(
        'error.commentNotFound',
      );
      expect((await refusal(li.call('comments.add', { id: story.id, text: '?', parentId: 'x' }))).key).toBe(
        'error.commentNotFound',
      );
      const outside = await refusal(
        li.call('comments.add', {
          id: story.id,
          text: '?',
          anchor: { field: 'body', block: 9, start: 0, end: 1 },
        }),
      );
      expect(outside.key).toBe('error.invalidInput');
      expect((await refusal(desks['liu']!.call('comments.add', { id: story.id, text: '看看' }))).key).toBe(
        'error.storyNotFound',
      );
      expect((await actions(story.id)).filter((a) => a.startsWith('comment-'))).toEqual([
        'comment-added',
        'comment-added',
        'comment-resolved',
        'comment-reopened',
      ]);

      // A save moves the passage comment with its quote, as the desktop's reanchoring does.
      const edited = await li.call<Story>('stories.save', {
        id: story.id,
        baseRev: story.rev,
        content: {
          ...contentOf(story),
          body: paragraphs('支部书记带头走访困难党员。', '今年春天，全村三十户建起了互助小组。'),
        },
      });
      expect(edited.comments![0]!.anchor).toMatchObject({ block: 1, start: 7, end: 9, quote: '三十' });
      const c = await nr.pool.connect();
      try {
        expect((await verifyAudit(c)).firstProblem).toBeNull();
      } finally {
        c.release();
      }
    } finally {
      socket.close();
    }
  });

  it('lists, diffs and restores revisions from story_revisions, with the edit and lock rules of a save', async () => {
    const zhang = desks['zhang']!;
    const li = desks['li']!;
    const v2 = await written(zhang, '第一稿');
    const v3 = await zhang.call<Story>('stories.save', {
      id: v2.id,
      baseRev: v2.rev,
      content: { ...contentOf(v2), headline: '第二稿' },
    });
    const list = await zhang.call<HistoryList>('history.list', { id: v2.id });
    expect(list.status).toBe('draft');
    expect(list.entries.map((e) => [e.rev, e.current, e.savedBy, e.signed])).toEqual([
      [3, true, '张记者', false],
      [2, false, '张记者', false],
      [1, false, '张记者', false],
    ]);
    expect(list.entries[0]!.chars).toBe(bodyPlainText(v3.body).length);
    expect(list.entries[0]!.chars).toBeGreaterThan(20);
    expect(list.entries[2]!.chars).toBe(0);

    const diff = await zhang.call<RevisionDiff>('history.diff', { id: v2.id, from: 2, to: 3 });
    expect(diff.fields.filter((f) => f.changed).map((f) => f.field)).toEqual(['headline']);
    expect((await refusal(zhang.call('history.diff', { id: v2.id, from: 2, to: 9 }))).key).toBe(
      'error.revisionNotFound',
    );

    // Stale: a restore over revision 2 while the story is at 3 is refused as any save.
    expect((await refusal(zhang.call('history.restore', { id: v2.id, rev: 2, baseRev: 2 }))).key).toBe(
      'error.conflict',
    );
    // Locked by someone else: refused with the holder's name.
    await zhang.call('locks.acquire', { id: v2.id });
    await submit(zhang, v3);
    expect((await refusal(li.call('history.restore', { id: v2.id, rev: 2 }))).key).toBe('error.lockedBy');
    await zhang.call('locks.release', { id: v2.id });
    // A reporter may not change a submitted story (the workflow's edit rule).
    expect((await refusal(zhang.call('history.restore', { id: v2.id, rev: 2 }))).key).toMatch(
      /^review\.refused\./,
    );

    const restored = await li.call<Story>('history.restore', { id: v2.id, rev: 2, baseRev: 3 });
    expect(restored).toMatchObject({ rev: 4, headline: '第一稿', updatedBy: '李编辑' });
    const trail = await li.call<AuditEntry[]>('review.audit', { id: v2.id });
    expect(trail.find((e) => e.kind === 'restore')).toMatchObject({
      rev: 4,
      detail: 'rev 2',
      name: '李编辑',
    });
    // Another reporter is told nothing.
    expect((await refusal(desks['liu']!.call('history.list', { id: v2.id }))).key).toBe(
      'error.storyNotFound',
    );
  });

  it('lists the newsroom people for an editor, only themself for a reporter; profiles are accounts here', async () => {
    const editors = await desks['li']!.call<UsersView>('users.list');
    expect(editors.current).toMatchObject({ id: 'li', name: '李编辑' });
    expect(editors.users.map((u) => u.id)).toEqual(expect.arrayContaining(['li', 'liu', 'zhang', 'zhao']));
    const reporter = await desks['zhang']!.call<UsersView>('users.list');
    expect(reporter).toEqual({
      users: [{ id: 'zhang', name: '张记者', roles: ['reporter'], disabled: false }],
      current: { id: 'zhang', name: '张记者', roles: ['reporter'], disabled: false },
    });
    for (const [method, input] of [
      ['users.save', { users: [{ id: 'zhang', name: '张', roles: ['admin'], disabled: false }] }],
      ['session.setUser', { userId: 'zhao' }],
    ] as const) {
      expect(await refusal(desks['zhang']!.call(method, input))).toMatchObject({
        code: 'unsupported',
        key: 'error.accountsOnServer',
        params: { method },
      });
    }
    expect((await desks['zhang']!.call<UsersView>('users.list')).current!.roles).toEqual(['reporter']);
  });

  it('gives the trail as CSV and the trail of a page', async () => {
    const zhang = desks['zhang']!;
    const li = desks['li']!;
    const a = await submit(zhang, await written(zhang, '页面一', 'B2'), '请看');
    const b = await submit(zhang, await written(zhang, '页面二', 'B2'));
    const csv = await li.call<string>('review.auditCsv', { id: a.id });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(csv).toContain('请看');
    const page = await li.call<AuditEntry[]>('review.audit', { page: 'B2' });
    expect(page.map((e) => [e.storyId, e.kind, e.page])).toEqual([
      [a.id, 'create', 'B2'],
      [a.id, 'submit', 'B2'],
      [b.id, 'create', 'B2'],
      [b.id, 'submit', 'B2'],
    ]);
    expect((await li.call<string>('review.auditCsv', { page: 'B2' })).trim().split(/\r?\n/)).toHaveLength(5);
    // Another reporter's page trail has none of Zhang's stories.
    expect(await desks['liu']!.call<AuditEntry[]>('review.audit', { page: 'B2' })).toEqual([]);
  });

  it('replays the events a desk missed when its socket reconnects with the last seq it saw', async () => {
    const zhang = desks['zhang']!;
    const li = desks['li']!;
    const story = await submit(zhang, await written(zhang, '断线重连'));
    const first = await li.events();
    const hello = await first.hello;
    expect(hello).toMatchObject({ type: 'hello', since: null, replayed: 0, complete: true });
    await li.call('comments.add', { id: story.id, text: '在线时的批注' });
    const seen = await first.next((e) => e.type === 'review' && e.storyId === story.id);
    const last = seen.event.seq;
    expect(last).toBeGreaterThan(hello.seq);
    first.close();

    // While Li's desk is away: a lock, a save, a comment, and a draft of Liu's Li may not see.
    await zhang.call('locks.acquire', { id: story.id });
    await zhang.call('locks.release', { id: story.id });
    const saved = await li.call<Story>('stories.save', {
      id: story.id,
      baseRev: story.rev,
      content: { ...contentOf(story), headline: '断线时改的' },
    });
    await zhang.call('comments.add', { id: story.id, text: '断线时的批注' });
    const hidden = await desks['liu']!.call<Story>('stories.create', {});

    const again = await li.events(last);
    try {
      const back = await again.hello;
      const missed = again.received.map((r) => r.event);
      expect(missed.map((e) => [e.type, 'storyId' in e ? e.storyId : null])).toEqual([
        ['lock', story.id],
        ['lock', story.id],
        ['story', story.id],
        ['review', story.id],
      ]);
      expect(missed[2]).toMatchObject({ type: 'story', revision: saved.rev });
      expect(missed.map((e) => e.seq)).toEqual([...missed.map((e) => e.seq)].sort((x, y) => x - y));
      expect(missed.every((e) => e.seq > last)).toBe(true);
      expect(back).toMatchObject({ since: last, replayed: 4, complete: true });
      expect(missed.some((e) => 'storyId' in e && e.storyId === hidden.id)).toBe(false);

      // And live after the replay, each event once.
      await li.call('comments.add', { id: story.id, text: '重连后的批注' });
      const live = await again.next((e) => e.type === 'review' && e.seq > back.seq, 4);
      expect(again.received.filter((r) => r.event.seq === live.event.seq)).toHaveLength(1);
    } finally {
      again.close();
    }
    // A seq this database never reached (another or a restored database): reload, not replay.
    const stranger = await li.events(10_000_000);
    expect(await stranger.hello).toMatchObject({ complete: false, replayed: 0 });
    stranger.close();
  });

  it("passes on the events committed while the server's own listener was cut off", async () => {
    const zhang = desks['zhang']!;
    const li = desks['li']!;
    const story = await submit(zhang, await written(zhang, '监听中断'));
    const socket = await li.events();
    try {
      // Cut the server's LISTEN connection, as a database restart does; it reconnects a second later.
      const cut = await nr.pool.query<{ ok: boolean }>(
        `select pg_terminate_backend(pid) as ok from pg_stat_activity
          where query = 'listen desk_events' and datname = current_database() and pid <> pg_backend_pid()`,
      );
      expect(cut.rows.map((r) => r.ok)).toEqual([true]);
      const saved = await li.call<Story>('stories.save', {
        id: story.id,
        baseRev: story.rev,
        content: { ...contentOf(story), headline: '中断时改的' },
      });
      const got = await socket.next((e) => e.type === 'story' && e.storyId === story.id);
      expect(got.event).toMatchObject({ revision: saved.rev });
      // And the live ones after it, once each.
      await li.call('comments.add', { id: story.id, text: '恢复后' });
      const live = await socket.next((e) => e.type === 'review' && e.storyId === story.id);
      expect(socket.received.filter((r) => r.event.seq === got.event.seq)).toHaveLength(1);
      expect(live.event.seq).toBeGreaterThan(got.event.seq);
    } finally {
      socket.close();
    }
  });

  it('keeps page plans: created, replaced on the revision read, a stale save refused, one story per page', async () => {
    const li = desks['li']!;
    const zhang = desks['zhang']!;
    const a = await written(zhang, '头条', 'C1');
    const b = await written(zhang, '二条', 'C1');
    const content = {
      name: 'C1',
      date: '2026-12-08',
      edition: '党建周刊',
      slots: [
        { role: 'lead', storyId: a.id, budget: 1500 },
        { role: 'secondary', storyId: null, budget: 1000 },
      ],
      jumps: [],
    };
    const first = await li.call<PagePlan>('pages.save', { baseRev: null, content });
    expect(first).toMatchObject({
      name: 'C1',
      date: '2026-12-08',
      rev: 1,
      updatedBy: '李编辑',
      exported: null,
    });
    // A second creation is stale: the plan exists now.
    expect((await refusal(li.call('pages.save', { baseRev: null, content }))).key).toBe('error.pageConflict');
    const filled = { ...content, slots: [content.slots[0]!, { ...content.slots[1]!, storyId: b.id }] };
    const second = await li.call<PagePlan>('pages.save', { baseRev: 1, content: filled });
    expect(second.rev).toBe(2);
    expect(await zhang.call<PagePlan>('pages.get', { name: 'C1', date: '2026-12-08' })).toEqual(second);
    const stale = await refusal(li.call('pages.save', { baseRev: 1, content }));
    expect(stale).toMatchObject({ key: 'error.pageConflict', params: { page: 'C1', rev: 2 } });
    const twice = { ...content, slots: [content.slots[0]!, { ...content.slots[1]!, storyId: a.id }] };
    expect((await refusal(li.call('pages.save', { baseRev: 2, content: twice }))).key).toBe(
      'error.pageStoryTwice',
    );
    // Planning is an editor's work; reading is everyone's.
    expect(await refusal(zhang.call('pages.save', { baseRev: 2, content }))).toMatchObject({
      key: 'error.pageEditorOnly',
      params: { name: '张记者', page: 'C1' },
    });
    expect((await refusal(li.call('pages.get', { name: 'C1', date: '2026-12-09' }))).key).toBe(
      'error.pageNotFound',
    );
    const list = await zhang.call<PageListItem[]>('pages.list');
    expect(list.find((p) => p.name === 'C1')).toMatchObject({
      rev: 2,
      slots: 2,
      filled: 2,
      exportedAt: null,
    });
    expect(await actions(a.id)).not.toContain('page-saved');
    const saves = await nr.pool.query<{ n: number }>(
      "select count(*)::int as n from audit where action = 'page-saved' and detail->>'page' = 'C1'",
    );
    expect(saves.rows[0]!.n).toBe(2);

    // Ten editors' desks saving on one revision at once: exactly one wins, the others are stale.
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        (await TestDesk.signIn(nr.url, 'li', pwOf['li']!)).raw('pages.save', {
          baseRev: 2,
          content: { ...filled, edition: `第${i}版` },
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.key === 'error.pageConflict')).toHaveLength(9);
    expect((await li.call<PagePlan>('pages.get', { name: 'C1', date: '2026-12-08' })).rev).toBe(3);
  });

  it('forgets pushed events only once they are older than the replay window', async () => {
    const hub = new EventHub(nr.pool);
    const kept = async () =>
      Number((await nr.pool.query<{ n: string }>('select count(*) as n from push_events')).rows[0]!.n);
    const before = await kept();
    expect(before).toBeGreaterThan(0);
    expect(await hub.prune(new Date())).toBe(0);
    expect(await kept()).toBe(before);
    expect(await hub.prune(new Date(Date.now() + REPLAY_KEEP_MS + 60_000))).toBe(before);
    expect(await kept()).toBe(0);
  });
});

describe.skipIf(skip !== null)('the queue of a newsroom where nobody may sign a level', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('stuck'));
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
  });

  it('shows an editor the story that only its own writer could sign first (stuck), as the desktop does', async () => {
    const sign = async (id: string, name: string, roles: Role[]) =>
      TestDesk.signIn(nr.url, id, await nr.person(id, name, roles));
    // The only 初审 editor wrote the story himself.
    const li = await sign('li', '李编辑', ['first-editor']);
    const wu = await sign('wu', '吴复审', ['second-editor']);
    const draft = await li.call<Story>('stories.create', {});
    const story = await li.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: {
        ...contentOf(draft),
        headline: '自己写的稿',
        byline: { credits: [{ kind: 'person', role: '记者', names: ['李编辑'] }], position: 'top' },
      },
    });
    await li.call('review.act', { id: story.id, action: 'submit', baseRev: story.rev, note: '急' });

    const queue = await wu.call<QueueItem[]>('review.queue');
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({
      level: 'first',
      submission: { userId: 'li', note: '急' },
      stuck: { level: 'first', eligible: [] },
    });
    expect(queue[0]!.stuck!.blocked.map((b) => [b.userId, b.key])).toEqual([
      ['li', 'review.refused.ownStory'],
    ]);
    // Li's own queue shows it at his level, refused: he wrote it.
    const own = await li.call<QueueItem[]>('review.queue');
    expect(own.map((q) => [q.level, q.blockedBy !== null])).toEqual([['first', true]]);
  });
});
