/**
 * Calls the real host's API the way the renderer does: opens the desk with a
 * one-time address (traded for the browser cookie), reads the token from the
 * served page, then POST /api/<method> with both. For specs that need data set up
 * or checked without clicking through the UI.
 */
export type ApiClient = <T = unknown>(method: string, input?: unknown) => Promise<T>;

/** What a browser holds once it opened the desk: the host's address, its cookie and the page's token. */
export type OpenedDesk = { base: string; cookie: string; token: string };

/** Opens the desk at a one-time address (`desk.url`), as a browser does, without following the redirect. */
export async function openDesk(openUrl: string): Promise<OpenedDesk> {
  const traded = await fetch(openUrl, { redirect: 'manual' });
  const cookie = traded.headers.get('set-cookie')?.split(';')[0];
  if (traded.status !== 303 || !cookie) {
    throw new Error(
      `${openUrl} did not open the desk (HTTP ${traded.status}): is it a fresh one-time address?`,
    );
  }
  const base = new URL('/', openUrl).href;
  const html = await (await fetch(base, { headers: { Cookie: cookie } })).text();
  const token = /name="desk-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the served page carries no desk token');
  return { base, cookie, token };
}

/** The headers of an API call from an opened desk. */
export function apiHeaders(desk: OpenedDesk, session?: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    Cookie: desk.cookie,
    'X-Desk-Token': desk.token,
    ...(session ? { 'X-Desk-Session': session } : {}),
  };
}

export async function apiClient(openUrl: string): Promise<ApiClient> {
  const desk = await openDesk(openUrl);
  return async <T>(method: string, input: unknown = {}) => {
    const res = await fetch(new URL(`api/${method}`, desk.base), {
      method: 'POST',
      headers: apiHeaders(desk),
      body: JSON.stringify(input),
    });
    const reply = (await res.json()) as { ok: boolean; result?: T; error?: { detail: string } };
    if (!reply.ok) throw new Error(`${method}: ${reply.error?.detail}`);
    return reply.result as T;
  };
}
