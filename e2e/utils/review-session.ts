/**
 * Like apiClient, but as one named session (X-Desk-Session), the way one browser
 * tab talks to the host: the person picked and the edit locks are per session
 * (issue 6). Rejects with the desk's error shape so a spec can assert the key.
 */
import type { DeskErrorShape } from '../../shared/api';

export type SessionApi = <T = unknown>(method: string, input?: unknown) => Promise<T>;

export async function sessionApi(baseUrl: string, session: string): Promise<SessionApi> {
  const html = await (await fetch(baseUrl)).text();
  const token = /name="desk-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the served page carries no desk token');
  return async <T>(method: string, input: unknown = {}) => {
    const res = await fetch(new URL(`api/${method}`, baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token, 'X-Desk-Session': session },
      body: JSON.stringify(input),
    });
    const reply = (await res.json()) as { ok: boolean; result?: T; error?: DeskErrorShape };
    if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error?.detail}`), { desk: reply.error });
    return reply.result as T;
  };
}
