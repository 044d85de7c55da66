/**
 * 三审 over the newsroom server's HTTP API on a real PostgreSQL cluster (issue 17): people signed in
 * with passwords, each editor's own Ed25519 key registered over HTTP, every sign-off a signed answer
 * to the server's challenge, pushed to the other desks' WebSockets; the server decides who may act
 * from the session alone, whatever the request says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DeskErrorShape } from '../../shared/api';
import type { DeskEvent } from '../../shared/api/events';
import { contentOf, type Story } from '../../shared/model';
import type { AuditEntry } from '../../shared/review/audit';
import type { QueueItem, RegisteredKey, SignoffChallenge } from '../../shared/review/review-contract';
import type { Role } from '../../shared/review/roles';
import { generatePersonKey, signChallenge, signKeyRegistration, type UnlockedKey } from './keys/person-key';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { verifyNewsroom } from './store/audit-verify';
import {
  FAST_SCRYPT,
  refusal,
  startTestNewsroom,
  TestDesk,
  type EventSocket,
  type TestNewsroom,
} from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

type Person = { id: string; desk: TestDesk; key: UnlockedKey };

describe.skipIf(skip !== null)('三审 over HTTP with signed sign-offs on PostgreSQL', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;

  /** A person with an account, signed in over HTTP, with a key made on "their desktop" and registered over HTTP. */
  async function person(id: string, name: string, roles: Role[], register = true): Promise<Person> {
    const password = await nr.person(id, name, roles);
    const desk = await TestDesk.signIn(nr.url, id, password);
    const { unlocked } = await generatePersonKey(password, FAST_SCRYPT);
    if (register) {
      const key = await desk.call<RegisteredKey>('keys.register', {
        publicKey: unlocked.publicKey,
        proof: signKeyRegistration(unlocked, id),
      });
      expect(key.fingerprint).toMatch(/\S/);
    }
    return { id, desk, key: unlocked };
  }

  /** What a desk does to sign: ask for the challenge of the revision on screen, check it, sign it, send it. */
  async function signOff(
    p: Person,
    story: Story,
    action: 'sign' | 'return' = 'sign',
    comment?: string,
    anchor?: { field: 'body' | 'headline'; block: number; start: number; end: number },
  ) {
    const ch = await p.desk.call<SignoffChallenge>('review.challenge', {
      id: story.id,
      action,
      baseRev: story.rev,
    });
    const signature = signChallenge(p.key, ch.text, {
      storyId: story.id,
      revision: story.rev,
      content: contentOf(story),
    });
    return p.desk.call<Story>('review.act', {
      id: story.id,
      action,
      baseRev: story.rev,
      comment,
      anchor,
      signoff: { nonce: ch.nonce, signature },
    });
  }

  /** A reporter's story, written and saved over HTTP; returns it as saved. */
  async function written(reporter: Person, headline: string, bylineName: string): Promise<Story> {
    const draft = await reporter.desk.call<Story>('stories.create', {});
    await reporter.desk.call('locks.acquire', { id: draft.id });
    const saved = await reporter.desk.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: {
        ...contentOf(draft),
        headline,
        byline: { credits: [{ kind: 'person', role: '记者', names: [bylineName] }], position: 'top' },
      },
    });
    await reporter.desk.call('locks.release', { id: draft.id });
    return saved;
  }

  const storyEvent = (socket: EventSocket, id: string, status: string, from: number) =>
    socket.next((e: DeskEvent) => e.type === 'story' && e.storyId === id && e.status === status, from);

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('review_http'));
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
  });

  it('runs submit → 初审 → 复审 → 终审 across four desks, pushed live, and reads the trail back', async () => {
    const zhang = await person('zhang', '张记者', ['reporter']);
    const li = await person('li', '李初审', ['first-editor']);
    const wang = await person('wang', '王复审', ['second-editor']);
    const zhao = await person('zhao', '赵终审', ['final-editor']);
    const watcher = await person('sun', '孙编辑', ['first-editor', 'second-editor'], false);
    const story = await written(zhang, '村里的党员先锋岗', '张记者');

    const socket = await watcher.desk.events();
    try {
      let from = socket.received.length;
      let t0 = performance.now();
      const submitted = await zhang.desk.call<Story>('review.act', {
        id: story.id,
        action: 'submit',
        baseRev: story.rev,
        note: '请重点看第二段的数字',
        findings: { error: 0, warning: 2, info: 1 },
      });
      expect(submitted.status).toBe('submitted');
      const seen = await storyEvent(socket, story.id, 'submitted', from);
      expect(seen.at - t0).toBeLessThan(1000);
      expect(socket.received.slice(from).map((r) => r.event.type)).toContain('review');

      // The queue of the 初审 editor shows it, at its level, signable.
      const queue = await li.desk.call<QueueItem[]>('review.queue');
      expect(queue.map((q) => [q.story.id, q.level, q.blockedBy, q.openComments, q.stuck])).toEqual([
        [story.id, 'first', null, 0, null],
      ]);
      // With the submission as the desktop keeps it: who, the revision, the note, the findings seen.
      expect(queue[0]!.submission).toMatchObject({
        userId: 'zhang',
        name: '张记者',
        rev: story.rev,
        note: '请重点看第二段的数字',
        findings: { error: 0, warning: 2, info: 1 },
      });
      // The 终审 editor's queue does not: it waits for 初审.
      expect(await zhao.desk.call<QueueItem[]>('review.queue')).toEqual([]);

      let current = submitted;
      for (const [who, status] of [
        [li, 'first-passed'],
        [wang, 'second-passed'],
        [zhao, 'approved'],
      ] as const) {
        from = socket.received.length;
        t0 = performance.now();
        current = await signOff(who, current);
        expect(current.status).toBe(status);
        const pushed = await storyEvent(socket, story.id, status, from);
        expect(pushed.at - t0).toBeLessThan(1000);
      }

      const trail = await zhang.desk.call<AuditEntry[]>('review.audit', { id: story.id });
      expect(trail.map((e) => [e.kind, e.userId, e.level, e.from, e.to, e.rev])).toEqual([
        ['create', 'zhang', null, null, null, 1],
        ['submit', 'zhang', null, 'draft', 'submitted', story.rev],
        ['sign', 'li', 'first', 'submitted', 'first-passed', story.rev],
        ['sign', 'wang', 'second', 'first-passed', 'second-passed', story.rev],
        ['sign', 'zhao', 'final', 'second-passed', 'approved', story.rev],
      ]);
      expect(trail[1]!.detail).toBe('请重点看第二段的数字');
    } finally {
      socket.close();
    }
  });

  it('returns a story with a signed return and its reason; the reporter sees it in her queue', async () => {
    const zhang = await person('zhang2', '张二', ['reporter']);
    const li = await person('li2', '李二', ['first-editor']);
    const story = await written(zhang, '一堂特别的党课', '张二');
    const submitted = await zhang.desk.call<Story>('review.act', {
      id: story.id,
      action: 'submit',
      baseRev: story.rev,
    });
    // A return without its signed answer is refused: in the newsroom it is signed like a sign-off.
    const unsigned = await refusal(
      li.desk.call('review.act', { id: story.id, action: 'return', baseRev: story.rev, comment: '改' }),
    );
    expect(unsigned.key).toBe('review.refused.signatureRequired');
    const returned = await signOff(li, submitted, 'return', '标题请再斟酌', {
      field: 'headline',
      block: 0,
      start: 0,
      end: 2,
    });
    expect(returned.status).toBe('returned');
    // The reason is a comment marked with the level, on the passage it points to (quoted as on the desktop).
    expect(returned.comments).toEqual([
      expect.objectContaining({
        text: '标题请再斟酌',
        returnedAt: 'first',
        name: '李二',
        anchor: expect.objectContaining({ field: 'headline', block: 0, start: 0, end: 2, quote: '一堂' }),
      }),
    ]);
    const queue = await zhang.desk.call<QueueItem[]>('review.queue');
    expect(queue.map((q) => [q.story.id, q.level])).toEqual([[story.id, null]]);
    const trail = await li.desk.call<AuditEntry[]>('review.audit', { id: story.id });
    expect(trail.at(-1)).toMatchObject({ kind: 'return', level: 'first', detail: '标题请再斟酌' });
  });

  it('refuses a reporter 终审 even when the request is forged by hand, and a sign-off replayed from another session', async () => {
    const zhang = await person('zhang3', '张三', ['reporter']);
    const li = await person('li3', '李三', ['first-editor']);
    const wang = await person('wang3', '王三', ['second-editor']);
    const zhao = await person('zhao3', '赵三', ['final-editor']);
    const story = await written(zhang, '志愿服务进社区', '张三');
    let current = await zhang.desk.call<Story>('review.act', {
      id: story.id,
      action: 'submit',
      baseRev: story.rev,
    });
    current = await signOff(li, current);
    current = await signOff(wang, current);
    expect(current.status).toBe('second-passed');

    // By hand: a raw request whose body claims to come from the 终审 editor.
    const forged = async (method: string, body: Record<string, unknown>) => {
      const res = await fetch(new URL(`api/call/${method}`, nr.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${zhang.desk.token}` },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; error?: DeskErrorShape };
    };
    const claim = { userId: 'zhao3', person: { id: 'zhao3', name: '赵三', roles: ['final-editor'] } };
    const asked = await forged('review.challenge', {
      id: story.id,
      action: 'sign',
      baseRev: current.rev,
      level: 'final',
      ...claim,
    });
    expect(asked.ok).toBe(false);
    expect(asked.error).toMatchObject({ key: 'review.refused.noRole', params: { name: '张三' } });

    // Zhao's real challenge and signature, sent from Zhang's session: not hers, so refused.
    const ch = await zhao.desk.call<SignoffChallenge>('review.challenge', {
      id: story.id,
      action: 'sign',
      baseRev: current.rev,
      level: 'final',
    });
    const signature = signChallenge(zhao.key, ch.text, {
      storyId: story.id,
      revision: current.rev,
      content: contentOf(current),
    });
    const replayed = await forged('review.act', {
      id: story.id,
      action: 'sign',
      baseRev: current.rev,
      signoff: { nonce: ch.nonce, signature },
      ...claim,
    });
    expect(replayed.ok).toBe(false);
    expect(replayed.error?.key).toBe('review.refused.challengeExpired');
    const { rows } = await nr.pool.query('select 1 from signatures where story_id = $1 and level = $2', [
      story.id,
      'final',
    ]);
    expect(rows).toHaveLength(0);

    // The challenge is still Zhao's to answer.
    const signedByZhao = await zhao.desk.call<Story>('review.act', {
      id: story.id,
      action: 'sign',
      baseRev: current.rev,
      signoff: { nonce: ch.nonce, signature },
    });
    expect(signedByZhao.status).toBe('approved');
  });

  it('20 simultaneous sign attempts on one level from 20 sessions: exactly one recorded, 19 refused', async () => {
    const zhang = await person('zhang4', '张四', ['reporter']);
    const editors: Person[] = [];
    // Every editor also holds 复审: a sign-off that slid to the next level would be a second signature.
    for (let i = 0; i < 20; i++)
      editors.push(await person(`editor-${i}`, `编辑${i}`, ['first-editor', 'second-editor']));
    const story = await written(zhang, '同一时刻签发', '张四');
    const submitted = await zhang.desk.call<Story>('review.act', {
      id: story.id,
      action: 'submit',
      baseRev: story.rev,
    });
    const answers = await Promise.all(
      editors.map(async (e) => {
        const ch = await e.desk.call<SignoffChallenge>('review.challenge', {
          id: story.id,
          action: 'sign',
          baseRev: submitted.rev,
        });
        const signature = signChallenge(e.key, ch.text, {
          storyId: story.id,
          revision: submitted.rev,
          content: contentOf(submitted),
        });
        return {
          e,
          body: {
            id: story.id,
            action: 'sign',
            baseRev: submitted.rev,
            signoff: { nonce: ch.nonce, signature },
          },
        };
      }),
    );
    expect(answers).toHaveLength(20);
    const outcomes = await Promise.all(answers.map(({ e, body }) => e.desk.raw<Story>('review.act', body)));
    const won = outcomes.filter((o) => o.ok);
    const lost = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    const winner = won[0]!.ok ? won[0]!.result : null;
    expect(winner?.status).toBe('first-passed');
    const { rows } = await nr.pool.query<{ level: string; person_id: string }>(
      'select level, person_id from signatures where story_id = $1',
      [story.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.level).toBe('first');
    const name = editors.find((e) => e.id === rows[0]!.person_id)!.id.replace('editor-', '编辑');
    for (const e of lost)
      expect([e.code, e.key, e.params]).toEqual([
        'invalid-input',
        'review.refused.alreadySigned',
        { level: 'first', name },
      ]);

    // The database as it stands after every test above: the chain and every signature verify.
    const c = await nr.pool.connect();
    try {
      const verdict = await verifyNewsroom(c);
      expect(verdict.firstProblem).toBeNull();
      expect(verdict.signatures).toBeGreaterThanOrEqual(1 + 3 + 1 + 3);
    } finally {
      c.release();
    }
  });

  it('hides another reporter’s draft from review.challenge and refuses a key proof made for someone else', async () => {
    const zhang = await person('zhang5', '张五', ['reporter'], false);
    const liu = await person('liu5', '刘五', ['reporter']);
    const draft = await written(liu, '未提交的草稿', '刘五');
    // Another reporter's draft is not found for her, whatever the workflow would say.
    const hidden = await refusal(
      zhang.desk.call('review.challenge', { id: draft.id, action: 'sign', baseRev: draft.rev }),
    );
    expect(hidden.key).toBe('error.storyNotFound');
    // A proof made for another person does not register a key.
    const proof = await refusal(
      zhang.desk.call('keys.register', {
        publicKey: zhang.key.publicKey,
        proof: signKeyRegistration(zhang.key, 'liu5'),
      }),
    );
    expect(proof.key).toBe('error.keyProof');
  });
});
