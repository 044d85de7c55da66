/**
 * A real newsroom for the multi-seat specs (issue 17): a throw-away PostgreSQL cluster, the
 * `desk server` command on a loopback port, and the people's accounts made as an administrator
 * makes them (`--init-admin`, then `POST /api/admin/accounts`). Each person has chosen their own
 * password already, as they do at their first sign-in, unless `oneTime` keeps the one-time one.
 *
 * The server runs as its own process, so a spec can stop it, kill it, or stop its database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { pgSkipReason, startPgCluster, type PgCluster } from '../../electron/server/pg-cluster';
import { post } from '../../electron/server/testing';
import type { Role } from '../../shared/review/roles';
import { ROOT } from './desk-host';

export { pgSkipReason };

const DESK = join(ROOT, 'scripts/desk.mjs');

export type NewsroomPerson = { id: string; name: string; roles: Role[]; password: string };

export type Newsroom = {
  /** The server's address, e.g. http://127.0.0.1:41234/ */
  url: string;
  cluster: PgCluster;
  people: Record<string, NewsroomPerson>;
  /** `desk audit verify --json` on the newsroom's database, as an inspector runs it. */
  auditVerify(): Promise<unknown>;
  /** Stops the server process (SIGTERM): desks find the newsroom not answering. */
  stop(): Promise<void>;
  /** Starts the server process again on the same address and database. */
  start(): Promise<void>;
  /** stop(), then start(). */
  restart(): Promise<void>;
  /** Stops the whole thing and removes the database folder. */
  close(): Promise<void>;
};

type PersonSpec = { id: string; name: string; roles: Role[]; oneTime?: boolean };

function runDesk(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DESK, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`desk ${args[0]} exited ${code}: ${err}${out}`)),
    );
  });
}

function serve(db: string, listen: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [DESK, 'server', '--db', db, '--listen', listen], { cwd: ROOT });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`desk server did not start in 30 s: ${out}`)), 30_000);
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening at (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ child, url: m[1]!.endsWith('/') ? m[1]! : `${m[1]!}/` });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`desk server exited with ${code}: ${out}`));
    });
  });
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function ok<T>(r: Promise<{ status: number; body: unknown }>, what: string): Promise<T> {
  const { body } = (await r) as { body: { ok: boolean; result?: T; error?: { detail: string } } };
  if (!body.ok) throw new Error(`${what}: ${body.error?.detail}`);
  return body.result as T;
}

/** A person's own password after their first sign-in (long enough for the server's rule). */
const ownPassword = (id: string) => `${id}-自己的密码-2026`;

export async function startNewsroom(specs: PersonSpec[]): Promise<Newsroom> {
  const cluster = startPgCluster();
  try {
    const db = cluster.createDatabase('newsroom');
    const init = await runDesk(['server', '--db', db, '--init-admin', 'admin']);
    const adminOneTime = init.trim().split('\n').pop()!.trim();
    let server = await serve(db, '127.0.0.1:0');
    const url = server.url;
    const listen = new URL(url).host;

    const signIn = async (login: string, password: string) =>
      (await ok<{ token: string }>(post(url, 'login', { login, password }), `sign-in of ${login}`)).token;
    const choose = async (login: string, oneTime: string) => {
      const token = await signIn(login, oneTime);
      await ok(
        post(url, 'password', { oldPassword: oneTime, newPassword: ownPassword(login) }, token),
        `${login} choosing a password`,
      );
      return ownPassword(login);
    };

    const adminPassword = await choose('admin', adminOneTime);
    const adminToken = await signIn('admin', adminPassword);
    const people: Record<string, NewsroomPerson> = {};
    for (const spec of specs) {
      const made = await ok<{ password: string }>(
        post(url, 'admin/accounts', { id: spec.id, name: spec.name, roles: spec.roles }, adminToken),
        `account ${spec.id}`,
      );
      const password = spec.oneTime ? made.password : await choose(spec.id, made.password);
      people[spec.id] = { id: spec.id, name: spec.name, roles: spec.roles, password };
    }
    const newsroom: Newsroom = {
      url,
      cluster,
      people,
      auditVerify: async () => JSON.parse(await runDesk(['audit', 'verify', '--db', db, '--json'])),
      async stop() {
        await stopped(server.child);
      },
      async start() {
        if (server.child.exitCode === null && server.child.signalCode === null) return;
        server = await serve(db, listen);
      },
      async restart() {
        await newsroom.stop();
        await newsroom.start();
      },
      async close() {
        await stopped(server.child);
        cluster.stop();
      },
    };
    return newsroom;
  } catch (err) {
    cluster.stop();
    throw err;
  }
}
