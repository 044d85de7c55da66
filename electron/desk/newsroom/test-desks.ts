/**
 * Desks for tests of the newsroom connection: each on its own temp data folder, talking to a real
 * newsroom server only through its desk handlers (the object every transport calls), as a window
 * would, and recording the events its windows get.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DeskErrorShape, NewsroomStatus } from '../../../shared/api';
import type { DeskEvent } from '../../../shared/api/events';
import type { Role } from '../../../shared/review/roles';
import { FAST_SCRYPT, type TestNewsroom } from '../../server/testing';
import { dispatch } from '../dispatch';
import { openDeskServices, type DeskServices } from '../services';

export type Desk = {
  dir: string;
  services: DeskServices;
  seen: DeskEvent[];
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  refused(method: string, input?: unknown): Promise<DeskErrorShape>;
  /** Resolves with the first event (from index `from`, default: from now on) matching `match`. */
  next(match: (e: DeskEvent) => boolean, timeoutMs?: number, from?: number): Promise<DeskEvent>;
  status(): Promise<NewsroomStatus>;
  close(): Promise<void>;
};

/** `ca`: a certificate authority (PEM) the desk trusts for the newsroom besides the system's. */
export async function openDesk(
  dir = mkdtempSync(join(tmpdir(), 'desk-away-')),
  options: { ca?: string } = {},
): Promise<Desk> {
  const services = await openDeskServices({
    dataDir: dir,
    transport: 'http',
    demo: false,
    newsroom: {
      keyScrypt: FAST_SCRYPT,
      backoff: { firstMs: 100, maxMs: 400 },
      timeoutMs: 5000,
      ...(options.ca ? { ca: options.ca } : {}),
    },
  });
  const seen: DeskEvent[] = [];
  const waiters = new Set<() => void>();
  services.events.subscribe((e) => {
    seen.push(e);
    for (const w of [...waiters]) w();
  });
  const run = (method: string, input: unknown = {}) => dispatch(services.handlers, method, input, 'win-1');
  const call = async <T>(method: string, input?: unknown) => {
    const r = await run(method, input);
    if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.detail}`), { shape: r.error });
    return r.result as T;
  };
  return {
    dir,
    services,
    seen,
    call,
    refused: async (method, input) => {
      const r = await run(method, input);
      if (r.ok) throw new Error(`${method} was expected to be refused`);
      return r.error;
    },
    next: (match, timeoutMs = 10_000, from = seen.length) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = seen.slice(from).find(match);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no such event arrived'));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    status: () => call<NewsroomStatus>('newsroom.status'),
    close: async () => {
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A desk on a fresh data folder, connected to `on` and signed in as a new person of it; pushed
 * onto `open` (the test's desks, closed after it).
 */
export async function signedInDesk(
  on: Pick<TestNewsroom, 'url' | 'person'>,
  open: Desk[],
  person: { id: string; name: string; roles: Role[] },
): Promise<Desk> {
  const password = await on.person(person.id, person.name, person.roles);
  const d = await openDesk();
  open.push(d);
  await d.call('newsroom.connect', { server: on.url });
  const status = await d.call<NewsroomStatus>('newsroom.signIn', { login: person.id, password });
  if (status.state !== 'connected') throw new Error(`${person.id} is not signed in: ${status.state}`);
  return d;
}
