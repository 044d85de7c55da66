/**
 * The loopback HTTP transport of the desk API (docs/architecture.md, "One API, two
 * transports"): `POST /api/<method>` with a JSON body and the per-launch token the
 * host injected into index.html. Answers are `{ ok: true, result }` or
 * `{ ok: false, error: DeskErrorShape }`; a failure becomes a thrown DeskError so
 * callers handle one error type whatever the transport.
 */
import {
  DESK_METHODS,
  DeskError,
  isDeskErrorShape,
  type DeskApi,
  type DeskMethod,
} from '../../../shared/api';
import { toDeskEvent, type DeskEvent } from '../../../shared/api/events';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type HttpDeskOptions = {
  fetch: FetchLike;
  token: string;
  /** Prefix for the API paths; '' when the page is served by the host itself. */
  base?: string;
  /** This tab's session id (edit locks and the picked user are per session, issue 6). */
  session?: string;
};

/** Maps any failure of one call to a DeskError the UI can explain. */
export async function callHttp(opts: HttpDeskOptions, method: DeskMethod, input: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await opts.fetch(`${opts.base ?? ''}/api/${method}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Desk-Token': opts.token,
        ...(opts.session ? { 'X-Desk-Session': opts.session } : {}),
      },
      body: JSON.stringify(input ?? {}),
    });
  } catch (err) {
    throw new DeskError('internal', 'error.network', { method }, `${method}: ${String(err)}`);
  }

  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    throw new DeskError(
      'internal',
      'error.http',
      { method, status: response.status },
      `${method}: HTTP ${response.status} without a JSON answer`,
    );
  }

  if (typeof payload === 'object' && payload !== null && 'ok' in payload) {
    const envelope = payload as { ok: unknown; result?: unknown; error?: unknown };
    if (envelope.ok === true) return envelope.result ?? undefined;
    if (envelope.ok === false && isDeskErrorShape(envelope.error)) {
      throw DeskError.from({ ...envelope.error, params: envelope.error.params ?? {} });
    }
  }
  throw new DeskError(
    'internal',
    'error.http',
    { method, status: response.status },
    `${method}: HTTP ${response.status} with an unexpected answer`,
  );
}

export function createHttpDesk(opts: HttpDeskOptions): DeskApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of DESK_METHODS) api[method] = (input) => callHttp(opts, method, input);
  return api as DeskApi;
}

/** How long the event stream waits before it connects again after the host went away (doubling, capped). */
const RECONNECT_MS = [500, 1000, 2000, 5000];

/**
 * Reads the host's event stream (`GET /events`, Server-Sent Events; issue 19) with
 * the same token header as the API, and passes each valid event on. Connects again
 * when the stream ends; `onReconnect` is told each time it is back after a break
 * (events may have been missed meanwhile). Returns the function that stops it.
 */
export function streamHttpEvents(
  opts: HttpDeskOptions,
  onEvent: (event: DeskEvent) => void,
  onReconnect: () => void = () => undefined,
): () => void {
  let stopped = false;
  let attempt = 0;
  let connected = false;
  const abort = new AbortController();
  const handleBlock = (block: string) => {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (!data) return;
    try {
      const event = toDeskEvent(JSON.parse(data));
      if (event) onEvent(event);
    } catch {
      // A torn or foreign line: skipped, the next event carries on.
    }
  };
  const run = async () => {
    while (!stopped) {
      try {
        const response = await opts.fetch(`${opts.base ?? ''}/events`, {
          method: 'GET',
          headers: { Accept: 'text/event-stream', 'X-Desk-Token': opts.token },
          signal: abort.signal,
        });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        attempt = 0;
        if (connected) onReconnect();
        connected = true;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            handleBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // The host is restarting or the tab is closing: try again below.
      }
      if (stopped) return;
      const wait = RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)]!;
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  void run();
  return () => {
    stopped = true;
    abort.abort();
  };
}
