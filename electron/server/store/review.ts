/**
 * 三审 on the newsroom server (issue 17, ADR 011): submit, sign and return on PostgreSQL, with the
 * rules of shared/review/workflow.ts (the same `transition`, so the same refusals and keys as the
 * desktop) and sign-offs an inspector can check.
 *
 * A sign-off is two steps. `challenge` returns the canonical payload {purpose, storyId, revision,
 * contentHash, level, decision, serverTimestamp, nonce} for the revision the person read, with
 * the server's timestamp and a single-use nonce; the desktop signs it with the person's Ed25519
 * key; `sign` / `returnStory` then take the nonce and the signature and, in ONE transaction with
 * the story row locked: check that the challenge is this session's, unused and fresh, that the
 * story is still at that revision with that content hash, that the signature verifies with the
 * person's active key, that the workflow permits this person at this level now, and record the
 * signature, the new status and the audit entry together. Simultaneous attempts on one level
 * queue on the story row; the first commits, the others see the new state and get the
 * workflow's refusal (review.refused.alreadySigned). The partial unique index on standing
 * approvals stays as the last guard; were it ever hit, the attempt is re-judged, never reported
 * as a raw database error.
 *
 * The actor is always the signed-in session's person (Accounts.authenticate); nothing the client
 * says about who it is counts.
 */
import { randomBytes } from 'node:crypto';

import type pg from 'pg';

import { DeskError } from '../../../shared/api/errors';
import { bodyPlainText } from '../../../shared/model';
import type { Story, StoryContent, StoryStatus } from '../../../shared/model/story';
import type { AnchorInput } from '../../../shared/review/review-contract';
import {
  REVIEW_LEVELS,
  type FindingCounts,
  type ReviewLevel,
  type Signature,
  type Submission,
} from '../../../shared/review/schemas';
import { countText } from '../../../shared/text/counts';
import {
  factsOf,
  refusalError,
  transition,
  type ReviewEvent,
  type StoryFacts,
} from '../../../shared/review/workflow';
import {
  contentHash,
  parseSignoff,
  SIGNOFF_PURPOSE,
  signoffText,
  verifyText,
  type SignoffDecision,
  type SignoffPayload,
} from '../keys/signoff';
import { appendAudit } from './audit-chain';
import { anchorOn } from './comments';
import { activeKey } from './person-keys';
import { notifyEvent, type Actor } from './stories';
import { inTransaction } from './transaction';

export type ReviewStoreOptions = {
  now?: () => Date;
  /** How long a sign challenge may be answered (default 5 min). */
  challengeTtlMs?: number;
};

/** A story's review state as the workflow sees it, read from the tables. */
export type LoadedReview = {
  storyId: string;
  ownerId: string;
  revision: number;
  status: StoryStatus;
  contentHash: string;
  /** The current revision's content. */
  content: StoryContent;
  facts: StoryFacts;
  /** The standing approvals, in level order. */
  signatures: Signature[];
};

export type Challenge = {
  nonce: string;
  payload: SignoffPayload;
  /** The exact text to sign (the canonical JSON of the payload). */
  text: string;
  expiresAt: Date;
};

export type NewsroomActInput = {
  id: string;
  action: 'submit' | 'sign' | 'return' | 'layout';
  baseRev: number;
  /** A return's reason (and, from older desks, a submit's note when `note` is absent). */
  comment?: string;
  /** A submit's note to the editors, kept with the submission. */
  note?: string;
  /** The open findings the submitter's screen showed, kept with the submission. */
  findings?: FindingCounts;
  /** Where a return's reason points in the text. */
  anchor?: AnchorInput;
  signoff?: { nonce: string; signature: string };
};

export type ReviewResult = {
  storyId: string;
  revision: number;
  status: StoryStatus;
  signatures: Signature[];
  event: ReviewEvent;
  /** The audit entry that records it. */
  auditSeq: number;
};

const notFound = (id: string) =>
  new DeskError('not-found', 'error.storyNotFound', { id }, `No story with id ${id} in the newsroom.`);

const conflict = (id: string, baseRev: number, rev: number) =>
  new DeskError(
    'conflict',
    'error.conflict',
    { id, baseRev, rev, updatedBy: '' },
    `Story ${id} changed since revision ${baseRev} (now ${rev}). Nothing was signed or changed: reload the story, read it again and act on what it says now.`,
  );

/**
 * A story checked out to a desk (issue 18, ADR 013) is not submitted, signed, returned or sent to
 * layout meanwhile: its writer may still change it, and the check-in would put new text under a
 * decision made on the old. Refused for everyone, the holder too (they check it in first); an
 * editor who must act now takes it over (`checkout.takeOver`, with a reason) first.
 */
