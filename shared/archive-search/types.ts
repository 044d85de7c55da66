/** What the archive view lists and shows (API types of archive.list / archive.get). */
import type { Credit, Region } from '../model';

/** One archived story as the archive view lists it. */
export type ArchivedSummary = { id: string; title: string; date: string; page: string; length: number };

/**
 * An archived story, read-only: its blocks as archived (paragraphs, subheads, captions),
 * and its region and byline as they were when it was archived (null: the archive did
 * not keep them, as for stories archived before issue 19).
 */
export type ArchivedStoryView = ArchivedSummary & {
  blocks: string[];
  region: Region | null;
  /** The byline as printed (bylineText: dateline and credits), '' for none. */
  byline: string | null;
  /** Its credits, for the reader to list names with their roles (null when not kept). */
  credits: Credit[] | null;
};
