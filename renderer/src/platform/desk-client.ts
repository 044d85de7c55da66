/**
 * The renderer's only door to the desk services. In Electron the preload exposes
 * the contract's methods as `window.desk`; in a browser (`desk serve`, e2e tests)
 * the same API goes over the loopback HTTP host. Nothing else in renderer/ may read
 * `window.desk` or call fetch (docs/architecture.md, dependency rules).
 */
import { DESK_METHODS, DeskError, isDeskErrorShape, type DeskApi, type Transport } from '../../../shared/api';
import type { DeskEvent, DeskEventListener } from '../../../shared/api/events';
import { createHttpDesk, streamHttpEvents, type HttpDeskOptions } from './http-client';

declare global {
  interface Window {
    /** Set by electron/preload through contextBridge: exactly the contract's methods. */
    desk?: DeskApi;
    /** Set by electron/preload: the desk's event channel (issue 19). */
    deskEvents?: { subscribe: (listener: DeskEventListener) => () => void };
  }
}

/** Errors cross contextBridge as plain objects or bare Errors; give callers a DeskError either way. */
function toDeskError(err: unknown, method: string): DeskError {
  if (err instanceof DeskError) return err;
  if (isDeskErrorShape(err)) return DeskError.from({ ...err, params: err.params ?? {} });
  const detail = err instanceof Error ? err.message : String(err);
  return new DeskError('internal', 'error.internal', { method }, detail);
}

function wrapElectron(bridge: DeskApi): DeskApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of DESK_METHODS) {
    const fn = bridge[method] as (input: unknown) => Promise<unknown>;
    api[method] = async (input) => {
      try {
        return await fn(input);
      } catch (err) {
        throw toDeskError(err, method);
      }
    };
  }
  return api as DeskApi;
}

function readToken(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="desk-token"]');
  return meta?.content ?? '';
}

/** One session per tab, kept across reloads of that tab (sessionStorage), so its lock and user survive F5. */
function tabSession(): string {
  const key = 'desk.session';
  try {
    const known = sessionStorage.getItem(key);
    if (known) return known;
    const fresh = `tab-${crypto.randomUUID()}`;
    sessionStorage.setItem(key, fresh);
    return fresh;
  } catch {
    return `tab-${Math.random().toString(36).slice(2)}`;
  }
}

export const transport: Transport = typeof window !== 'undefined' && window.desk ? 'electron' : 'http';

const httpOptions = (): HttpDeskOptions => ({
  fetch: (url, init) => window.fetch(url, init),
  token: readToken(),
  session: tabSession(),
});

export const desk: DeskApi =
  transport === 'electron' && window.desk ? wrapElectron(window.desk) : createHttpDesk(httpOptions());

const listeners = new Set<DeskEventListener>();
const reconnected = new Set<() => void>();
let streaming = false;

function ensureStream(): void {
  if (streaming) return;
  streaming = true;
  if (transport === 'electron' && window.deskEvents) window.deskEvents.subscribe(deliver);
  else
    streamHttpEvents(httpOptions(), deliver, () => {
      for (const listener of [...reconnected]) listener();
    });
}

function deliver(event: DeskEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (err) {
      console.warn('[desk] event listener:', err);
    }
  }
}

/**
 * Hears the desk's events (issue 19, shared/api/events.ts): a lock taken, released
 * or taken over, a story saved or signed, in any window. One channel per window
 * (the preload's in Electron, one event stream over HTTP), opened with the first
 * listener and kept for the window's life, so no event falls between two views.
 * Returns the function that stops listening.
 */
export function onDeskEvent(listener: DeskEventListener): () => void {
  listeners.add(listener);
  ensureStream();
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Told when the event channel is back after a break (the stream to the loopback
 * host dropped): events may have been missed, so what a view shows is read again.
 * In Electron the desk and the window live and end together: never called.
 */
export function onDeskReconnect(listener: () => void): () => void {
  reconnected.add(listener);
  ensureStream();
  return () => {
    reconnected.delete(listener);
  };
}

/** Where the page loads a stored photo from (a content-addressed file name). */
export function photoUrl(file: string): string {
  const safe = encodeURIComponent(file);
  return transport === 'electron' ? `desk-photo://photos/${safe}` : `/photos/${safe}`;
}
