import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { pgSkipReason, startPgCluster, type PgCluster } from '../pg-cluster';
import { verifyAudit } from '../store/audit-chain';
import { migrate } from '../store/migrations';
import { Accounts, AuthError, tokenHash } from './accounts';
import { DEFAULT_SCRYPT, hashParams, hashPassword, verifyPassword } from './passwords';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

// Cheap parameters for the many sign-ins below; the default ones are checked on their own.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('store their scrypt parameters and salt, and verify only the right password', async () => {
    const h = await hashPassword('长城-password-1', DEFAULT_SCRYPT);
    expect(hashParams(h)).toEqual(DEFAULT_SCRYPT);
    expect(h).not.toContain('长城');
    expect(await verifyPassword('长城-password-1', h)).toBe(true);
    expect(await verifyPassword('长城-password-2', h)).toBe(false);
    const again = await hashPassword('长城-password-1', FAST);
    expect(again.split('$')[4]).not.toBe(h.split('$')[4]);
    // Old parameters keep verifying after the default changes.
    expect(await verifyPassword('长城-password-1', again)).toBe(true);
    expect(await verifyPassword('x', 'scrypt$3$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
});

describe.skipIf(skip !== null)('accounts and sessions on PostgreSQL', () => {
  let cluster: PgCluster;
  let pool: pg.Pool;
  let clock: number;
  let accounts: Accounts;
  let n = 0;
  const now = () => new Date(clock);

  beforeAll(() => {
    cluster = startPgCluster();
  });
  afterAll(() => cluster?.stop());
  beforeEach(async () => {
    await pool?.end();
    pool = new pg.Pool({ connectionString: cluster.createDatabase(`a${++n}`), max: 4 });
    const c = await pool.connect();
    await migrate(c);
    c.release();
    clock = Date.parse('2026-12-07T08:00:00Z');
    accounts = new Accounts(pool, { now, scrypt: FAST, idleMs: 3600_000, maxAgeMs: 4 * 3600_000 });
  });
  afterAll(() => pool?.end());

  const rejection = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuthError);
    return err as AuthError;
  };

  it('init-admin gives a one-time password once; the password is stored only hashed', async () => {
    const { person, password } = await accounts.initAdmin('wang', '王管理');
    expect(person).toMatchObject({ id: 'wang', roles: ['admin'] });
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    expect((await rejection(accounts.initAdmin('zhao'))).key).toBe('error.adminExists');
    const dump = await pool.query('select a.*, p.* from accounts a join people p on p.id = a.person_id');
    expect(JSON.stringify(dump.rows)).not.toContain(password);
    const signed = await accounts.signIn('wang', password, '10.0.0.5');
    expect(signed.mustChangePassword).toBe(true);
    expect(signed.person.roles).toEqual(['admin']);
  });

  it('a session token is random, stored only as its hash, slides, expires and ends at sign-out', async () => {
    const { password } = await accounts.initAdmin('wang');
    const a = await accounts.signIn('wang', password, '10.0.0.5');
    const b = await accounts.signIn('WANG ', password, '10.0.0.6');
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    const stored = await pool.query<{ token_hash: Buffer }>('select token_hash from sessions order by id');
    expect(stored.rows.map((r) => r.token_hash.toString('hex'))).toEqual(
      [a.token, b.token].map((t) => tokenHash(t).toString('hex')),
    );
    expect(JSON.stringify((await pool.query('select * from sessions')).rows)).not.toContain(a.token);

    expect((await accounts.authenticate(a.token)).person.id).toBe('wang');
    // Used within the idle time it slides; unused for longer it expires.
    clock += 50 * 60_000;
    await accounts.authenticate(a.token);
    clock += 50 * 60_000;
    await accounts.authenticate(a.token);
    expect((await rejection(accounts.authenticate(b.token))).key).toBe('error.sessionEnded');
    // The maximum age (4 h) caps the sliding: used at 150 and 200 min, gone at 250 min.
    for (let i = 0; i < 2; i++) {
      clock += 50 * 60_000;
      await accounts.authenticate(a.token);
    }
    clock += 50 * 60_000;
    expect((await rejection(accounts.authenticate(a.token))).status).toBe(401);

    const c = await accounts.signIn('wang', password, '10.0.0.5');
    await accounts.signOut(c.token);
    expect((await rejection(accounts.authenticate(c.token))).key).toBe('error.sessionEnded');
    expect((await rejection(accounts.authenticate('not-a-token'))).status).toBe(401);
  });

  it('a wrong password and an unknown name get the same refusal', async () => {
    await accounts.initAdmin('wang');
    const wrong = await rejection(accounts.signIn('wang', 'nope-nope-nope', '10.0.0.5'));
    const unknown = await rejection(accounts.signIn('nobody', 'nope-nope-nope', '10.0.0.5'));
    expect([wrong.key, wrong.status, wrong.message]).toEqual([unknown.key, unknown.status, unknown.message]);
    expect(wrong.key).toBe('error.signInRefused');
  });

  it('locks an account after five wrong passwords, even for the right one; an admin reset unlocks it', async () => {
    const admin = await accounts.initAdmin('wang');
    const adminToken = (await accounts.signIn('wang', admin.password, '10.0.0.1')).token;
    const li = await accounts.createAccount('wang', { id: 'li', name: '李记者', roles: ['reporter'] });
    const liSession = await accounts.signIn('li', li.password, '10.0.0.7');
    for (let i = 0; i < 4; i++)
      expect((await rejection(accounts.signIn('li', `wrong-${i}`, '10.0.0.7'))).key).toBe(
        'error.signInRefused',
      );
    expect((await rejection(accounts.signIn('li', 'wrong-4', '10.0.0.7'))).key).toBe('error.accountLocked');
    const locked = await rejection(accounts.signIn('li', li.password, '10.0.0.7'));
    expect([locked.key, locked.status]).toEqual(['error.accountLocked', 423]);

    // A reporter cannot reset; the admin can, which unlocks, ends li's sessions and issues a new one-time password.
    expect((await rejection(accounts.resetPassword(liSession.token, 'li'))).status).toBe(403);
    const reset = await accounts.resetPassword(adminToken, 'li');
    expect((await rejection(accounts.authenticate(liSession.token))).key).toBe('error.sessionEnded');
    expect(await rejection(accounts.signIn('li', li.password, '10.0.0.7'))).toMatchObject({
      key: 'error.signInRefused',
    });
    const fresh = await accounts.signIn('li', reset.password, '10.0.0.7');
    expect(fresh.mustChangePassword).toBe(true);
    await accounts.changePassword(fresh.token, reset.password, 'a-new-long-password');
    expect((await accounts.signIn('li', 'a-new-long-password', '10.0.0.7')).mustChangePassword).toBe(false);

    const actions = await pool.query<{ action: string }>('select action from audit order by seq');
    expect(actions.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['account-created', 'account-locked', 'password-reset', 'password-changed']),
    );
    const client = await pool.connect();
    expect((await verifyAudit(client)).firstProblem).toBeNull();
    client.release();
  });

  it('rate-limits failed sign-ins per account name and per address, within a window', async () => {
    accounts = new Accounts(pool, { now, scrypt: FAST, lockAfter: 1000, perLogin: 3, perAddress: 5 });
    const { password } = await accounts.initAdmin('wang');
    for (let i = 0; i < 3; i++) await rejection(accounts.signIn('wang', 'bad-bad-bad', `10.0.1.${i}`));
    // The right password from a fresh address is still held back for this account…
    const limited = await rejection(accounts.signIn('wang', password, '10.0.2.1'));
    expect([limited.key, limited.status]).toEqual(['error.signInTooMany', 429]);
    // …until the window has passed.
    clock += 16 * 60_000;
    await accounts.signIn('wang', password, '10.0.2.1');

    // One address trying many names is limited too, for any name.
    for (let i = 0; i < 5; i++) await rejection(accounts.signIn(`guess${i}`, 'x-x-x-x-x', '10.9.9.9'));
    expect((await rejection(accounts.signIn('wang', password, '10.9.9.9'))).key).toBe('error.signInTooMany');
    await accounts.signIn('wang', password, '10.0.2.2');
  });
});
