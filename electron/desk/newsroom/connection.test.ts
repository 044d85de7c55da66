/**
 * The desktop's connection to the newsroom (issue 17, ADR 012) on a real PostgreSQL cluster and
 * a real newsroom server: two desks, each on its own data folder, talking to the server only
 * through their desk handlers (the same object every transport calls), as a window would.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DeskErrorShape, NewsroomStatus } from '../../../shared/api';
import { contentOf, type Story } from '../../../shared/model';
import type { QueueItem } from '../../../shared/review/review-contract';
import type { Role } from '../../../shared/review/roles';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { verifyNewsroom } from '../../server/store/audit-verify';
import { startNewsroomServer } from '../../server/http';
import { NewsroomStories } from '../../server/store/stories';
import { startTestNewsroom, type TestNewsroom } from '../../server/testing';
import { startHost } from '../../host/server';
import { openDesk, type Desk } from './test-desks';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

describe.skipIf(skip !== null)('a desk connected to the newsroom', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  const desks: Desk[] = [];

  async function desk(dir = mkdtempSync(join(tmpdir(), 'desk-nr-')), ca?: string): Promise<Desk> {
    const d = await openDesk(dir, { ca });
    desks.push(d);
    return d;
  }

  async function signedIn(id: string, name: string, roles: Role[], on = nr): Promise<Desk> {
    const password = await on.person(id, name, roles);
    const d = await desk();
    await d.call('newsroom.connect', { server: on.url });
    const status = await d.call<NewsroomStatus>('newsroom.signIn', { login: id, password });
    expect(status).toMatchObject({ state: 'connected', person: { id, name }, lastLogin: id });
    return d;
  }

  async function written(reporter: Desk, headline: string, byline: string): Promise<Story> {
    const draft = await reporter.call<Story>('stories.create', {});
    await reporter.call('locks.acquire', { id: draft.id });
    return reporter.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: {
        ...contentOf(draft),
        headline,
        byline: { credits: [{ kind: 'person', role: '记者', names: [byline] }], position: 'top' },
      },
    });
  }

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_connection'));
  });
  afterAll(async () => {
    for (const d of desks) {
      await d.services.close();
      rmSync(d.dir, { recursive: true, force: true });
    }
    await nr?.close();
    cluster?.stop();
  });

  it('a desk that never connected answers local and keeps its own store', async () => {
    const d = await desk();
    expect(await d.call<NewsroomStatus>('newsroom.status')).toMatchObject({ state: 'local', server: null });
    expect((await d.refused('newsroom.signIn', { login: 'x', password: 'y' })).key).toBe(
      'error.newsroomNotConnected',
    );
    // Not a newsroom server: the desk's own loopback-style answer is not the newsroom's.
    const bad = await d.refused('newsroom.connect', { server: 'http://127.0.0.1:9/' });
    expect(bad.key).toBe('error.newsroomUnreachable');
    expect((await d.refused('newsroom.connect', { server: 'ftp://example.org/' })).key).toBe(
      'error.newsroomAddress',
    );
    // A web server that is not a newsroom: refused, and nothing is written to the data folder.
    const web = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>路由器</title>');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const port = (web.address() as AddressInfo).port;
      const other = await d.refused('newsroom.connect', { server: `http://127.0.0.1:${port}` });
      expect(other.key).toBe('error.notNewsroomServer');
    } finally {
      web.close();
    }
    expect((await d.call<NewsroomStatus>('newsroom.status')).state).toBe('local');
    expect(await stat(join(d.dir, 'newsroom.json')).catch(() => null)).toBeNull();

    // A damaged newsroom.json is moved aside, not overwritten: the desk starts unconnected.
    await d.services.close();
    desks.splice(desks.indexOf(d), 1);
    await writeFile(join(d.dir, 'newsroom.json'), '{"version": 1, "server": ');
    const again = await desk(d.dir);
    expect((await again.call<NewsroomStatus>('newsroom.status')).state).toBe('local');
    const damaged = await readdir(join(d.dir, 'damaged'));
    expect(damaged.filter((f) => f.startsWith('newsroom.json.'))).toHaveLength(1);
  });

  it('a session ended on the server (password reset) puts the desk back to signedOut', async () => {
    const d = await signedIn('feng', '冯记者', ['reporter']);
    const story = await written(d, '重置之前', '冯记者');
    const admin = await nr.accounts.createAccount(null, { id: 'admin2', name: '管理员二', roles: ['admin'] });
    const session = await nr.accounts.signIn('admin2', admin.password, '127.0.0.1');
    const reset = await nr.accounts.resetPassword(session.token, 'feng');
    const out = d.next((e) => e.type === 'newsroom' && e.state === 'signedOut');
    expect((await d.refused('stories.list', {})).key).toBe('error.sessionEnded');
    await out;
    expect(await d.call<NewsroomStatus>('newsroom.status')).toMatchObject({
      state: 'signedOut',
      person: null,
      key: null,
      lastLogin: 'feng',
    });

    // A save that meets the ended session is kept too, and sent once the person is signed in again.
    const again = await d.call<NewsroomStatus>('newsroom.signIn', {
      login: 'feng',
      password: reset.password,
    });
    expect(again.state).toBe('passwordChange');
    // Until the one-time password is replaced the desk stays on its own store (empty here).
    expect((await d.call<{ total: number }>('stories.list', {})).total).toBe(0);
    await d.call('newsroom.changePassword', { current: reset.password, next: 'feng-own-password' });
    await nr.accounts.resetPassword(session.token, 'feng');
    const kept = await d.refused('stories.save', {
      id: story.id,
      baseRev: story.rev,
      content: { ...contentOf(story), headline: '会话结束时的一稿' },
    });
    expect(kept.key).toBe('error.newsroomSaveKept');
    expect((await d.call<NewsroomStatus>('newsroom.status')).state).toBe('signedOut');
    const delivered = d.next((e) => e.type === 'story' && e.storyId === story.id);
    const second = await nr.accounts.resetPassword(session.token, 'feng');
    await d.call('newsroom.signIn', { login: 'feng', password: second.password });
    await d.call('newsroom.changePassword', { current: second.password, next: 'feng-own-password-2' });
    await delivered;
    const read = await d.call<Story>('stories.get', { id: story.id });
    expect([read.rev, read.headline]).toEqual([story.rev + 1, '会话结束时的一稿']);
  });

  it('a key replaced on another computer of the same person: refused clearly, a new key at the next sign-in', async () => {
    const reporter = await signedIn('he', '何记者', ['reporter']);
    const password = await nr.person('lu', '陆初审', ['first-editor']);
    const office = await desk();
    await office.call('newsroom.connect', { server: nr.url });
    await office.call('newsroom.signIn', { login: 'lu', password });
    const laptop = await desk();
    await laptop.call('newsroom.connect', { server: nr.url });
    await laptop.call('newsroom.signIn', { login: 'lu', password });
    await laptop.call('newsroom.signOut');

    const story = await written(reporter, '老党员的一天', '何记者');
    await reporter.call('review.act', { id: story.id, action: 'submit', baseRev: story.rev });
    const read = await office.call<Story>('stories.get', { id: story.id });
    const replaced = await office.refused('review.act', { id: story.id, action: 'sign', baseRev: read.rev });
    expect(replaced.key).toBe('error.newsroomKeyReplaced');
    expect((await office.call<NewsroomStatus>('newsroom.status')).key).toBeNull();

    await office.call('newsroom.signOut');
    const again = await office.call<NewsroomStatus>('newsroom.signIn', { login: 'lu', password });
    expect(again.key).not.toBeNull();
    const signed = await office.call<Story>('review.act', {
      id: story.id,
      action: 'sign',
      baseRev: read.rev,
    });
    expect(signed.status).toBe('first-passed');
    const files = await readdir(join(office.dir, 'keys'));
    expect(files.filter((f) => f.startsWith('lu.replaced-'))).toHaveLength(1);
  });

  it('the event socket comes back after the server restarts and gets what it missed, with no user action', async () => {
    const other = await startTestNewsroom(cluster.createDatabase('desk_relay'));
    // A second server process on the same database: the reporter works through it while the editor's is down.
    const second = await startNewsroomServer({
      pool: other.pool,
      accounts: other.accounts,
      stories: new NewsroomStories(other.pool),
      listen: { host: '127.0.0.1', port: 0 },
      sweepMs: 0,
    });
    let restarted: Awaited<ReturnType<typeof startNewsroomServer>> | null = null;
    try {
      const password = await other.person('tang', '唐记者', ['reporter']);
      const reporter = await desk();
      await reporter.call('newsroom.connect', { server: second.url });
      await reporter.call('newsroom.signIn', { login: 'tang', password });
      const editor = await signedIn('song', '宋初审', ['first-editor'], other);
      const early = await written(reporter, '重启之前', '唐记者');
      const late = await written(reporter, '停机时提交', '唐记者');
      const seen = editor.next(
        (e) => e.type === 'story' && e.storyId === early.id && e.status === 'submitted',
      );
      await reporter.call('review.act', { id: early.id, action: 'submit', baseRev: early.rev });
      await seen;

      const lost = editor.next((e) => e.type === 'newsroom' && e.state === 'unreachable');
      await other.server.close();
      await lost;
      // Submitted while the editor's server is down: the editor's desk hears of it once its socket is back.
      await reporter.call('review.act', { id: late.id, action: 'submit', baseRev: late.rev });
      const back = editor.next((e) => e.type === 'newsroom' && e.state === 'connected', 30_000);
      const replayed = editor.next(
        (e) => e.type === 'story' && e.storyId === late.id && e.status === 'submitted',
        30_000,
      );
      restarted = await startNewsroomServer({
        pool: other.pool,
        accounts: other.accounts,
        stories: new NewsroomStories(other.pool),
        listen: { host: '127.0.0.1', port: other.server.port },
        sweepMs: 0,
      });
      await back;
      await replayed;
      expect((await editor.call<NewsroomStatus>('newsroom.status')).state).toBe('connected');
    } finally {
      await restarted?.close();
      await second.close();
      await other.pool.end();
    }
  });
  it('two desks on one server: list, get, save, submit, events relayed, a sign-off signed on the desk', async () => {
    const reporter = await signedIn('zhou', '周记者', ['reporter']);
    const editor = await signedIn('wu', '吴初审', ['first-editor']);

    // The key file lives in the data folder, encrypted; the status names its fingerprint.
    const status = await editor.call<NewsroomStatus>('newsroom.status');
    expect(status.key?.file).toBe(join(editor.dir, 'keys', 'wu.json'));
    expect(JSON.parse(await readFile(status.key!.file, 'utf8'))).toMatchObject({
      format: 'dangjian-desk/person-key',
    });
    expect(JSON.stringify(status)).not.toMatch(/token/i);

    // The connection is kept in newsroom.json without any secret: who signed in last, not their password.
    const config = await readFile(join(reporter.dir, 'newsroom.json'), 'utf8');
    expect(JSON.parse(config)).toEqual({
      version: 1,
      server: new URL(nr.url).origin,
      lastLogin: 'zhou',
      staleKeys: [],
      desk: expect.stringMatching(/^.+-[0-9a-f]{6}$/) as string,
      lastPerson: { id: 'zhou', login: 'zhou', name: '周记者', roles: ['reporter'] },
      offlineSince: null,
    });

    const story = await written(reporter, '社区党员志愿服务队', '周记者');
    expect(story.rev).toBe(2);
    // The stories are the newsroom's, not the data folder's.
    expect(reporter.services.store.list()).toEqual([]);
    const listed = await reporter.call<{ items: Array<{ id: string }> }>('stories.list', {});
    expect(listed.items.map((s) => s.id)).toEqual([story.id]);

    const pushed = editor.next(
      (e) => e.type === 'story' && e.storyId === story.id && e.status === 'submitted',
    );
    const submitted = await reporter.call<Story>('review.act', {
      id: story.id,
      action: 'submit',
      baseRev: story.rev,
    });
    expect(submitted.status).toBe('submitted');
    await pushed;

    const queue = await editor.call<QueueItem[]>('review.queue');
    expect(queue.map((q) => [q.story.id, q.level])).toContainEqual([story.id, 'first']);
    const read = await editor.call<Story>('stories.get', { id: story.id });
    expect(read.headline).toBe('社区党员志愿服务队');

    // The renderer sends a plain sign; the desk asks the challenge, signs with the unlocked key and acts.
    const seenByReporter = reporter.next((e) => e.type === 'story' && e.status === 'first-passed');
    const signed = await editor.call<Story>('review.act', {
      id: story.id,
      action: 'sign',
      baseRev: read.rev,
    });
    expect(signed.status).toBe('first-passed');
    await seenByReporter;
    const { rows } = await nr.pool.query<{ person_id: string; level: string; decision: string }>(
      'select person_id, level, decision from signatures where story_id = $1',
      [story.id],
    );
    expect(rows).toEqual([{ person_id: 'wu', level: 'first', decision: 'approve' }]);
    const c = await nr.pool.connect();
    try {
      const verdict = await verifyNewsroom(c);
      expect(verdict.firstProblem).toBeNull();
    } finally {
      c.release();
    }

    // The person is the account: no picking someone else while connected.
    expect((await editor.refused('session.setUser', { userId: 'zhou' })).key).toBe(
      'error.newsroomPersonIsAccount',
    );
    const users = await editor.call<{ current: { id: string } | null }>('users.list');
    expect(users.current?.id).toBe('wu');
  });

  it('refuses a wrong password, signs out back to the own store, and makes a new key after a reset', async () => {
    const password = await nr.person('zheng', '郑编辑', ['first-editor']);
    const d = await desk();
    await d.call('newsroom.connect', { server: nr.url });
    const wrong = await d.refused('newsroom.signIn', { login: 'zheng', password: 'not-the-password' });
    expect(wrong.key).toBe('error.signInRefused');
    expect((await d.call<NewsroomStatus>('newsroom.status')).state).toBe('signedOut');

    const first = await d.call<NewsroomStatus>('newsroom.signIn', { login: 'zheng', password });
    const fingerprint = first.key!.fingerprint;
    const out = d.next((e) => e.type === 'newsroom' && e.state === 'signedOut');
    expect((await d.call<NewsroomStatus>('newsroom.signOut')).state).toBe('signedOut');
    await out;
    // Signed out, the desk works on its own store again.
    expect((await d.call<{ total: number }>('stories.list', {})).total).toBe(0);

    // Same password again: the same key, unlocked, not a new one.
    const again = await d.call<NewsroomStatus>('newsroom.signIn', { login: 'zheng', password });
    expect(again.key!.fingerprint).toBe(fingerprint);
    await d.call('newsroom.signOut');

    // An administrator resets the password: one-time password, then the person's own; the old key is kept aside.
    const { rows } = await nr.pool.query<{ id: string }>("select id from people where id = 'zheng'");
    expect(rows).toHaveLength(1);
    const admin = await nr.accounts.createAccount(null, { id: 'admin1', name: '管理员', roles: ['admin'] });
    const session = await nr.accounts.signIn('admin1', admin.password, '127.0.0.1');
    const reset = await nr.accounts.resetPassword(session.token, 'zheng');
    const once = await d.call<NewsroomStatus>('newsroom.signIn', {
      login: 'zheng',
      password: reset.password,
    });
    expect(once.state).toBe('passwordChange');
    const changed = await d.call<NewsroomStatus>('newsroom.changePassword', {
      current: reset.password,
      next: 'zheng-new-password',
    });
    expect(changed.state).toBe('connected');
    expect(changed.key!.fingerprint).not.toBe(fingerprint);
    const files = await readdir(join(d.dir, 'keys'));
    expect(files.filter((f) => f.startsWith('zheng.retired-'))).toHaveLength(1);
    const keys = await nr.pool.query<{ revoked: boolean }>(
      'select revoked_at is not null as revoked from person_keys where person_id = $1 order by id',
      ['zheng'],
    );
    expect(keys.rows).toEqual([{ revoked: true }, { revoked: false }]);

    // A password change while connected re-encrypts the same key.
    const next = await d.call<NewsroomStatus>('newsroom.changePassword', {
      current: 'zheng-new-password',
      next: 'zheng-third-password',
    });
    expect(next.key!.fingerprint).toBe(changed.key!.fingerprint);
    await d.call('newsroom.signOut');
    const third = await d.call<NewsroomStatus>('newsroom.signIn', {
      login: 'zheng',
      password: 'zheng-third-password',
    });
    expect(third.key!.fingerprint).toBe(changed.key!.fingerprint);

    // Disconnected: signed out on the server first, the address forgotten, a single desktop again.
    expect((await d.call<NewsroomStatus>('newsroom.disconnect')).state).toBe('local');
    const open = await nr.pool.query<{ n: number }>(
      "select count(*)::int as n from sessions where person_id = 'zheng' and ended_at is null",
    );
    expect(open.rows[0]!.n).toBe(0);
    expect(await stat(join(d.dir, 'newsroom.json')).catch(() => null)).toBeNull();
    expect(await readdir(join(d.dir, 'keys'))).toContain('zheng.json');
  });

  it('over https: a certificate the desk does not trust is refused; with the office CA it signs in', async () => {
    const certDir = mkdtempSync(join(tmpdir(), 'desk-nr-tls-'));
    const key = join(certDir, 'key.pem');
    const cert = join(certDir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
      ].concat([
        '-subj',
        '/CN=desk-test',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    );
    const tls = await startNewsroomServer({
      pool: nr.pool,
      accounts: nr.accounts,
      stories: new NewsroomStories(nr.pool),
      listen: { host: '127.0.0.1', port: 0 },
      tls: { cert, key },
      sweepMs: 0,
    });
    try {
      expect(tls.url).toMatch(/^https:/);
      const stranger = await desk();
      expect((await stranger.refused('newsroom.connect', { server: tls.url })).key).toBe(
        'error.newsroomCertificate',
      );
      const password = await nr.person('gao', '高记者', ['reporter']);
      const office = await desk(undefined, readFileSync(cert, 'utf8'));
      await office.call('newsroom.connect', { server: tls.url });
      const status = await office.call<NewsroomStatus>('newsroom.signIn', { login: 'gao', password });
      expect(status.state).toBe('connected');
      const story = await written(office, '加密连接', '高记者');
      const pushed = office.next(
        (e) => e.type === 'story' && e.storyId === story.id && e.status === 'submitted',
      );
      await office.call('review.act', { id: story.id, action: 'submit', baseRev: story.rev });
      await pushed;
      await office.call('newsroom.signOut');
    } finally {
      await tls.close();
      rmSync(certDir, { recursive: true, force: true });
    }
  });

  it('through the loopback host: a browser tab signs in and hears the other desk over its event stream', async () => {
    const reporter = await signedIn('xu', '徐记者', ['reporter']);
    const password = await nr.person('ma', '马初审', ['first-editor']);
    const d = await desk();
    const renderer = join(d.dir, 'renderer');
    await mkdir(renderer);
    await writeFile(
      join(renderer, 'index.html'),
      '<!doctype html><html><head></head><body>desk</body></html>',
    );
    const host = await startHost({ services: d.services, rendererDir: renderer });
    const abort = new AbortController();
    try {
      const traded = await fetch(host.openUrl(), { redirect: 'manual' });
      const cookie = traded.headers.get('set-cookie')!.split(';')[0]!;
      const html = await (await fetch(host.url, { headers: { Cookie: cookie } })).text();
      const token = /name="desk-token" content="([^"]+)"/.exec(html)![1]!;
      const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'X-Desk-Token': token };
      const api = async (method: string, input: unknown) => {
        const res = await fetch(new URL(`api/${method}`, host.url), {
          method: 'POST',
          headers,
          body: JSON.stringify(input),
        });
        return (await res.json()) as { ok: boolean; result?: unknown; error?: DeskErrorShape };
      };
      expect((await api('newsroom.connect', { server: nr.url })).ok).toBe(true);
      const signedInTab = await api('newsroom.signIn', { login: 'ma', password });
      expect(signedInTab.ok).toBe(true);
      // What the tab gets back names the person and the key, never the session token.
      expect(JSON.stringify(signedInTab)).not.toMatch(/token/i);

      const stream = await fetch(new URL('events', host.url), { headers, signal: abort.signal });
      const reader = stream.body!.getReader();
      const story = await written(reporter, '浏览器里看到的稿件', '徐记者');
      await reporter.call('review.act', { id: story.id, action: 'submit', baseRev: story.rev });
      let text = '';
      while (!text.includes(`"storyId":"${story.id}"`) || !text.includes('"status":"submitted"')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        text += new TextDecoder().decode(value);
      }
      const queue = await api('review.queue', {});
      expect((queue.result as QueueItem[]).map((q) => q.story.id)).toContain(story.id);
    } finally {
      abort.abort();
      await host.close();
    }
  });

  it('the editor’s page checks read the other stories of the page from the newsroom', async () => {
    const reporter = await signedIn('kong', '孔记者', ['reporter']);
    const first = await reporter.call<Story>('stories.create', { page: 'B6' });
    const second = await reporter.call<Story>('stories.create', { page: 'B6' });
    await reporter.call<Story>('stories.save', {
      id: second.id,
      baseRev: second.rev,
      content: { ...contentOf(second), headline: '同版的另一篇' },
    });
    await reporter.call<Story>('stories.create', { page: 'B7' });
    const context = await reporter.call<{
      page: string;
      user: string;
      stories: Array<{ key: string; content: { headline: string } }>;
    }>('checks.pageContext', { id: first.id });
    expect(context.page).toBe('B6');
    expect(context.user).toBe('孔记者');
    expect(context.stories.map((s) => [s.key, s.content.headline])).toEqual([[second.id, '同版的另一篇']]);
  });

  // The database is stopped last, so no other test runs while the server's listener is reconnecting.
  it('database stopped while a desk saves: kept on the desk, sent when the database is back', async () => {
    const reporter = await signedIn('qian', '钱记者', ['reporter']);
    const story = await written(reporter, '第一稿', '钱记者');
    const pendingFile = join(reporter.dir, 'newsroom', 'pending', `${story.id}.json`);

    cluster.halt();
    let restarted = false;
    try {
      const content = { ...contentOf(story), headline: '数据库停机时写的第二稿' };
      const kept = await reporter.refused('stories.save', { id: story.id, baseRev: story.rev, content });
      expect(kept.key).toBe('error.newsroomSaveKept');
      const file = JSON.parse(await readFile(pendingFile, 'utf8')) as {
        id: string;
        baseRev: number;
        content: { headline: string };
      };
      expect(file).toMatchObject({
        id: story.id,
        baseRev: story.rev,
        content: { headline: '数据库停机时写的第二稿' },
      });
      const status = await reporter.call<NewsroomStatus>('newsroom.status');
      expect(status.state).toBe('unreachable');
      expect(status.unreachableSince).not.toBeNull();
      expect(status.pending.map((p) => [p.storyId, p.baseRev, p.headline])).toEqual([
        [story.id, story.rev, '数据库停机时写的第二稿'],
      ]);

      const delivered = reporter.next((e) => e.type === 'story' && e.storyId === story.id, 30_000);
      cluster.start();
      restarted = true;
      const event = await delivered;
      expect(event).toMatchObject({ revision: story.rev + 1 });
    } finally {
      if (!restarted) cluster.start();
    }
    expect(await stat(pendingFile).catch(() => null)).toBeNull();
    const status = await reporter.call<NewsroomStatus>('newsroom.status');
    expect(status.state).toBe('connected');
    expect(status.pending).toEqual([]);
    const { rows } = await nr.pool.query<{ revision: number; headline: string }>(
      `select s.revision, r.content->>'headline' as headline
         from stories s join story_revisions r on r.story_id = s.id and r.revision = s.revision where s.id = $1`,
      [story.id],
    );
    expect(rows).toEqual([{ revision: story.rev + 1, headline: '数据库停机时写的第二稿' }]);

    // The window still holds the old revision: the same text again is the stored story, a longer one continues it.
    const same = await reporter.call<Story>('stories.save', {
      id: story.id,
      baseRev: story.rev,
      content: { ...contentOf(story), headline: '数据库停机时写的第二稿' },
    });
    expect(same.rev).toBe(story.rev + 1);
    const on = await reporter.call<Story>('stories.save', {
      id: story.id,
      baseRev: story.rev,
      content: { ...contentOf(story), headline: '数据库停机时写的第二稿（续）' },
    });
    expect(on.rev).toBe(story.rev + 2);
  });

  it('a kept save survives the desk restarting and is sent at the next sign-in', async () => {
    const password = await nr.person('yang', '杨记者', ['reporter']);
    const first = await desk();
    await first.call('newsroom.connect', { server: nr.url });
    await first.call('newsroom.signIn', { login: 'yang', password });
    const story = await written(first, '重启前', '杨记者');
    // Its lock is another session's once this desk restarts: the resend waits for it (60 s), so it is let go here.
    await first.call('locks.release', { id: story.id });
    cluster.halt();
    try {
      const content = { ...contentOf(story), headline: '关机前没送出的一稿' };
      const kept = await first.refused('stories.save', { id: story.id, baseRev: story.rev, content });
      expect(kept.key).toBe('error.newsroomSaveKept');
      await first.services.close();
      desks.splice(desks.indexOf(first), 1);
    } finally {
      cluster.start();
    }
    const second = await desk(first.dir);
    const status = await second.call<NewsroomStatus>('newsroom.status');
    expect(status).toMatchObject({ state: 'signedOut', lastLogin: 'yang', person: null });
    expect(status.pending.map((p) => p.headline)).toEqual(['关机前没送出的一稿']);
    const delivered = second.next((e) => e.type === 'story' && e.storyId === story.id, 30_000);
    await second.call('newsroom.signIn', { login: 'yang', password });
    expect((await delivered) as { revision: number }).toMatchObject({ revision: story.rev + 1 });
    const read = await second.call<Story>('stories.get', { id: story.id });
    expect([read.rev, read.headline]).toEqual([story.rev + 1, '关机前没送出的一稿']);
    expect((await second.call<NewsroomStatus>('newsroom.status')).pending).toEqual([]);
  });
});
