/**
 * `desk audit verify --db postgres://… [--head SEQ:HASH] [--json]` (issue 17): checks the newsroom's
 * audit trail (the hash chain) and every sign-off against the stored revision and the signer's
 * public key, in one read-only snapshot; reports the first entry that does not match.
 *
 * Exit status: 0 everything matches, 1 something does not (the first problem is printed),
 * 2 bad usage or a database that cannot be read. Nothing is ever written.
 */
import pg from 'pg';

import { verifyNewsroom, type NewsroomVerdict } from '../../server/store/audit-verify';
import { UsageError } from '../usage';

function headOption(raw: unknown): { seq: number; hash: string } | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+):([0-9a-f]{64})$/.exec(String(raw));
  if (!m) throw new UsageError('--head is SEQ:HASH, as printed by an earlier verify (e.g. 120:3f9a…)');
  return { seq: Number(m[1]), hash: m[2]! };
}

export function formatVerdict(v: NewsroomVerdict): string[] {
  const lines = [
    `audit verify: ${v.entries} entries, ${v.signatures} signatures, ${v.keys} keys`,
    v.head ? `  head: ${v.head.seq}:${v.head.hash}` : '  head: (empty trail)',
  ];
  const p = v.firstProblem;
  if (!p) lines.push('  OK: the chain is intact and every signature matches the revision it signed');
  else
    lines.push(
      p.seq === null
        ? `  MISMATCH (${p.kind}): ${p.message}`
        : `  MISMATCH at entry ${p.seq} (${p.kind}): ${p.message}`,
    );
  return lines;
}

export async function runAudit(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  const [sub, ...rest] = positionals;
  if (sub !== 'verify' || rest.length > 0)
    throw new UsageError('the audit command is "audit verify --db URL"');
  if (typeof values.db !== 'string' || !/^postgres(ql)?:\/\//.test(values.db))
    throw new UsageError('--db names the newsroom database, e.g. --db postgres://user@host/desk');
  const head = headOption(values.head);
  const client = new pg.Client({ connectionString: values.db });
  try {
    await client.connect();
  } catch (err) {
    console.error(
      `desk audit: cannot reach the newsroom database (${(err as Error).message}); nothing was checked.`,
    );
    return 2;
  }
  let verdict: NewsroomVerdict;
  try {
    // One snapshot of the whole database, and no way to write.
    await client.query('begin transaction isolation level repeatable read read only');
    verdict = await verifyNewsroom(client, head ? { head } : {});
    await client.query('rollback');
  } catch (err) {
    console.error(
      `desk audit: the database could not be read (${(err as Error).message}); nothing was changed.`,
    );
    return 2;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (values.json === true) console.log(JSON.stringify(verdict, null, 2));
  else for (const line of formatVerdict(verdict)) console.log(line);
  return verdict.firstProblem ? 1 : 0;
}
