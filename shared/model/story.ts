/**
 * The story model: every part of a 党建 story as data (domain §1), with runtime
 * schemas used at every boundary (IPC, HTTP, files on disk).
 */
import { z } from 'zod';

import { CommentSchema, SignatureSchema, SubmissionSchema } from '../review/schemas';
import { BODY_VERSION, LexicalStateSchema, type LexicalState } from './body';

/** Page names are a section letter plus a number (domain §1): A1, B6. */
export const PAGE_NAME = /^[A-Z]\d{1,2}$/;
export const PageNameSchema = z.string().regex(PAGE_NAME, 'page name must look like B6');

export const STORY_ID = /^[a-z0-9][a-z0-9-]{5,63}$/;
export const StoryIdSchema = z.string().regex(STORY_ID, 'not a story id');

export const BYLINE_ROLES = ['记者', '本报记者', '特约记者', '通讯员', '实习生'] as const;

/** Text that is not blank. Validation never rewrites data, so nothing is trimmed here. */
const named = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank');

/** One credit of a byline: a role with one or more names, or an organisation as author. */
export const CreditSchema = z.union([
  z.object({
    kind: z.literal('person'),
    /** One of BYLINE_ROLES, a custom role the paper uses, or empty (an end byline prints names only). */
    role: z.string().max(20),
    names: z.array(named(40)).min(1).max(20),
  }),
  z.object({
    kind: z.literal('organisation'),
    name: named(80),
  }),
]);
export type Credit = z.infer<typeof CreditSchema>;

/** Where the byline stands: in the lead after the 电头, at the top under the headline, or at the end. */
export const BYLINE_POSITIONS = ['lead', 'top', 'end'] as const;
export const BylineSchema = z.object({
  credits: z.array(CreditSchema).max(20),
  position: z.enum(BYLINE_POSITIONS),
});
export type Byline = z.infer<typeof BylineSchema>;

/** A GB/T 2260 division: 6-digit code and the full name path from province down (domain §5). */
export const RegionSchema = z.object({
  code: z.string().regex(/^\d{6}$/, 'a GB/T 2260 code has six digits'),
  path: z.array(named(40)).min(1).max(4),
});
export type Region = z.infer<typeof RegionSchema>;

export const PHOTO_CREDIT_KINDS = ['摄', '供图', '图'] as const;
export const PhotoSchema = z.object({
  id: z.string().min(1).max(64),
  /** File name inside the data folder's photos/ (content-addressed; never modified). */
  file: z.string().regex(/^[a-f0-9]{16,64}\.(jpg|png|webp)$/, 'not a stored photo file name'),
  caption: z.string().max(2000),
  creditName: z.string().max(80),
  creditKind: z.enum(PHOTO_CREDIT_KINDS),
  /**
   * The credit exactly as the file printed it, when that is not the plain form: a
   * bracketed "（刘建华 摄）" or "(刘建华 摄)". Name and kind are read from it; the copy
   * rules judge the printed form (half-width brackets are a punctuation error).
   */
  creditPrinted: z.string().max(100).optional(),
});
export type Photo = z.infer<typeof PhotoSchema>;

export const FIGURE_QUALIFIERS = ['', '余', '多', '约', '近'] as const;
export const KeyFigureSchema = z.object({
  id: z.string().min(1).max(64),
  label: z.string().max(60),
  /** The number as printed, Arabic digits with optional decimal part and 万/亿: "6.1万", "1758". */
  value: z.string().max(30),
  unit: z.string().max(20),
  qualifier: z.enum(FIGURE_QUALIFIERS),
  asOf: z.union([
    z.literal(''),
    z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'as-of date is YYYY-MM or YYYY-MM-DD'),
  ]),
});
export type KeyFigure = z.infer<typeof KeyFigureSchema>;

/** 上接 (continued from) at the start of a story part, 下转 (continued on) at its end. */
export const JumpLineSchema = z.object({
  id: z.string().min(1).max(64),
  direction: z.enum(['from', 'to']),
  page: PageNameSchema,
});
export type JumpLine = z.infer<typeof JumpLineSchema>;

export const STORY_KINDS = ['消息', '通讯', '工作经验', '图片新闻', '专栏'] as const;

/**
 * A finding an editor decided to leave as it is, with the reason (issue 5: "ignore
 * with a reason", recorded on the story). It matches a finding by rule + field +
 * the flagged text, not by offsets, so it survives edits elsewhere in the story.
 */
