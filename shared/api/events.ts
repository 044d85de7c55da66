/**
 * The desk's one event channel (issue 19): what the desk services tell every open
 * window the moment it happens, so a window never waits for its next poll to learn
 * that a lock changed hands or a story moved on. Electron delivers them with
 * `webContents.send` through the preload (`window.deskEvents`); the loopback host as
 * Server-Sent Events (`GET /events`, behind the same cookie and token as the API).
 * In the renderer, `onDeskEvent(listener)` (renderer/src/platform/desk-client.ts).
 *
 * - `lock`: a story's edit lock was taken, released, taken over, lapsed or changed
 *   person; `holder` is who holds it now (null: free).
 * - `story`: a story's stored content or status changed (a save, a review action):
 *   its new revision and status.
 * - `review`: a story's review data changed (comments, signatures).
 * - `newsroom`: the desktop's connection to the newsroom changed state (signed in or out,
 *   the server stopped or started answering, a kept save was delivered): a window re-reads
 *   `newsroom.status` and what it shows, since the store behind the desk may have changed.
 * - `archive`: the newsroom's archive took new stories (issue 17): `latest` is its last entry's
 *   number; a desk pulls what it does not hold yet (electron/desk/newsroom/archive-sync.ts).
 *
 * Events carry no text of the story: a window re-reads what it shows. The newsroom
 * server pushes the same events over its WebSocket (`GET /api/events`, issue 17),
 * each only to the people who may see the story.
 */
import { NEWSROOM_STATES, type NewsroomState } from './newsroom-contract';

/** `desk`: set when the lock is a check-out (issue 18): the desk (computer) the story went to. */
export type DeskEventHolder = { userId: string; name: string; desk?: string };

export type DeskEvent =
  | { type: 'lock'; storyId: string; holder: DeskEventHolder | null; at: string }
  | { type: 'story'; storyId: string; revision: number; status: string; at: string }
  | { type: 'review'; storyId: string; at: string }
  | { type: 'newsroom'; state: NewsroomState; at: string }
  | { type: 'archive'; latest: number; at: string };

export type DeskEventListener = (event: DeskEvent) => void;

const ID = /^[A-Za-z0-9_.:-]{1,120}$/;
const short = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length <= max;

/**
 * The event as a receiver may trust it, or null: a plain copy of exactly the fields
 * of its type (the preload and the SSE reader both check what they pass on).
 */
export function toDeskEvent(raw: unknown): DeskEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.type === 'newsroom') {
    if (!short(r.at, 40) || !(NEWSROOM_STATES as readonly unknown[]).includes(r.state)) return null;
    return { type: 'newsroom', state: r.state as NewsroomState, at: r.at };
  }
  if (r.type === 'archive') {
    if (!short(r.at, 40) || typeof r.latest !== 'number' || !Number.isSafeInteger(r.latest) || r.latest < 0)
      return null;
    return { type: 'archive', latest: r.latest, at: r.at };
  }
  if (!short(r.storyId) || !ID.test(r.storyId) || !short(r.at, 40)) return null;
  const base = { storyId: r.storyId, at: r.at };
  if (r.type === 'lock') {
    if (r.holder === null) return { type: 'lock', ...base, holder: null };
    const h = r.holder as Record<string, unknown> | undefined;
    if (typeof h !== 'object' || h === null || !short(h.userId) || !short(h.name)) return null;
    const holder: DeskEventHolder = { userId: h.userId, name: h.name };
    if (h.desk !== undefined) {
      if (!short(h.desk, 100)) return null;
      holder.desk = h.desk;
    }
    return { type: 'lock', ...base, holder };
  }
  if (r.type === 'story') {
    if (typeof r.revision !== 'number' || !Number.isInteger(r.revision) || !short(r.status, 40)) return null;
    return { type: 'story', ...base, revision: r.revision, status: r.status };
  }
  if (r.type === 'review') return { type: 'review', ...base };
  return null;
}
