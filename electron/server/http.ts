/**
 * The newsroom server's HTTP(S) front (issue 17): the third binding of shared/api/contract.ts,
 * next to Electron IPC and the loopback host. It answers in their envelope ({ ok, result } or
 * { ok: false, error }) with the same security headers.
 *
 *   POST /api/login             { login, password } → { token, person, expiresAt, mustChangePassword }
 *   POST /api/logout            ends the session of the bearer token
 *   POST /api/me                who the session is
 *   POST /api/password          { oldPassword, newPassword }
 *   POST /api/admin/reset       { person } → { password } (an administrator)
 *   POST /api/admin/accounts    { id, name, roles } → { person, password } (an administrator)
 *   POST /api/call/<method>     a contract method, through the shared dispatch gate (routes.ts)
 *   GET  /api/photos/<file>     a stored photo's bytes (photo-routes.ts), immutable
 *   GET  /api/events            WebSocket upgrade: the DeskEvents this person may see (with
 *                               subprotocol `since.<seq>`: first the ones missed after seq)
 *
 * Everything but sign-in needs `Authorization: Bearer <session token>`; who is acting comes from
 * that session only. Plain HTTP is refused off the loopback unless --insecure-lan.
 */
import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import type pg from 'pg';
import { WebSocketServer } from 'ws';
import { z } from 'zod';

import { DeskError, type DeskErrorShape } from '../../shared/api';
import { ROLES } from '../../shared/review/roles';
import { dispatchWith, type DispatchResult } from '../desk/dispatch';
import { SECURITY_HEADERS } from '../desk/static-files';
import { isJsonContentType } from '../host/server';
import { AuthError, type Accounts } from './accounts/accounts';
import { EventHub } from './events';
import { checkoutRoutes } from './checkout-routes';
import { photoCallLimit, photoRoutes, servePhoto } from './photo-routes';
import { archiveRoutes } from './archive-routes';
import { deskRoutes, handlersFor, pageRoutes, reviewRoutes, storyRoutes, type ServerRoutes } from './routes';
import { NewsroomArchive } from './store/archive';
import { NewsroomCheckout } from './store/checkout';
import { NewsroomComments } from './store/comments';
import { NewsroomPages } from './store/pages';
import { NewsroomPhotos } from './store/photos';
import { PersonKeys } from './store/person-keys';
import { NewsroomReview } from './store/review';
import type { Actor, NewsroomStories } from './store/stories';

/** A contract call may carry a whole story; the account calls are small. */
const MAX_CALL_BODY = 16 * 1024 * 1024;
const MAX_BODY = 64 * 1024;
/** How often lapsed locks are released and the sockets' sessions re-checked. */
const SWEEP_MS = 10_000;

export type Listen = { host: string; port: number };

/** "127.0.0.1:8443", "[::1]:8443", "0.0.0.0:8443" or a bare port (loopback). */
export function parseListen(value: string): Listen {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value) ?? /^()()(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  const host = m ? m[1] || m[2] || '127.0.0.1' : '';
  if (!m || port > 65535 || (host !== 'localhost' && isIP(host) === 0))
    throw new Error(`--listen takes ADDRESS:PORT (an IP address, e.g. 0.0.0.0:8443), not "${value}"`);
  return { host, port };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export type ServerOptions = {
  pool: pg.Pool;
  accounts: Accounts;
  stories: NewsroomStories;
  /** Routes replacing or added to the story and review routes (tests, later issues). */
  routes?: ServerRoutes;
  listen: Listen;
  tls?: { cert: string; key: string };
  /** Plain HTTP on a non-loopback address: refused unless this is set. */
  insecureLan?: boolean;
  /** Interval of the lock sweep and session re-check (default 10 s); 0: only through `sweep()`. */
  sweepMs?: number;
};

export type RunningServer = {
  url: string;
  port: number;
  /** Releases lapsed locks and closes the sockets of ended sessions now. */
  sweep(): Promise<void>;
  close(): Promise<void>;
};

/** Why these options may not start a server (plain HTTP off the loopback), or null. */
export function transportProblem(opts: Pick<ServerOptions, 'listen' | 'tls' | 'insecureLan'>): string | null {
  if (opts.tls || isLoopback(opts.listen.host) || opts.insecureLan) return null;
  return `refusing plain HTTP on ${opts.listen.host}: passwords and session tokens would cross the network in clear. Give --tls-cert and --tls-key, or --insecure-lan to accept that`;
}

/** PostgreSQL error codes and socket errors that mean the database is not there (now). */
const DB_GONE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);