async function refuseCheckedOut(c: pg.ClientBase, storyId: string, action: string): Promise<void> {
  const { rows } = await c.query<{ name: string; desk: string | null; acquired_at: Date }>(
    `select p.name, l.desk, l.acquired_at from locks l join people p on p.id = l.person_id
      where l.story_id = $1 and l.kind = 'checkout'`,
    [storyId],
  );
  const lock = rows[0];
  if (!lock) return;
  const desk = lock.desk ?? '';
  const since = lock.acquired_at.toISOString();
  throw new DeskError(
    'locked',
    'review.refused.checkedOut',
    { id: storyId, name: lock.name, desk, since, action },
    `Story ${storyId} is checked out to ${lock.name} on desk ${desk} since ${since}: it may still change when it is checked in, so it is not acted on meanwhile (${action}). Nothing was recorded; it is checked in first, or an editor takes it over with a reason.`,
  );
}

const challengeRefused = (detail: string) =>
  new DeskError(
    'invalid-input',
    'review.refused.challengeExpired',
    {},
    `${detail} Press the button again to sign the story as it is now; nothing was recorded.`,
  );

/**
 * Reads the story's review state; `lock` takes the story row for the rest of the transaction,
 * which is what serialises every review action on one story.
 */
export async function loadReview(
  client: pg.ClientBase,
  storyId: string,
  { lock }: { lock: boolean },
): Promise<LoadedReview> {
  const story = await client.query<{
    owner_id: string;
    revision: number;
    status: StoryStatus;
    deleted_at: Date | null;
  }>(`select owner_id, revision, status, deleted_at from stories where id = $1${lock ? ' for update' : ''}`, [
    storyId,
  ]);
  const row = story.rows[0];
  if (!row || row.deleted_at) throw notFound(storyId);
  const rev = await client.query<{ content: StoryContent; content_hash: string }>(
    'select content, content_hash from story_revisions where story_id = $1 and revision = $2',
    [storyId, row.revision],
  );
  const current = rev.rows[0];
  if (!current)
    throw new DeskError(
      'not-found',
      'error.revisionNotFound',
      { id: storyId, rev: row.revision },
      `Story ${storyId} has no saved text yet (revision ${row.revision}); save it before review.`,
    );
  const hash = contentHash(current.content);
  if (hash !== current.content_hash)
    throw new DeskError(
      'damaged',
      'error.revisionDamaged',
      { id: storyId, rev: row.revision },
      `The stored text of story ${storyId} revision ${row.revision} no longer matches its content hash; nothing was signed. Run "desk audit verify" and restore the database from a backup.`,
    );
  const sigs = await client.query<{
    level: ReviewLevel;
    person_id: string;
    name: string;
    revision: number;
    signed_at: Date;
  }>(
    `select s.level, s.person_id, p.name, s.revision, s.signed_at
       from signatures s join people p on p.id = s.person_id
      where s.story_id = $1 and s.decision = 'approve' and s.cleared_at is null`,
    [storyId],
  );
  const signatures = sigs.rows
    .map((s) => ({
      level: s.level,
      userId: s.person_id,
      name: s.name,
      rev: s.revision,
      at: s.signed_at.toISOString(),
    }))
    .sort((a, b) => REVIEW_LEVELS.indexOf(a.level) - REVIEW_LEVELS.indexOf(b.level));
  const byline = (current.content as Partial<StoryContent>).byline;
  const facts = factsOf({
    byline:
      byline && Array.isArray(byline.credits) ? byline : ({ credits: [] } as unknown as Story['byline']),
    createdBy: row.owner_id,
  });
  return {
    storyId,
    ownerId: row.owner_id,
    revision: row.revision,
    status: row.status,
    contentHash: hash,
    content: current.content,
    facts,
    signatures,
  };
}

/**
 * Clears standing approvals (a return, or an edit after sign-off by the save path): the rows stay,
 * marked, so the record and `audit verify` keep every signature. Returns the ids cleared.
 */
export async function clearSignatures(
  client: pg.ClientBase,
  storyId: string,
  levels: readonly ReviewLevel[],
  at: Date,
): Promise<number[]> {
  const { rows } = await client.query<{ id: string }>(
    `update signatures set cleared_at = $3
      where story_id = $1 and decision = 'approve' and cleared_at is null and level = any($2)
      returning id`,
    [storyId, levels, at],
  );
  return rows.map((r) => Number(r.id));
}

export class NewsroomReview {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  readonly #ttl: number;

