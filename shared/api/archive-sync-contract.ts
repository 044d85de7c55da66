/**
 * The newsroom's archive (issue 17; issue 18's snapshot for a desk away): the stories each desk
 * archives (a page published, a past page imported, `desk archive add`) are put to the server,
 * and every desk pulls what the others put into its own archive, so its duplicate check knows the
 * whole newsroom's archive, offline too. The server keeps the inputs of the desk's archive indexes
 * (ArchiveRecord: id, headline, date, blocks, region and byline), each with who put it and when,
 * numbered by `seq` in the order they arrived.
 *
 * These two methods are the server's only: a desk's archive-sync (electron/desk/newsroom/
 * archive-sync.ts) calls them; on the desk itself they answer `error.archiveNewsroomOnly`.
 * `archive.*` and `checks.archive` otherwise stay on the desk (fast, offline).
 */
import { z } from 'zod';

import { BylineSchema, RegionSchema, type Byline, type Region } from '../model';
import { DeskNameSchema } from './checkout-contract';

type Method<I extends z.ZodType, O> = { input: I; output?: O };
function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}

/** At most this many entries in one put (a page is a dozen; a past year's import goes in steps). */
export const ARCHIVE_PUT_MAX = 500;
/** At most this many entries in one page of archive.since. */
export const ARCHIVE_PAGE_MAX = 1000;
/** A story's text in the archive: blocks and characters (the longest printed story is far below). */
export const ARCHIVE_BLOCKS_MAX = 2000;
export const ARCHIVE_STORY_CHARS_MAX = 200_000;

const NO_CONTROL = /^[^\p{Cc}]*$/u;

export const ArchiveSyncDetailsSchema = z.strictObject({
  region: RegionSchema.nullable(),
  byline: BylineSchema,
  dateline: z.string().max(200),
});

/** One archived story as the desk's ArchiveStore keeps it (ArchiveRecord). */
export const ArchiveSyncEntrySchema = z
  .strictObject({
    /** The archive id: "<date>/<page>/<name>" for pages, any id for other archived stories. */
    id: z.string().min(1).max(300).regex(NO_CONTROL, 'must not hold control characters'),
    title: z.string().max(1000),
    /** The date it was printed (YYYY-MM-DD), or '' when the archive does not know it. */
    date: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'not a date (YYYY-MM-DD)'),
    blocks: z.array(z.string().max(ARCHIVE_STORY_CHARS_MAX)).max(ARCHIVE_BLOCKS_MAX),
    details: ArchiveSyncDetailsSchema.nullable().optional(),
  })
  .refine((e) => e.blocks.reduce((n, b) => n + b.length, 0) <= ARCHIVE_STORY_CHARS_MAX, {
    message: `the story's blocks hold more than ${ARCHIVE_STORY_CHARS_MAX} characters`,
    path: ['blocks'],
  });
export type ArchiveSyncEntry = {
  id: string;
  title: string;
  date: string;
  blocks: string[];
  details?: { region: Region | null; byline: Byline; dateline: string } | null;
};

/** An entry as the newsroom keeps it: numbered, with who put it from which desk, and when. */
export type ArchiveSyncStored = ArchiveSyncEntry & {
  seq: number;
  addedBy: string;
  desk: string | null;
  addedAt: string;
};

/** What a put did: `added` new entries, `known` ids the newsroom had already (kept as they were). */
export type ArchivePutResult = { added: number; known: number; latest: number };

/** A page of entries after `seq`, oldest first; `seq` the last one's (the next call's `seq`). */
export type ArchiveSincePage = { entries: ArchiveSyncStored[]; seq: number; more: boolean; latest: number };

export const archiveSyncContract = {
  /**
   * Puts archived stories into the newsroom's archive; an id it holds already is kept as it is
   * (a put sent twice adds nothing). Anyone signed in may put (ADR 012: whoever the desk lets
   * publish or import a past page). Announced with an `archive` event to every desk.
   */
  'archive.put': method<ArchivePutResult>()(
    z.object({
      entries: z.array(ArchiveSyncEntrySchema).min(1).max(ARCHIVE_PUT_MAX),
      /** The desk (computer) they come from, as it names itself: for the record. */
      desk: DeskNameSchema.optional(),
    }),
  ),
  /** The entries put after `seq` (0: from the first), `limit` at a time, oldest first. */
  'archive.since': method<ArchiveSincePage>()(
    z.object({
      seq: z.number().int().min(0),
      limit: z.number().int().min(1).max(ARCHIVE_PAGE_MAX).default(500),
    }),
  ),
} as const;
