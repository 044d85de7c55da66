/**
 * "Open that story and show this place": a click on a twin in another story of the
 * page sets the location here and opens the story; the new story screen's
 * FindingsPlugin takes it once its body is on screen.
 */
import type { FindingLocation } from '../../../../shared/checks/finding';

let pending: FindingLocation | null = null;

export function requestReveal(location: FindingLocation): void {
  pending = location;
}

/** The location waiting for `storyId`, once (null when there is none). */
export function takeReveal(storyId: string): FindingLocation | null {
  if (!pending || pending.story !== storyId) return null;
  const location = pending;
  pending = null;
  return location;
}
