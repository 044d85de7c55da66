import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DeskError } from '../../shared/api';
import type { Role } from '../../shared/review/roles';
import { generatePersonKey, signKeyRegistration, signSignoff } from './keys/person-key';
import { keyRegistrationText, parseSignoff, SIGNOFF_PURPOSE } from './keys/signoff';
import { deskOf, saveRevision, signed, storyContent, type Desk } from './newsroom-fixture';
import { migratedPool } from './testing';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { verifyAudit } from './store/audit-chain';
import { PersonKeys } from './store/person-keys';
import { NewsroomReview } from './store/review';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const rejection = async (p: Promise<unknown>): Promise<DeskError> => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeTruthy();
  return err as DeskError;
};

describe.skipIf(skip !== null)('review on the newsroom store (PostgreSQL)', () => {
  let cluster: PgCluster;
  const pools: pg.Pool[] = [];
  let n = 0;
  beforeAll(() => {
    cluster = startPgCluster();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    cluster?.stop();
  });

  type Room = {
    pool: pg.Pool;
    review: NewsroomReview;
    clock: { t: number };
    desk(id: string, name: string, roles: Role[], register?: boolean): Promise<Desk>;
  };
  const room = async (): Promise<Room> => {
    const pool = await migratedPool(cluster.createDatabase(`r${++n}`), 8);
    pools.push(pool);
    const clock = { t: Date.parse('2026-12-07T08:00:00.000Z') };
    const now = () => new Date(clock.t);
    return {
      pool,
      clock,
      review: new NewsroomReview(pool, { now, challengeTtlMs: 5 * 60_000 }),
      desk: (id, name, roles, register = true) => deskOf(pool, id, name, roles, { register }),
    };
  };

  it('carries a story through 三审: submit with a note, three signed sign-offs, each verified and audited', async () => {
    const r = await room();
    const reporter = await r.desk('zhang-ming', '张明', ['reporter']);
    const a = await r.desk('li-hua', '李华', ['first-editor', 'second-editor']);
    const b = await r.desk('wang-fang', '王芳', ['first-editor', 'second-editor']);
    const c = await r.desk('zhao-qiang', '赵强', ['second-editor', 'final-editor']);
    const rev = await saveRevision(
      r.pool,
      'story-round-1',
      'zhang-ming',
      storyContent('村里的党员夜校', ['张明']),
    );

    const submitted = await r.review.submit(reporter.who, {
      storyId: 'story-round-1',
      revision: rev,
      note: '请重点看第三段数字',
    });
    expect(submitted).toMatchObject({ status: 'submitted', event: { kind: 'submit', from: 'draft' } });

    const ch1 = await r.review.challenge(a.who, { storyId: 'story-round-1', revision: rev, action: 'sign' });
    expect(ch1.payload).toMatchObject({
      purpose: SIGNOFF_PURPOSE,
      storyId: 'story-round-1',
      revision: rev,
      level: 'first',
      decision: 'approve',
      serverTimestamp: '2026-12-07T08:00:00.000Z',
    });
    expect(parseSignoff(ch1.text)).toEqual(ch1.payload);
    const first = await r.review.sign(a.who, signed(a, ch1));
    expect(first).toMatchObject({
      status: 'first-passed',
      signatures: [{ level: 'first', userId: 'li-hua' }],
    });

    const ch2 = await r.review.challenge(b.who, { storyId: 'story-round-1', revision: rev, action: 'sign' });
    expect(ch2.payload.level).toBe('second');
    await r.review.sign(b.who, signed(b, ch2));
    const ch3 = await r.review.challenge(c.who, { storyId: 'story-round-1', revision: rev, action: 'sign' });
    const done = await r.review.sign(c.who, signed(c, ch3));
    expect(done.status).toBe('approved');
    expect(done.signatures.map((s) => `${s.level}:${s.userId}@${s.rev}`)).toEqual([
      'first:li-hua@1',
      'second:wang-fang@1',
      'final:zhao-qiang@1',
    ]);

    // Layout is the workflow's too: not a reporter; an editor sends it, unsigned, audited.
    expect(
      (await rejection(r.review.layout(reporter.who, { storyId: 'story-round-1', revision: rev }))).key,
    ).toBe('review.refused.cannotLayout');
    expect((await r.review.layout(a.who, { storyId: 'story-round-1', revision: rev })).status).toBe(
      'laid-out',
    );

    const rows = await r.pool.query<{ level: string; payload: string; signature: string; key_id: string }>(
      `select level, payload, signature, key_id from signatures where story_id = $1 order by id`,
      ['story-round-1'],
    );
    expect(rows.rows.map((x) => x.level)).toEqual(['first', 'second', 'final']);
    expect(rows.rows[0]!.payload).toBe(ch1.text);
    const audit = await r.pool.query<{ action: string; story_id: string | null; detail: { note?: string } }>(
      'select action, story_id, detail from audit order by seq',
    );
    expect(audit.rows.filter((x) => x.story_id).map((x) => x.action)).toEqual([
      'submit',
      'sign',
      'sign',
      'sign',
      'layout',
    ]);
    expect(audit.rows.find((x) => x.action === 'submit')!.detail.note).toBe('请重点看第三段数字');
    // The note is kept with the submission (as the desktop keeps it), not as a comment.
    const kept = await r.pool.query('select submission from stories where id = $1', ['story-round-1']);
    expect(kept.rows[0].submission).toMatchObject({
      userId: 'zhang-ming',
      name: '张明',
      rev,
      note: '请重点看第三段数字',
      photos: 0,
      findings: null,
    });
    expect(
      (await r.pool.query('select 1 from comments where story_id = $1', ['story-round-1'])).rows,
    ).toEqual([]);
    const client = await r.pool.connect();
    expect((await verifyAudit(client)).firstProblem).toBeNull();
    client.release();
  });

  it('refuses with the workflow’s own keys: a reporter at 终审 (even by hand), an author, two levels, no role', async () => {
    const r = await room();
    const reporter = await r.desk('zhang-ming', '张明', ['reporter']);
    const author = await r.desk('zhou-yu', '周宇', ['reporter', 'first-editor']);
    const a = await r.desk('li-hua', '李华', ['first-editor', 'second-editor']);
    const c = await r.desk('zhao-qiang', '赵强', ['second-editor', 'final-editor']);
    const rev = await saveRevision(
      r.pool,
      'story-refuse',
      'zhang-ming',
      storyContent('支部书记', ['张明', '周宇']),
    );
    // Not submitted yet: nothing to sign.
    const early = await rejection(
      r.review.challenge(a.who, { storyId: 'story-refuse', revision: rev, action: 'sign' }),
    );
    expect([early.code, early.key]).toEqual(['invalid-input', 'review.refused.nothingToSign']);
    await r.review.submit(reporter.who, { storyId: 'story-refuse', revision: rev });
    expect(
      (await rejection(r.review.submit(reporter.who, { storyId: 'story-refuse', revision: rev }))).key,
    ).toBe('review.refused.notDraft');

    expect(
      (
        await rejection(
          r.review.challenge(reporter.who, { storyId: 'story-refuse', revision: rev, action: 'sign' }),
        )
      ).key,
    ).toBe('review.refused.noRole');
    const own = await rejection(
      r.review.challenge(author.who, { storyId: 'story-refuse', revision: rev, action: 'sign' }),
    );
    expect([own.key, own.params]).toEqual(['review.refused.ownStory', { name: '周宇', level: 'first' }]);

    await r.review.sign(
      a.who,
      signed(a, await r.review.challenge(a.who, { storyId: 'story-refuse', revision: rev, action: 'sign' })),
    );
    expect(
      (await rejection(r.review.challenge(a.who, { storyId: 'story-refuse', revision: rev, action: 'sign' })))
        .key,
    ).toBe('review.refused.signedOtherLevel');
    await r.review.sign(
      c.who,
      signed(c, await r.review.challenge(c.who, { storyId: 'story-refuse', revision: rev, action: 'sign' })),
    );
    // 终审 now: the reporter is refused at the challenge…
    const byHand = await rejection(
      r.review.challenge(reporter.who, { storyId: 'story-refuse', revision: rev, action: 'sign' }),
    );
    expect([byHand.key, byHand.params]).toEqual(['review.refused.noRole', { name: '张明', level: 'final' }]);
    // …and a request made by hand, reusing an editor's payload signed with the reporter's own key, is refused too.
    const ch = await r.review.challenge(c.who, { storyId: 'story-refuse', revision: rev, action: 'return' });
    const forged = await rejection(
      r.review.sign(reporter.who, { nonce: ch.nonce, signature: signSignoff(reporter.key, ch.payload) }),
    );
    expect(forged.key).toBe('review.refused.challengeExpired');
    const status = await r.pool.query('select status from stories where id = $1', ['story-refuse']);
    expect(status.rows).toEqual([{ status: 'second-passed' }]);
  });

  it('checks the challenge: this session’s, answered once, fresh, for the revision and text read, signed by the active key', async () => {
    const r = await room();
    const reporter = await r.desk('zhang-ming', '张明', ['reporter']);
    const a = await r.desk('li-hua', '李华', ['first-editor']);
    const noKey = await r.desk('sun-li', '孙丽', ['first-editor'], false);
    const rev = await saveRevision(
      r.pool,
      'story-checks',
      'zhang-ming',
      storyContent('党课进田间', ['张明']),
    );
    await r.review.submit(reporter.who, { storyId: 'story-checks', revision: rev });
    const ask = () => r.review.challenge(a.who, { storyId: 'story-checks', revision: rev, action: 'sign' });

    expect(
      (
        await rejection(
          r.review.challenge(noKey.who, { storyId: 'story-checks', revision: rev, action: 'sign' }),
        )
      ).key,
    ).toBe('review.refused.noKey');
    // A revision the person did not read.
    expect(
      (
        await rejection(
          r.review.challenge(a.who, { storyId: 'story-checks', revision: rev + 1, action: 'sign' }),
        )
      ).code,
    ).toBe('conflict');

    // Signed with another key, or over another text: refused, nothing recorded.
    const ch = await ask();
    const other = await generatePersonKey('another-password', { N: 2 ** 10, r: 8, p: 1 });
    const wrongKey = await rejection(
      r.review.sign(a.who, { nonce: ch.nonce, signature: signSignoff(other.unlocked, ch.payload) }),
    );
    expect(wrongKey.key).toBe('review.refused.badSignature');
    const otherText = await rejection(
      r.review.sign(a.who, {
        nonce: ch.nonce,
        signature: signSignoff(a.key, { ...ch.payload, level: 'final' }),
      }),
    );
    expect(otherText.key).toBe('review.refused.badSignature');

    // Another session of the same person does not answer this session's challenge.
    const elsewhere = { ...a.who, sessionId: a.who.sessionId + 1000 };
    expect((await rejection(r.review.sign(elsewhere, signed(a, ch)))).key).toBe(
      'review.refused.challengeExpired',
    );

    // Too late: the challenge lives five minutes.
    r.clock.t += 5 * 60_000 + 1;
    const late = await rejection(r.review.sign(a.who, signed(a, ch)));
    expect([late.key, late.message]).toEqual([
      'review.refused.challengeExpired',
      'This sign-off request has expired. Press the button again to sign the story as it is now; nothing was recorded.',
    ]);

    // The text changed after the challenge: the signature names a revision that is no longer current.
    const fresh = await ask();
    await saveRevision(r.pool, 'story-checks', 'li-hua', storyContent('党课进田间（改）', ['张明']));
    const stale = await rejection(r.review.sign(a.who, signed(a, fresh)));
    expect([stale.code, stale.key]).toEqual(['conflict', 'error.conflict']);

    // The current revision signs; the same answer again is refused.
    const ch2 = await r.review.challenge(a.who, {
      storyId: 'story-checks',
      revision: rev + 1,
      action: 'sign',
    });
    await r.review.sign(a.who, signed(a, ch2));
    const again = await rejection(r.review.sign(a.who, signed(a, ch2)));
    expect([again.key, again.message]).toEqual([
      'review.refused.challengeExpired',
      'This sign-off request was already answered. Press the button again to sign the story as it is now; nothing was recorded.',
    ]);
    const count = await r.pool.query<{ n: string }>('select count(*) as n from signatures');
    expect(Number(count.rows[0]!.n)).toBe(1);
    // Challenges are forgotten a day after they expire; the signatures keep what was answered.
    expect(await r.review.pruneChallenges()).toBe(0);
    r.clock.t += 24 * 3600_000 + 10 * 60_000;
    expect(await r.review.pruneChallenges()).toBe(3);
  });

  it('a signed return clears the standing sign-offs, keeps them on record, and the story goes round again', async () => {
    const r = await room();
    const reporter = await r.desk('zhang-ming', '张明', ['reporter']);
    const a = await r.desk('li-hua', '李华', ['first-editor', 'second-editor']);
    const b = await r.desk('wang-fang', '王芳', ['first-editor', 'second-editor']);
    const rev = await saveRevision(
      r.pool,
      'story-return',
      'zhang-ming',
      storyContent('红色讲解员', ['张明']),
    );
    const at = (d: Desk, action: 'sign' | 'return') =>
      r.review.challenge(d.who, { storyId: 'story-return', revision: rev, action });
    await r.review.submit(reporter.who, { storyId: 'story-return', revision: rev });
    await r.review.sign(a.who, signed(a, await at(a, 'sign')));

    // Through review.act as the newsroom routes it: a return needs its signed answer.
    const unsigned = await rejection(
      r.review.act(b.who, { id: 'story-return', action: 'return', baseRev: rev, comment: '请核实' }),
    );
    expect(unsigned.key).toBe('review.refused.signatureRequired');
    const ch = await at(b, 'return');
    expect(ch.payload).toMatchObject({ level: 'second', decision: 'return' });
    const blank = await rejection(r.review.returnStory(b.who, { ...signed(b, ch), reason: '  ' }));
    expect(blank.key).toBe('review.refused.commentRequired');
    // A return's challenge does not answer a sign-off.
    expect((await rejection(r.review.sign(b.who, signed(b, ch)))).key).toBe(
      'review.refused.challengeExpired',
    );
    const back = await r.review.act(b.who, {
      id: 'story-return',
      action: 'return',
      baseRev: rev,
      comment: '第二段的数据请核实来源',
      signoff: signed(b, ch),
    });
    expect(back).toMatchObject({
      status: 'returned',
      signatures: [],
      event: { kind: 'return', level: 'second' },
    });
    const comment = await r.pool.query('select body, returned_at from comments where story_id = $1', [
      'story-return',
    ]);
    expect(comment.rows).toEqual([{ body: '第二段的数据请核实来源', returned_at: 'second' }]);

    // Submitted again without a change of text: 初审 is signed again on the same revision.
    await r.review.act(reporter.who, { id: 'story-return', action: 'submit', baseRev: rev });
    const again = await r.review.sign(b.who, signed(b, await at(b, 'sign')));
    expect(again.signatures).toMatchObject([{ level: 'first', userId: 'wang-fang', rev }]);
    const all = await r.pool.query<{ level: string; decision: string; person_id: string; cleared: boolean }>(
      'select level, decision, person_id, cleared_at is not null as cleared from signatures order by id',
    );
    expect(all.rows).toEqual([
      { level: 'first', decision: 'approve', person_id: 'li-hua', cleared: true },
      { level: 'second', decision: 'return', person_id: 'wang-fang', cleared: false },
      { level: 'first', decision: 'approve', person_id: 'wang-fang', cleared: false },
    ]);
  });

  it('registers keys with a proof of possession; a new key revokes the old one; both audited', async () => {
    const r = await room();
    const a = await r.desk('li-hua', '李华', ['first-editor'], false);
    const keys = new PersonKeys(r.pool);
    const one = await generatePersonKey('pw-one-pw-one', { N: 2 ** 10, r: 8, p: 1 });
    const two = await generatePersonKey('pw-two-pw-two', { N: 2 ** 10, r: 8, p: 1 });
    // A proof made for someone else, or by another key, does not register.
    const badProof = await rejection(
      keys.register(a.who, one.unlocked.publicKey, signKeyRegistration(one.unlocked, 'wang-fang')),
    );
    expect(badProof.key).toBe('error.keyProof');
    const notMine = await rejection(
      keys.register(a.who, one.unlocked.publicKey, signSignoff(two.unlocked, {} as never)),
    );
    expect(notMine.key).toBe('error.keyProof');
    expect((await rejection(keys.register(a.who, 'AAAA', 'AAAA'))).key).toBe('error.keyNotEd25519');

    const k1 = await keys.register(
      a.who,
      one.unlocked.publicKey,
      signKeyRegistration(one.unlocked, 'li-hua'),
    );
    expect(
      (
        await rejection(
          keys.register(a.who, one.unlocked.publicKey, signKeyRegistration(one.unlocked, 'li-hua')),
        )
      ).key,
    ).toBe('error.keyRegistered');
    const k2 = await keys.register(
      a.who,
      two.unlocked.publicKey,
      signKeyRegistration(two.unlocked, 'li-hua'),
    );
    const listed = await keys.list('li-hua');
    expect(listed.map((k) => [k.id, k.revokedAt !== null])).toEqual([
      [k2.id, false],
      [k1.id, true],
    ]);
    expect((await keys.active('li-hua'))!.publicKey).toBe(two.unlocked.publicKey);
    await keys.revoke(a.who, k2.id);
    expect(await keys.active('li-hua')).toBeNull();
    const audit = await r.pool.query<{ action: string; detail: { keyId: number; replaced?: number | null } }>(
      `select action, detail from audit where action like 'key-%' order by seq`,
    );
    expect(audit.rows.map((x) => [x.action, x.detail.keyId, x.detail.replaced ?? null])).toEqual([
      ['key-registered', k1.id, null],
      ['key-registered', k2.id, k1.id],
      ['key-revoked', k2.id, null],
    ]);
    expect(keyRegistrationText('li-hua', k1.publicKey)).toContain('key-registration');
  });

  it('20 simultaneous sign-offs of one level from 20 sessions on 20 connections: exactly one is recorded', async () => {
    const r = await room();
    const reporter = await r.desk('zhang-ming', '张明', ['reporter']);
    // Every editor also holds 复审: a sign-off that slid to the next level would be a second signature.
    const editors: Desk[] = [];
    for (let i = 0; i < 20; i++)
      editors.push(await r.desk(`editor-${i}`, `编辑${i}`, ['first-editor', 'second-editor']));
    const rev = await saveRevision(r.pool, 'story-race-01', 'zhang-ming', storyContent('同时签发', ['张明']));
    await r.review.submit(reporter.who, { storyId: 'story-race-01', revision: rev });
    const url = cluster.url(`r${n}`);
    const desks = editors.map((d) => ({ d, pool: new pg.Pool({ connectionString: url, max: 1 }) }));
    for (const x of desks) x.pool.on('error', () => undefined);
    pools.push(...desks.map((x) => x.pool));
    const answers = await Promise.all(
      desks.map(async ({ d, pool }) => {
        const review = new NewsroomReview(pool);
        return {
          d,
          review,
          ch: await review.challenge(d.who, { storyId: 'story-race-01', revision: rev, action: 'sign' }),
        };
      }),
    );
    expect(new Set(answers.map((x) => x.ch.payload.level))).toEqual(new Set(['first']));
    const outcomes = await Promise.allSettled(
      answers.map(({ d, review, ch }) => review.sign(d.who, signed(d, ch))),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<NewsroomReview['sign']>>>).value;
    for (const l of lost) {
      const e = l.reason as DeskError;
      expect([e.code, e.key, e.params]).toEqual([
        'invalid-input',
        'review.refused.alreadySigned',
        { level: 'first', name: winner.signatures[0]!.name },
      ]);
    }
    const rows = await r.pool.query<{ level: string; person_id: string }>(
      'select level, person_id from signatures where story_id = $1',
      ['story-race-01'],
    );
    expect(rows.rows).toEqual([{ level: 'first', person_id: winner.signatures[0]!.userId }]);
    const story = await r.pool.query('select status from stories where id = $1', ['story-race-01']);
    expect(story.rows).toEqual([{ status: 'first-passed' }]);
    const signs = await r.pool.query<{ n: string }>("select count(*) as n from audit where action = 'sign'");
    expect(Number(signs.rows[0]!.n)).toBe(1);
    const client = await r.pool.connect();
    expect((await verifyAudit(client)).firstProblem).toBeNull();
    client.release();
  });
});
