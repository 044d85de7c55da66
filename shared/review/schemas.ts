/**
 * Review data as it is stored in a story document (issue 6): signatures and
 * comments. Only zod here, so shared/model can embed these schemas without a cycle.
 */
import { z } from 'zod';

/** The three review levels of 三审 (domain §6), in order. */
export const REVIEW_LEVELS = ['first', 'second', 'final'] as const;
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];

/**
 * One level's sign-off. `rev` is the content revision the signer read and signed
 * (architecture.md, Storage: "a signature names the revision it signed").
 */
export const SignatureSchema = z.object({
  level: z.enum(REVIEW_LEVELS),
  userId: z.string().min(1).max(64),
  name: z.string().max(80),
  rev: z.number().int().min(1),
  /** ISO time of the signature. */
  at: z.string().max(40),
});
export type Signature = z.infer<typeof SignatureSchema>;

/** The text fields a comment may be anchored to: the body and the three headline lines (引题/主题/副题). */
export const ANCHOR_FIELDS = ['body', 'kicker', 'headline', 'subheadline'] as const;
export type AnchorField = (typeof ANCHOR_FIELDS)[number];

/**
 * Where a passage comment sits: which text field and block, code-point offsets, and
 * the quoted text. A headline line takes either a passage of it or, `whole`, the
 * line as such ("the 主题 is too long", "add a 引题"): a whole-line comment follows
 * the line whatever it becomes and is never lost; its quote is the line as it read
 * (empty when the line was empty).
 */
export const CommentAnchorSchema = z
  .object({
    /** 'body' (block = index of the body's top-level block) or a one-line field (block = 0). */
    field: z.enum(ANCHOR_FIELDS),
    block: z.number().int().min(0),
    /** Code-point offsets inside the block, end exclusive. */
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    /** The passage as it read when commented; used to find it again after edits. */
    quote: z.string().max(2000),
    /** True when the quote is no longer in the text: the comment stays visible, unanchored. */
    lost: z.boolean().default(false),
    /** A comment on a headline line as a whole (never on the body). Absent in older files: false. */
    whole: z.boolean().optional(),
  })
  .refine((a) => (a.whole ? a.field !== 'body' : a.quote.length > 0), {
    message: 'a passage anchor quotes its text; only a headline line may be commented as a whole',
  });
export type CommentAnchor = z.infer<typeof CommentAnchorSchema>;

export const CommentSchema = z.object({
  id: z.string().min(1).max(64),
  /** The comment this one answers; null for the first comment of a thread. */
  parentId: z.string().max(64).nullable().default(null),
  /** Null for a comment on the story as a whole. */
  anchor: CommentAnchorSchema.nullable().default(null),
  text: z.string().min(1).max(5000),
  userId: z.string().max(64),
  name: z.string().max(80),
  at: z.string().max(40),
  /** The content revision the comment was written on. */
  rev: z.number().int().min(1),
  /** Set when the comment came with a return (退回): the level that returned the story. */
  returnedAt: z.enum(REVIEW_LEVELS).nullable().default(null),
  resolved: z.boolean().default(false),
  resolvedBy: z.string().max(80).nullable().default(null),
  resolvedAt: z.string().max(40).nullable().default(null),
});
export type ReviewComment = z.infer<typeof CommentSchema>;

/** Open findings counted by severity (the submit dialog's summary, kept with the submission). */
export const FindingCountsSchema = z.object({
  error: z.number().int().min(0).max(100_000),
  warning: z.number().int().min(0).max(100_000),
  info: z.number().int().min(0).max(100_000),
});
export type FindingCounts = z.infer<typeof FindingCountsSchema>;

/**
 * The last 提交审稿 of a story (issue 19): who, when, the note to the editors and what
 * the story was then — its length and photos (counted by the desk) and its open
 * findings by severity (as the submitter's screen showed them).
 */
export const SubmissionSchema = z.object({
  userId: z.string().max(64),
  name: z.string().max(80),
  at: z.string().max(40),
  /** The content revision submitted. */
  rev: z.number().int().min(1),
  note: z.string().max(2000).default(''),
  /** Characters of the body (字数, as the story list counts them). */
  chars: z.number().int().min(0),
  photos: z.number().int().min(0),
  findings: FindingCountsSchema.nullable().default(null),
});
export type Submission = z.infer<typeof SubmissionSchema>;