/** The newsroom's database unreachable: the change did not reach it, the desk keeps the text. */
export function databaseFailure(method: string, err: unknown): DeskErrorShape | null {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (
    (typeof code === 'string' && DB_GONE.has(code)) ||
    /Connection terminated|connection timeout/i.test(message)
  ) {
    console.warn(`[server] ${method}: the database is unreachable (${message})`);
    return {
      code: 'internal',
      key: 'error.newsroomDbUnavailable',
      params: { method },
      detail: `${method}: the newsroom database is unreachable; nothing was changed (${message})`,
    };
  }
  return null;
}

const SignIn = z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(200) });
const ChangePassword = z.object({ oldPassword: z.string().max(200), newPassword: z.string().max(200) });
const Reset = z.object({ person: z.string().max(64) });
const Create = z.object({
  id: z.string().max(64),
  name: z.string().min(1).max(80),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
});

function send(res: ServerResponse, status: number, body: DispatchResult) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': 'application/json; charset=utf-8',
  });
  res.end(JSON.stringify(body));
}

const badRequest = (issues: string) =>
  new DeskError('invalid-input', 'error.invalidInput', { method: 'http', issues }, issues);

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw badRequest(`the request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw badRequest('the request body is not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, method: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  throw new DeskError('invalid-input', 'error.invalidInput', { method, issues }, `${method}: ${issues}`);
}

/** The WebSocket subprotocol of the event socket. */
export const EVENTS_PROTOCOL = 'desk-events';
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The session token of `Authorization: Bearer …`; refused when there is none. A browser cannot
 * set headers on a WebSocket, so the event socket also takes it as a subprotocol
 * `bearer.<token>` next to `desk-events` (never in the URL, which logs keep).
 */
export function bearer(req: IncomingMessage, upgrade = false): string {
  const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  if (m && TOKEN.test(m[1]!)) return m[1]!;
  if (upgrade) {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const token = offered.find((p) => p.startsWith('bearer.'))?.slice('bearer.'.length);
    if (token && TOKEN.test(token)) return token;
  }
  throw new AuthError(401, 'error.sessionEnded', 'No session token; sign in first.');
}

/**
 * The last event seq a reconnecting desk saw, offered as the subprotocol `since.<seq>` next to
 * `desk-events` (like the token, never in the URL); null when none is offered.
 */
export function sinceOffered(req: IncomingMessage): number | null {
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const m = offered.map((p) => /^since\.(\d{1,15})$/.exec(p)).find((x) => x !== null);
  return m ? Number(m[1]) : null;
}

export async function startNewsroomServer(opts: ServerOptions): Promise<RunningServer> {
  const problem = transportProblem(opts);
  if (problem) throw new Error(problem);
  const { accounts, stories } = opts;
  const photos = new NewsroomPhotos(opts.pool);
  const routes: ServerRoutes = {
    ...storyRoutes(stories),
    ...reviewRoutes(new NewsroomReview(opts.pool), new PersonKeys(opts.pool), stories, opts.pool),
    ...deskRoutes(stories, new NewsroomComments(opts.pool), opts.pool),
    ...pageRoutes(new NewsroomPages(opts.pool)),
    ...checkoutRoutes(new NewsroomCheckout(opts.pool, stories), stories),
    ...photoRoutes(photos),
    ...archiveRoutes(new NewsroomArchive(opts.pool)),
    ...opts.routes,
  };
  const hub = new EventHub(opts.pool);
  await hub.start();

  /** The session's person, for everything but sign-in, sign-out and changing one's password. */
  const signedIn = async (req: IncomingMessage, upgrade = false): Promise<Actor> => {
    const s = await accounts.authenticate(bearer(req, upgrade));
    if (s.mustChangePassword)
      throw new AuthError(
        403,
        'error.passwordChangeRequired',
        'Signed in with a one-time password: choose your own password first (POST /api/password); nothing was changed.',
      );
    return { sessionId: s.sessionId, person: s.person };
  };

  async function account(req: IncomingMessage, path: string): Promise<unknown> {
    const address = req.socket.remoteAddress ?? 'unknown';
    switch (path) {
      case 'login': {
        const { login, password } = parse(SignIn, await readJson(req, MAX_BODY), 'login');
        const s = await accounts.signIn(login, password, address);
        return { ...s, expiresAt: s.expiresAt.toISOString() };
      }
      case 'logout': {
        const token = bearer(req);
        const who = await accounts.authenticate(token).catch(() => null);
        await accounts.signOut(token);
        if (who) hub.dropSession(who.sessionId);
        return null;
      }
      case 'me': {
        const s = await accounts.authenticate(bearer(req));
        return {
          person: s.person,
          expiresAt: s.expiresAt.toISOString(),
          mustChangePassword: s.mustChangePassword,
        };
      }
      case 'password': {
        const token = bearer(req);
        const b = parse(ChangePassword, await readJson(req, MAX_BODY), path);
        await accounts.changePassword(token, b.oldPassword, b.newPassword);
        return null;
      }
      case 'admin/reset': {
        const token = bearer(req);
        await signedIn(req);
        return accounts.resetPassword(token, parse(Reset, await readJson(req, MAX_BODY), path).person);
      }
      case 'admin/accounts': {
        const b = parse(Create, await readJson(req, MAX_BODY), path);
        const admin = await signedIn(req);
        if (!admin.person.roles.includes('admin'))
          throw new AuthError(
            403,
            'error.adminOnly',
            'Only an administrator creates accounts; nothing was changed.',
          );
        return accounts.createAccount(admin.person.id, b);
      }
      default:
        throw new DeskError(
          'not-found',
          'error.unknownMethod',
          { method: path },
          `unknown address /api/${path}`,
        );
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://server');
    const path = url.pathname.startsWith('/api/') ? url.pathname.slice(5) : null;
    if (path === null)
      return send(res, 404, {
        ok: false,
        error: new DeskError('not-found', 'error.notFound', {}, 'not found').toJSON(),
      });
    if (path === 'events')
      return send(res, 426, {
        ok: false,
        error: badRequest('GET /api/events is a WebSocket upgrade').toJSON(),
      });
    if (path.startsWith('photos/'))
      return servePhoto(req, res, path.slice(7), photos, signedIn, databaseFailure);
    if (req.method !== 'POST') return send(res, 405, { ok: false, error: badRequest('POST only').toJSON() });
    if (!isJsonContentType(req.headers['content-type']))
      return send(res, 415, { ok: false, error: badRequest('application/json only').toJSON() });
    try {
      if (path.startsWith('call/')) {
        const method = path.slice(5);
        const actor = await signedIn(req);
        const input = await readJson(req, photoCallLimit(method) ?? MAX_CALL_BODY);
        const result = await dispatchWith(handlersFor(routes, actor), method, input, {
          describeFailure: databaseFailure,
        });
        return send(res, 200, result);
      }
      send(res, 200, { ok: true, result: await account(req, path) });
    } catch (err) {
      if (err instanceof AuthError) return send(res, err.status, { ok: false, error: err.toJSON() });
      if (err instanceof DeskError)
        return send(res, err.code === 'not-found' ? 404 : 400, { ok: false, error: err.toJSON() });
      const gone = databaseFailure(path, err);
      if (gone) return send(res, 503, { ok: false, error: gone });
      throw err;
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[server]', err);
      const error = new DeskError(
        'internal',
        'error.internal',
        { method: 'http' },
        'internal error',
      ).toJSON();
      if (!res.headersSent) send(res, 500, { ok: false, error });
      else res.end();
    });
  };
  const server: Server = opts.tls
    ? createHttpsServer({ cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) }, listener)
    : createHttpServer(listener);

  // Push: the same bearer authentication as every call, before the upgrade is accepted.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
    // Answers `desk-events` when offered; the token itself is never echoed back.
    handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  });
  const refuseUpgrade = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (new URL(req.url ?? '/', 'http://server').pathname !== '/api/events')
      return refuseUpgrade(socket, 404, 'Not Found');
    signedIn(req, true).then(
      (actor) =>
        wss.handleUpgrade(req, socket, head, (ws) => {
          hub.add(ws, actor, sinceOffered(req)).catch((err: unknown) => {
            console.warn(`[server] event socket: ${(err as Error).message}`);
            ws.close(1011, 'events unavailable');
          });
          // A desk only listens; whatever it sends is ignored.
          ws.on('message', () => undefined);
        }),
      () => refuseUpgrade(socket, 401, 'Unauthorized'),
    );
  });

  async function sweep() {
    hub.heartbeat();
    await stories.sweepLocks();
    await hub.prune();
    const open = hub.sessions();
    if (open.length === 0) return;
    const { rows } = await opts.pool.query<{ id: string }>(
      'select id from sessions where id = any($1) and ended_at is null and expires_at > $2',
      [open, new Date()],
    );
    const live = new Set(rows.map((r) => Number(r.id)));
    for (const id of open) if (!live.has(id)) hub.dropSession(id);
  }
  const sweepMs = opts.sweepMs ?? SWEEP_MS;
  const timer =
    sweepMs > 0
      ? setInterval(() => {
          sweep().catch((err: unknown) => console.warn(`[server] lock sweep: ${(err as Error).message}`));
        }, sweepMs)
      : null;
  timer?.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.listen.port, opts.listen.host, () => resolve());
    });
  } catch (err) {
    if (timer) clearInterval(timer);
    await hub.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const shown = opts.listen.host.includes(':') ? `[${opts.listen.host}]` : opts.listen.host;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${shown}:${port}/`,
    port,
    sweep,
    close: async () => {
      if (timer) clearInterval(timer);
      await hub.close();
      wss.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
