/**
 * The review part of the desk API contract (issue 6), spread into deskContract:
 * people, sessions, the 三审 queue and actions, comments, locks, revision history
 * and the audit trail. Each entry: the input schema, the output type.
 */
import { z } from 'zod';

import { PageNameSchema, StoryIdSchema, type Story, type StoryStatus, type StorySummary } from '../model';
import type { AuditEntry } from './audit';
import type { FieldDiff } from './revision-diff';
import { UserProfileSchema, type UserProfile } from './roles';
import {
  ANCHOR_FIELDS,
  FindingCountsSchema,
  REVIEW_LEVELS,
  type ReviewLevel,
  type Signature,
  type Submission,
} from './schemas';
import type { SignerCheck } from './workflow';

type Method<I extends z.ZodType, O> = { input: I; output?: O };
function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}

const byId = z.object({ id: StoryIdSchema });
const rev = z.number().int().min(1);

/** users.list: the profiles and who this session is. */
export type UsersView = { users: UserProfile[]; current: UserProfile | null };

/** A story waiting for the current person (review.queue). */
export type QueueItem = {
  story: StorySummary;
  /** The level it waits for; null for a returned story of the reporter's own. */
  level: ReviewLevel | null;
  signatures: Signature[];
  /** Set when the person may not sign it (signed another level, own story): the refusal's key. */
  blockedBy: string | null;
  openComments: number;
  /** The last submission: who, when, the note, length, photos and open findings. */
  submission: Submission | null;
  /** Set when nobody active may sign the level it waits for (workflow `nobodyToSign`). */
  stuck: SignerCheck | null;
};

/** The edit lock of one story as this session sees it. */
export type LockView = {
  storyId: string;
  mine: boolean;
  holder: { userId: string; name: string; since: string } | null;
  ttlMs: number;
  /**
   * Set when the lock is a check-out (issue 18, the newsroom only): the story is away on the
   * holder's desk `desk` since `since`, left at revision `baseRev`; it does not lapse (ttlMs 0).
   */
  checkout?: { desk: string; since: string; baseRev: number } | null;
};

export type HistoryEntry = {
  rev: number;
  savedAt: string;
  savedBy: string;
  /** True for the story as it stands now. */
  current: boolean;
  signed: boolean;
  /** Signatures now standing on this revision. */
  signatures: Signature[];
  /** Characters of the body. */
  chars: number;
};

/** history.list: newest first. */
export type HistoryList = { id: string; status: StoryStatus; entries: HistoryEntry[] };

/**
 * review.challenge (the newsroom only): what the person's key signs for a sign-off or a return of
 * the revision read. `text` is the exact canonical JSON (RFC 8785) to sign; the fields are its parts.
 */
export type SignoffChallenge = {
  nonce: string;
  text: string;
  payload: {
    purpose: string;
    storyId: string;
    revision: number;
    contentHash: string;
    level: ReviewLevel;
    decision: 'approve' | 'return';
    serverTimestamp: string;
    nonce: string;
  };
  expiresAt: string;
};

/** keys.register (the newsroom only): the public key now active for the signed-in person. */
export type RegisteredKey = { id: number; fingerprint: string; createdAt: string };

/** The signed answer to a review.challenge (the newsroom only; a single desktop signs without keys). */
const SignoffAnswerSchema = z.object({
  nonce: z.string().min(16).max(64),
  signature: z.string().min(1).max(200),
});

export type RevisionDiff = { id: string; from: number; to: number; fields: FieldDiff[] };

const target = z.union([z.object({ id: StoryIdSchema }), z.object({ page: PageNameSchema })]);

/**
 * Where a new comment goes: a passage (field, block, code-point offsets; the desk
 * quotes the text itself) or, with `whole`, a headline line as a whole.
 */
const AnchorInputSchema = z.object({
  field: z.enum(ANCHOR_FIELDS),
  block: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  whole: z.boolean().optional(),
});
export type AnchorInput = z.infer<typeof AnchorInputSchema>;

