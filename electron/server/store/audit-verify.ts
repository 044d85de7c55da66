/**
 * What `desk audit verify` checks (issue 17, ADR 011): the hash chain of the audit trail
 * (audit-chain.ts), and every sign-off and return against what it signed:
 *
 * - the signature row the entry names exists and says what the entry says (story, revision,
 *   level, decision, person, key, payload, signature);
 * - the payload is a canonical sign-off of that story, revision, level and decision;
 * - the stored text of that revision still hashes to the payload's content hash (recomputed from
 *   the stored content, not read from the content_hash column);
 * - the signature verifies with the stored public key, which belongs to the signer, was not
 *   revoked before the signature, and is the key its audited registration named;
 * - no signature row is missing from the trail.
 *
 * It reports the first entry that does not match (lowest seq), with what is wrong.
 */
import type pg from 'pg';

import type { JsonValue } from './canonical-json';
import { verifyAudit, type AuditProblem } from './audit-chain';
import { contentHash, parseSignoff, verifyText } from '../keys/signoff';

export type VerifyProblemKind =
  | AuditProblem['problem']
  | 'head-mismatch'
  | 'signature-missing'
  | 'signature-mismatch'
  | 'signature-invalid'
  | 'payload-mismatch'
  | 'revision-missing'
  | 'content-changed'
  | 'key-mismatch'
  | 'key-revoked'
  | 'unrecorded-signature';

export type VerifyProblem = {
  /** The audit entry that does not match; null for a signature no entry records. */
  seq: number | null;
  kind: VerifyProblemKind;
  message: string;
};

export type NewsroomVerdict = {
  entries: number;
  signatures: number;
  keys: number;
  /** The last entry: an inspector notes it down and later checks it is still there (--head). */
  head: { seq: number; hash: string } | null;
  firstProblem: VerifyProblem | null;
};

type Detail = { [key: string]: JsonValue };
type EntryRow = {
  seq: string;
  actor_id: string | null;
  action: string;
  story_id: string | null;
  detail: Detail;
};
type SignatureRow = {
  id: string;
  story_id: string;
  revision: number;
  level: string;
  decision: string;
  person_id: string;
  signed_at: Date;
  payload: string;
  signature: string;
  key_id: string;
  nonce: string;
};
type KeyRow = { id: string; person_id: string; public_key: string; revoked_at: Date | null };

const CHAIN_WORDS: Record<AuditProblem['problem'], (seq: number) => string> = {
  changed: (seq) => `entry ${seq} was changed after it was written: its hash does not match its content`,
  missing: (seq) => `entry ${seq} is missing: the trail jumps over it`,
  'broken-link': (seq) =>
    `entry ${seq} does not follow the entry before it: an entry before it was inserted or replaced`,
};

/**
 * Verifies the whole trail; `head` (an entry noted down at an earlier verify) must still be there
 * with the same hash. Run it inside one read-only snapshot (the CLI does).
 */
export async function verifyNewsroom(
  client: pg.ClientBase,
  options: { head?: { seq: number; hash: string } } = {},
): Promise<NewsroomVerdict> {
  const problems: VerifyProblem[] = [];
  const chain = await verifyAudit(client);
  if (chain.firstProblem)
    problems.push({
      seq: chain.firstProblem.seq,
      kind: chain.firstProblem.problem,
      message: CHAIN_WORDS[chain.firstProblem.problem](chain.firstProblem.seq),
    });

  const last = await client.query<{ seq: string; hash: string }>(
    'select seq, hash from audit order by seq desc limit 1',
  );
  const head = last.rows[0] ? { seq: Number(last.rows[0].seq), hash: last.rows[0].hash } : null;
  if (options.head) {
    const h = options.head;
    const { rows } = await client.query<{ hash: string }>('select hash from audit where seq = $1', [h.seq]);
    if (rows[0]?.hash !== h.hash)
      problems.push({
        seq: h.seq,
        kind: 'head-mismatch',
        message: rows[0]
          ? `entry ${h.seq} is not the entry noted down earlier: its hash is ${rows[0].hash}, noted ${h.hash}`
          : `entry ${h.seq}, noted down earlier, is no longer in the trail`,
      });
  }

  const sigRows = await client.query<SignatureRow>(
    `select id, story_id, revision, level, decision, person_id, signed_at, payload, signature, key_id, nonce
       from signatures order by id`,
  );
  const signatures = new Map(sigRows.rows.map((r) => [Number(r.id), r]));
  const keyRows = await client.query<KeyRow>('select id, person_id, public_key, revoked_at from person_keys');
  const keys = new Map(keyRows.rows.map((r) => [Number(r.id), r]));

  const entries = await client.query<EntryRow>(
    `select seq, actor_id, action, story_id, detail from audit
      where action in ('sign', 'return', 'key-registered') order by seq`,
  );
  const registered = new Map<number, { person: string; publicKey: string }>();
  const recorded = new Set<number>();
  for (const e of entries.rows) {
    const seq = Number(e.seq);
    const problem =
      e.action === 'key-registered'
        ? checkRegistration(e, keys, registered)
        : await checkSignature(client, e, signatures, keys, registered, recorded);
    if (problem) {
      problems.push({ seq, ...problem });
      break;
    }
  }
  for (const [id, row] of signatures) {
    if (recorded.has(id)) continue;
    problems.push({
      seq: null,
      kind: 'unrecorded-signature',
      message: `signature ${id} (${row.level} of story ${row.story_id} by ${row.person_id}) is recorded by no audit entry`,
    });
    break;
  }
  problems.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  return {
    entries: chain.entries,
    signatures: signatures.size,
    keys: keys.size,
    head,
    firstProblem: problems[0] ?? null,
  };
}