  constructor(pool: pg.Pool, options: ReviewStoreOptions = {}) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.#ttl = options.challengeTtlMs ?? 5 * 60_000;
  }

  #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, fn);
  }

  /** The review state of a story, without locking it. */
  async state(storyId: string): Promise<LoadedReview> {
    const c = await this.#pool.connect();
    try {
      return await loadReview(c, storyId, { lock: false });
    } finally {
      c.release();
    }
  }

  /**
   * Submits the revision the person read (a draft or a returned story), with an optional note to
   * the editors; the submission (who, when, the note, length, photos, open findings) is kept as
   * the desktop keeps it, for the editors' queue.
   */
  submit(
    who: Actor,
    input: { storyId: string; revision: number; note?: string; findings?: FindingCounts },
  ): Promise<ReviewResult> {
    const note = input.note?.trim() ?? '';
    if (note.length > 2000)
      return Promise.reject(
        new DeskError(
          'invalid-input',
          'error.invalidInput',
          { method: 'review.submit', issues: 'note: at most 2000 characters' },
          'A note to the editors has at most 2000 characters; the story was not submitted.',
        ),
      );
    return this.#unsigned(who, input, 'submit', note, input.findings ?? null);
  }

  /** Sends an approved story to layout (any editor or the admin, as the workflow says); not a signature. */
  layout(who: Actor, input: { storyId: string; revision: number }): Promise<ReviewResult> {
    return this.#unsigned(who, input, 'layout', '', null);
  }

  #unsigned(
    who: Actor,
    input: { storyId: string; revision: number },
    action: 'submit' | 'layout',
    note: string,
    findings: FindingCounts | null,
  ): Promise<ReviewResult> {
    const at = this.#now();
    return this.#tx(async (c) => {
      const st = await loadReview(c, input.storyId, { lock: true });
      if (st.revision !== input.revision) throw conflict(st.storyId, input.revision, st.revision);
      const outcome = transition({
        state: { status: st.status, signatures: st.signatures },
        facts: st.facts,
        actor: who.person,
        action,
        rev: st.revision,
        at: at.toISOString(),
      });
      if (!outcome.ok) throw refusalError(outcome.refusal);
      await refuseCheckedOut(c, st.storyId, action);
      // A submitted story starts its round with no sign-off standing (a return cleared them already).
      if (action === 'submit') await clearSignatures(c, st.storyId, REVIEW_LEVELS, at);
      await c.query('update stories set status = $2 where id = $1', [st.storyId, outcome.state.status]);
      if (action === 'submit') {
        const submission: Submission = {
          userId: who.person.id,
          name: who.person.name,
          at: at.toISOString(),
          rev: st.revision,
          note,
          chars: countText(bodyPlainText(st.content.body)).wordStyle,
          photos: st.content.photos.length,
          findings,
        };
        await c.query('update stories set submission = $2 where id = $1', [
          st.storyId,
          JSON.stringify(submission),
        ]);
      }
      const entry = await appendAudit(c, {
        actorId: who.person.id,
        action,
        storyId: st.storyId,
        detail: {
          revision: st.revision,
          contentHash: st.contentHash,
          from: st.status,
          to: outcome.state.status,
          ...(action === 'submit' ? { note } : {}),
        },
      });
      await announce(c, st, outcome.state.status, at, entry.seq);
      return {
        storyId: st.storyId,
        revision: st.revision,
        status: outcome.state.status,
        signatures: outcome.state.signatures,
        event: outcome.event!,
        auditSeq: entry.seq,
      };
    });
  }

  /**
   * `review.act` as the newsroom binding routes it: the desktop contract's input, plus the signed
   * answer to a challenge for a sign-off or a return (`signoff`). `baseRev` is the revision read.
   */
  act(who: Actor, input: NewsroomActInput): Promise<ReviewResult> {
    const base = { storyId: input.id, revision: input.baseRev };
    if (input.action === 'submit')
      return this.submit(who, { ...base, note: input.note ?? input.comment, findings: input.findings });
    if (input.action === 'layout') return this.layout(who, base);
    if (!input.signoff)
      return Promise.reject(
        new DeskError(
          'invalid-input',
          'review.refused.signatureRequired',
          {},
          'In the newsroom a sign-off or a return is signed with your key: ask for the sign-off request first (review.challenge). Nothing was recorded.',
        ),
      );
    return input.action === 'sign'
      ? this.sign(who, input.signoff)
      : this.returnStory(who, { ...input.signoff, reason: input.comment ?? '', anchor: input.anchor });
  }

  /** Forgets sign challenges that expired more than a day ago (answered ones are in the signatures). */
  async pruneChallenges(): Promise<number> {
    const { rowCount } = await this.#pool.query('delete from sign_challenges where expires_at < $1', [
      new Date(this.#now().getTime() - 24 * 3600_000),
    ]);
    return rowCount ?? 0;
  }

  /**
   * The payload to sign for a sign-off (`sign`) or a return of the revision the person read. The
   * workflow is asked first, so a person it would refuse is told before signing anything.
   */
  async challenge(
    who: Actor,
    input: { storyId: string; revision: number; action: 'sign' | 'return'; level?: ReviewLevel },
  ): Promise<Challenge> {
    const at = this.#now();
    return this.#tx(async (c) => {
      const st = await loadReview(c, input.storyId, { lock: false });
      if (st.revision !== input.revision) throw conflict(st.storyId, input.revision, st.revision);
      const dry = transition({
        state: { status: st.status, signatures: st.signatures },
        facts: st.facts,
        actor: who.person,
        action: input.action,
        rev: st.revision,
        at: at.toISOString(),
        // The reason comes with the answer; here only who may act at which level is asked.
        comment: input.action === 'return' ? '…' : undefined,
        // The level the person's screen showed: refused (levelMoved) when the story waits for another.
        level: input.level,
      });
      if (!dry.ok) throw refusalError(dry.refusal);
      await refuseCheckedOut(c, st.storyId, input.action);
      const key = await activeKey(c, who.person.id);
      if (!key) throw noKey(who.person.name);
      const nonce = randomBytes(24).toString('base64url');
      const payload: SignoffPayload = {
        purpose: SIGNOFF_PURPOSE,
        storyId: st.storyId,
        revision: st.revision,
        contentHash: st.contentHash,
        level: dry.event!.level!,
        decision: input.action === 'sign' ? 'approve' : 'return',
        serverTimestamp: at.toISOString(),
        nonce,
      };
      const text = signoffText(payload);
      const expiresAt = new Date(at.getTime() + this.#ttl);
      await c.query(
        `insert into sign_challenges (nonce, session_id, person_id, story_id, key_id, payload, issued_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [nonce, who.sessionId, who.person.id, st.storyId, key.id, text, at, expiresAt],
      );
      return { nonce, payload, text, expiresAt };
    });
  }

  /** Records a signed sign-off (approve) answering a challenge. */
  sign(who: Actor, input: { nonce: string; signature: string }): Promise<ReviewResult> {
    return this.#answer(who, input, 'approve', undefined);
  }

  /**
   * Records a signed return answering a challenge; the reason becomes a comment marked with the
   * level, on the passage `anchor` points to when given.
   */
  returnStory(
    who: Actor,
    input: { nonce: string; signature: string; reason: string; anchor?: AnchorInput },
  ): Promise<ReviewResult> {
    return this.#answer(who, input, 'return', input.reason);
  }

  async #answer(
    who: Actor,
    input: { nonce: string; signature: string; anchor?: AnchorInput },
    decision: SignoffDecision,
    reason: string | undefined,
    retried = false,
  ): Promise<ReviewResult> {
    try {
      return await this.#tx((c) => this.#record(c, who, input, decision, reason));
    } catch (err) {
      const pgErr = err as { code?: string; constraint?: string };
      // The last guard: a standing approval recorded between our read and our insert. With the
      // story row locked this does not happen; if it ever does, judge the attempt again on the
      // state as it is now, which yields the workflow's refusal.
      if (!retried && pgErr.code === '23505' && pgErr.constraint === 'signatures_one_standing')
        return this.#answer(who, input, decision, reason, true);
      throw err;
    }
  }

  async #record(
    c: pg.PoolClient,
    who: Actor,
    input: { nonce: string; signature: string; anchor?: AnchorInput },
    decision: SignoffDecision,
    reason: string | undefined,
  ): Promise<ReviewResult> {
    const at = this.#now();
    const { rows } = await c.query<{
      session_id: string;
      person_id: string;
      story_id: string;
      key_id: string;
      payload: string;
      expires_at: Date;
      used_at: Date | null;
    }>(
      'select session_id, person_id, story_id, key_id, payload, expires_at, used_at from sign_challenges where nonce = $1 for update',
      [input.nonce],
    );
    const ch = rows[0];
    // Another session's challenge is treated as unknown: it says nothing about anyone else.
    if (!ch || Number(ch.session_id) !== who.sessionId || ch.person_id !== who.person.id)
      throw challengeRefused('This sign-off request is not known to the newsroom for your session.');
    if (ch.used_at) throw challengeRefused('This sign-off request was already answered.');
    if (at.getTime() > ch.expires_at.getTime()) throw challengeRefused('This sign-off request has expired.');
    const payload = parseSignoff(ch.payload);
    if (!payload || payload.decision !== decision)
      throw challengeRefused(
        `This sign-off request was made for ${payload?.decision === 'return' ? 'a return' : 'a sign-off'}.`,
      );

    const st = await loadReview(c, payload.storyId, { lock: true });
    const key = await c.query<{ public_key: string; revoked_at: Date | null }>(
      'select public_key, revoked_at from person_keys where id = $1',
      [ch.key_id],
    );
    const keyRow = key.rows[0]!;
    if (keyRow.revoked_at) throw noKey(who.person.name);
    if (!verifyText(keyRow.public_key, ch.payload, input.signature))
      throw new DeskError(
        'invalid-input',
        'review.refused.badSignature',
        { name: who.person.name },
        `The signature does not verify with ${who.person.name}'s registered key for this request; nothing was recorded.`,
      );
    if (st.revision !== payload.revision || st.contentHash !== payload.contentHash)
      throw conflict(st.storyId, payload.revision, st.revision);

    const outcome = transition({
      state: { status: st.status, signatures: st.signatures },
      facts: st.facts,
      actor: who.person,
      action: decision === 'approve' ? 'sign' : 'return',
      rev: st.revision,
      at: at.toISOString(),
      comment: reason,
      level: payload.level,
    });
    if (!outcome.ok) throw refusalError(outcome.refusal);
    await refuseCheckedOut(c, st.storyId, decision === 'approve' ? 'sign' : 'return');
    const event = outcome.event!;
    const anchor = decision === 'return' ? anchorOn('review.act', st.content, input.anchor) : null;

    const cleared = decision === 'return' ? await clearSignatures(c, st.storyId, REVIEW_LEVELS, at) : [];
    const inserted = await c.query<{ id: string }>(
      `insert into signatures (story_id, revision, level, decision, person_id, signed_at, payload, signature, key_id, nonce)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        st.storyId,
        st.revision,
        payload.level,
        decision,
        who.person.id,
        at,
        ch.payload,
        input.signature,
        ch.key_id,
        input.nonce,
      ],
    );
    const signatureId = Number(inserted.rows[0]!.id);
    if (decision === 'return')
      await c.query(
        `insert into comments (story_id, revision, person_id, body, created_at, returned_at, anchor)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          st.storyId,
          st.revision,
          who.person.id,
          reason!.trim(),
          at,
          payload.level,
          anchor ? JSON.stringify(anchor) : null,
        ],
      );
    await c.query('update stories set status = $2 where id = $1', [st.storyId, outcome.state.status]);
    await c.query('update sign_challenges set used_at = $2 where nonce = $1', [input.nonce, at]);
    const entry = await appendAudit(c, {
      actorId: who.person.id,
      action: decision === 'approve' ? 'sign' : 'return',
      storyId: st.storyId,
      detail: {
        signatureId,
        keyId: Number(ch.key_id),
        level: payload.level,
        revision: st.revision,
        contentHash: st.contentHash,
        from: event.from,
        to: event.to,
        payload: ch.payload,
        signature: input.signature,
        ...(decision === 'return' ? { reason: reason!.trim(), cleared } : {}),
      },
    });
    await announce(c, st, outcome.state.status, at, entry.seq);
    const signatures =
      decision === 'approve'
        ? outcome.state.signatures.map((s) =>
            s.level === payload.level ? { ...s, at: at.toISOString() } : s,
          )
        : outcome.state.signatures;
    return {
      storyId: st.storyId,
      revision: st.revision,
      status: outcome.state.status,
      signatures,
      event,
      auditSeq: entry.seq,
    };
  }
}

/**
 * Queues the push of a review action in its transaction (delivered at commit): the story's new
 * status for the lists and queues, and a 'review' event for the views of its signatures and comments.
 */
async function announce(
  c: pg.ClientBase,
  st: LoadedReview,
  status: StoryStatus,
  at: Date,
  seq: number,
): Promise<void> {
  const audience = { ownerId: st.ownerId, status };
  const when = at.toISOString();
  await notifyEvent(
    c,
    { type: 'story', storyId: st.storyId, revision: st.revision, status, at: when },
    audience,
    seq,
  );
  await notifyEvent(c, { type: 'review', storyId: st.storyId, at: when }, audience, seq);
}

function noKey(name: string): DeskError {
  return new DeskError(
    'invalid-input',
    'review.refused.noKey',
    { name },
    `${name} has no signing key registered with the newsroom on this computer's account (or it was revoked); set up signing in 设置 → 连接编辑部 first. Nothing was signed.`,
  );
}
