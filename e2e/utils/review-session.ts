/**
 * Like apiClient, but as one named session (X-Desk-Session), the way one browser
 * tab talks to the host: the person picked and the edit locks are per session
 * (issue 6). Rejects with the desk's error shape so a spec can assert the key.
 */
import type { DeskErrorShape } from '../../shared/api';
import { apiHeaders, openDesk } from './desk-api';

export type SessionApi = <T = unknown>(method: string, input?: unknown) => Promise<T>;

/** `openUrl`: a fresh one-time address of the desk (`desk.url`). */
export async function sessionApi(openUrl: string, session: string): Promise<SessionApi> {
  const desk = await openDesk(openUrl);
  return async <T>(method: string, input: unknown = {}) => {
    const res = await fetch(new URL(`api/${method}`, desk.base), {
      method: 'POST',
      headers: apiHeaders(desk, session),
      body: JSON.stringify(input),
    });
    const reply = (await res.json()) as { ok: boolean; result?: T; error?: DeskErrorShape };
    if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error?.detail}`), { desk: reply.error });
    return reply.result as T;
  };
}