type Found = { kind: VerifyProblemKind; message: string } | null;

function checkRegistration(
  e: EntryRow,
  keys: Map<number, KeyRow>,
  registered: Map<number, { person: string; publicKey: string }>,
): Found {
  const keyId = Number(e.detail.keyId);
  const person = String(e.detail.person);
  const publicKey = String(e.detail.publicKey);
  registered.set(keyId, { person, publicKey });
  const row = keys.get(keyId);
  if (!row || row.person_id !== person || row.public_key !== publicKey)
    return {
      kind: 'key-mismatch',
      message: row
        ? `key ${keyId} of ${row.person_id} is not the key registered for ${person} by this entry`
        : `key ${keyId}, registered by this entry, is not in the keys table`,
    };
  return null;
}

async function checkSignature(
  client: pg.ClientBase,
  e: EntryRow,
  signatures: Map<number, SignatureRow>,
  keys: Map<number, KeyRow>,
  registered: Map<number, { person: string; publicKey: string }>,
  recorded: Set<number>,
): Promise<Found> {
  const d = e.detail;
  const id = Number(d.signatureId);
  recorded.add(id);
  const row = signatures.get(id);
  if (!row)
    return {
      kind: 'signature-missing',
      message: `signature ${id}, recorded by this entry, is not in the signatures table`,
    };
  const decision = e.action === 'sign' ? 'approve' : 'return';
  const same =
    row.story_id === e.story_id &&
    row.person_id === e.actor_id &&
    row.revision === d.revision &&
    row.level === d.level &&
    row.decision === decision &&
    Number(row.key_id) === d.keyId &&
    row.payload === d.payload &&
    row.signature === d.signature;
  if (!same)
    return {
      kind: 'signature-mismatch',
      message: `signature ${id} in the signatures table is not the one this entry recorded (story, revision, level, signer, key or signature bytes differ)`,
    };
  const payload = parseSignoff(row.payload);
  if (
    !payload ||
    payload.storyId !== row.story_id ||
    payload.revision !== row.revision ||
    payload.level !== row.level ||
    payload.decision !== decision ||
    payload.contentHash !== d.contentHash ||
    payload.nonce !== row.nonce
  )
    return {
      kind: 'payload-mismatch',
      message: `the signed payload of signature ${id} is not a sign-off of ${row.level} of story ${row.story_id} revision ${row.revision}`,
    };
  const key = keys.get(Number(row.key_id));
  const reg = registered.get(Number(row.key_id));
  if (!key || key.person_id !== row.person_id || !reg || reg.publicKey !== key.public_key)
    return {
      kind: 'key-mismatch',
      message: `key ${row.key_id} of signature ${id} is not a key registered for ${row.person_id} in the trail`,
    };
  if (key.revoked_at && key.revoked_at.getTime() < row.signed_at.getTime())
    return {
      kind: 'key-revoked',
      message: `signature ${id} was made on ${row.signed_at.toISOString()} with key ${row.key_id}, revoked on ${key.revoked_at.toISOString()}`,
    };
  if (!verifyText(key.public_key, row.payload, row.signature))
    return {
      kind: 'signature-invalid',
      message: `signature ${id} does not verify with ${row.person_id}'s key ${row.key_id}`,
    };
  const rev = await client.query<{ content: unknown }>(
    'select content from story_revisions where story_id = $1 and revision = $2',
    [row.story_id, row.revision],
  );
  if (!rev.rows[0])
    return {
      kind: 'revision-missing',
      message: `revision ${row.revision} of story ${row.story_id}, signed by signature ${id}, is not in the database`,
    };
  const hash = contentHash(rev.rows[0].content);
  if (hash !== payload.contentHash)
    return {
      kind: 'content-changed',
      message: `the stored text of story ${row.story_id} revision ${row.revision} is not the text ${row.person_id} signed (${row.level}): it hashes to ${hash}, the signature covers ${payload.contentHash}`,
    };
  return null;
}
