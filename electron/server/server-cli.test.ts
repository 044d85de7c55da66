import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster';
import { LATEST_VERSION } from './store/migrations';
import { post } from './testing';

const skip = pgSkipReason();
if (skip) console.warn(`SKIP ${skip}`);

const ROOT = join(import.meta.dirname, '../..');
const DESK = join(ROOT, 'scripts/desk.mjs');

type Run = { code: number; stdout: string; stderr: string };

function desk(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DESK, ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts `desk server` and resolves with its address once it listens. */
function serve(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [DESK, 'server', ...args], { cwd: ROOT });
  let out = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening at (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, output: () => out });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`desk server exited with ${code}: ${out}`)));
  });
}

const stopped = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe.skipIf(skip !== null)('desk server (command line)', () => {
  let cluster: PgCluster;
  let certDir: string;
  beforeAll(() => {
    cluster = startPgCluster();
    certDir = mkdtempSync(join(tmpdir(), 'desk-tls-'));
  });
  afterAll(() => {
    cluster?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  it('--init-admin prints a one-time password that signs in; a second administrator is refused', async () => {
    const db = cluster.createDatabase('cli_admin');
    const first = await desk(['server', '--db', db, '--init-admin', 'boss']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`database schema brought to version ${LATEST_VERSION}`));
    const password = first.stdout.trim().split('\n').pop()!;
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);

    const again = await desk(['server', '--db', db, '--init-admin', 'other']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has an administrator/);

    const server = await serve(['--db', db, '--listen', '127.0.0.1:0']);
    try {
      const wrong = await post(server.url, 'login', { login: 'boss', password: 'not-it-at-all' });
      expect(wrong.status).toBe(401);
      const ok = await post<{ person: { id: string; roles: string[] }; mustChangePassword: boolean }>(
        server.url,
        'login',
        { login: 'boss', password },
      );
      expect(ok.status).toBe(200);
      expect(ok.body.ok && ok.body.result).toMatchObject({
        person: { id: 'boss', roles: ['admin'] },
        mustChangePassword: true,
      });
      // Until the one-time password is changed, the session may do nothing else.
      const token = ok.body.ok ? (ok.body.result as unknown as { token: string }).token : '';
      const early = await post(server.url, 'call/stories.list', {}, token);
      expect(early.status).toBe(403);
      expect(!early.body.ok && early.body.error.key).toBe('error.passwordChangeRequired');
      const own = 'boss-own-password-1';
      expect(
        (await post(server.url, 'password', { oldPassword: password, newPassword: own }, token)).status,
      ).toBe(200);
      expect((await post(server.url, 'call/stories.list', {}, token)).status).toBe(200);
    } finally {
      expect(await stopped(server.child)).toBe(0);
    }
  });

  it('refuses plain HTTP on a non-loopback address, and serves it with --insecure-lan and a warning', async () => {
    const db = cluster.createDatabase('cli_lan');
    const refused = await desk(['server', '--db', db, '--listen', '0.0.0.0:0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing plain HTTP on 0\.0\.0\.0.*--insecure-lan/s);
    const lan = await serve(['--db', db, '--listen', '0.0.0.0:0', '--insecure-lan']);
    try {
      expect(lan.output()).toMatch(/WARNING: --insecure-lan/);
      expect(lan.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/$/);
    } finally {
      await stopped(lan.child);
    }
  });

  it('serves HTTPS off the loopback with --tls-cert and --tls-key', async () => {
    const db = cluster.createDatabase('cli_tls');
    const key = join(certDir, 'key.pem');
    const cert = join(certDir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const tls = await serve(['--db', db, '--listen', '0.0.0.0:0', '--tls-cert', cert, '--tls-key', key]);
    try {
      expect(tls.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+\/$/);
      expect(tls.output()).not.toMatch(/WARNING/);
      const port = Number(/:(\d+)\/$/.exec(tls.url)![1]);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/login',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            ca: readFileSync(cert),
            servername: 'localhost',
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.once('error', reject);
        req.end(JSON.stringify({ login: 'nobody', password: 'not-a-password' }));
      });
      expect(status).toBe(401);
    } finally {
      await stopped(tls.child);
    }
  });

  it('says plainly when the database is unreachable, newer than the server, or the port is taken', async () => {
    const nowhere = `postgresql://postgres@/nope?host=${encodeURIComponent(join(certDir, 'no-socket'))}&port=5432`;
    const unreachable = await desk(['server', '--db', nowhere, '--listen', '127.0.0.1:0']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /cannot open the newsroom database at .*no-socket.*Nothing was started/s,
    );

    const db = cluster.createDatabase('cli_newer');
    expect((await desk(['server', '--db', db, '--init-admin', 'boss'])).code).toBe(0);
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    await client.query(`insert into schema_migrations (version, name) values (99, 'from a newer build')`);
    await client.end();
    const newer = await desk(['server', '--db', db, '--listen', '127.0.0.1:0']);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toMatch(/schema is version 99, newer than this server/);

    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const db2 = cluster.createDatabase('cli_busy');
      const taken = await desk(['server', '--db', db2, '--listen', `127.0.0.1:${port}`]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(new RegExp(`port 127\\.0\\.0\\.1:${port} is already in use`));
    } finally {
      busy.close();
    }
  });
});
