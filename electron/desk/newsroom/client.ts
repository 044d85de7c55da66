/**
 * The desk's client of the newsroom server (issue 17, ADR 012): the server's HTTP API
 * (electron/server/http.ts) over http or https, and its event WebSocket (`ws`). It runs in the
 * desk process only (electron main or the loopback host), so the renderer never sees the
 * session token.
 *
 * Every failure is a DeskError a person can act on:
 * - `error.newsroomUnreachable`: no answer (refused, reset, timed out, name not found);
 * - `error.notNewsroomServer`: something answered, but not as a newsroom server does;
 * - the server's own error shape otherwise (`error.sessionEnded` with 401, `error.newsroomDbUnavailable`
 *   with 503, the workflow's refusals with 200), passed through unchanged.
 */
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';

import WebSocket from 'ws';

import { DeskError, isDeskErrorShape, type DeskErrorShape } from '../../../shared/api';
import { toDeskEvent, type DeskEvent } from '../../../shared/api/events';
import type { UserProfile } from '../../../shared/review/roles';

/** How long one request may take before the server counts as unreachable. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** A contract call may carry a whole story; an answer of more than this is not a newsroom's. */
const MAX_ANSWER = 64 * 1024 * 1024;

export type SignInAnswer = {
  token: string;
  person: UserProfile;
  expiresAt: string;
  mustChangePassword: boolean;
};
/** The server's first message on the event socket: its latest seq; `complete: false` means reload. */
export type EventsHello = { seq: number; complete: boolean };
export type MeAnswer = { person: UserProfile; expiresAt: string; mustChangePassword: boolean };

/** The server's error, as it sent it, with the HTTP status it came with. */
export class NewsroomCallError extends DeskError {
  readonly status: number;
  constructor(status: number, shape: DeskErrorShape) {
    super(shape.code, shape.key, shape.params, shape.detail, shape.problems ?? []);
    this.name = 'NewsroomCallError';
    this.status = status;
  }
}

export function unreachable(server: string, reason: string): DeskError {
  return new DeskError(
    'internal',
    'error.newsroomUnreachable',
    { server },
    `The newsroom server at ${server} does not answer (${reason}); nothing was changed there.`,
  );
}

export function notNewsroom(server: string, reason: string): DeskError {
  return new DeskError(
    'invalid-input',
    'error.notNewsroomServer',
    { server },
    `${server} answered, but not as a newsroom server does (${reason}); nothing was changed.`,
  );
}

/** True for an error that means the change did not reach the newsroom (server or its database gone). */
export function didNotReach(err: unknown): boolean {
  return (
    err instanceof DeskError &&
    (err.key === 'error.newsroomUnreachable' || err.key === 'error.newsroomDbUnavailable')
  );
}

/** True for the server saying the session is over (signed out elsewhere, expired, reset by an administrator). */
export function sessionEnded(err: unknown): boolean {
  return err instanceof NewsroomCallError && err.status === 401 && err.key === 'error.sessionEnded';
}

/**
 * The server's address in one form: `http(s)://host[:port]`, nothing after the host. Refused
 * (error.newsroomAddress) when it is not an http or https address.
 */
export function normaliseServer(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw badAddress(raw);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname ||
    url.username ||
    url.password
  )
    throw badAddress(raw);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) throw badAddress(raw);
  return `${url.protocol}//${url.host}`;
}

function badAddress(raw: string): DeskError {
  return new DeskError(
    'invalid-input',
    'error.newsroomAddress',
    { server: raw.slice(0, 100) },
    `"${raw.slice(0, 100)}" is not a newsroom server's address (https://host:port); nothing was changed.`,
  );
}

const NETWORK_GONE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
]);

export type ClientOptions = {
  timeoutMs?: number;
  /** A certificate authority (PEM) trusted besides the system's: an office's own CA for its server. */
  ca?: string;
};

/** TLS failures of the server's certificate: the address answers, but this desk cannot trust it. */
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function untrusted(server: string, reason: string): DeskError {
  return new DeskError(
    'invalid-input',
    'error.newsroomCertificate',
    { server },
    `The newsroom server at ${server} shows a certificate this computer does not trust (${reason}); nothing was sent to it.`,
  );
}

