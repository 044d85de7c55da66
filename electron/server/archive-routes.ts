/**
 * The newsroom's archive on the server (issue 17, ADR 012): archive.put and archive.since
 * (shared/api/archive-sync-contract.ts) routed to store/archive.ts, each as the session's person.
 * Anyone signed in may put: the desk lets whoever it lets publish or import a past page archive
 * stories, and the entries are what was printed, not anyone's draft. Anyone signed in may pull:
 * the duplicate check of every desk compares drafts with the whole archive.
 */
import type { ServerRoutes } from './routes';
import type { NewsroomArchive } from './store/archive';

export function archiveRoutes(archive: NewsroomArchive): ServerRoutes {
  return {
    'archive.put': (actor, { entries, desk }) => archive.put(actor, entries, desk ?? null),
    'archive.since': (_actor, { seq, limit }) => archive.since(seq, limit),
  };
}
