/**
 * Server push (issue 17): every server process LISTENs on one PostgreSQL channel; a change NOTIFYs
 * it inside its own transaction (store/stories.ts `notifyEvent`), so PostgreSQL delivers the
 * event to every process, whichever served the change, and only once the change has committed.
 * Each process forwards an event to its connected WebSockets whose person may see the story.
 *
 * Every event carries `seq`, the audit entry of the change it announces, and is also kept in
 * push_events by the same transaction. A desk that reconnects offers the subprotocol
 * `since.<seq>` (the last seq it saw) and is first sent, in order, the kept events after it that
 * its person may see, then the live ones, none twice. Every socket starts with a `hello`
 * message: the newsroom's latest seq, how many events were replayed, and `complete: false` when
 * the desk must reload what it shows instead (more missed than REPLAY_MAX, changes older than
 * REPLAY_KEEP_MS whose events were pruned, or a seq this database never reached: another or a
 * restored database).
 *
 * When the server's own listening connection drops (the database restarted) the hub reconnects
 * and passes on the kept events committed in the gap before the live ones, none twice.
 */
import type pg from 'pg';
import type { WebSocket } from 'ws';

import { canSee, EVENTS_CHANNEL, type Actor, type Notification, type PushedEvent } from './store/stories';

/** At most this many missed events are replayed; beyond, the desk is told to reload. */
export const REPLAY_MAX = 2_000;
/** How long pushed events are kept for replay (a desk away longer reloads what it shows). */
export const REPLAY_KEEP_MS = 7 * 24 * 3600_000;

/** The first message on every event socket (not a DeskEvent: a desk's event reader ignores it). */
export type EventsHello = {
  type: 'hello';
  /** The newsroom's latest audit seq when the socket opened (or the last one replayed). */
  seq: number;
  since: number | null;
  replayed: number;
  /** False when the desk missed more than could be replayed: it reloads what it shows. */
  complete: boolean;
};

type Subscriber = {
  ws: WebSocket;
  actor: Actor;
  alive: boolean;
  /** Live events that arrived while the missed ones were being read; null once caught up. */
  held: Notification[] | null;
  /**
   * The seq this socket stands at: its hello's, or the last one replayed. A live event at or below
   * it was counted or sent already (the listener may hear of a change after the hello read it).
   */
  sent: number;
};

export class EventHub {
  readonly #pool: pg.Pool;
  readonly #subs = new Set<Subscriber>();
  #client: pg.PoolClient | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | null = null;
  /** The last seq passed on to the sockets (null before the first start). */
  #seen: number | null = null;
  /** Notifications that arrived while the events of a listener's gap were being read. */
  #catching: Notification[] | null = null;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /**
   * Starts listening; resolves once LISTEN is in place (so no event after it is missed). After
   * the listening connection dropped (the database restarted), the events committed in the gap
   * are read from push_events and passed on first, then the live ones, none twice.
   */
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
    const gapFrom = this.#seen;
    this.#catching = [];
    try {
      await client.query(`listen ${EVENTS_CHANNEL}`);
      this.#client = client;
      if (gapFrom === null) {
        const { rows } = await this.#pool.query<{ seq: string }>(
          'select coalesce(max(seq), 0) as seq from audit',
        );
        this.#seen = Math.max(this.#seen ?? 0, Number(rows[0]?.seq ?? 0));
      } else await this.#fillGap(gapFrom);
    } finally {
      const held = this.#catching;
      this.#catching = null;
      const upTo = gapFrom === null ? -1 : (this.#seen ?? 0);
      for (const note of held) if (note.event.seq > upTo) this.#fanOut(note);
    }
  }

  /** Passes on the kept events after `from` (a gap of the listener); a failure only loses the gap, as before. */
  async #fillGap(from: number): Promise<void> {
    try {
      const { rows } = await this.#pool.query<{ owner_id: string; status: string; event: PushedEvent }>(
        'select owner_id, status, event from push_events where seq > $1 order by seq, id limit $2',
        [from, REPLAY_MAX],
      );
      for (const r of rows)
        this.#fanOut({ event: r.event, audience: { ownerId: r.owner_id, status: r.status } });
    } catch (err) {
      console.warn(`[server] events of the listener's gap not replayed: ${(err as Error).message}`);
    }
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
    if (this.#catching) this.#catching.push(note);
    else this.#fanOut(note);
  }

  #fanOut(note: Notification) {
    this.#seen = Math.max(this.#seen ?? 0, note.event.seq);
    for (const sub of this.#subs) {
      if (sub.held) sub.held.push(note);
      // The listener may hear of a change after a new socket's hello already counted it: not twice.
      else if (note.event.seq > sub.sent) this.#send(sub, note);
    }
  }

  #send(sub: Subscriber, note: Notification) {
    if (sub.ws.readyState !== sub.ws.OPEN) return;
    if (!canSee(sub.actor.person, note.audience.ownerId, note.audience.status)) return;
    sub.ws.send(JSON.stringify(note.event));
  }

  /**
   * Adds a desk's socket. With `since` (the last seq the desk saw), the kept events after it are
   * sent first; live events arriving meanwhile are held and sent after them, none twice. Without
   * it, the socket carries the events after the hello's seq.
   */
  async add(ws: WebSocket, actor: Actor, since: number | null = null): Promise<void> {
    const sub: Subscriber = { ws, actor, alive: true, held: [], sent: since ?? 0 };
    this.#subs.add(sub);
    ws.on('pong', () => (sub.alive = true));
    ws.on('close', () => this.#subs.delete(sub));
    try {
      const { rows: head } = await this.#pool.query<{ seq: string }>(
        'select coalesce(max(seq), 0) as seq from audit',
      );
      const latest = Number(head[0]?.seq ?? 0);
      let replayed = 0;
      let complete = true;
      // Without `since` the socket carries what comes after now: the desk reads the rest itself.
      if (since === null) sub.sent = latest;
      else {
        complete = since <= latest;
        const { rows } = await this.#pool.query<{ owner_id: string; status: string; event: PushedEvent }>(
          'select owner_id, status, event from push_events where seq > $1 order by seq, id limit $2',
          [since, REPLAY_MAX + 1],
        );
        if (rows.length > REPLAY_MAX) complete = false;
        // A change after `since` older than what is kept: its event may have been pruned.
        const { rows: old } = await this.#pool.query<{ gone: boolean }>(
          'select exists (select 1 from audit where seq > $1 and at < $2) as gone',
          [since, new Date(Date.now() - REPLAY_KEEP_MS)],
        );
        if (old[0]?.gone) complete = false;
        for (const r of rows.slice(0, REPLAY_MAX)) {
          this.#send(sub, { event: r.event, audience: { ownerId: r.owner_id, status: r.status } });
          sub.sent = Math.max(sub.sent, r.event.seq);
          if (canSee(actor.person, r.owner_id, r.status)) replayed++;
        }
      }
      const hello: EventsHello = {
        type: 'hello',
        seq: Math.max(latest, sub.sent),
        since,
        replayed,
        complete,
      };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(hello));
    } finally {
      const held = sub.held ?? [];
      sub.held = null;
      for (const note of held) if (note.event.seq > sub.sent) this.#send(sub, note);
    }
  }

  /** Forgets the pushed events older than REPLAY_KEEP_MS; returns how many. */
  async prune(now = new Date()): Promise<number> {
    const { rowCount } = await this.#pool.query('delete from push_events where at < $1', [
      new Date(now.getTime() - REPLAY_KEEP_MS),
    ]);
    return rowCount ?? 0;
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
