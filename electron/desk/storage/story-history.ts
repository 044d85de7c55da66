/**
 * A story's revision history: bounded and compacted (architecture.md, Storage) so
 * autosave every few seconds neither bloats the file nor buries real versions.
 */
import type { Revision } from '../../../shared/model';

/** Saves by the same person closer together than this are one editing session. */
export const SESSION_GAP_MS = 5 * 60 * 1000;
/** Oldest revisions beyond this are dropped; a story file stays small enough to save fast. */
export const MAX_REVISIONS = 50;

/** The schema's hard bound (StorySchema.history): even signed revisions go beyond it, oldest first. */
export const MAX_KEPT = 200;

/**
 * Appends the revision being replaced by a save, oldest first.
 *
 * Compaction: when the newest kept revision is by the same person and less than
 * SESSION_GAP_MS older, it is replaced by this one. So an uninterrupted editing
 * session keeps only its latest state, while another person's save or a pause of
 * five minutes always starts a new revision; every person's last version before
 * someone else took over is kept.
 *
 * A signed revision (issue 6: a signature names the revision it signed) is never
 * replaced by that merge, and the bound drops the oldest unsigned revisions first.
 */
export function appendRevision(history: readonly Revision[], previous: Revision): Revision[] {
  const out = history.slice();
  const last = out.at(-1);
  if (
    last &&
    !last.signed &&
    last.savedBy === previous.savedBy &&
    withinSession(last.savedAt, previous.savedAt)
  ) {
    out[out.length - 1] = previous;
  } else {
    out.push(previous);
  }
  while (out.length > MAX_REVISIONS) {
    const unsigned = out.findIndex((r) => !r.signed);
    if (unsigned === -1 || unsigned === out.length - 1) break;
    out.splice(unsigned, 1);
  }
  return out.length > MAX_KEPT ? out.slice(out.length - MAX_KEPT) : out;
}

function withinSession(earlier: string, later: string): boolean {
  const gap = Date.parse(later) - Date.parse(earlier);
  // An unparsable or backwards clock never merges: keeping a revision too many is harmless.
  return Number.isFinite(gap) && gap >= 0 && gap < SESSION_GAP_MS;
}
