/**
 * One transaction on a client of the pool: `fn` runs between begin and commit; any error rolls
 * back (a rollback that fails on a broken connection does not hide the error that caused it) and
 * is thrown on. The client always goes back to the pool.
 */
import type pg from 'pg';

export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const out = await fn(c);
    await c.query('commit');
    return out;
  } catch (err) {
    await c.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}
