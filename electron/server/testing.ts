/**
 * A newsroom server on a real PostgreSQL database, for the tests and the bench (issue 17): the
 * database migrated, the server on a loopback port, accounts created with cheap scrypt
 * parameters, and a small client speaking the server's HTTP API as a desk would.
 */
import pg from 'pg';
import WebSocket from 'ws';

import type { DeskErrorShape } from '../../shared/api';
import type { Role } from '../../shared/review/roles';
import { Accounts } from './accounts/accounts';
import type { EventsHello } from './events';
import { EVENTS_PROTOCOL, startNewsroomServer, type RunningServer } from './http';
import { migrate } from './store/migrations';
import { NewsroomStories, type PushedEvent } from './store/stories';

/** Cheap scrypt parameters for the many sign-ins of a test; the defaults are tested on their own. */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export type TestNewsroom = {
  pool: pg.Pool;
  accounts: Accounts;
  server: RunningServer;
  url: string;
  /** Creates a person with an account, changes the one-time password as a person does first, returns the new one. */
  person(id: string, name: string, roles: Role[]): Promise<string>;
  close(): Promise<void>;
};

/** The error shape of a refused call over HTTP (TestDesk rejects with `{ shape }`). */
export async function refusal(p: Promise<unknown>): Promise<DeskErrorShape> {
  const err = await p.then(
    () => null,
    (e: unknown) => e as { shape?: DeskErrorShape },
  );
  if (!err?.shape) throw new Error('expected the call to be refused with an error shape');
  return err.shape;
}

export async function migratedPool(url: string, max = 30): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the database drops (a stopped cluster) must not end the process.
  pool.on('error', (err) => console.warn(`[test pool] ${err.message}`));
  const c = await pool.connect();
  try {
    await migrate(c);
  } finally {
    c.release();
  }
  return pool;
}

export async function startTestNewsroom(dbUrl: string): Promise<TestNewsroom> {
  const pool = await migratedPool(dbUrl);
  const accounts = new Accounts(pool, { scrypt: FAST_SCRYPT });
  const stories = new NewsroomStories(pool);
  const server = await startNewsroomServer({
    pool,
    accounts,
    stories,
    listen: { host: '127.0.0.1', port: 0 },
    sweepMs: 0,
  });
  return {
    pool,
    accounts,
    server,
    url: server.url,
    person: async (id, name, roles) => {
      const { password } = await accounts.createAccount(null, { id, name, roles });
      const own = `${password}-own`;
      const first = await accounts.signIn(id, password, '127.0.0.1');
      await accounts.changePassword(first.token, password, own);
      await accounts.signOut(first.token);
      return own;
    },
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}

export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: DeskErrorShape };

/** POSTs JSON to /api/<path>; the status and the envelope. */
export async function post<T = unknown>(
  base: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: Envelope<T> }> {
  const res = await fetch(new URL(`api/${path}`, base), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

/** A desk signed in to the server: contract calls as `call`, results or thrown error shapes. */
export class TestDesk {
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  static async signIn(base: string, login: string, password: string): Promise<TestDesk> {
    const r = await post<{ token: string }>(base, 'login', { login, password });
    if (!r.body.ok) throw new Error(`sign-in of ${login} refused: ${r.body.error.detail}`);
    return new TestDesk(base, r.body.result.token);
  }

  async raw<T = unknown>(method: string, input: unknown): Promise<Envelope<T>> {
    return (await post<T>(this.base, `call/${method}`, input, this.token)).body;
  }

  async call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
    const r = await this.raw<T>(method, input);
    if (!r.ok) throw Object.assign(new Error(r.error.detail), { shape: r.error });
    return r.result;
  }

  /**
   * Opens the event socket; resolves once the server's hello arrived (after the replay of the
   * events after `since`, when given, as a reconnecting desk asks for them).
   */
  events(since?: number): Promise<EventSocket> {
    const protocols = [EVENTS_PROTOCOL, ...(since !== undefined ? [`since.${since}`] : [])];
    const ws = new WebSocket(new URL('api/events', this.base.replace(/^http/, 'ws')), protocols, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const socket = new EventSocket(ws);
    return new Promise((resolve, reject) => {
      socket.hello.then(() => resolve(socket), reject);
      ws.once('error', reject);
    });
  }
}

export class EventSocket {
  /** The DeskEvents pushed, each with its audit seq, in the order they arrived. */
  readonly received: Array<{ event: PushedEvent; at: number }> = [];
  /** The server's first message. */
  readonly hello: Promise<EventsHello>;
  readonly #waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    let said: (h: EventsHello) => void = () => undefined;
    this.hello = new Promise((resolve) => (said = resolve));
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as PushedEvent | EventsHello;
      if (message.type === 'hello') return said(message);
      this.received.push({ event: message, at: performance.now() });
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  /** The first event (from index `from`) matching `match`, waiting for it up to `timeoutMs`. */
  async next(match: (e: PushedEvent) => boolean, from = 0, timeoutMs = 10_000) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find((r) => match(r.event));
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error('no such event arrived');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close() {
    this.ws.close();
  }
}
