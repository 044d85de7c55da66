/**
 * Edit locks (issue 6): a story open for editing belongs to one session. Held in
 * memory in the host process (one process holds a data folder, see data-lock.ts)
 * and kept alive by the editor's heartbeat; a lock not renewed within LOCK_TTL_MS
 * is free again, so a crashed window never blocks a story for long.
 */

/** A lock not renewed for this long is released. The renderer renews every 20 s. */
export const LOCK_TTL_MS = 60_000;

export type LockHolder = { session: string; userId: string; name: string; since: string; renewedAt: number };

/** What a session learns about a story's lock. */
export type LockView = {
  storyId: string;
  /** True when this session holds the lock (it may edit). */
  mine: boolean;
  /** Who holds it, or null when free. */
  holder: { userId: string; name: string; since: string } | null;
  /** Milliseconds before the lock lapses without a renewal. */
  ttlMs: number;
};

/** Told whenever a story's lock changes person or is freed (issue 19: pushed to every window). */
export type LockChange = (storyId: string, holder: { userId: string; name: string } | null) => void;

export class LockTable {
  readonly #locks = new Map<string, LockHolder>();
  readonly #now: () => number;
  #onChange: LockChange | null = null;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Who hears of lock changes (the desk's event channel). */
  onChange(listener: LockChange | null): void {
    this.#onChange = listener;
  }

  #changed(storyId: string, before: LockHolder | null): void {
    const after = this.#locks.get(storyId) ?? null;
    if (before?.session === after?.session && before?.userId === after?.userId) return;
    this.#onChange?.(storyId, after ? { userId: after.userId, name: after.name } : null);
  }

  /** The live holder, or null (a lapsed lock is dropped here). */
  holder(storyId: string): LockHolder | null {
    const lock = this.#locks.get(storyId);
    if (!lock) return null;
    if (this.#now() - lock.renewedAt >= LOCK_TTL_MS) {
      this.#locks.delete(storyId);
      this.#changed(storyId, lock);
      return null;
    }
    return lock;
  }

  /** Takes the lock when it is free, lapsed or already this session's; otherwise reports the holder. */
  acquire(storyId: string, session: string, who: { userId: string; name: string }): LockView {
    const held = this.holder(storyId);
    if (held && held.session !== session) return this.view(storyId, session);
    const now = this.#now();
    this.#locks.set(storyId, {
      session,
      ...who,
      since: held && held.userId === who.userId ? held.since : new Date(now).toISOString(),
      renewedAt: now,
    });
    this.#changed(storyId, held);
    return this.view(storyId, session);
  }

  /** Keeps this session's lock alive; takes it again if it lapsed and nobody else took it. */
  renew(storyId: string, session: string, who: { userId: string; name: string }): LockView {
    return this.acquire(storyId, session, who);
  }

  release(storyId: string, session: string): void {
    const held = this.holder(storyId);
    if (held?.session !== session) return;
    this.#locks.delete(storyId);
    this.#changed(storyId, held);
  }

  /** Ends every lock of one session (its person changed, issue 19); returns the stories freed. */
  releaseSession(session: string): string[] {
    const freed = [...this.#locks].filter(([, lock]) => lock.session === session).map(([id]) => id);
    for (const id of freed) this.release(id, session);
    return freed;
  }

  /** Gives the lock to this session whoever holds it; returns the previous holder (null when it was free). */
  takeOver(storyId: string, session: string, who: { userId: string; name: string }): LockHolder | null {
    const previous = this.holder(storyId);
    const now = this.#now();
    this.#locks.set(storyId, { session, ...who, since: new Date(now).toISOString(), renewedAt: now });
    this.#changed(storyId, previous);
    return previous && previous.session !== session ? previous : null;
  }

  view(storyId: string, session: string): LockView {
    const held = this.holder(storyId);
    return {
      storyId,
      mine: held?.session === session,
      holder: held ? { userId: held.userId, name: held.name, since: held.since } : null,
      ttlMs: held ? Math.max(0, LOCK_TTL_MS - (this.#now() - held.renewedAt)) : 0,
    };
  }
}
