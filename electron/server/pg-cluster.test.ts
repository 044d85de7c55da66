import { existsSync } from 'node:fs';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

describe.skipIf(skip !== null)('temporary PostgreSQL cluster', () => {
  let cluster: PgCluster;
  beforeAll(() => {
    cluster = startPgCluster();
  });
  afterAll(() => cluster?.stop());

  it('answers on its socket, creates databases, restarts, and is removed at the end', async () => {
    const url = cluster.createDatabase('harness_check');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ v: string; db: string }>(
      'select current_setting($1) as v, current_database() as db',
      ['server_version_num'],
    );
    expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
    expect(rows[0]!.db).toBe('harness_check');
    await client.query('create table t (x int)');
    await client.query('insert into t values ($1)', [7]);
    await client.end();

    cluster.halt();
    const refused = new pg.Client({ connectionString: url });
    await expect(refused.connect()).rejects.toThrow();
    cluster.start();
    const again = new pg.Client({ connectionString: url });
    await again.connect();
    expect((await again.query<{ x: number }>('select x from t')).rows).toEqual([{ x: 7 }]);
    await again.end();

    const dir = cluster.dir;
    cluster.stop();
    expect(existsSync(dir)).toBe(false);
    cluster = startPgCluster();
  });
});