export class NewsroomClient {
  readonly server: string;
  readonly #url: URL;
  readonly #agent: HttpAgent;
  readonly #timeoutMs: number;
  readonly #ca: string[] | undefined;
  #token: string | null = null;

  constructor(server: string, opts: ClientOptions = {}) {
    this.server = normaliseServer(server);
    this.#url = new URL(this.server);
    const https = this.#url.protocol === 'https:';
    this.#ca = opts.ca ? [...rootCertificates, opts.ca] : undefined;
    // Keep-alive: a save is one round trip on an open connection, not a new TCP (and TLS) handshake.
    this.#agent = https
      ? new HttpsAgent({ keepAlive: true, maxSockets: 8, ca: this.#ca })
      : new HttpAgent({ keepAlive: true, maxSockets: 8 });
    this.#timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  get signedIn(): boolean {
    return this.#token !== null;
  }

  /** Forgets the session token (it is never written anywhere). */
  forget(): void {
    this.#token = null;
  }

  /** The server answers POST /api/me without a token with 401 and its JSON error: it is a newsroom server. */
  async probe(): Promise<void> {
    const { status, body } = await this.#post('me', {}, null);
    const error = (body as { ok?: unknown; error?: unknown } | null)?.error;
    if (status === 401 && isDeskErrorShape(error) && error.key === 'error.sessionEnded') return;
    if (status === 503 && isDeskErrorShape(error) && error.key === 'error.newsroomDbUnavailable') return;
    throw notNewsroom(this.server, `POST /api/me answered ${status}`);
  }

  async signIn(login: string, password: string): Promise<SignInAnswer> {
    const answer = await this.#account<SignInAnswer>('login', { login, password }, null);
    if (typeof answer?.token !== 'string' || typeof answer.person?.id !== 'string')
      throw notNewsroom(this.server, 'the sign-in answer has no session');
    this.#token = answer.token;
    return answer;
  }

  me(): Promise<MeAnswer> {
    return this.#account<MeAnswer>('me', {}, this.#need());
  }

  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await this.#account('password', { oldPassword, newPassword }, this.#need());
  }

  /** Ends the session on the server; the token is forgotten whatever the server says. */
  async signOut(): Promise<void> {
    const token = this.#token;
    this.#token = null;
    if (token) await this.#account('logout', {}, token);
  }

  /** A contract method on the server, through /api/call/<method>. */
  async call<T = unknown>(method: string, input: unknown): Promise<T> {
    return this.#account<T>(`call/${method}`, input ?? {}, this.#need());
  }

  /**
   * Opens the event socket (bearer token in the Authorization header; `since`, the last event seq
   * this desk saw, as the subprotocol `since.<seq>` so the server first replays what was missed).
   * Resolves once it is open; rejects when the upgrade is refused or nothing answers. `on.event`
   * gets each checked event with its seq, `on.hello` the server's first message, `on.close` the
   * close code once the socket is gone.
   */
  events(
    since: number | null,
    on: {
      event: (event: DeskEvent, seq: number | null) => void;
      hello: (hello: EventsHello) => void;
      close: (code: number) => void;
    },
  ): Promise<() => void> {
    const token = this.#need();
    const url = new URL('/api/events', this.server.replace(/^http/, 'ws'));
    const protocols = since === null ? ['desk-events'] : ['desk-events', `since.${since}`];
    const ws = new WebSocket(url, protocols, {
      headers: { authorization: `Bearer ${token}` },
      handshakeTimeout: this.#timeoutMs,
      ca: this.#ca,
      maxPayload: 64 * 1024,
    });
    return new Promise((resolve, reject) => {
      let open = false;
      ws.on('message', (data) => {
        let raw: unknown;
        try {
          raw = JSON.parse(String(data));
        } catch {
          return;
        }
        const r = raw as Record<string, unknown> | null;
        const seq = typeof r?.seq === 'number' && Number.isSafeInteger(r.seq) && r.seq >= 0 ? r.seq : null;
        if (r?.type === 'hello') {
          if (seq !== null) on.hello({ seq, complete: r.complete !== false });
          return;
        }
        const event = toDeskEvent(raw);
        if (event) on.event(event, seq);
      });
      ws.once('open', () => {
        open = true;
        resolve(() => ws.close(1000));
      });
      ws.on('error', (err) => {
        if (!open) reject(unreachable(this.server, err.message));
      });
      ws.once('close', (code) => {
        if (open) on.close(code);
      });
    });
  }

  /**
   * The bytes of a photo the newsroom stores (GET /api/photos/<file>, issue 17), or null when it
   * holds none by that name (404); its error otherwise (401: the session ended).
   */
  photo(file: string): Promise<Buffer | null> {
    const token = this.#need();
    const target = new URL(`/api/photos/${encodeURIComponent(file)}`, this.server);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        target,
        {
          method: 'GET',
          agent: this.#agent,
          timeout: this.#timeoutMs,
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER) res.destroy(new Error('answer too large'));
            else chunks.push(chunk);
          });
          res.on('error', (err) => reject(unreachable(this.server, err.message)));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            if (res.statusCode === 200) return resolve(body);
            let shape: unknown = null;
            try {
              shape = (JSON.parse(body.toString('utf8')) as { error?: unknown }).error;
            } catch {
              // not the server's envelope: said below
            }
            if (res.statusCode === 404 && isDeskErrorShape(shape) && shape.code === 'not-found')
              return resolve(null);
            if (isDeskErrorShape(shape)) return reject(new NewsroomCallError(res.statusCode ?? 0, shape));
            reject(notNewsroom(this.server, `GET /api/photos answered ${res.statusCode}`));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)));
      req.on('error', (err) => reject(unreachable(this.server, err.message)));
      req.end();
    });
  }

  close(): void {
    this.#agent.destroy();
  }

  #need(): string {
    if (this.#token) return this.#token;
    throw new NewsroomCallError(401, {
      code: 'locked',
      key: 'error.sessionEnded',
      params: {},
      detail: 'Not signed in to the newsroom; sign in first. Nothing was changed.',
    });
  }

  async #account<T>(path: string, body: unknown, token: string | null): Promise<T> {
    const { status, body: answer } = await this.#post(path, body, token);
    const envelope = answer as { ok?: unknown; result?: unknown; error?: unknown } | null;
    if (envelope?.ok === true && 'result' in envelope) return envelope.result as T;
    if (envelope?.ok === false && isDeskErrorShape(envelope.error))
      throw new NewsroomCallError(status, envelope.error);
    throw notNewsroom(this.server, `/api/${path} answered ${status} without the desk's envelope`);
  }

  #post(path: string, body: unknown, token: string | null): Promise<{ status: number; body: unknown }> {
    const data = Buffer.from(JSON.stringify(body), 'utf8');
    const target = new URL(`/api/${path}`, this.server);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        target,
        {
          method: 'POST',
          agent: this.#agent,
          timeout: this.#timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': data.length,
            accept: 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          readAnswer(res).then(
            (text) => {
              const type = String(res.headers['content-type'] ?? '');
              if (!/^application\/json/i.test(type))
                return reject(
                  notNewsroom(
                    this.server,
                    `/api/${path} answered ${res.statusCode} with ${type || 'no type'}`,
                  ),
                );
              try {
                resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
              } catch {
                reject(notNewsroom(this.server, `/api/${path} answered text that is not JSON`));
              }
            },
            (err: Error) => reject(unreachable(this.server, err.message)),
          );
        },
      );
      req.on('timeout', () =>
        req.destroy(
          Object.assign(new Error(`no answer within ${this.#timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code && NETWORK_GONE.has(err.code))
          return reject(unreachable(this.server, `${err.code}: ${err.message}`));
        if (err.code && UNTRUSTED.has(err.code))
          return reject(untrusted(this.server, `${err.code}: ${err.message}`));
        if (err.code === 'EPROTO' || /wrong version number|SSL routines/i.test(err.message))
          return reject(notNewsroom(this.server, `TLS: ${err.message}`));
        reject(unreachable(this.server, err.message));
      });
      req.end(data);
    });
  }
}

function readAnswer(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER) {
        res.destroy(new Error('answer too large'));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('the answer was cut off')));
  });
}
