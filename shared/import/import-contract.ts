/**
 * The import and archive part of the desk API contract (issue 8), spread into
 * deskContract: a story file's bytes in, a draft and its import notes out; past
 * pages split for confirmation and archived; the archive listed, searched, read.
 */
import { z } from 'zod';

import type { ArchivedStoryView, ArchivedSummary, SearchHit } from '../archive-search';
import { PageNameSchema, type Story } from '../model';
import type { ImportNote } from './import-note';
import { PAGE_LINE_MARKS, type PageSplit } from './page-text';

type Method<I extends z.ZodType, O> = { input: I; output?: O };
function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}

const fileBytes = {
  /** The file's name (its extension decides the reader: .docx, .md, .txt). */
  name: z.string().min(1).max(255),
  /** Base64 of the file's bytes (at most 40 MB decoded). */
  data: z.string().max(56_000_000),
};
const lineNumber = z.number().int().min(1).max(1_000_000);
/** An editor's corrections of a page's split (page-text.ts PageCorrection), by line of the page text. */
const CorrectionsSchema = z
  .array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('merge'), line: lineNumber }),
      z.object({ kind: z.literal('split'), line: lineNumber }),
      z.object({ kind: z.literal('mark'), line: lineNumber, as: z.enum(PAGE_LINE_MARKS) }),
    ]),
  )
  .max(2000)
  .optional();
const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

/** stories.import: the new draft and what the reporter should check. */
export type ImportedStoryResult = { story: Story; notes: ImportNote[]; encoding?: string };
/** archive.calendar: every date of the archive with its pages and their story counts, newest first. */
export type ArchiveCalendar = {
  total: number;
  dates: Array<{ date: string; count: number; pages: Array<{ page: string; count: number }> }>;
};
/** archive.splitPage: the page's stories as the import would archive them. */
export type PageSplitResult = PageSplit & { encoding: string };

export const importContract = {
  /** A story file (.docx, .md, .txt) to a new draft; `notes` lists what could not be recognised. */
  'stories.import': method<ImportedStoryResult>()(
    z.object({ ...fileBytes, page: PageNameSchema.nullable().optional() }),
  ),
  /** Archived stories, newest first, of one date and/or page. */
  'archive.list': method<{ total: number; items: ArchivedSummary[] }>()(
    z.object({
      date: DateSchema.optional(),
      page: PageNameSchema.optional(),
      limit: z.number().int().min(0).max(5000).optional(),
      offset: z.number().int().min(0).optional(),
    }),
  ),
  /** The archive's dates and pages (the archive view's browse column), without the stories themselves. */
  'archive.calendar': method<ArchiveCalendar>()(z.object({})),
  /** Full-text search (Chinese, character-based), ranked, with snippets. */
  'archive.search': method<SearchHit[]>()(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }),
  ),
  /** One archived story, read-only. */
  'archive.get': method<ArchivedStoryView>()(z.object({ id: z.string().min(1).max(400) })),
  /** A past page's text split into stories (with the editor's corrections), for confirmation; nothing is written. */
  'archive.splitPage': method<PageSplitResult>()(z.object({ ...fileBytes, corrections: CorrectionsSchema })),
  /** Archives a past page's stories as archive.splitPage shows them with the same corrections (boxes are not stories). */
  'archive.importPage': method<{ added: number; skipped: number }>()(
    z.object({ ...fileBytes, page: PageNameSchema, date: DateSchema, corrections: CorrectionsSchema }),
  ),
} as const;
