/**
 * A throw-away PostgreSQL cluster in a temporary folder, for the tests of the newsroom server:
 * `initdb`, then `pg_ctl start` with the Unix socket in that folder and no TCP listener
 * (`listen_addresses=''`), then removed entirely by `stop()`. Run as root (CI), the cluster runs
 * as the unprivileged `postgres` user through `runuser`, with the folder chowned to it.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The folder holding initdb and pg_ctl (PG_BIN overrides), or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  const dirs = process.env.PG_BIN ? [process.env.PG_BIN, ...BIN_DIRS] : BIN_DIRS;
  return dirs.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

/** Why the PostgreSQL tests cannot run here, or null when they can: printed as the skip line. */
export function pgSkipReason(): string | null {
  if (findPgBin()) return null;
  return 'PostgreSQL not installed (no initdb/pg_ctl in /usr/lib/postgresql/*/bin; set PG_BIN or apt-get install postgresql): newsroom-server tests skipped';
}

export type PgCluster = {
  /** The folder holding the data directory and the socket. */
  dir: string;
  /** A connection string for `pg` (socket in `dir`). */
  url(database?: string): string;
  /** Creates a fresh empty database and returns its connection string. */
  createDatabase(name: string): string;
  /** Stops the server (fast shutdown) and keeps the files; `start()` brings it back. */
  halt(): void;
  start(): void;
  /** Stops the server and removes the folder. */
  stop(): void;
};

const PORT = 5432;

export function startPgCluster(): PgCluster {
  const bin = findPgBin();
  if (!bin) throw new Error(pgSkipReason() ?? 'PostgreSQL not installed');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'desk-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const user = asRoot ? 'postgres' : (process.env.USER ?? 'postgres');
  const run = (tool: string, args: string[]) => {
    const cmd = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  run('initdb', ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const options = `-k ${dir} -p ${PORT} -c listen_addresses='' -c fsync=off -c max_connections=100`;
  const start = () => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', options, 'start']);
  const halt = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const url = (database = 'postgres') =>
    `postgresql://${encodeURIComponent(user)}@/${database}?host=${encodeURIComponent(dir)}&port=${PORT}`;
  return {
    dir,
    url,
    createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      run('createdb', ['-h', dir, '-p', String(PORT), '-U', user, name]);
      return url(name);
    },
    halt,
    start,
    stop() {
      try {
        if (statSync(join(data, 'postmaster.pid'), { throwIfNoEntry: false })) halt();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
