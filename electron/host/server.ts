/**
 * The loopback HTTP transport: the same desk API as the Electron IPC binding,
 * as `POST /api/<method>`, plus the built renderer and the stored photos. It
 * listens on 127.0.0.1 only and checks the Host header (against DNS rebinding).
 *
 * Who may use it (issue 16, docs/security.md): only the person who started the
 * desk. `desk serve` prints a one-time address (`/?open=<secret>`, as Jupyter
 * does); the host trades it, once, for an HttpOnly SameSite=Strict cookie and
 * redirects to `/`. Without that cookie `/` answers a page saying how to open the
 * desk, and photos and the API are refused. Our page then gets the per-launch API
 * token in a meta tag; every API call needs the cookie, the token header, a
 * same-origin `Origin`/`Sec-Fetch-Site` (when the client sends them) and exactly
 * `application/json`. Another local process (of any user) sees the port, never
 * the secret: it is printed to the terminal of the person who started the desk.
 *
 * `GET /events` is the desk's event channel (issue 19, shared/api/events.ts) as
 * Server-Sent Events, behind the same cookie, token header and same-origin checks
 * as the API: every lock, story and review change goes to every open tab at once.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

import { dispatch } from '../desk/dispatch';
import { cleanSessionId } from '../desk/review/session-context';
import {
  IMMUTABLE_CACHE,
  SECURITY_HEADERS,
  contentTypeOf,
  fileInside,
  openRegularFile,
} from '../desk/static-files';
import { openDeskPage } from './open-desk-page';
import type { DeskServices } from '../desk/services';

export type HostOptions = {
  services: DeskServices;
  /** The built renderer (index.html and assets/). */
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; random per launch otherwise. */
  token?: string;
};

export type Host = {
  /** The host's address without a secret: opening it without the cookie shows how to open the desk. */
  url: string;
  port: number;
  token: string;
  /** A new one-time address (`<url>?open=<secret>`) for one more browser; each works once. */
  openUrl(): string;
  close(): Promise<void>;
};

/** Unused one-time secrets kept; older ones stop working (a person asks for one when they need it). */
const MAX_OPEN_SECRETS = 64;

const MAX_BODY = 64 * 1024 * 1024;
/** A comment line this often keeps idle event streams open through proxies and shows a dead tab's socket. */
const EVENTS_KEEPALIVE_MS = 25_000;
const NO_STORE = { 'Cache-Control': 'no-store' };

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
) {
  res.writeHead(status, { ...SECURITY_HEADERS, ...NO_STORE, 'Content-Type': type });
  res.end(body);
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === name) return v;
  }
  return undefined;
}

