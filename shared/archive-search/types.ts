/** What the archive view lists and shows (API types of archive.list / archive.get). */

/** One archived story as the archive view lists it. */
export type ArchivedSummary = { id: string; title: string; date: string; page: string; length: number };

/** An archived story, read-only: its blocks as archived (paragraphs, subheads, captions). */
export type ArchivedStoryView = ArchivedSummary & { blocks: string[] };
