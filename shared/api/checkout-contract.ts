/**
 * Check-out, check-in, take-over and conflicts (issue 18, ADR 013): the newsroom server's side of
 * working away from the newsroom. A desk takes stories away while connected (a lock of kind
 * 'checkout' that names the desk and does not lapse), writes offline, and sends what it wrote as an
 * outbox of operations, each with the id the desk gave it and the revision it was made on. The
 * server alone assigns revisions: an operation on the revision it left at becomes one new revision;
 * one made on a revision someone else has since replaced is kept whole as a parallel version and
 * the story is in conflict until someone picks. An operation sent again is a no-op that answers
 * what it answered the first time.
 *
 * A desk that is not connected answers these with `error.newsroomNotConnected`.
 */
import { z } from 'zod';

import { StoryContentSchema, StoryIdSchema, type Story, type StoryContent } from '../model';
import type { FieldDiff } from '../review/revision-diff';
import type { LockView } from '../review/review-contract';

type Method<I extends z.ZodType, O> = { input: I; output?: O };
function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}

/** The desk (computer) a story is checked out to, as its desk names itself: "王记者的笔记本". */
export const DeskNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]+$/u, 'must not hold control characters');

/** A photo as the server will know it: the SHA-256 of its bytes (lowercase hex). */
export const PhotoHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in hex');

const opFields = {
  /** The desk's id for this operation (a UUID): a repeat of the same id is a no-op. */
  opId: z.uuid(),
  content: StoryContentSchema,
  /** When the person wrote it on the desk (ISO), kept with a parallel version. */
  at: z.iso.datetime({ offset: true }),
  /**
   * The SHA-256 of every photo the content shows. Recorded with the operation; the photos
   * themselves go up later through photos.has / photos.put (ADR 013), once the server keeps photos.
   */
  photos: z.array(PhotoHashSchema).max(100).optional(),
};

/** One operation of the outbox: a change of a story made on revision `baseRev`, or a new draft. */
export const CheckInOpSchema = z.union([
  z.strictObject({ ...opFields, storyId: StoryIdSchema, baseRev: z.number().int().min(1) }),
  z.strictObject({
    ...opFields,
    /** A draft written offline, under the id the desk gave it (a UUID); created once. */
    newDraft: z.strictObject({ id: StoryIdSchema }),
  }),
]);
export type CheckInOp = z.infer<typeof CheckInOpSchema>;

/**
 * What an operation did. `applied`: it became revision `revision`; `created`: the new draft is
 * story `storyId` (the desk's id, or a new one when that id was taken); `parallel`: kept as the
 * parallel version `conflictId`, the story stays at `revision` (someone else's) and is in conflict.
 */
export type CheckInOutcome = 'applied' | 'created' | 'parallel';
export type CheckInResult = {
  opId: string;
  outcome: CheckInOutcome;
  storyId: string;
  revision: number;
  conflictId: number | null;
};

export type CheckInReport = {
  /** One per operation applied, in order; a repeated operation answers its first result. */
  results: CheckInResult[];
  /** How many of `results` were repeats (already applied before this call). */
  repeated: number;
  /**
   * The first operation the server refused (the person may not write the story, it is not found…):
   * it and the ones after it were not applied and stay in the desk's outbox.
   */
  refused: { opId: string; key: string; params: Record<string, string | number>; detail: string } | null;
  /** Stories whose check-out this check-in ended. */
  released: string[];
};

/** One story away on a desk (checkout.list). */
export type CheckoutItem = {
  storyId: string;
  headline: string;
  holder: { userId: string; name: string };
  desk: string;
  since: string;
  /** The revision it left at, and the story's revision now. */
  baseRev: number;
  revision: number;
  /** Checked out to the asking person on the desk they named. */
  mine: boolean;
};

/** A story in conflict: a parallel version waits for someone to pick. */
export type ConflictSummary = {
  conflictId: number;
  storyId: string;
  headline: string;
  writtenBy: { userId: string; name: string };
  desk: string;
  baseRev: number;
  /** The revision it arrived over (someone else's). */
  currentRev: number;
  arrivedAt: string;
  reason: ConflictReason;
};
/** stale: someone saved after the take-over; locked: someone holds the story now; refused: the workflow refused the edit. */
export type ConflictReason = 'stale' | 'locked' | 'refused';

export type CheckoutList = { items: CheckoutItem[]; conflicts: ConflictSummary[] };

/** Both versions of a conflict and the character diff from the current one to the parallel one. */
export type ConflictView = ConflictSummary & {
  current: { rev: number; content: StoryContent; savedBy: string; savedAt: string };
  parallel: { content: StoryContent; writtenAt: string };
  diff: FieldDiff[];
  resolution: null | {
    choice: 'current' | 'parallel' | 'combined';
    by: string;
    at: string;
    revision: number;
  };
};

export type CheckoutTaken = { items: Array<{ story: Story; lock: LockView }> };

export const CHECKOUT_MAX_STORIES = 200;
export const CHECKIN_MAX_OPS = 500;

const storyIds = z.array(StoryIdSchema).min(1).max(CHECKOUT_MAX_STORIES);

export const checkoutContract = {
  /**
   * Takes the stories away to desk `desk`: each locked to the person there until it is checked
   * in or taken over (no lapse); answered in full with the revision each left at. All or none:
   * refused when someone else holds a live lock on any of them.
   */
  'checkout.take': method<CheckoutTaken>()(z.strictObject({ ids: storyIds, desk: DeskNameSchema })),
  /**
   * Sends the desk's outbox, applied in order. Ends the check-out of every story it touches and of
   * those in `release`, except those in `keep` (the person goes on writing them away).
   */
  'checkout.checkIn': method<CheckInReport>()(
    z.strictObject({
      desk: DeskNameSchema,
      ops: z.array(CheckInOpSchema).max(CHECKIN_MAX_OPS),
      release: z.array(StoryIdSchema).max(CHECKOUT_MAX_STORIES).optional(),
      keep: z.array(StoryIdSchema).max(CHECKOUT_MAX_STORIES).optional(),
    }),
  ),
  /** An editor ends someone's check-out in an emergency and holds the story; recorded with the reason. */
  'checkout.takeOver': method<LockView>()(
    z.strictObject({
      id: StoryIdSchema,
      reason: z.string().trim().min(1, 'give a reason').max(500),
    }),
  ),
  /**
   * Ends a conflict: the current version, the parallel one, or a combination (content) becomes a
   * new revision on top of `baseRev` (the current revision the person read), with an audit entry.
   */
  'checkout.resolve': method<Story>()(
    z.strictObject({
      id: StoryIdSchema,
      conflictId: z.number().int().min(1).optional(),
      baseRev: z.number().int().min(1),
      choose: z.union([z.enum(['current', 'parallel']), z.strictObject({ content: StoryContentSchema })]),
    }),
  ),
  /** A conflict of the story (the oldest open one, or `conflictId`): both versions and their diff. */
  'checkout.conflict': method<ConflictView>()(
    z.strictObject({ id: StoryIdSchema, conflictId: z.number().int().min(1).optional() }),
  ),
  /**
   * What is checked out: to the asking person (`mine` on the desk named), and for editors to
   * everyone; and the open conflicts of stories the person may see. For a desk catching up.
   */
  'checkout.list': method<CheckoutList>()(z.strictObject({ desk: DeskNameSchema.optional() })),
} as const;
