/**
 * Calls the real host's API the way the renderer does: the token from the served
 * page, then POST /api/<method>. For specs that need data set up or checked
 * without clicking through the UI.
 */
export type ApiClient = <T = unknown>(method: string, input?: unknown) => Promise<T>;

export async function apiClient(baseUrl: string): Promise<ApiClient> {
  const html = await (await fetch(baseUrl)).text();
  const token = /name="desk-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the served page carries no desk token');
  return async <T>(method: string, input: unknown = {}) => {
    const res = await fetch(new URL(`api/${method}`, baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk-Token': token },
      body: JSON.stringify(input),
    });
    const reply = (await res.json()) as { ok: boolean; result?: T; error?: { detail: string } };
    if (!reply.ok) throw new Error(`${method}: ${reply.error?.detail}`);
    return reply.result as T;
  };
}
