/**
 * A desk restarted while the newsroom does not answer (issue 18, ADR 013): it opens offline for
 * the person who last signed in on it, on the stories they hold away and the drafts they write;
 * it says since when and who, keeps neither password nor token, and when the newsroom answers the
 * person signs in and the outbox goes up. Real newsroom server on PostgreSQL, real data folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckInReport, CheckoutTaken } from '../../../shared/api/checkout-contract';
import type { NewsroomStatus } from '../../../shared/api';
import { contentOf, type Story } from '../../../shared/model';
import { startNewsroomServer, type RunningServer } from '../../server/http';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { NewsroomStories } from '../../server/store/stories';
import { startTestNewsroom, type TestNewsroom } from '../../server/testing';
import { openDesk, type Desk } from './test-desks';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

/** Reads until `ok` holds (the desk probes the newsroom in the background), for at most about 15 s. */
async function until(d: Desk, ok: (s: NewsroomStatus) => boolean, what: string): Promise<NewsroomStatus> {
  for (let i = 0; i < 300; i++) {
    const s = await d.status();
    if (ok(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the desk never became ${what}: ${JSON.stringify(await d.status())}`);
}

describe.skipIf(skip !== null)('a desk restarted while the newsroom does not answer', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  let server: RunningServer | null = null;
  const open: Desk[] = [];

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_offline_restart'));
  });
  afterAll(async () => {
    for (const d of open) await d.close();
    await server?.close();
    await nr?.close();
    cluster?.stop();
  });

  async function reopened(d: Desk): Promise<Desk> {
    await d.services.close();
    open.splice(open.indexOf(d), 1);
    const next = await openDesk(d.dir);
    open.push(next);
    return next;
  }

  const edited = (story: Story, headline: string) => ({
    id: story.id,
    baseRev: story.rev,
    content: { ...contentOf(story), headline },
  });

  async function revisions(id: string): Promise<string[]> {
    const { rows } = await nr.pool.query<{ headline: string }>(
      `select content->>'headline' as headline from story_revisions where story_id = $1 order by revision`,
      [id],
    );
    return rows.map((r) => r.headline);
  }

  it('opens offline for the last person, writes what they hold, and checks it in after they sign in', async () => {
    const password = await nr.person('sun', '孙记者', ['reporter']);
    let d = await openDesk();
    open.push(d);
    await d.call('newsroom.connect', { server: nr.url });
    await d.call('newsroom.signIn', { login: 'sun', password });
    const draft = await d.call<Story>('stories.create', {});
    const story = await d.call<Story>('stories.save', edited(draft, '出发前写的'));
    await d.call('locks.release', { id: story.id });
    const { desk } = await d.status();
    await d.call<CheckoutTaken>('checkout.take', { ids: [story.id], desk: desk! });

    // The desk closes, the newsroom stops, the desk starts again.
    const port = nr.server.port;
    await nr.server.close();
    d = await reopened(d);
    const offline = await until(d, (s) => s.state === 'unreachable', 'offline');
    expect(offline).toMatchObject({
      openedOffline: true,
      person: { id: 'sun', login: 'sun', name: '孙记者', roles: ['reporter'] },
      key: null,
      expiresAt: null,
      desk,
      outbox: 0,
    });
    expect(offline.away!.map((e) => [e.storyId, e.kind])).toEqual([[story.id, 'checkout']]);
    const since = offline.unreachableSince!;
    expect(Number.isNaN(Date.parse(since))).toBe(false);

    // Restarted again, still offline: since when stays what it was.
    d = await reopened(d);
    expect((await until(d, (s) => s.state === 'unreachable', 'offline')).unreachableSince).toBe(since);
    // Signing in does not reach the newsroom: said so, and the desk stays offline for the person.
    expect((await d.refused('newsroom.signIn', { login: 'sun', password })).key).toBe(
      'error.newsroomUnreachable',
    );
    expect((await d.status()).openedOffline).toBe(true);

    // Written as before: the story held away, a new draft.
    const listed = await d.call<{ items: Array<{ id: string }> }>('stories.list', {});
    expect(listed.items.map((s) => s.id)).toEqual([story.id]);
    const held = await d.call<Story>('stories.get', { id: story.id });
    await d.call<Story>('stories.save', edited(held, '火车上改的'));
    const written = await d.call<Story>('stories.create', {});
    await d.call<Story>('stories.save', edited(written, '村里写的新稿'));
    expect((await d.status()).outbox).toBe(3);
    // What needs the newsroom says so, signing first of all.
    const refused = await d.refused('review.act', { id: story.id, action: 'submit', baseRev: held.rev + 1 });
    expect(refused).toMatchObject({ key: 'error.newsroomOffline', params: { since } });
    expect((await d.refused('review.queue', {})).key).toBe('error.newsroomOffline');

    // The desk's newsroom files name the person, never the password (nor any session token).
    const files = [join(d.dir, 'newsroom.json'), join(d.dir, 'newsroom', 'checkout.json')];
    for (const name of await readdir(join(d.dir, 'newsroom', 'outbox')))
      files.push(join(d.dir, 'newsroom', 'outbox', name));
    for (const f of files) expect(await readFile(f, 'utf8')).not.toContain(password);
    const kept = JSON.parse(await readFile(files[0]!, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(kept).sort()).toEqual(
      ['desk', 'lastLogin', 'lastPerson', 'offlineSince', 'server', 'staleKeys', 'version'].sort(),
    );
    expect(kept.offlineSince).toBe(since);

    // The newsroom answers: the person signs in, the outbox goes up by itself.
    server = await startNewsroomServer({
      pool: nr.pool,
      accounts: nr.accounts,
      stories: new NewsroomStories(nr.pool),
      listen: { host: '127.0.0.1', port },
      sweepMs: 0,
    });
    const answered = await until(d, (s) => s.state === 'signedOut', 'signed out');
    expect([answered.person, answered.openedOffline, answered.unreachableSince]).toEqual([null, false, null]);
    await d.call('newsroom.signIn', { login: 'sun', password });
    const report = await d.call<CheckInReport>('checkout.checkIn', { desk: desk!, ops: [] });
    expect(report.refused).toBeNull();
    expect(await revisions(story.id)).toEqual(['', '出发前写的', '火车上改的']);
    expect(await revisions(written.id)).toEqual(['', '村里写的新稿']);
    const after = await d.status();
    expect([after.state, after.outbox, after.away, after.openedOffline]).toEqual(['connected', 0, [], false]);
    expect(after.key).not.toBeNull();
    const stored = JSON.parse(await readFile(files[0]!, 'utf8')) as Record<string, unknown>;
    expect(stored.offlineSince).toBeNull();
  });

  it('after the person signed out, a restart offline opens for nobody', async () => {
    const password = await nr.person('qian', '钱记者', ['reporter']);
    let d = await openDesk();
    open.push(d);
    await d.call('newsroom.connect', { server: server!.url });
    await d.call('newsroom.signIn', { login: 'qian', password });
    await d.call('newsroom.signOut', {});
    await server!.close();
    server = null;
    d = await reopened(d);
    // The newsroom does not answer the sign-in: the desk stays signed out, nobody works offline.
    expect((await d.refused('newsroom.signIn', { login: 'qian', password })).key).toBe(
      'error.newsroomUnreachable',
    );
    const s = await d.status();
    expect([s.state, s.person, s.openedOffline]).toEqual(['signedOut', null, false]);
  });
});
