import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Story, StorySummary } from '../../shared/model';
import type { LockView } from '../../shared/review/review-contract';
import { startNewsroomServer } from './http';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { verifyAudit } from './store/audit-chain';
import { NewsroomStories } from './store/stories';
import { Accounts } from './accounts/accounts';
import {
  FAST_SCRYPT,
  migratedPool,
  post,
  refusal,
  startTestNewsroom,
  TestDesk,
  type TestNewsroom,
} from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

describe.skipIf(skip !== null)('newsroom server over HTTP on PostgreSQL', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  const pw: Record<string, string> = {};
  const desk = (id: string) => TestDesk.signIn(nr.url, id, pw[id]!);
  /** Puts a story past the draft stage, as a submission does (review.act is store/review.ts's). */
  const submitted = async (id: string) => {
    await nr.pool.query(`update stories set status = 'submitted' where id = $1`, [id]);
  };

  const chainProblem = async () => {
    const c = await nr.pool.connect();
    try {
      return (await verifyAudit(c)).firstProblem;
    } finally {
      c.release();
    }
  };

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('http'));
    pw['zhang'] = await nr.person('zhang', '张记者', ['reporter']);
    pw['liu'] = await nr.person('liu', '刘记者', ['reporter']);
    pw['li'] = await nr.person('li', '李编辑', ['first-editor', 'second-editor']);
    pw['wang'] = await nr.person('wang', '王编辑', ['first-editor', 'second-editor']);
    pw['locked'] = await nr.person('locked', '被锁', ['reporter']);
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
  });

  it('signs in with the right password, refuses a wrong one, locks after five, and signs out', async () => {
    const ok = await post<{ token: string; person: { id: string; roles: string[] } }>(nr.url, 'login', {
      login: 'zhang',
      password: pw['zhang'],
    });
    expect(ok.status).toBe(200);
    if (!ok.body.ok) throw new Error('refused');
    expect(ok.body.result.person).toMatchObject({ id: 'zhang', roles: ['reporter'] });
    const token = ok.body.result.token;
    expect((await post(nr.url, 'me', {}, token)).status).toBe(200);

    const wrong = await post(nr.url, 'login', { login: 'zhang', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(!wrong.body.ok && wrong.body.error.key).toBe('error.signInRefused');

    const tries = [];
    for (let i = 0; i < 5; i++)
      tries.push(await post(nr.url, 'login', { login: 'locked', password: `wrong-${i}-wrong` }));
    expect(tries.slice(0, 4).map((t) => t.status)).toEqual([401, 401, 401, 401]);
    expect(tries[4]!.status).toBe(423);
    const after = await post(nr.url, 'login', { login: 'locked', password: pw['locked'] });
    expect(after.status).toBe(423);
    expect(!after.body.ok && after.body.error.key).toBe('error.accountLocked');

    // No token, a made-up token and an ended session are all refused before any method runs.
    expect((await post(nr.url, 'call/stories.list', {})).status).toBe(401);
    expect((await post(nr.url, 'call/stories.list', {}, 'x'.repeat(43))).status).toBe(401);
    expect((await post(nr.url, 'logout', {}, token)).status).toBe(200);
    const ended = await post(nr.url, 'call/stories.list', {}, token);
    expect(ended.status).toBe(401);
    expect(!ended.body.ok && ended.body.error.key).toBe('error.sessionEnded');
  });

  it('answers every call through the shared gate: schemas, unknown methods, methods not on the server', async () => {
    const z = await desk('zhang');
    expect((await refusal(z.call('stories.get', { id: '../etc' }))).key).toBe('error.invalidInput');
    expect((await refusal(z.call('stories.nothing', {}))).key).toBe('error.unknownMethod');
    const missing = await refusal(z.call('pages.preflight', { name: 'B6', date: '2026-12-07' }));
    expect(missing).toMatchObject({
      code: 'unsupported',
      key: 'error.notOnServer',
      params: { method: 'pages.preflight' },
    });
    // What the client says about who it is counts for nothing: the session decides.
    const story = await z.call<Story>('stories.create', { page: 'B6', createdBy: 'li', userId: 'li' });
    expect(story.createdBy).toBe('zhang');
    expect(story.updatedBy).toBe('张记者');
  });

  it('keeps a draft private to its writer until it is submitted', async () => {
    const zhang = await desk('zhang');
    const liu = await desk('liu');
    const li = await desk('li');
    const draft = await zhang.call<Story>('stories.create', {});
    expect((await zhang.call<Story>('stories.get', { id: draft.id })).id).toBe(draft.id);
    for (const other of [liu, li]) {
      expect((await refusal(other.call('stories.get', { id: draft.id }))).key).toBe('error.storyNotFound');
      const list = await other.call<{ items: StorySummary[] }>('stories.list', {});
      expect(list.items.map((s) => s.id)).not.toContain(draft.id);
      expect(
        (await refusal(other.call('stories.save', { id: draft.id, baseRev: 1, content: draft }))).key,
      ).toBe('error.storyNotFound');
    }
    await submitted(draft.id);
    expect((await li.call<Story>('stories.get', { id: draft.id })).status).toBe('submitted');
    expect((await li.call<{ items: StorySummary[] }>('stories.list', {})).items.map((s) => s.id)).toContain(
      draft.id,
    );
    // Another reporter still does not read it.
    expect((await refusal(liu.call('stories.get', { id: draft.id }))).key).toBe('error.storyNotFound');
  });

  it('refuses a save on a stale revision with the desktop error, and keeps the newer text', async () => {
    const zhang = await desk('zhang');
    const story = await zhang.call<Story>('stories.create', {});
    const saved = await zhang.call<Story>('stories.save', {
      id: story.id,
      baseRev: 1,
      content: { ...story, headline: '第一稿标题' },
    });
    expect(saved.rev).toBe(2);
    const stale = await refusal(
      zhang.call('stories.save', { id: story.id, baseRev: 1, content: { ...story, headline: '过时的标题' } }),
    );
    expect(stale).toMatchObject({ code: 'conflict', key: 'error.conflict', params: { baseRev: 1, rev: 2 } });
    expect((await zhang.call<Story>('stories.get', { id: story.id })).headline).toBe('第一稿标题');
    const listed = async () =>
      (await zhang.call<{ items: StorySummary[] }>('stories.list', {})).items.find((s) => s.id === story.id);
    expect(await listed()).toMatchObject({
      rev: 2,
      headline: '第一稿标题',
      updatedBy: '张记者',
      status: 'draft',
    });
    // A story saved before the list row was kept (schema 1) gets it at the first list.
    await nr.pool.query('update stories set summary = null where id = $1', [story.id]);
    expect(await listed()).toMatchObject({ rev: 2, headline: '第一稿标题' });
    const kept = await nr.pool.query<{ summary: { headline: string } }>(
      'select summary from stories where id = $1',
      [story.id],
    );
    expect(kept.rows[0]!.summary.headline).toBe('第一稿标题');
    const { rows } = await nr.pool.query('select revision from story_revisions where story_id = $1', [
      story.id,
    ]);
    expect(rows).toHaveLength(2);
  });

  it('gives a story one writer: a second session is refused, an editor takes over, recorded in the audit', async () => {
    const zhang = await desk('zhang');
    const li = await desk('li');
    const wang = await desk('wang');
    const liu = await desk('liu');
    const story = await zhang.call<Story>('stories.create', {});
    await submitted(story.id);

    const mine = await li.call<LockView>('locks.acquire', { id: story.id });
    expect(mine).toMatchObject({ mine: true, holder: { userId: 'li', name: '李编辑' } });
    const theirs = await wang.call<LockView>('locks.acquire', { id: story.id });
    expect(theirs).toMatchObject({ mine: false, holder: { userId: 'li' } });
    const blocked = await refusal(
      wang.call('stories.save', { id: story.id, baseRev: 1, content: { ...story, headline: '王改的' } }),
    );
    expect(blocked).toMatchObject({ code: 'locked', key: 'error.lockedBy', params: { name: '李编辑' } });
    // The writer of a submitted story is no editor: no take-over, and no edit either.
    expect((await refusal(zhang.call('locks.takeOver', { id: story.id }))).key).toBe(
      'review.refused.takeOverRole',
    );
    expect((await refusal(liu.call('locks.takeOver', { id: story.id }))).key).toBe(
      'review.refused.takeOverRole',
    );

    const taken = await wang.call<LockView>('locks.takeOver', { id: story.id });
    expect(taken).toMatchObject({ mine: true, holder: { userId: 'wang' } });
    expect((await li.call<LockView>('locks.renew', { id: story.id })).mine).toBe(false);
    const saved = await wang.call<Story>('stories.save', {
      id: story.id,
      baseRev: 1,
      content: { ...story, headline: '王改的' },
    });
    expect(saved.rev).toBe(2);
    const { rows } = await nr.pool.query<{ actor_id: string; detail: Record<string, unknown> }>(
      `select actor_id, detail from audit where story_id = $1 and action = 'lock-takeover'`,
      [story.id],
    );
    expect(rows).toEqual([
      { actor_id: 'wang', detail: expect.objectContaining({ from: 'li', fromName: '李编辑' }) },
    ]);
    expect(await chainProblem()).toBe(null);
  });

  it('releases the lock of a vanished session and records it', async () => {
    const zhang = await desk('zhang');
    const story = await zhang.call<Story>('stories.create', {});
    const li = await desk('li');
    await submitted(story.id);
    expect((await li.call<LockView>('locks.acquire', { id: story.id })).mine).toBe(true);
    // Li's desk vanishes: the session ends (here by sign-out; a lapsed heartbeat does the same after the TTL).
    await post(nr.url, 'logout', {}, li.token);
    await nr.server.sweep();
    const wang = await desk('wang');
    expect((await wang.call<LockView>('locks.acquire', { id: story.id })).mine).toBe(true);
    const { rows } = await nr.pool.query<{ action: string }>(
      `select action from audit where story_id = $1 and action like 'lock-%' order by seq`,
      [story.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['lock-acquired', 'lock-expired', 'lock-acquired']);
  });

  it('releases a lock whose heartbeat stopped, after the timeout only', async () => {
    let clock = Date.parse('2026-12-07T09:00:00Z');
    const stories = new NewsroomStories(nr.pool, { now: () => new Date(clock), lockTtlMs: 60_000 });
    const zhang = await desk('zhang');
    const story = await zhang.call<Story>('stories.create', {});
    const { rows } = await nr.pool.query<{ id: string; person_id: string }>(
      `select id, person_id from sessions where ended_at is null and person_id in ('li', 'wang') order by id desc`,
    );
    const li = rows.find((r) => r.person_id === 'li')!;
    const wang = rows.find((r) => r.person_id === 'wang')!;
    await submitted(story.id);
    const person = (id: string, name: string) => ({
      id,
      name,
      roles: ['first-editor' as const],
      disabled: false,
    });
    const actorLi = { sessionId: Number(li.id), person: person('li', '李编辑') };
    const actorWang = { sessionId: Number(wang.id), person: person('wang', '王编辑') };
    expect((await stories.acquire(actorLi, story.id)).mine).toBe(true);
    clock += 59_000;
    expect((await stories.acquire(actorWang, story.id)).mine).toBe(false);
    expect(await stories.sweepLocks()).toEqual([]);
    clock += 1_000;
    expect(await stories.sweepLocks()).toEqual([story.id]);
    expect((await stories.acquire(actorWang, story.id)).mine).toBe(true);
  });

  it('pushes A’s lock and save to B’s WebSocket within a second, and only what B may see', async () => {
    const zhang = await desk('zhang');
    const a = await desk('li');
    const b = await desk('wang');
    const story = await zhang.call<Story>('stories.create', {});
    await submitted(story.id);
    const socket = await b.events();
    try {
      // A draft of Zhang's changes: Wang may not see it, so no event of it reaches him.
      const hidden = await zhang.call<Story>('stories.create', {});
      await zhang.call('locks.acquire', { id: hidden.id });

      let t0 = performance.now();
      await a.call('locks.acquire', { id: story.id });
      const lock = await socket.next((e) => e.type === 'lock' && e.storyId === story.id);
      expect(lock.event).toMatchObject({
        type: 'lock',
        storyId: story.id,
        holder: { userId: 'li', name: '李编辑' },
      });
      expect(lock.at - t0).toBeLessThan(1000);

      t0 = performance.now();
      await a.call('stories.save', { id: story.id, baseRev: 1, content: { ...story, headline: '李改的' } });
      const save = await socket.next((e) => e.type === 'story' && e.storyId === story.id);
      expect(save.event).toMatchObject({ type: 'story', revision: 2, status: 'submitted' });
      expect(save.at - t0).toBeLessThan(1000);
      // NOTIFY keeps commit order: the hidden draft's events came before these and none arrived.
      expect(socket.received.map((r) => ('storyId' in r.event ? r.event.storyId : null))).not.toContain(
        hidden.id,
      );
    } finally {
      socket.close();
    }
  });

  it('refuses the event socket without a valid session, and closes it at sign-out', async () => {
    const bad = new TestDesk(nr.url, 'y'.repeat(43));
    await expect(bad.events()).rejects.toThrow(/401/);
    const b = await desk('wang');
    // As a browser offers it: the token as a subprotocol next to desk-events, no header.
    const viaProtocol = new WebSocket(new URL('api/events', nr.url.replace(/^http/, 'ws')), [
      'desk-events',
      `bearer.${b.token}`,
    ]);
    await new Promise((resolve, reject) => {
      viaProtocol.once('open', resolve);
      viaProtocol.once('error', reject);
    });
    expect(viaProtocol.protocol).toBe('desk-events');
    viaProtocol.close();
    // A desk that vanished without closing (no answer to pings) is dropped at the second sweep.
    const silent = new WebSocket(new URL('api/events', nr.url.replace(/^http/, 'ws')), {
      headers: { authorization: `Bearer ${b.token}` },
      autoPong: false,
    });
    await new Promise((resolve) => silent.once('open', resolve));
    const dropped = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    await nr.server.sweep();
    expect(silent.readyState).toBe(WebSocket.OPEN);
    await nr.server.sweep();
    await dropped;
    const socket = await b.events();
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
    await post(nr.url, 'logout', {}, b.token);
    expect(await closed).toBe(4401);
  });

  it('accepts exactly one of 20 simultaneous saves on one revision from 20 sessions', async () => {
    const zhang = await desk('zhang');
    const story = await zhang.call<Story>('stories.create', {});
    await submitted(story.id);
    const desks = await Promise.all(Array.from({ length: 20 }, (_, i) => desk(i % 2 ? 'li' : 'wang')));
    const results = await Promise.all(
      desks.map((d, i) =>
        d.raw<Story>('stories.save', {
          id: story.id,
          baseRev: 1,
          content: { ...story, headline: `第${i}版` },
        }),
      ),
    );
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.key)).toEqual(
      Array(19).fill('error.conflict'),
    );
    const { rows } = await nr.pool.query('select revision from story_revisions where story_id = $1', [
      story.id,
    ]);
    expect(rows).toHaveLength(2);
    expect(await chainProblem()).toBe(null);
  });

  it('refuses plain HTTP on a non-loopback address unless --insecure-lan', async () => {
    const base = { pool: nr.pool, accounts: nr.accounts, stories: new NewsroomStories(nr.pool), sweepMs: 0 };
    await expect(startNewsroomServer({ ...base, listen: { host: '0.0.0.0', port: 0 } })).rejects.toThrow(
      /refusing plain HTTP on 0\.0\.0\.0/,
    );
    const lan = await startNewsroomServer({
      ...base,
      listen: { host: '0.0.0.0', port: 0 },
      insecureLan: true,
    });
    try {
      const r = await post(`http://127.0.0.1:${lan.port}/`, 'login', {
        login: 'zhang',
        password: pw['zhang'],
      });
      expect(r.status).toBe(200);
    } finally {
      await lan.close();
    }
  });

  it('lets an administrator create accounts and reset a password over HTTP, and nobody else', async () => {
    const adminPw = await nr.person('chief', '主任', ['admin']);
    const admin = await TestDesk.signIn(nr.url, 'chief', adminPw);
    const zhang = await desk('zhang');
    const created = await post<{ person: { id: string }; password: string }>(
      nr.url,
      'admin/accounts',
      { id: 'newbie', name: '新记者', roles: ['reporter'] },
      admin.token,
    );
    expect(created.status).toBe(200);
    if (!created.body.ok) throw new Error('refused');
    const first = await TestDesk.signIn(nr.url, 'newbie', created.body.result.password);
    expect((await refusal(first.call('stories.list', {}))).key).toBe('error.passwordChangeRequired');

    const notAdmin = await post(
      nr.url,
      'admin/accounts',
      { id: 'x1', name: 'x', roles: ['admin'] },
      zhang.token,
    );
    expect(notAdmin.status).toBe(403);
    expect(!notAdmin.body.ok && notAdmin.body.error.key).toBe('error.adminOnly');
    expect((await post(nr.url, 'admin/reset', { person: 'li' }, zhang.token)).status).toBe(403);

    const li = await desk('li');
    const reset = await post<{ password: string }>(nr.url, 'admin/reset', { person: 'li' }, admin.token);
    expect(reset.status).toBe(200);
    // The reset ends Li's sessions; the new one-time password signs in, and must be changed first.
    expect((await post(nr.url, 'call/stories.list', {}, li.token)).status).toBe(401);
    const again = await TestDesk.signIn(nr.url, 'li', reset.body.ok ? reset.body.result.password : '');
    const own = `${pw['li']}-2`;
    const changed = await post(
      nr.url,
      'password',
      { oldPassword: reset.body.ok ? reset.body.result.password : '', newPassword: own },
      again.token,
    );
    expect(changed.status).toBe(200);
    pw['li'] = own;
    expect((await again.call<{ total: number }>('stories.list', {})).total).toBeGreaterThan(0);
  });

  it('stays one newsroom across two server processes on one database: locks and pushed events', async () => {
    const pool2 = await migratedPool(cluster.url('http'), 4);
    const accounts2 = new Accounts(pool2, { scrypt: FAST_SCRYPT });
    const second = await startNewsroomServer({
      pool: pool2,
      accounts: accounts2,
      stories: new NewsroomStories(pool2),
      listen: { host: '127.0.0.1', port: 0 },
      sweepMs: 0,
    });
    try {
      const zhang = await desk('zhang');
      const story = await zhang.call<Story>('stories.create', {});
      await submitted(story.id);
      const onFirst = await desk('wang');
      const socket = await onFirst.events();
      try {
        const onSecond = await TestDesk.signIn(second.url, 'li', pw['li']!);
        expect((await onSecond.call<LockView>('locks.acquire', { id: story.id })).mine).toBe(true);
        expect((await onFirst.call<LockView>('locks.acquire', { id: story.id })).holder?.userId).toBe('li');
        await onSecond.call('stories.save', {
          id: story.id,
          baseRev: 1,
          content: { ...story, headline: '另一台' },
        });
        const seen = await socket.next((e) => e.type === 'story' && e.storyId === story.id);
        expect(seen.event).toMatchObject({ revision: 2 });
      } finally {
        socket.close();
      }
    } finally {
      await second.close();
      await pool2.end();
    }
  });

  // Last: it stops the database of this file's cluster.
  it('says a save did not reach the newsroom while the database is down, and saves once it is back', async () => {
    const zhang = await desk('zhang');
    const story = await zhang.call<Story>('stories.create', {});
    const socket = await zhang.events();
    cluster.halt();
    try {
      const down = await post(
        nr.url,
        'call/stories.save',
        { id: story.id, baseRev: 1, content: { ...story, headline: '断线时写的' } },
        zhang.token,
      );
      expect(down.status).toBe(503);
      expect(!down.body.ok && down.body.error.key).toBe('error.newsroomDbUnavailable');
    } finally {
      cluster.start();
    }
    const saved = await zhang.call<Story>('stories.save', {
      id: story.id,
      baseRev: 1,
      content: { ...story, headline: '断线时写的' },
    });
    expect(saved.rev).toBe(2);
    // The event listener reconnects by itself: a later change reaches the socket again.
    let rev = saved.rev;
    let seen = false;
    for (let i = 0; i < 50 && !seen; i++) {
      const next = await zhang.call<Story>('stories.save', { id: story.id, baseRev: rev, content: saved });
      rev = next.rev;
      seen = await socket
        .next((e) => e.type === 'story' && e.storyId === story.id && e.revision === rev, 0, 200)
        .then(
          () => true,
          () => false,
        );
    }
    socket.close();
    expect(seen).toBe(true);
  });
});
