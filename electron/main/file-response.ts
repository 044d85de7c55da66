import { pathToFileURL } from 'node:url';

import { net } from 'electron';

export function fail(status: number): Response {
  return new Response(null, { status, headers: { 'Content-Type': 'text/plain' } });
}

/** A file from disk as a protocol response with our headers, or a 404 when it cannot be read. */
export async function fileResponse(file: string, headers: Record<string, string>): Promise<Response> {
  let response: Response;
  try {
    response = await net.fetch(pathToFileURL(file).href);
  } catch {
    return fail(404); // net::ERR_FILE_NOT_FOUND and the like
  }
  if (!response.ok) return fail(404);
  return new Response(response.body, { status: 200, headers });
}
