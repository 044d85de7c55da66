import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { runAudit } from '../cli/commands/audit';
import { generatePersonKey, signSignoff } from './keys/person-key';
import { contentHash } from './keys/signoff';
import { deskOf, saveRevision, signed, storyContent } from './newsroom-fixture';
import { FAST_SCRYPT, migratedPool } from './testing';
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { auditHash } from './store/audit-chain';
import { verifyNewsroom } from './store/audit-verify';
import { NewsroomReview } from './store/review';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const ROOT = join(import.meta.dirname, '..', '..');

describe.skipIf(skip !== null)('desk audit verify (PostgreSQL)', () => {
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

  /** A newsroom with a story through 三审, a return and a second round, on a fresh database. */
  const trail = async () => {
    const url = cluster.createDatabase(`v${++n}`);
    const pool = await migratedPool(url, 8);
    pools.push(pool);
    const review = new NewsroomReview(pool);
    const reporter = await deskOf(pool, 'zhang-ming', '张明', ['reporter']);
    const a = await deskOf(pool, 'li-hua', '李华', ['first-editor', 'second-editor']);
    const b = await deskOf(pool, 'wang-fang', '王芳', ['first-editor', 'second-editor']);
    const c = await deskOf(pool, 'zhao-qiang', '赵强', ['second-editor', 'final-editor']);
    const id = 'story-audit-1';
    const rev = await saveRevision(pool, id, 'zhang-ming', storyContent('社区党员先锋岗', ['张明']));
    const ask = (d: typeof a, action: 'sign' | 'return', revision = rev) =>
      review.challenge(d.who, { storyId: id, revision, action });
    await review.submit(reporter.who, { storyId: id, revision: rev, note: '' });
    await review.sign(a.who, signed(a, await ask(a, 'sign')));
    await review.returnStory(b.who, { ...signed(b, await ask(b, 'return')), reason: '标题与正文不一致' });
    const rev2 = await saveRevision(pool, id, 'zhang-ming', storyContent('社区党员先锋岗（修改）', ['张明']));
    await review.submit(reporter.who, { storyId: id, revision: rev2 });
    await review.sign(a.who, signed(a, await ask(a, 'sign', rev2)));
    await review.sign(b.who, signed(b, await ask(b, 'sign', rev2)));
    await review.sign(c.who, signed(c, await ask(c, 'sign', rev2)));
    const su = new pg.Client({ connectionString: url });
    await su.connect();
    const verify = async () => (await verifyNewsroom(su)).firstProblem;
    /** Tampering as a superuser: the audit triggers refuse it, so switch them off first. */
    const tamper = async (sql: string, params: unknown[] = []) => {
      await su.query('alter table audit disable trigger user');
      await su.query(sql, params);
      await su.query('alter table audit enable trigger user');
    };
    const seqOf = async (action: string, nth = 0) => {
      const { rows } = await su.query<{ seq: string }>(
        'select seq from audit where action = $1 order by seq',
        [action],
      );
      return Number(rows[nth]!.seq);
    };
    return { url, pool, su, verify, tamper, seqOf, rev, rev2, id, a };
  };

  const cli = async (args: string[]) => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...x: unknown[]) => void out.push(x.join(' ')));
    const err = vi
      .spyOn(console, 'error')
      .mockImplementation((...x: unknown[]) => void out.push(x.join(' ')));
    try {
      const values: Record<string, unknown> = {};
      const positionals: string[] = [];
      for (let i = 0; i < args.length; i++) {
        if (args[i]!.startsWith('--')) values[args[i]!.slice(2)] = args[++i];
        else positionals.push(args[i]!);
      }
      return { code: await runAudit(values, positionals), out: out.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  };

  it('passes an untouched trail and prints its head; a changed head is noticed later', async () => {
    const t = await trail();
    const ok = await cli(['verify', '--db', t.url]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/audit verify: \d+ entries, 5 signatures, 4 keys/);
    expect(ok.out).toContain('OK: the chain is intact and every signature matches the revision it signed');
    const head = /head: (\d+:[0-9a-f]{64})/.exec(ok.out)![1]!;
    expect((await cli(['verify', '--db', t.url, '--head', head])).code).toBe(0);
    const [seq] = head.split(':');
    await t.tamper('delete from audit where seq = $1', [Number(seq)]);
    const gone = await cli(['verify', '--db', t.url, '--head', head]);
    expect(gone.code).toBe(1);
    expect(gone.out).toContain(
      `MISMATCH at entry ${seq} (head-mismatch): entry ${seq}, noted down earlier, is no longer in the trail`,
    );
    await t.su.end();
  });

  it('finds a changed, a removed and an inserted audit row, reporting the entry', async () => {
    const t = await trail();
    const signSeq = await t.seqOf('sign', 1);
    const { rows } = await t.su.query<{ detail: Record<string, unknown> }>(
      'select detail from audit where seq = $1',
      [signSeq],
    );
    const original = rows[0]!.detail;
    await t.tamper('update audit set detail = $2 where seq = $1', [
      signSeq,
      JSON.stringify({ ...original, level: 'final' }),
    ]);
    const changed = await cli(['verify', '--db', t.url]);
    expect(changed.code).toBe(1);
    expect(changed.out).toContain(
      `MISMATCH at entry ${signSeq} (changed): entry ${signSeq} was changed after it was written: its hash does not match its content`,
    );
    await t.tamper('update audit set detail = $2 where seq = $1', [signSeq, JSON.stringify(original)]);
    expect(await t.verify()).toBeNull();

    const returnSeq = await t.seqOf('return');
    await t.tamper('delete from audit where seq = $1', [returnSeq]);
    expect(await t.verify()).toMatchObject({ seq: returnSeq, kind: 'missing' });

    // A forged entry in the gap, its hash computed correctly over the entry before: the entry after
    // it still names the removed one, so the link breaks there.
    const prev = await t.su.query<{ hash: string }>('select hash from audit where seq = $1', [returnSeq - 1]);
    const forged = {
      seq: returnSeq,
      at: new Date('2026-12-07T09:00:00.000Z'),
      actorId: 'li-hua',
      action: 'comment',
      storyId: t.id,
      detail: { text: '无需修改' },
      prevHash: prev.rows[0]!.hash,
    };
    await t.tamper(
      `insert into audit (seq, at, actor_id, action, story_id, detail, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        forged.seq,
        forged.at,
        forged.actorId,
        forged.action,
        forged.storyId,
        JSON.stringify(forged.detail),
        forged.prevHash,
        auditHash(forged),
      ],
    );
    const inserted = await cli(['verify', '--db', t.url]);
    expect(inserted.code).toBe(1);
    expect(inserted.out).toContain(`MISMATCH at entry ${returnSeq + 1} (broken-link)`);
    await t.su.end();
  });

  it('finds a signature whose revision text was altered, by recomputing the content hash', async () => {
    const t = await trail();
    // Also rewrite the stored hash column: verify recomputes from the content, it does not trust it.
    const altered = storyContent('社区党员先锋岗（修改）', ['张明', '李华']);
    await t.su.query(
      'update story_revisions set content = $3, content_hash = $4 where story_id = $1 and revision = $2',
      [t.id, t.rev2, JSON.stringify(altered), contentHash(altered)],
    );
    const firstSign = await t.seqOf('sign', 1);
    const p = await t.verify();
    expect(p).toMatchObject({ seq: firstSign, kind: 'content-changed' });
    expect(p!.message).toContain(
      `the stored text of story ${t.id} revision ${t.rev2} is not the text li-hua signed (first)`,
    );
    const out = await cli(['verify', '--db', t.url]);
    expect(out.code).toBe(1);
    expect(out.out).toContain(`MISMATCH at entry ${firstSign} (content-changed)`);
    await t.su.end();
  });

  it('finds a swapped signature, a swapped public key, a missing and an unrecorded signature', async () => {
    const t = await trail();
    const firstSign = await t.seqOf('sign', 0);
    const sig = await t.su.query<{ id: string; payload: string; signature: string }>(
      'select id, payload, signature from signatures order by id limit 1',
    );
    const s = sig.rows[0]!;
    // The signature bytes replaced (in the table and, consistently, nowhere else).
    const other = await generatePersonKey('an-attacker-pass', FAST_SCRYPT);
    const forgedSig = signSignoff(other.unlocked, JSON.parse(s.payload) as never);
    await t.su.query('update signatures set signature = $2 where id = $1', [s.id, forgedSig]);
    expect(await t.verify()).toMatchObject({ seq: firstSign, kind: 'signature-mismatch' });
    await t.su.query('update signatures set signature = $2 where id = $1', [s.id, s.signature]);
    expect(await t.verify()).toBeNull();

    // The signer's public key swapped for the attacker's.
    const key = await t.su.query<{ public_key: string }>(
      "select public_key from person_keys where person_id = 'li-hua'",
    );
    await t.su.query("update person_keys set public_key = $1 where person_id = 'li-hua'", [
      other.unlocked.publicKey,
    ]);
    const swapped = await t.verify();
    expect(swapped!.kind).toBe('key-mismatch');
    await t.su.query("update person_keys set public_key = $1 where person_id = 'li-hua'", [
      key.rows[0]!.public_key,
    ]);
    expect(await t.verify()).toBeNull();

    // A signature row no entry records (a copy with a nonce of its own), inserted: reported as such.
    const last = await t.su.query<Record<string, unknown>>(
      'select * from signatures order by id desc limit 1',
    );
    const row = last.rows[0]!;
    await t.su.query(
      `insert into signatures (id, story_id, revision, level, decision, person_id, signed_at, payload, signature, key_id, nonce, cleared_at)
       values ($1 + 100, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())`,
      [
        row.id,
        row.story_id,
        row.revision,
        row.level,
        row.decision,
        row.person_id,
        row.signed_at,
        row.payload,
        row.signature,
        row.key_id,
        `${String(row.nonce)}x`,
      ],
    );
    const unrecorded = await t.verify();
    expect(unrecorded).toMatchObject({ seq: null, kind: 'unrecorded-signature' });
    expect(unrecorded!.message).toContain(
      `signature ${Number(row.id) + 100} (final of story ${t.id} by zhao-qiang)`,
    );
    const shown = await cli(['verify', '--db', t.url]);
    expect([shown.code, shown.out.includes('MISMATCH (unrecorded-signature)')]).toEqual([1, true]);

    // The row the trail records, deleted: that entry is the first that does not match.
    await t.su.query('delete from signatures where id = $1', [row.id]);
    expect(await t.verify()).toMatchObject({ seq: await t.seqOf('sign', 3), kind: 'signature-missing' });
    await t.su.end();
  });

  it('runs as `npm run desk -- audit verify`: exit 1 and the entry on a mismatch, 2 for bad usage', async () => {
    const t = await trail();
    await t.su.query('update story_revisions set content = $3 where story_id = $1 and revision = $2', [
      t.id,
      t.rev,
      JSON.stringify(storyContent('被改过的标题', ['张明'])),
    ]);
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['scripts/desk.mjs', ...args], { cwd: ROOT }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const firstSign = await t.seqOf('sign', 0);
    const bad = await run(['audit', 'verify', '--db', t.url]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`MISMATCH at entry ${firstSign} (content-changed)`);
    const usage = await run(['audit', 'verify']);
    expect(usage.code).toBe(2);
    expect(usage.out).toContain('--db names the newsroom database');
    await t.su.end();
  });
});
