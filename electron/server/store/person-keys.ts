/**
 * The public halves of the people's signing keys (issue 17, ADR 011). A desktop registers the key
 * it made, with a proof that it holds the private half; a person has one active key at a time and
 * any number of revoked ones (the record keeps them: old signatures still verify with them).
 * Registering and revoking are audited, with the key itself in the entry, so `audit verify` also
 * notices a key swapped in the table.
 */
import type pg from 'pg';

import { DeskError } from '../../../shared/api/errors';
import { hasRole } from '../../../shared/review/roles';
import { importPublicKey, keyFingerprint, keyRegistrationText, verifyText } from '../keys/signoff';
import { appendAudit } from './audit-chain';
import type { Actor } from './stories';
import { inTransaction } from './transaction';

export type PersonKey = {
  id: number;
  personId: string;
  publicKey: string;
  fingerprint: string;
  createdAt: Date;
  revokedAt: Date | null;
};

type KeyRow = {
  id: string;
  person_id: string;
  public_key: string;
  created_at: Date;
  revoked_at: Date | null;
};
const toKey = (r: KeyRow): PersonKey => ({
  id: Number(r.id),
  personId: r.person_id,
  publicKey: r.public_key,
  fingerprint: keyFingerprint(r.public_key),
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** The person's active key, or null when they have none (read inside the caller's transaction). */
export async function activeKey(client: pg.ClientBase, personId: string): Promise<PersonKey | null> {
  const { rows } = await client.query<KeyRow>(
    'select id, person_id, public_key, created_at, revoked_at from person_keys where person_id = $1 and revoked_at is null',
    [personId],
  );
  return rows[0] ? toKey(rows[0]) : null;
}

export class PersonKeys {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(pool: pg.Pool, options: { now?: () => Date } = {}) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
  }

  #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, fn);
  }

  /**
   * Registers the signed-in person's new public key (SPKI DER, base64); `proof` is their signature
   * of keyRegistrationText(personId, publicKey). The key active until now is revoked in the same
   * transaction.
   */
  async register(who: Actor, publicKey: string, proof: string): Promise<PersonKey> {
    const person = who.person;
    if (!importPublicKey(publicKey))
      throw new DeskError(
        'invalid-input',
        'error.keyNotEd25519',
        {},
        'The key sent is not an Ed25519 public key; nothing was registered.',
      );
    if (!verifyText(publicKey, keyRegistrationText(person.id, publicKey), proof))
      throw new DeskError(
        'invalid-input',
        'error.keyProof',
        {},
        `The proof does not verify: the desktop did not sign the registration with this key for ${person.id}. Nothing was registered.`,
      );
    const at = this.#now();
    return this.#tx(async (c) => {
      // One registration per person at a time: the active-key index must not see two at once.
      await c.query('select id from people where id = $1 for update', [person.id]);
      const taken = await c.query('select 1 from person_keys where public_key = $1', [publicKey]);
      if (taken.rowCount)
        throw new DeskError(
          'conflict',
          'error.keyRegistered',
          {},
          'This public key is already registered; a key is registered once. Nothing was changed.',
        );
      const before = await activeKey(c, person.id);
      if (before)
        await c.query('update person_keys set revoked_at = $2, revoked_by = $3 where id = $1', [
          before.id,
          at,
          person.id,
        ]);
      const { rows } = await c.query<KeyRow>(
        `insert into person_keys (person_id, public_key, created_at) values ($1, $2, $3)
         returning id, person_id, public_key, created_at, revoked_at`,
        [person.id, publicKey, at],
      );
      const key = toKey(rows[0]!);
      await appendAudit(c, {
        actorId: person.id,
        action: 'key-registered',
        detail: {
          person: person.id,
          keyId: key.id,
          publicKey,
          fingerprint: key.fingerprint,
          replaced: before?.id ?? null,
        },
      });
      return key;
    });
  }

  /** Revokes a key: by its owner (a lost or replaced computer) or an administrator. Signatures made with it stay valid. */
  async revoke(who: Actor, keyId: number): Promise<void> {
    const at = this.#now();
    await this.#tx(async (c) => {
      const { rows } = await c.query<KeyRow>(
        'select id, person_id, public_key, created_at, revoked_at from person_keys where id = $1 for update',
        [keyId],
      );
      const row = rows[0];
      if (!row || (row.person_id !== who.person.id && !hasRole(who.person, 'admin')))
        throw new DeskError(
          'not-found',
          'error.keyNotFound',
          { keyId },
          `There is no key ${keyId} of yours to revoke; nothing was changed.`,
        );
      if (row.revoked_at) return;
      await c.query('update person_keys set revoked_at = $2, revoked_by = $3 where id = $1', [
        keyId,
        at,
        who.person.id,
      ]);
      await appendAudit(c, {
        actorId: who.person.id,
        action: 'key-revoked',
        detail: { person: row.person_id, keyId },
      });
    });
  }

  /** Every key of a person, newest first. */
  async list(personId: string): Promise<PersonKey[]> {
    const { rows } = await this.#pool.query<KeyRow>(
      'select id, person_id, public_key, created_at, revoked_at from person_keys where person_id = $1 order by id desc',
      [personId],
    );
    return rows.map(toKey);
  }

  async active(personId: string): Promise<PersonKey | null> {
    const c = await this.#pool.connect();
    try {
      return await activeKey(c, personId);
    } finally {
      c.release();
    }
  }
}
