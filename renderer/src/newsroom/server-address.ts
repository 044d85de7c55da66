/**
 * The newsroom server's address as a person types it, checked before the desk is asked
 * (`newsroom.connect` checks again that the server answers as a newsroom server). The
 * contract wants `https://host:port` (or plain http for a loopback test or a LAN server
 * started with --insecure-lan): no account, no path. A bare `host:port` means https.
 */
export type AddressProblem = 'empty' | 'garbled' | 'scheme' | 'credentials' | 'path';

export type ParsedAddress =
  { ok: true; server: string; plainHttp: boolean } | { ok: false; problem: AddressProblem };

/** Printable ASCII only: a full-width colon or a space typed by an input method is no address. */
const ASCII = /^[\x21-\x7e]+$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

export function parseServerAddress(raw: string): ParsedAddress {
  const text = raw.trim();
  if (!text) return { ok: false, problem: 'empty' };
  if (!ASCII.test(text)) return { ok: false, problem: 'garbled' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'https' && scheme !== 'http')
    return { ok: false, problem: 'scheme' };
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `https://${text}` : text);
  } catch {
    return { ok: false, problem: 'garbled' };
  }
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.pathname !== '/' || url.search || url.hash || /[?#]$/.test(text))
    return { ok: false, problem: 'path' };
  if (!HOST_NAME.test(url.hostname) && !IPV6.test(url.hostname)) return { ok: false, problem: 'garbled' };
  return { ok: true, server: `${url.protocol}//${url.host}`, plainHttp: url.protocol === 'http:' };
}
