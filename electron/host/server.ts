/**
 * The loopback HTTP transport: the same desk API as the Electron IPC binding,
 * as `POST /api/<method>`, plus the built renderer and the stored photos. It
 * listens on 127.0.0.1 only, checks the Host header (against DNS rebinding) and
 * requires a random per-launch token on every API call (against other local
 * pages and processes). The token reaches our own page in a meta tag of the
 * served index.html and, for <img> requests, in a SameSite=Strict cookie.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

import { dispatch } from '../desk/dispatch';
import { cleanSessionId } from '../desk/review/session-context';
import { IMMUTABLE_CACHE, SECURITY_HEADERS, contentTypeOf, fileInside } from '../desk/static-files';
import type { DeskServices } from '../desk/services';

export type HostOptions = {
  services: DeskServices;
  /** The built renderer (index.html and assets/). */
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; random per launch otherwise. */
  token?: string;
};

export type Host = { url: string; port: number; token: string; close(): Promise<void> };

const MAX_BODY = 64 * 1024 * 1024;
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

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === 'desk_token') return v;
  }
  return undefined;
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
  const root = normalize(opts.rendererDir);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function serveIndex(res: ServerResponse) {
    // Read each time: a rebuild of the renderer while the host runs renames the assets.
    const indexHtml = await readFile(join(root, 'index.html'), 'utf8');
    const html = indexHtml.replace('<head>', `<head>\n    <meta name="desk-token" content="${token}" />`);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      ...NO_STORE,
      'Content-Type': 'text/html; charset=utf-8',
      'Set-Cookie': `desk_token=${token}; HttpOnly; SameSite=Strict; Path=/`,
    });
    res.end(html);
  }

  async function serveFile(res: ServerResponse, file: string, cache = false) {
    const type = contentTypeOf(file);
    const info = await stat(file).catch(() => null);
    if (!type || !info?.isFile()) return send(res, 404, 'not found');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': info.size,
      'Cache-Control': cache ? IMMUTABLE_CACHE : 'no-store',
    });
    createReadStream(file).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // Only requests addressed to this loopback port: refuses DNS-rebinding pages.
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, 'wrong host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (!sameToken(req.headers['x-desk-token'] as string | undefined, token)) {
        return send(res, 403, 'missing or wrong desk token');
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
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
      if (!sameToken(cookieToken(req), token)) return send(res, 403, 'missing or wrong desk token');
      let file: string;
      try {
        file = opts.services.photoPath(url.pathname.slice('/photos/'.length));
      } catch {
        return send(res, 404, 'not found');
      }
      return serveFile(res, file, true);
    }

    if (url.pathname === '/' || url.pathname === '/index.html') return serveIndex(res);
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
