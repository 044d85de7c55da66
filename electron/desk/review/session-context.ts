/**
 * Which client session a desk call comes from. The transports know (an HTTP
 * header per browser tab, the sender frame in Electron) and run the handler inside
 * `runInSession`; the review services ask `currentSession()`. This keeps the
 * contract's handlers as they are (input in, output out) while two people on one
 * loopback host stay two sessions (issue 6, locks).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The session of calls that name none: the CLI, scripts, a client that sends no header. */
export const LOCAL_SESSION = 'local';

const storage = new AsyncLocalStorage<string>();

export function runInSession<T>(session: string | undefined, task: () => Promise<T>): Promise<T> {
  return storage.run(session || LOCAL_SESSION, task);
}

export function currentSession(): string {
  return storage.getStore() ?? LOCAL_SESSION;
}

/** A session id as a client may send it: short, plain characters (it is only ever a map key). */
export function cleanSessionId(raw: unknown): string | undefined {
  return typeof raw === 'string' && /^[A-Za-z0-9_.:-]{1,80}$/.test(raw) ? raw : undefined;
}
