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
