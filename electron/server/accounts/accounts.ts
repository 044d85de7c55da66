/**
 * Sign-in for the newsroom server (issue 17): accounts with scrypt password hashes, sessions
 * whose random tokens are stored only as their SHA-256, expiry, sign-out, an account locked after
 * repeated failures (an administrator unlocks it by resetting the password), and login limits per
 * account and per address. Every time comes from `now()`, so tests drive the clock; nothing here
 * reads the database's clock.
 */
import { createHash, randomBytes } from 'node:crypto';

import type pg from 'pg';

import { DeskError } from '../../../shared/api';
import { ROLES, USER_ID, type Role, type UserProfile } from '../../../shared/review/roles';
import { appendAudit } from '../store/audit-chain';
import {
  DEFAULT_SCRYPT,
  decoyHash,
  hashPassword,
  oneTimePassword,
  verifyPassword,
  type ScryptParams,
} from './passwords';
import { inTransaction } from '../store/transaction';

export type AccountOptions = {
  now?: () => Date;
  scrypt?: ScryptParams;
  /** A session ends this long after its last use (default 12 h) … */
  idleMs?: number;
  /** … and at the latest this long after sign-in (default 7 days). */
  maxAgeMs?: number;
  /** Consecutive wrong passwords that lock the account (default 5). */
  lockAfter?: number;
  /** Window of the rate limits (default 15 min). */
  windowMs?: number;
  /** Failed attempts allowed per login name within the window (default 10; counts unknown names too). */
  perLogin?: number;
  /** Failed attempts allowed per address within the window (default 30). */
  perAddress?: number;
};

export type SignedIn = { token: string; person: UserProfile; expiresAt: Date; mustChangePassword: boolean };
export type SessionPerson = {
  sessionId: number;
  person: UserProfile;
  expiresAt: Date;
  /** Signed in with a one-time password not yet changed: the server allows only changing it. */
  mustChangePassword: boolean;
};

export class AuthError extends DeskError {
  /** The HTTP status the server answers with. */
  readonly status: number;
  constructor(status: number, key: string, detail: string, params: Record<string, string | number> = {}) {
    super(status === 400 ? 'invalid-input' : status === 404 ? 'not-found' : 'locked', key, params, detail);
    this.name = 'AuthError';
    this.status = status;
  }
}

const refused = () =>
  new AuthError(401, 'error.signInRefused', 'Wrong account name or password; nothing was changed.');

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

type PersonRow = { id: string; name: string; roles: string[]; disabled: boolean };
const toProfile = (r: PersonRow): UserProfile => ({
  id: r.id,
  name: r.name,
  roles: r.roles.filter((x): x is Role => (ROLES as readonly string[]).includes(x)),
  disabled: r.disabled,
});

export class Accounts {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  readonly #o: Required<Omit<AccountOptions, 'now'>>;

