/**
 * A story checked out to a desk is not submitted, signed or returned meanwhile (issue 18, ADR 013),
 * over HTTP on a real PostgreSQL: its writer may still change it at check-in, so every review
 * action is refused with `review.refused.checkedOut` naming who has it, where and since when, and
 * nothing is recorded; the check-in still goes on top; an editor who takes it over may then act.
 */
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { CheckInReport } from '../../shared/api/checkout-contract';
import { contentOf, type Story } from '../../shared/model';
import type { RegisteredKey, SignoffChallenge } from '../../shared/review/review-contract';
import type { Role } from '../../shared/review/roles';
import { generatePersonKey, signChallenge, signKeyRegistration, type UnlockedKey } from './keys/person-key';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { FAST_SCRYPT, refusal, startTestNewsroom, TestDesk, type TestNewsroom } from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const LAPTOP = '王编辑的笔记本';
type Person = { id: string; desk: TestDesk; key: UnlockedKey };

describe.skipIf(skip !== null)('review actions on a checked-out story', () => {
  let cluster: PgCluster;
  let nr: TestNewsroom;

  async function person(id: string, name: string, roles: Role[]): Promise<Person> {
    const password = await nr.person(id, name, roles);
    const desk = await TestDesk.signIn(nr.url, id, password);
    const { unlocked } = await generatePersonKey(password, FAST_SCRYPT);
    await desk.call<RegisteredKey>('keys.register', {
      publicKey: unlocked.publicKey,
      proof: signKeyRegistration(unlocked, id),
    });
    return { id, desk, key: unlocked };
  }

  const challenge = (p: Person, story: Story, action: 'sign' | 'return') =>
    p.desk.call<SignoffChallenge>('review.challenge', { id: story.id, action, baseRev: story.rev });

  function answer(p: Person, story: Story, ch: SignoffChallenge, action: 'sign' | 'return') {
    const signature = signChallenge(p.key, ch.text, {
      storyId: story.id,
      revision: story.rev,
      content: contentOf(story),
    });
    return p.desk.call<Story>('review.act', {
      id: story.id,
      action,
      baseRev: story.rev,
      comment: action === 'return' ? '请补充采访对象' : undefined,
      signoff: { nonce: ch.nonce, signature },
    });
  }

  async function written(p: Person, headline: string): Promise<Story> {
    const draft = await p.desk.call<Story>('stories.create', {});
    await p.desk.call('locks.acquire', { id: draft.id });
    const saved = await p.desk.call<Story>('stories.save', {
      id: draft.id,
      baseRev: draft.rev,
      content: { ...contentOf(draft), headline },
    });
    await p.desk.call('locks.release', { id: draft.id });
    return saved;
  }

  const count = async (sql: string, params: unknown[]) =>
    Number((await nr.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

  beforeAll(async () => {
    cluster = startPgCluster();
    nr = await startTestNewsroom(cluster.createDatabase('checkout_review'));
  });
  afterAll(async () => {
    await nr?.close();
    cluster?.stop();
  });

  it('refuses sign and return on a story checked out to someone else, until an editor takes it over', async () => {
    const zhang = await person('zhang', '张记者', ['reporter']);
    const li = await person('li', '李初审', ['first-editor']);
    const wang = await person('wang', '王编辑', ['first-editor']);
    const story = await written(zhang, '村里的党员先锋岗');
    const sent = await zhang.desk.call<Story>('review.act', {
      id: story.id,
      action: 'submit',
      baseRev: story.rev,
    });
    // A challenge asked before the check-out, answered after it: refused when answered.
    const early = await challenge(li, sent, 'sign');
    await wang.desk.call('checkout.take', { ids: [sent.id], desk: LAPTOP });

    const signing = await refusal(answer(li, sent, early, 'sign'));
    expect(signing).toMatchObject({
      code: 'locked',
      key: 'review.refused.checkedOut',
      params: { id: sent.id, name: '王编辑', desk: LAPTOP, action: 'sign' },
    });
    expect(Number.isNaN(Date.parse(signing.params.since as string))).toBe(false);
    // Asking for a new challenge is refused already, for a return too: nothing is signed.
    expect((await refusal(challenge(li, sent, 'sign'))).key).toBe('review.refused.checkedOut');
    expect((await refusal(challenge(li, sent, 'return'))).params).toMatchObject({ action: 'return' });
    expect(await count('select count(*) as n from signatures where story_id = $1', [sent.id])).toBe(0);
    expect(
      await count(`select count(*) as n from audit where story_id = $1 and action in ('sign', 'return')`, [
        sent.id,
      ]),
    ).toBe(0);

    // The writer may still change it: the check-in goes on top of the revision it left at.
    const report = await wang.desk.call<CheckInReport>('checkout.checkIn', {
      desk: LAPTOP,
      ops: [
        {
          opId: randomUUID(),
          storyId: sent.id,
          baseRev: sent.rev,
          content: { ...contentOf(sent), headline: '路上改的' },
          at: new Date().toISOString(),
        },
      ],
      keep: [sent.id],
    });
    expect(report.results.map((r) => [r.outcome, r.revision])).toEqual([['applied', sent.rev + 1]]);
    const changed = await li.desk.call<Story>('stories.get', { id: sent.id });
    expect((await refusal(challenge(li, changed, 'sign'))).key).toBe('review.refused.checkedOut');

    // An editor takes it over (with a reason): then it is signed as it is now.
    await li.desk.call('checkout.takeOver', { id: sent.id, reason: '明天见报，王编辑联系不上' });
    const signed = await answer(li, changed, await challenge(li, changed, 'sign'), 'sign');
    expect(signed.rev).toBe(sent.rev + 1);
    expect(await count('select count(*) as n from signatures where story_id = $1', [sent.id])).toBe(1);
  });

  it('refuses submitting a story checked out, to its own writer too, until it is checked in', async () => {
    const zhao = await person('zhao', '赵记者', ['reporter']);
    const story = await written(zhao, '车间里的党课');
    await zhao.desk.call('checkout.take', { ids: [story.id], desk: '赵记者的笔记本' });
    const submitting = await refusal(
      zhao.desk.call('review.act', { id: story.id, action: 'submit', baseRev: story.rev }),
    );
    expect(submitting).toMatchObject({
      key: 'review.refused.checkedOut',
      params: { name: '赵记者', desk: '赵记者的笔记本', action: 'submit' },
    });
    expect((await zhao.desk.call<Story>('stories.get', { id: story.id })).status).toBe('draft');

    await zhao.desk.call<CheckInReport>('checkout.checkIn', {
      desk: '赵记者的笔记本',
      ops: [],
      release: [story.id],
    });
    const sent = await zhao.desk.call<Story>('review.act', {
      id: story.id,
      action: 'submit',
      baseRev: story.rev,
    });
    expect(sent.status).toBe('submitted');
  });
});
