/**
 * Server push (issue 17): every server process LISTENs on one PostgreSQL channel; a change NOTIFYs
 * it inside its own transaction (store/stories.ts `notifyEvent`), so PostgreSQL delivers the
 * event to every process, whichever served the change, and only once the change has committed.
 * Each process forwards an event to its connected WebSockets whose person may see the story.
 *
 * When the listening connection drops (the database restarted) the hub reconnects; events of
 * the gap are not replayed, so a desk reloads what it shows when its socket reconnects.
 */
import type pg from 'pg';
import type { WebSocket } from 'ws';

import { canSee, EVENTS_CHANNEL, type Actor, type Notification } from './store/stories';

type Subscriber = { ws: WebSocket; actor: Actor; alive: boolean };

export class EventHub {
  readonly #pool: pg.Pool;
  readonly #subs = new Set<Subscriber>();
  #client: pg.PoolClient | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | null = null;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Starts listening; resolves once LISTEN is in place (so no event after it is missed). */
  async start(): Promise<void> {
    const client = await this.#pool.connect();
    const lost = (err?: Error) => {
      if (this.#client !== client) return;
      this.#client = null;
      client.removeAllListeners('notification');
      client.release(err ?? true);
      if (!this.#closed) this.#reconnect();
    };
    client.on('error', (err) => {
      console.warn(`[server] event listener lost its database connection: ${err.message}`);
      lost(err);
    });
    client.on('end', () => lost());
    client.on('notification', (msg) => {
      if (msg.channel === EVENTS_CHANNEL && msg.payload) this.#deliver(msg.payload);
    });
    await client.query(`listen ${EVENTS_CHANNEL}`);
    this.#client = client;
  }

  #reconnect() {
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.start().catch(() => {
        if (!this.#closed) this.#reconnect();
      });
    }, 1000);
    this.#retry.unref();
  }

  #deliver(payload: string) {
    let note: Notification;
    try {
      note = JSON.parse(payload) as Notification;
    } catch {
      return;
    }
    const text = JSON.stringify(note.event);
    for (const sub of this.#subs) {
      if (sub.ws.readyState !== sub.ws.OPEN) continue;
      if (!canSee(sub.actor.person, note.audience.ownerId, note.audience.status)) continue;
      sub.ws.send(text);
    }
  }

  add(ws: WebSocket, actor: Actor) {
    const sub: Subscriber = { ws, actor, alive: true };
    this.#subs.add(sub);
    ws.on('pong', () => (sub.alive = true));
    ws.on('close', () => this.#subs.delete(sub));
  }

  /** Pings every socket; one that did not answer the previous ping (a vanished desk) is dropped. */
  heartbeat() {
    for (const sub of this.#subs) {
      if (!sub.alive) {
        sub.ws.terminate();
        this.#subs.delete(sub);
        continue;
      }
      sub.alive = false;
      sub.ws.ping();
    }
  }

  /** The sessions with an open socket (for the server's periodic check that they are still valid). */
  sessions(): number[] {
    return [...new Set([...this.#subs].map((s) => s.actor.sessionId))];
  }

  /** Closes the sockets of a session that ended (sign-out, expiry, password reset). */
  dropSession(sessionId: number) {
    for (const sub of this.#subs) if (sub.actor.sessionId === sessionId) sub.ws.close(4401, 'session ended');
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    for (const sub of this.#subs) sub.ws.terminate();
    this.#subs.clear();
    const client = this.#client;
    this.#client = null;
    if (client) {
      await client.query(`unlisten ${EVENTS_CHANNEL}`).catch(() => undefined);
      client.release();
    }
  }
}
