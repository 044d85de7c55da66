/**
 * `desk server`: the newsroom server on PostgreSQL (issue 17). It migrates the database to this
 * build's schema at every start, then serves the desk API over HTTPS (or plain HTTP on the
 * loopback, or on the LAN with --insecure-lan, which it warns about). `--init-admin NAME` creates
 * the first administrator and prints a one-time password instead of serving.
 */
import pg from 'pg';

import { Accounts } from '../../server/accounts/accounts';
import { isLoopback, parseListen, startNewsroomServer, transportProblem } from '../../server/http';
import { migrate, SchemaError } from '../../server/store/migrations';
import { NewsroomStories } from '../../server/store/stories';
import { UsageError } from '../usage';

export const DEFAULT_LISTEN = '127.0.0.1:8443';

/** Where the database is (host or socket folder, port, database), never its password, for messages. */
export function describeDb(url: string): string {
  const m = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?([^/?]*)(\/[^?]*)?(?:\?(.*))?$/.exec(url);
  if (!m) return 'the given address';
  const params = new URLSearchParams(m[3] ?? '');
  const host = params.get('host') ?? (m[1] || 'localhost');
  const port = params.get('port');
  return `${host}${port && !m[1]?.includes(':') ? `:${port}` : ''}${m[2] ?? ''}`;
}

export async function runServer(values: Record<string, unknown>): Promise<number> {
  const db = values.db;
  if (typeof db !== 'string' || !/^postgres(ql)?:\/\//.test(db))
    throw new UsageError('--db postgres://… is required (the newsroom database)');
  let listen;
  try {
    listen = parseListen(typeof values.listen === 'string' ? values.listen : DEFAULT_LISTEN);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if ((typeof cert === 'string') !== (typeof key === 'string'))
    throw new UsageError('--tls-cert and --tls-key go together');
  const tls = typeof cert === 'string' && typeof key === 'string' ? { cert, key } : undefined;
  const insecureLan = values['insecure-lan'] === true;
  const initAdmin = typeof values['init-admin'] === 'string' ? values['init-admin'] : null;
  if (!initAdmin) {
    const problem = transportProblem({ listen, tls, insecureLan });
    if (problem) {
      console.error(`desk server: ${problem}. Nothing was started.`);
      return 2;
    }
  }

  const pool = new pg.Pool({ connectionString: db, max: 20, connectionTimeoutMillis: 10_000 });
  pool.on('error', (err) => console.error('[server] database:', err.message));
  try {
    const client = await pool.connect();
    try {
      const applied = await migrate(client);
      if (applied.length) console.log(`database schema brought to version ${applied[applied.length - 1]}`);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    if (err instanceof SchemaError) {
      console.error(`desk server: ${err.message}`);
      return 1;
    }
    console.error(
      `desk server: cannot open the newsroom database at ${describeDb(db)}: ${(err as Error).message}. Nothing was started; check that PostgreSQL runs and the address is right.`,
    );
    return 1;
  }
  const accounts = new Accounts(pool);

  if (initAdmin) {
    try {
      const { person, password } = await accounts.initAdmin(initAdmin);
      console.log(
        `administrator ${person.id} created. One-time password (shown only now; change it at first sign-in):`,
      );
      console.log(password);
      return 0;
    } finally {
      await pool.end();
    }
  }

  let server;
  try {
    server = await startNewsroomServer({
      pool,
      accounts,
      stories: new NewsroomStories(pool),
      // The review side (review.act, comments, the audit views) joins here as `routes` (store/review.ts).
      listen,
      tls,
      insecureLan,
    });
  } catch (err) {
    await pool.end();
    const code = (err as NodeJS.ErrnoException).code;
    const where = `${listen.host}:${listen.port}`;
    if (code === 'EADDRINUSE')
      console.error(
        `desk server: the port ${where} is already in use (another server?); nothing was started.`,
      );
    else if (code === 'EADDRNOTAVAIL')
      console.error(`desk server: ${listen.host} is not an address of this machine; nothing was started.`);
    else if (code === 'EACCES')
      console.error(
        `desk server: not allowed to listen on ${where} (a port below 1024?); nothing was started.`,
      );
    else console.error(`desk server: cannot start on ${where}: ${(err as Error).message}`);
    return 1;
  }
  if (!tls && !isLoopback(listen.host))
    console.warn(
      'desk server: WARNING: --insecure-lan: serving plain HTTP on the network; passwords and session tokens cross it in clear.',
    );
  console.log(`newsroom server listening at ${server.url}  (press Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await pool.end();
  return 0;
}
