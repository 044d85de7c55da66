/**
 * Photos on the newsroom server (issue 17, ADR 013 "Photos by content hash"): `photos.import` (a
 * photo a person adds while connected, answered as the desk answers it), `photos.has` and
 * `photos.put` (a check-in's photos, sent only when missing), all on store/photos.ts; and
 * `GET /api/photos/<file>`, the bytes of a stored photo for any signed-in person (ADR 010: a
 * photo's name is the hash of its content, known only to whoever holds a story that shows it).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { DeskError, type DeskErrorShape } from '../../shared/api';
import { IMMUTABLE_CACHE, SECURITY_HEADERS } from '../desk/static-files';
import { AuthError } from './accounts/accounts';
import type { ServerRoutes } from './routes';
import type { NewsroomPhotos } from './store/photos';
import type { Actor } from './store/stories';

/**
 * How large the body of a call may be: a photo (at most 40 MB, the desk's limit) arrives as
 * base64 in JSON, larger than any other call; null for every other method.
 */
export function photoCallLimit(method: string): number | null {
  return method === 'photos.import' || method === 'photos.put' ? 57_000_000 : null;
}

export function photoRoutes(photos: NewsroomPhotos): ServerRoutes {
  return {
    'photos.import': (actor, { name, data }) => photos.store(actor, name, Buffer.from(data, 'base64')),
    'photos.has': async (_actor, { hashes }) => ({ missing: await photos.missing(hashes) }),
    'photos.put': (actor, { hash, data }) => photos.store(actor, hash, Buffer.from(data, 'base64'), hash),
  };
}

function refuse(res: ServerResponse, status: number, error: DeskError) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': 'application/json; charset=utf-8',
  });
  res.end(JSON.stringify({ ok: false, error: error.toJSON() }));
}

/**
 * GET (or HEAD) /api/photos/<file>: 401 without a live session, 400 for a name that is not a
 * stored photo's, 404 for a photo the newsroom does not hold, else its bytes with its type.
 */
export async function servePhoto(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  photos: NewsroomPhotos,
  signedIn: (req: IncomingMessage) => Promise<Actor>,
  /** The server's reading of an error that means its database is unreachable (http.ts databaseFailure). */
  databaseGone: (method: string, err: unknown) => DeskErrorShape | null,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return refuse(
      res,
      405,
      new DeskError(
        'invalid-input',
        'error.invalidInput',
        { method: 'photos', issues: 'GET only' },
        'GET only',
      ),
    );
  let name: string;
  try {
    name = decodeURIComponent(file);
  } catch {
    name = file;
  }
  try {
    await signedIn(req);
    const photo = await photos.get(name);
    if (!photo)
      return refuse(
        res,
        404,
        new DeskError(
          'not-found',
          'error.photoNotOnNewsroom',
          { file: name },
          `The newsroom holds no photo ${name}; the desk that added it has not sent it yet.`,
        ),
      );
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': photo.type,
      'Content-Length': photo.bytes.length,
      // A stored photo never changes (its name is its content): kept by the desk, never by a shared cache.
      'Cache-Control': IMMUTABLE_CACHE,
      ETag: `"${photo.sha256}"`,
    });
    res.end(req.method === 'HEAD' ? undefined : photo.bytes);
  } catch (err) {
    if (err instanceof AuthError) return refuse(res, err.status, err);
    if (err instanceof DeskError) return refuse(res, err.code === 'not-found' ? 404 : 400, err);
    const gone = databaseGone('photos', err);
    if (gone) return refuse(res, 503, DeskError.from(gone));
    throw err;
  }
}
