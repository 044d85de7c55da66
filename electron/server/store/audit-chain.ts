/**
 * The newsroom's audit trail in PostgreSQL: append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE) and hash-chained: each row's hash covers its canonical form including the hash of the
 * row before, so a changed, removed or inserted row breaks the chain at that row.
 */
import { createHash } from 'node:crypto';

import type pg from 'pg';

import { canonicalJson, type JsonValue } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);
// pg_advisory_xact_lock key: one appender at a time, so seq and prev_hash never fork.
const AUDIT_LOCK = 0x61756469; // "audi"

export type AuditInput = {
  actorId: string | null;
  action: string;
  storyId?: string | null;
  detail?: { [key: string]: JsonValue };
};

export type AuditRow = {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  storyId: string | null;
  detail: { [key: string]: JsonValue };
  prevHash: string;
  hash: string;
};

export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actorId,
    action: row.action,
    story: row.storyId,
    detail: row.detail,
    prev: row.prevHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Appends one entry. Call it inside the transaction of the change it records, so the entry and
 * the change commit (or roll back) together.
 */
export async function appendAudit(client: pg.ClientBase, input: AuditInput): Promise<AuditRow> {
  await client.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const last = await client.query<{ seq: string; hash: string }>(
    'select seq, hash from audit order by seq desc limit 1',
  );
  const prev = last.rows[0];
  const base: Omit<AuditRow, 'hash'> = {
    seq: prev ? Number(prev.seq) + 1 : 1,
    // Milliseconds: what a JavaScript Date keeps, so the hash recomputes from the stored row.
    at: new Date(),
    actorId: input.actorId,
    action: input.action,
    storyId: input.storyId ?? null,
    detail: input.detail ?? {},
    prevHash: prev?.hash ?? GENESIS_HASH,
  };
  const row = { ...base, hash: auditHash(base) };
  await client.query(
    `insert into audit (seq, at, actor_id, action, story_id, detail, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.seq,
      row.at,
      row.actorId,
      row.action,
      row.storyId,
      JSON.stringify(row.detail),
      row.prevHash,
      row.hash,
    ],
  );
  return row;
}

export type AuditProblem = { seq: number; problem: 'changed' | 'missing' | 'broken-link' };
export type AuditVerdict = { entries: number; firstProblem: AuditProblem | null };

/** Walks the whole chain; reports the first entry that does not match. */
export async function verifyAudit(client: pg.ClientBase): Promise<AuditVerdict> {
  const { rows } = await client.query<{
    seq: string;
    at: Date;
    actor_id: string | null;
    action: string;
    story_id: string | null;
    detail: { [key: string]: JsonValue };
    prev_hash: string;
    hash: string;
  }>('select seq, at, actor_id, action, story_id, detail, prev_hash, hash from audit order by seq');
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const r of rows) {
    const seq = Number(r.seq);
    if (seq !== expectedSeq)
      return { entries: rows.length, firstProblem: { seq: expectedSeq, problem: 'missing' } };
    if (r.prev_hash !== prevHash)
      return { entries: rows.length, firstProblem: { seq, problem: 'broken-link' } };
    const recomputed = auditHash({
      seq,
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      storyId: r.story_id,
      detail: r.detail,
      prevHash: r.prev_hash,
    });
    if (recomputed !== r.hash) return { entries: rows.length, firstProblem: { seq, problem: 'changed' } };
    prevHash = r.hash;
    expectedSeq = seq + 1;
  }
  return { entries: rows.length, firstProblem: null };
}