export const IgnoredFindingSchema = z.object({
  /** The finding's rule id ("duplicate.run", "punct.halfwidth"). */
  rule: z.string().min(1).max(80),
  /** Exactly the flagged characters (FindingLocation.text of the first location). */
  text: z.string().max(2000),
  /** FindingLocation.field of the first location ('body', 'headline', 'caption', …). */
  field: z.string().min(1).max(40),
  reason: named(500),
  by: z.string().max(80),
  /** ISO time of the decision. */
  at: z.string().max(40),
});
export type IgnoredFinding = z.infer<typeof IgnoredFindingSchema>;

/** Workflow statuses (domain §6); transitions are the review issue's business. */
export const STORY_STATUSES = [
  'draft',
  'submitted',
  'first-passed',
  'second-passed',
  'approved',
  'laid-out',
  'returned',
] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** The editable content of a story: what a save carries and a revision snapshots. */
export const StoryContentSchema = z.object({
  kind: z.enum(STORY_KINDS),
  kicker: z.string().max(200),
  headline: z.string().max(200),
  subheadline: z.string().max(300),
  dateline: z.string().max(60),
  byline: BylineSchema,
  region: RegionSchema.nullable(),
  body: LexicalStateSchema,
  photos: z.array(PhotoSchema).max(100),
  figures: z.array(KeyFigureSchema).max(200),
  jumps: z.array(JumpLineSchema).max(4),
  page: PageNameSchema.nullable(),
  slot: z.number().int().min(1).max(99).nullable(),
  /** Findings left as they are, each with its reason; older files have none. */
  ignored: z.array(IgnoredFindingSchema).max(1000).default([]),
});
export type StoryContent = z.infer<typeof StoryContentSchema>;

/**
 * A kept revision's body is checked for shape only (root and its blocks): it was
 * fully validated when it was the current text, and checking fifty 20,000-character
 * bodies node by node on every read of the story cost ~150 ms (bench review, issue 6).
 * Restoring a revision validates its content fully again, as any save does.
 */
const KeptBodySchema = z.custom<LexicalState>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const root = (value as { version?: unknown; root?: { type?: unknown; children?: unknown } }).root;
  return (
    (value as { version?: unknown }).version === BODY_VERSION &&
    typeof root === 'object' &&
    root !== null &&
    root.type === 'root' &&
    Array.isArray(root.children) &&
    root.children.every(
      (c: unknown) =>
        typeof c === 'object' && c !== null && typeof (c as { type?: unknown }).type === 'string',
    )
  );
}, 'not a stored story body');

export const RevisionSchema = z.object({
  rev: z.number().int().min(1),
  savedAt: z.string(),
  savedBy: z.string().max(80),
  content: StoryContentSchema.extend({ body: KeptBodySchema }),
  /** A revision someone signed (issue 6): compaction never merges or drops it. */
  signed: z.boolean().optional(),
});
export type Revision = z.infer<typeof RevisionSchema>;

/** The document stored as stories/<id>.json. */
export const StorySchema = StoryContentSchema.extend({
  schema: z.literal(1),
  id: StoryIdSchema,
  rev: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().max(80),
  status: z.enum(STORY_STATUSES),
  /** Set when the story is in the trash. */
  deletedAt: z.string().nullable(),
  /** Earlier revisions, oldest first, bounded (see compactHistory). */
  history: z.array(RevisionSchema).max(200),
  /**
   * The rev of the last content change, when later revs changed only review data
   * (signatures, comments, status); absent means `rev`. A save over a rev that
   * changed no content is not a conflict (shared/review, issue 6).
   */
  contentRev: z.number().int().min(1).optional(),
  /** The content rev last signed at any level; its revision is kept by compaction even after a return. */
  signedRev: z.number().int().min(1).optional(),
  /** Who created the story (profile id or name); older files have none. */
  createdBy: z.string().max(80).optional(),
  /** The review signatures now standing, one per level at most (issue 6); absent means none. */
  signatures: z.array(SignatureSchema).max(3).optional(),
  /** Review comments, threaded, on passages or on the whole story; absent means none. */
  comments: z.array(CommentSchema).max(2000).optional(),
  /** The last submission for review (提交审稿): who, when, the note and a summary; absent before one. */
  submission: SubmissionSchema.optional(),
});
export type Story = z.infer<typeof StorySchema>;

export const CONTENT_KEYS = Object.keys(StoryContentSchema.shape) as Array<keyof StoryContent>;

export function contentOf(story: StoryContent): StoryContent {
  const out: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) out[key] = story[key];
  return out as StoryContent;
}