export const reviewContract = {
  /** Every profile, and who this session is (null until someone is picked). */
  'users.list': method<UsersView>()(z.object({})),
  /** Replaces every profile (admin only); at least one enabled admin must remain. */
  'users.save': method<UserProfile[]>()(z.object({ users: z.array(UserProfileSchema).min(1).max(500) })),
  /** Says who is at this session's desk (the picker; a sign-in replaces it). */
  'session.setUser': method<UserProfile>()(z.object({ userId: z.string().min(1).max(64) })),

  /** The stories waiting for the current person's review levels (and their returned stories). */
  'review.queue': method<QueueItem[]>()(z.object({})),
  /**
   * submit (with a note to the editors and the open findings the submitter saw), sign (at the
   * level the story waits for), return (comment required; may anchor it), layout.
   */
  'review.act': method<Story>()(
    z.object({
      id: StoryIdSchema,
      action: z.enum(['submit', 'sign', 'return', 'layout']),
      baseRev: rev,
      comment: z.string().max(5000).optional(),
      anchor: AnchorInputSchema.optional(),
      note: z.string().max(2000).optional(),
      findings: FindingCountsSchema.optional(),
      /** The newsroom's sign-off or return: the signed answer to review.challenge (ignored on a single desktop). */
      signoff: SignoffAnswerSchema.optional(),
    }),
  ),
  /**
   * The newsroom's sign-off request for the revision read (`baseRev`): the payload the person's key
   * signs before review.act sign / return. With `level`, refused unless the story waits for that level.
   */
  'review.challenge': method<SignoffChallenge>()(
    z.object({
      id: StoryIdSchema,
      action: z.enum(['sign', 'return']),
      baseRev: rev,
      level: z.enum(REVIEW_LEVELS).optional(),
    }),
  ),
  /** Registers the signed-in person's Ed25519 public key (SPKI DER, base64) with proof of possession. */
  'keys.register': method<RegisteredKey>()(
    z.object({ publicKey: z.string().min(40).max(200), proof: z.string().min(40).max(200) }),
  ),
  /** The audit trail of a story or of a page, oldest first. */
  'review.audit': method<AuditEntry[]>()(target),
  /** The same as CSV text for Excel (UTF-8 with BOM). */
  'review.auditCsv': method<string>()(target),

  /** A comment on the story (no anchor) or on a passage; parentId answers a thread. */
  'comments.add': method<Story>()(
    z.object({
      id: StoryIdSchema,
      text: z.string().max(5000).regex(/\S/, 'must not be blank'),
      parentId: z.string().max(64).optional(),
      anchor: AnchorInputSchema.optional(),
    }),
  ),
  'comments.resolve': method<Story>()(z.object({ id: StoryIdSchema, commentId: z.string().max(64) })),
  'comments.reopen': method<Story>()(z.object({ id: StoryIdSchema, commentId: z.string().max(64) })),

  /** Who holds the story's edit lock now, without taking it (opening a story to read it, issue 19). */
  'locks.view': method<LockView>()(byId),
  /** Takes the story's edit lock for this session (on the first edit), or reports who holds it. */
  'locks.acquire': method<LockView>()(byId),
  /** The heartbeat: keeps this session's lock (lapses after 60 s without one). */
  'locks.renew': method<LockView>()(byId),
  'locks.release': method<void>()(byId),
  /** An editor takes the lock from whoever holds it; recorded in the audit trail. */
  'locks.takeOver': method<LockView>()(byId),

  /** The story's kept revisions, newest first, without their content. */
  'history.list': method<HistoryList>()(byId),
  /** Character diff between two revisions, field by field. */
  'history.diff': method<RevisionDiff>()(z.object({ id: StoryIdSchema, from: rev, to: rev })),
  /** Saves an old revision's content as a new revision (an edit: needs the lock, clears signatures as an edit does). */
  'history.restore': method<Story>()(z.object({ id: StoryIdSchema, rev, baseRev: rev.optional() })),
} as const;