  constructor(pool: pg.Pool, options: AccountOptions = {}) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.#o = {
      scrypt: options.scrypt ?? DEFAULT_SCRYPT,
      idleMs: options.idleMs ?? 12 * 3600_000,
      maxAgeMs: options.maxAgeMs ?? 7 * 24 * 3600_000,
      lockAfter: options.lockAfter ?? 5,
      windowMs: options.windowMs ?? 15 * 60_000,
      perLogin: options.perLogin ?? 10,
      perAddress: options.perAddress ?? 30,
    };
  }

  #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, fn);
  }

  /**
   * Creates a person with an account and a one-time password (to be changed at first sign-in).
   * `actorId` is the administrator doing it, or null for `--init-admin`.
   */
  async createAccount(
    actorId: string | null,
    profile: { id: string; name: string; roles: Role[] },
  ): Promise<{ person: UserProfile; password: string }> {
    if (!USER_ID.test(profile.id))
      throw new AuthError(
        400,
        'error.accountName',
        `An account name is lowercase letters, digits, "-", "_" or "." (got "${profile.id}"); nothing was created.`,
        { id: profile.id },
      );
    const password = oneTimePassword();
    const hash = await hashPassword(password, this.#o.scrypt);
    const at = this.#now();
    return this.#tx(async (c) => {
      const exists = await c.query('select 1 from people where id = $1', [profile.id]);
      if (exists.rowCount)
        throw new AuthError(
          400,
          'error.accountExists',
          `The account ${profile.id} already exists; nothing was changed.`,
          { id: profile.id },
        );
      const { rows } = await c.query<PersonRow>(
        'insert into people (id, name, roles, created_at) values ($1, $2, $3, $4) returning id, name, roles, disabled',
        [profile.id, profile.name, profile.roles, at],
      );
      await c.query(
        'insert into accounts (person_id, password_hash, must_change, password_changed_at) values ($1, $2, true, $3)',
        [profile.id, hash, at],
      );
      await appendAudit(c, {
        actorId,
        action: 'account-created',
        detail: { person: profile.id, roles: profile.roles },
      });
      return { person: toProfile(rows[0]!), password };
    });
  }

  /** The first administrator, on an empty newsroom only. */
  async initAdmin(id: string, name = id): Promise<{ person: UserProfile; password: string }> {
    const { rows } = await this.#pool.query<{ n: string }>(
      "select count(*) as n from people where 'admin' = any(roles) and not disabled",
    );
    if (Number(rows[0]!.n) > 0)
      throw new AuthError(
        400,
        'error.adminExists',
        'The newsroom already has an administrator; an administrator resets passwords. Nothing was changed.',
      );
    return this.createAccount(null, { id, name, roles: ['admin'] });
  }

  async #recentFailures(column: 'login' | 'address', value: string, since: Date): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>(
      `select count(*) as n from login_attempts where ${column} = $1 and not ok and at > $2`,
      [value, since],
    );
    return Number(rows[0]!.n);
  }

  /**
   * Signs in. Refusals say no more than needed: a wrong name and a wrong password get the same
   * answer (and take as long); a locked account and a rate limit say so, since the person must act.
   */
  async signIn(login: string, password: string, address: string): Promise<SignedIn> {
    const at = this.#now();
    const since = new Date(at.getTime() - this.#o.windowMs);
    const name = login.trim().toLowerCase().slice(0, 64);
    if ((await this.#recentFailures('address', address, since)) >= this.#o.perAddress)
      throw new AuthError(
        429,
        'error.signInTooMany',
        'Too many failed sign-ins from this computer; try again later. Nothing was changed.',
      );
    if ((await this.#recentFailures('login', name, since)) >= this.#o.perLogin)
      throw new AuthError(
        429,
        'error.signInTooMany',
        'Too many failed sign-ins for this account; try again later. Nothing was changed.',
      );

    const { rows } = await this.#pool.query<
      PersonRow & { password_hash: string; locked_at: Date | null; must_change: boolean }
    >(
      `select p.id, p.name, p.roles, p.disabled, a.password_hash, a.locked_at, a.must_change
         from people p join accounts a on a.person_id = p.id where p.id = $1`,
      [name],
    );
    const row = rows[0];
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash(this.#o.scrypt)));
    const record = (c: pg.ClientBase | pg.Pool, success: boolean) =>
      c.query('insert into login_attempts (login, address, ok, at) values ($1, $2, $3, $4)', [
        name,
        address,
        success,
        at,
      ]);

    if (!row || row.disabled || !ok) {
      const lockedNow = await this.#tx(async (c) => {
        await record(c, false);
        if (row && !ok) {
          const { rows: r } = await c.query<{ failed_attempts: number; locked_at: Date | null }>(
            `update accounts set failed_attempts = failed_attempts + 1,
               locked_at = case when locked_at is null and failed_attempts + 1 >= $2 then $3 else locked_at end
             where person_id = $1 returning failed_attempts, locked_at`,
            [row.id, this.#o.lockAfter, at],
          );
          if (r[0]!.locked_at && !row.locked_at)
            await appendAudit(c, {
              actorId: null,
              action: 'account-locked',
              detail: { person: row.id, failures: r[0]!.failed_attempts },
            });
          return r[0]!.locked_at !== null;
        }
        return false;
      });
      if (lockedNow) throw lockedError();
      throw refused();
    }
    if (row.locked_at) {
      await record(this.#pool, false);
      throw lockedError();
    }

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Math.min(at.getTime() + this.#o.idleMs, at.getTime() + this.#o.maxAgeMs));
    await this.#tx(async (c) => {
      await record(c, true);
      await c.query('update accounts set failed_attempts = 0 where person_id = $1', [row.id]);
      await c.query(
        `insert into sessions (token_hash, person_id, address, created_at, last_seen_at, expires_at)
         values ($1, $2, $3, $4, $4, $5)`,
        [tokenHash(token), row.id, address, at, expiresAt],
      );
      await appendAudit(c, { actorId: row.id, action: 'sign-in', detail: { address } });
    });
    return { token, person: toProfile(row), expiresAt, mustChangePassword: row.must_change };
  }

  /** The person behind a session token, or an error when the session has ended or expired. */
  async authenticate(token: string): Promise<SessionPerson> {
    const at = this.#now();
    const { rows } = await this.#pool.query<
      PersonRow & { session_id: string; created_at: Date; expires_at: Date; must_change: boolean | null }
    >(
      `select s.id as session_id, s.created_at, s.expires_at, p.id, p.name, p.roles, p.disabled, a.must_change
         from sessions s join people p on p.id = s.person_id left join accounts a on a.person_id = p.id
        where s.token_hash = $1 and s.ended_at is null and s.expires_at > $2 and not p.disabled`,
      [tokenHash(token), at],
    );
    const row = rows[0];
    if (!row)
      throw new AuthError(401, 'error.sessionEnded', 'The session has ended or expired; sign in again.');
    // Sliding expiry, capped by the session's maximum age.
    const expiresAt = new Date(
      Math.min(at.getTime() + this.#o.idleMs, row.created_at.getTime() + this.#o.maxAgeMs),
    );
    await this.#pool.query('update sessions set last_seen_at = $2, expires_at = $3 where id = $1', [
      row.session_id,
      at,
      expiresAt,
    ]);
    return {
      sessionId: Number(row.session_id),
      person: toProfile(row),
      expiresAt,
      mustChangePassword: row.must_change === true,
    };
  }

  async signOut(token: string): Promise<void> {
    await this.#tx(async (c) => {
      const { rows } = await c.query<{ person_id: string }>(
        'update sessions set ended_at = $2 where token_hash = $1 and ended_at is null returning person_id',
        [tokenHash(token), this.#now()],
      );
      if (rows[0]) await appendAudit(c, { actorId: rows[0].person_id, action: 'sign-out' });
    });
  }

  /** Changes one's own password (required after a one-time password). Ends the person's other sessions. */
  async changePassword(token: string, oldPassword: string, newPassword: string): Promise<void> {
    const who = await this.authenticate(token);
    if (newPassword.length < 10 || newPassword.length > 200)
      throw new AuthError(
        400,
        'error.passwordLength',
        'A password has 10 to 200 characters; the old one still holds.',
      );
    const { rows } = await this.#pool.query<{ password_hash: string }>(
      'select password_hash from accounts where person_id = $1',
      [who.person.id],
    );
    if (!(await verifyPassword(oldPassword, rows[0]!.password_hash))) throw refused();
    const hash = await hashPassword(newPassword, this.#o.scrypt);
    const at = this.#now();
    await this.#tx(async (c) => {
      await c.query(
        'update accounts set password_hash = $2, must_change = false, password_changed_at = $3 where person_id = $1',
        [who.person.id, hash, at],
      );
      await c.query(
        'update sessions set ended_at = $3 where person_id = $1 and id <> $2 and ended_at is null',
        [who.person.id, who.sessionId, at],
      );
      await appendAudit(c, { actorId: who.person.id, action: 'password-changed' });
    });
  }

  /**
   * An administrator resets someone's password: a new one-time password, the account unlocked,
   * every session of that person ended. Only a signed-in administrator may do it.
   */
  async resetPassword(adminToken: string, personId: string): Promise<{ password: string }> {
    const admin = await this.authenticate(adminToken);
    if (!admin.person.roles.includes('admin'))
      throw new AuthError(
        403,
        'error.adminOnly',
        'Only an administrator resets passwords; nothing was changed.',
      );
    const password = oneTimePassword();
    const hash = await hashPassword(password, this.#o.scrypt);
    const at = this.#now();
    await this.#tx(async (c) => {
      const { rowCount } = await c.query(
        `update accounts set password_hash = $2, must_change = true, failed_attempts = 0, locked_at = null,
           password_changed_at = $3 where person_id = $1`,
        [personId, hash, at],
      );
      if (!rowCount)
        throw new AuthError(
          404,
          'error.accountMissing',
          `There is no account ${personId}; nothing was changed.`,
          {
            id: personId,
          },
        );
      await c.query('update sessions set ended_at = $2 where person_id = $1 and ended_at is null', [
        personId,
        at,
      ]);
      await appendAudit(c, {
        actorId: admin.person.id,
        action: 'password-reset',
        detail: { person: personId },
      });
    });
    return { password };
  }
}

function lockedError(): AuthError {
  return new AuthError(
    423,
    'error.accountLocked',
    'This account is locked after repeated wrong passwords; an administrator can reset the password.',
  );
}
