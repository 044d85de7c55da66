import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { pgSkipReason, startPgCluster, type PgCluster } from '../pg-cluster';
import { appendAudit, auditHash, verifyAudit } from './audit-chain';
import { canonicalJson } from './canonical-json';
import { LATEST_VERSION, MIGRATIONS, migrate, SchemaError } from './migrations';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by code unit, drops whitespace, serialises numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], é: 1e21, A: 0.1 })).toBe(
      '{"A":0.1,"a":[true,null,"x"],"b":1,"é":1e+21}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});

describe.skipIf(skip !== null)('newsroom store on PostgreSQL', () => {
  let cluster: PgCluster;
  let n = 0;
  const fresh = async () => {
    const client = new pg.Client({ connectionString: cluster.createDatabase(`m${++n}`) });
    await client.connect();
    return client;
  };
  beforeAll(() => {
    cluster = startPgCluster();
  });
  afterAll(() => cluster?.stop());

  it('creates the schema once; a second run applies nothing', async () => {
    const c = await fresh();
    expect(await migrate(c)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(c)).toEqual([]);
    const { rows } = await c.query<{ version: number }>('select version from schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = await c.query<{ t: string }>(
      `select table_name as t from information_schema.tables where table_schema = $1 order by 1`,
      ['public'],
    );
    expect(tables.rows.map((r) => r.t)).toEqual(
      expect.arrayContaining(['accounts', 'audit', 'comments', 'locks', 'people', 'sessions', 'signatures']),
    );
    await c.end();
  });

  it('applies a later migration to an older database, and refuses a database newer than the code', async () => {
    const c = await fresh();
    await migrate(c);
    const next = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 1, name: 'x', sql: 'create table extra (a int)' },
    ];
    expect(await migrate(c, next)).toEqual([LATEST_VERSION + 1]);
    await expect(migrate(c)).rejects.toThrow(SchemaError);
    await expect(migrate(c)).rejects.toThrow(/newer than this server/);
    // The refusal changed nothing.
    const { rows } = await c.query<{ n: string }>('select count(*) as n from schema_migrations');
    expect(Number(rows[0]!.n)).toBe(MIGRATIONS.length + 1);
    await c.end();
  });

  it('a failing migration leaves the database as it was', async () => {
    const c = await fresh();
    const bad = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'bad', sql: 'create tabel oops' }];
    await expect(migrate(c, bad)).rejects.toThrow();
    const { rows } = await c.query<{ r: string | null }>('select to_regclass($1) as r', ['people']);
    expect(rows[0]!.r).toBeNull();
    await c.end();
  });

  it('two servers starting at once migrate once', async () => {
    const url = cluster.createDatabase('race');
    const clients = await Promise.all(
      [0, 1, 2].map(async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    const results = await Promise.all(clients.map((c) => migrate(c)));
    expect(results.flat()).toEqual(MIGRATIONS.map((m) => m.version));
    await Promise.all(clients.map((c) => c.end()));
  });

  it('the audit trail refuses UPDATE, DELETE and TRUNCATE, even for the table owner', async () => {
    const c = await fresh();
    await migrate(c);
    await appendAudit(c, { actorId: null, action: 'server-start' });
    await expect(c.query('update audit set action = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(c.query('delete from audit')).rejects.toThrow(/append-only/);
    await expect(c.query('truncate audit')).rejects.toThrow(/append-only/);
    await c.end();
  });

  it('audit verify finds a changed, a removed and an inserted row', async () => {
    const c = await fresh();
    await migrate(c);
    await c.query(`insert into people (id, name, roles) values ($1, $2, $3)`, [
      'li',
      '李编辑',
      ['first-editor'],
    ]);
    for (let i = 0; i < 6; i++)
      await appendAudit(c, { actorId: 'li', action: 'save', storyId: `s${i}`, detail: { revision: i + 1 } });
    expect(await verifyAudit(c)).toEqual({ entries: 6, firstProblem: null });

    // Tampering needs the triggers off (a superuser); the chain still tells.
    const tamper = async (sql: string, params: unknown[]) => {
      await c.query('alter table audit disable trigger user');
      await c.query(sql, params);
      await c.query('alter table audit enable trigger user');
    };
    await tamper(`update audit set detail = $1 where seq = 3`, [JSON.stringify({ revision: 99 })]);
    expect((await verifyAudit(c)).firstProblem).toEqual({ seq: 3, problem: 'changed' });
    await tamper(`update audit set detail = $1 where seq = 3`, [JSON.stringify({ revision: 3 })]);
    expect((await verifyAudit(c)).firstProblem).toBeNull();

    await tamper('delete from audit where seq = 4', []);
    expect((await verifyAudit(c)).firstProblem).toEqual({ seq: 4, problem: 'missing' });

    // An inserted row in the gap, with a correctly computed hash over its predecessor: the row
    // after it still points at the original, so the link breaks there.
    const prev = await c.query<{ hash: string }>('select hash from audit where seq = 3');
    const forged = {
      seq: 4,
      at: new Date(),
      actorId: 'li',
      action: 'sign',
      storyId: 's3',
      detail: { level: 'final' },
      prevHash: prev.rows[0]!.hash,
    };
    await c.query(
      `insert into audit (seq, at, actor_id, action, story_id, detail, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [4, forged.at, 'li', 'sign', 's3', JSON.stringify(forged.detail), forged.prevHash, auditHash(forged)],
    );
    expect((await verifyAudit(c)).firstProblem).toEqual({ seq: 5, problem: 'broken-link' });
    await c.end();
  });
});
