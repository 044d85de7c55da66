/**
 * A property of the desk's outbox (issue 18), on a real newsroom server and PostgreSQL: two desks,
 * each reaching the newsroom through a connection of its own that the test cuts and restores,
 * random interleavings of check-outs, saves on the desk (connected or cut off), drafts, take-overs
 * by an editor on a third desk and check-ins end, once both desks are back and checked in, with
 * every version anyone wrote reachable on the newsroom (a revision, or a parallel version of the
 * story), none applied twice, and nothing left in either outbox.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckoutTaken } from '../../../shared/api/checkout-contract';
import { contentOf, type Story } from '../../../shared/model';
import type { LockView } from '../../../shared/review/review-contract';
import { pgSkipReason, startPgCluster, type PgCluster } from '../../server/pg-cluster';
import { startTestNewsroom, type TestNewsroom } from '../../server/testing';
import { openDesk, type Desk } from './test-desks';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const STORIES = 2;

/** A TCP relay to the newsroom that can be cut (every connection dropped, none taken) and restored. */
class Line {
  readonly #target: number;
  readonly #sockets = new Set<Socket>();
  #server: Server | null = null;
  port = 0;
  constructor(target: number) {
    this.#target = target;
  }
  async up(): Promise<void> {
    if (this.#server) return;
    const server = createServer((inbound) => {
      const outbound = connect(this.#target, '127.0.0.1');
      for (const s of [inbound, outbound]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => undefined);
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }
  async down(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    for (const s of this.#sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

type Command =
  | { t: 'take'; d: number; s: number }
  | { t: 'edit'; d: number; s: number }
  | { t: 'draft'; d: number }
  | { t: 'cut'; d: number }
  | { t: 'restore'; d: number }
  | { t: 'takeOver'; s: number }
  | { t: 'checkIn'; d: number; keep: boolean };

const deskNo = fc.integer({ min: 0, max: 1 });
const storyNo = fc.integer({ min: 0, max: STORIES - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('take' as const), d: deskNo, s: storyNo }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('edit' as const), d: deskNo, s: storyNo }), weight: 5 },
  fc.record({ t: fc.constant('draft' as const), d: deskNo }),
  { arbitrary: fc.record({ t: fc.constant('cut' as const), d: deskNo }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('restore' as const), d: deskNo }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('takeOver' as const), s: storyNo }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('checkIn' as const), d: deskNo, keep: fc.boolean() }), weight: 2 },
);

const ignore = () => undefined;

describe.skipIf(skip !== null)('the desk outbox under random interleavings', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;
  const lines: Line[] = [];
  const desks: Desk[] = [];
  let reporter: Desk;
  let editor: Desk;

  async function signIn(d: Desk, server: string, login: string, password: string) {
    await d.call('newsroom.connect', { server });
    await d.call('newsroom.signIn', { login, password });
  }

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('desk_checkout_property'));
    const people = [
      ['pei', '裴记者', 'reporter'],
      ['wei', '魏编辑', 'first-editor'],
      ['xu', '许编辑', 'first-editor'],
      ['yan', '严主任', 'final-editor'],
    ] as const;
    const pw: string[] = [];
    for (const [id, name, role] of people) pw.push(await nr.person(id, name, [role]));
    reporter = await openDesk();
    editor = await openDesk();
    await signIn(reporter, nr.url, 'pei', pw[0]!);
    await signIn(editor, nr.url, 'yan', pw[3]!);
    for (const [i, login] of [
      [1, 'wei'],
      [2, 'xu'],
    ] as const) {
      const line = new Line(nr.server.port);
      await line.up();
      lines.push(line);
      const d = await openDesk();
      desks.push(d);
      await signIn(d, `http://127.0.0.1:${line.port}`, login, pw[i]!);
    }
  });
  afterAll(async () => {
    for (const l of lines) await l.up().catch(ignore);
    for (const d of [...desks, reporter, editor]) await d?.close();
    for (const l of lines) await l.down();
    await nr?.close();
    cluster?.stop();
  });

  async function connected(d: Desk): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if ((await d.status()).state === 'connected') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the desk did not reconnect');
  }

  async function checkedIn(d: Desk): Promise<void> {
    for (let i = 0; i < 50; i++) {
      await connected(d);
      const { desk } = await d.status();
      const r = await d
        .call<{ refused: unknown }>('checkout.checkIn', { desk, ops: [] })
        .catch((e: unknown) => {
          const key = (e as { shape?: { key: string } }).shape?.key;
          if (key === 'error.newsroomUnreachable' || key === 'error.newsroomOffline') return null;
          throw e;
        });
      if (r) {
        expect(r.refused).toBeNull();
        return;
      }
    }
    throw new Error('the check-in never reached the newsroom');
  }

  it('every version written on either desk stays reachable on the newsroom', async () => {
    let run = 0;
    let withParallel = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 3, maxLength: 20 }), async (commands) => {
        run++;
        // Fresh stories each run, submitted so editors see them.
        const stories: Story[] = [];
        for (let i = 0; i < STORIES; i++) {
          const draft = await reporter.call<Story>('stories.create', {});
          await reporter.call('locks.acquire', { id: draft.id });
          const saved = await reporter.call<Story>('stories.save', {
            id: draft.id,
            baseRev: draft.rev,
            content: { ...contentOf(draft), headline: `r${run}-s${i}-base` },
          });
          await reporter.call('review.act', { id: saved.id, action: 'submit', baseRev: saved.rev });
          await reporter.call('locks.release', { id: saved.id });
          stories.push(saved);
        }
        /** Every headline written, by story. */
        const written = new Map<string, string[]>();
        const wrote = (id: string, headline: string) =>
          written.set(id, [...(written.get(id) ?? []), headline]);
        let n = 0;
        const headline = () => `r${run}-v${++n}`;

        for (const c of commands) {
          if (c.t === 'cut') await lines[c.d]!.down();
          else if (c.t === 'restore') await lines[c.d]!.up();
          else if (c.t === 'take') {
            const d = desks[c.d]!;
            const { desk } = await d.status();
            await d.call<CheckoutTaken>('checkout.take', { ids: [stories[c.s]!.id], desk }).catch(ignore);
          } else if (c.t === 'edit') {
            const d = desks[c.d]!;
            const id = stories[c.s]!.id;
            if (!(await d.status()).away!.some((e) => e.storyId === id)) continue;
            const copy = await d.call<Story>('stories.get', { id });
            const h = headline();
            await d.call('stories.save', {
              id,
              baseRev: copy.rev,
              content: { ...contentOf(copy), headline: h },
            });
            wrote(id, h);
          } else if (c.t === 'draft') {
            const d = desks[c.d]!;
            const draft = await d.call<Story>('stories.create', {}).catch(() => null);
            if (!draft) continue;
            // Online the draft is the newsroom's: its writer takes the lock as a window does.
            if ((await d.status()).away!.every((e) => e.storyId !== draft.id))
              if (
                !(await d.call('locks.acquire', { id: draft.id }).then(
                  () => true,
                  () => false,
                ))
              )
                continue;
            const h = headline();
            const saved = await d
              .call('stories.save', {
                id: draft.id,
                baseRev: draft.rev,
                content: { ...contentOf(draft), headline: h },
              })
              .then(
                () => true,
                () => false,
              );
            if (saved) wrote(draft.id, h);
            else wrote(draft.id, '');
          } else if (c.t === 'takeOver') {
            const id = stories[c.s]!.id;
            const lock = await editor.call<LockView>('locks.view', { id });
            if (!lock.checkout) continue;
            await editor.call('checkout.takeOver', { id, reason: '版面等着用' });
            const current = await editor.call<Story>('stories.get', { id });
            const h = headline();
            await editor.call('stories.save', {
              id,
              baseRev: current.rev,
              content: { ...contentOf(current), headline: h },
            });
            wrote(id, h);
            await editor.call('locks.release', { id });
          } else {
            const d = desks[c.d]!;
            const { desk, away } = await d.status();
            await d
              .call('checkout.checkIn', {
                desk,
                ops: [],
                ...(c.keep ? { keep: away!.map((e) => e.storyId) } : {}),
              })
              .catch(ignore);
          }
        }

        // Both desks back: each checks in whatever it still holds (again, when a request met a dropped connection).
        for (let i = 0; i < desks.length; i++) {
          await lines[i]!.up();
          await checkedIn(desks[i]!);
          const after = await desks[i]!.status();
          expect([after.outbox, after.away]).toEqual([0, []]);
        }

        for (const [id, heads] of written) {
          const { rows: revs } = await nr.pool.query<{ h: string }>(
            `select content->>'headline' as h from story_revisions where story_id = $1`,
            [id],
          );
          const { rows: parallel } = await nr.pool.query<{ h: string }>(
            `select content->>'headline' as h from story_conflicts where story_id = $1`,
            [id],
          );
          const onServer = [...revs, ...parallel].map((r) => r.h);
          for (const h of heads) expect(onServer, `${id}: ${h}`).toContain(h);
          if (parallel.length > 0) withParallel++;
          const mine = onServer.filter((h) => h.startsWith(`r${run}-v`));
          expect(new Set(mine).size, `${id}: a version applied twice`).toBe(mine.length);
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
    console.log(`${run} runs, ${withParallel} stories ended with a parallel version`);
  });
});
