import { randomUUID } from 'node:crypto';

/** Story ids are lowercase UUIDs: unique across machines, safe as file names everywhere. */
export function newStoryId(): string {
  return randomUUID();
}