/** Exactly `application/json`, with at most a UTF-8 charset: not any type that merely starts with it. */
export function isJsonContentType(header: string | undefined): boolean {
  const [type, ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === 'charset=utf-8' || p === 'charset="utf-8"') && params.length <= 1;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  /** The cookie value a one-time address is traded for; per launch, so a restart needs a new address. */
  const browserKey = randomBytes(24).toString('hex');
  const openSecrets = new Set<string>();
  const root = normalize(opts.rendererDir);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  // Cookies are per host name, not per port: the port in the name keeps two desks on one machine apart.
  const cookieName = () => `desk_key_${port}`;
  const hasBrowserKey = (req: IncomingMessage) => sameToken(cookieValue(req, cookieName()), browserKey);

  function openUrl(): string {
    const secret = randomBytes(24).toString('hex');
    openSecrets.add(secret);
    if (openSecrets.size > MAX_OPEN_SECRETS) openSecrets.delete(openSecrets.values().next().value!);
    return `http://127.0.0.1:${port}/?open=${secret}`;
  }

  /** Trades a one-time secret (once) for the browser cookie; true when the secret was good. */
  function takeSecret(secret: string): boolean {
    for (const known of openSecrets) {
      if (sameToken(secret, known)) {
        openSecrets.delete(known);
        return true;
      }
    }
    return false;
  }

  /** Why a browser's API request comes from somewhere else than our own page, or null. */
  function foreignRequest(req: IncomingMessage): string | null {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return `origin ${origin}`;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return `Sec-Fetch-Site ${String(site)}`;
    return null;
  }

  function sendOpenPage(res: ServerResponse, used: boolean) {
    res.writeHead(401, { ...SECURITY_HEADERS, ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(openDeskPage(used));
  }

  async function serveRoot(req: IncomingMessage, res: ServerResponse, url: URL) {
    const secret = url.searchParams.get('open');
    if (secret !== null) {
      const good = takeSecret(secret);
      if (!good && !hasBrowserKey(req)) return sendOpenPage(res, true);
      // Off the address bar at once: a reload or a bookmark then rests on the cookie, not on the secret.
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        ...NO_STORE,
        Location: '/',
        ...(good ? { 'Set-Cookie': `${cookieName()}=${browserKey}; HttpOnly; SameSite=Strict; Path=/` } : {}),
      });
      return res.end();
    }
    if (!hasBrowserKey(req)) return sendOpenPage(res, false);
    return serveIndex(res);
  }

  async function serveIndex(res: ServerResponse) {
    // Read each time: a rebuild of the renderer while the host runs renames the assets.
    const indexHtml = await readFile(join(root, 'index.html'), 'utf8');
    const html = indexHtml.replace('<head>', `<head>\n    <meta name="desk-token" content="${token}" />`);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...NO_STORE,
      'Content-Type': 'text/html; charset=utf-8',
    });
    res.end(html);
  }

  async function serveFile(res: ServerResponse, file: string, cache = false) {
    const type = contentTypeOf(file);
    // Regular files only, never through a symbolic link (issue 16: a link in photos/ must not serve /etc).
    const opened = type ? await openRegularFile(file) : null;
    if (!type || !opened) return send(res, 404, 'not found');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': opened.size,
      'Cache-Control': cache ? IMMUTABLE_CACHE : 'no-store',
    });
    opened.handle.createReadStream().pipe(res);
  }

  /** Why a request may not use the API or the event stream (cookie, token header, same origin), or null. */
  function refusedCaller(req: IncomingMessage): { status: number; text: string } | null {
    const foreign = foreignRequest(req);
    if (foreign) return { status: 403, text: `refused: the request comes from another site (${foreign})` };
    if (!hasBrowserKey(req) || !sameToken(req.headers['x-desk-token'] as string | undefined, token)) {
      return { status: 403, text: 'missing or wrong desk token' };
    }
    return null;
  }

  /** The event stream of one tab: every desk event as one `data:` line of JSON, until the tab goes. */
  function serveEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...NO_STORE,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write(': desk events\n\n');
    const stop = opts.services.events.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), EVENTS_KEEPALIVE_MS);
    const end = () => {
      clearInterval(keepAlive);
      stop();
    };
    req.on('close', end);
    res.on('error', end);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // Only requests addressed to this loopback port: refuses DNS-rebinding pages.
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, 'wrong host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === '/events') {
      if (req.method !== 'GET') return send(res, 405, 'GET only');
      const refused = refusedCaller(req);
      if (refused) return send(res, refused.status, refused.text);
      return serveEvents(req, res);
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      const refused = refusedCaller(req);
      if (refused) return send(res, refused.status, refused.text);
      if (!isJsonContentType(req.headers['content-type'])) {
        return send(res, 415, 'application/json only');
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch (err) {
        return send(res, 400, `bad request body: ${(err as Error).message}`);
      }
      // Each browser tab names its session (X-Desk-Session): two people on one host hold separate locks.
      const session = cleanSessionId(req.headers['x-desk-session']);
      const result = await dispatch(opts.services.handlers, url.pathname.slice(5), input, session);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');

    if (url.pathname.startsWith('/photos/')) {
      if (!hasBrowserKey(req)) return send(res, 403, 'missing or wrong desk token');
      let file: string;
      try {
        file = await opts.services.photoPath(url.pathname.slice('/photos/'.length));
      } catch {
        return send(res, 404, 'not found');
      }
      return serveFile(res, file, true);
    }

    if (url.pathname === '/' || url.pathname === '/index.html') return serveRoot(req, res, url);
    const file = fileInside(root, url.pathname);
    if (!file) return send(res, 404, 'not found');
    return serveFile(res, file, url.pathname.startsWith('/assets/'));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[host]', err);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    openUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
