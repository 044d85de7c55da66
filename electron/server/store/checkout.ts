/**
 * Check-out on the newsroom server (issue 18, ADR 013): a story taken away to a desk is a lock of
 * kind 'checkout' bound to the person and the desk they name, not to a session, and it does not
 * lapse; it ends with the story's check-in or an editor's take-over (with a reason).
 *
 * A check-in is the desk's outbox, applied in order, each operation in its own transaction together
 * with its row in `checkin_ops` (the operation's id and the answer it got), so a check-in cut off at
 * any point and sent again applies every operation exactly once and answers each repeat as before.
 * The server alone assigns revisions: a change made on the revision the story left at (or on
 * revisions this same desk's check-ins wrote since) becomes one new revision, through the same
 * path as every save (NewsroomStories.appendRevision). A change made on a revision someone else
 * has replaced since, or sent while someone else holds the story, or refused by the workflow, is
 * never written over anyone and never dropped: it is kept whole in `story_conflicts` as a parallel
 * version, the story is in conflict, and both people get an audit entry and the event. Someone
 * then picks one version or a combination, which becomes a new revision (checkout.resolve).
 */
import type pg from 'pg';

import {
  type CheckInOp,
  type CheckInReport,
  type CheckInResult,
  type CheckoutItem,
  type CheckoutList,
  type CheckoutTaken,
  type ConflictReason,
  type ConflictSummary,
  type ConflictView,
} from '../../../shared/api/checkout-contract';
import { DeskError } from '../../../shared/api';
import { newStory, type Story, type StoryContent } from '../../../shared/model';
import type { LockView } from '../../../shared/review/review-contract';
import { diffRevisions } from '../../../shared/review/revision-diff';
import { hasRole, isEditor, type UserProfile } from '../../../shared/review/roles';
import { refusalError } from '../../../shared/review/workflow';
import { newStoryId } from '../../desk/ids';
import { appendAudit } from './audit-chain';
import {
  canSee,
  contentHash,
  lockedError,
  notFound,
  notifyEvent,
  type Actor,
  type LockRow,
  type NewsroomStories,
  type StoryHead,
} from './stories';
import { inTransaction } from './transaction';

export type CheckoutOptions = { now?: () => Date };

export type CheckInInput = { desk: string; ops: CheckInOp[]; release?: string[]; keep?: string[] };
export type ResolveInput = {
  id: string;
  conflictId?: number;
  baseRev: number;
  choose: 'current' | 'parallel' | { content: StoryContent };
};

// pg_advisory_xact_lock namespace of check-in operations: a repeat sent while the first is still
// being applied waits for it, then finds its row.
const OP_LOCK = 0x6f70; // "op"

type ConflictRow = {
  id: string;
  story_id: string;
  base_revision: number;
  current_revision: number;
  content: StoryContent;
  written_by: string;
  writer_name: string;
  desk: string;
  written_at: Date;
  arrived_at: Date;
  reason: ConflictReason;
  resolved_at: Date | null;
  resolved_by_name: string | null;
  resolution: 'current' | 'parallel' | 'combined' | null;
  resolved_revision: number | null;
  headline: string | null;
  owner_id: string;
  status: string;
};

const CONFLICT_SELECT = `
  select k.id, k.story_id, k.base_revision, k.current_revision, k.content, k.written_by, w.name as writer_name,
         k.desk, k.written_at, k.arrived_at, k.reason, k.resolved_at, rb.name as resolved_by_name,
         k.resolution, k.resolved_revision, s.owner_id, s.status, coalesce(s.summary->>'headline', r.content->>'headline') as headline
    from story_conflicts k
    join people w on w.id = k.written_by
    left join people rb on rb.id = k.resolved_by
    join stories s on s.id = k.story_id
    join story_revisions r on r.story_id = s.id and r.revision = s.revision`;

function summaryOf(r: ConflictRow): ConflictSummary {
  return {
    conflictId: Number(r.id),
    storyId: r.story_id,
    headline: r.headline ?? '',
    writtenBy: { userId: r.written_by, name: r.writer_name },
    desk: r.desk,
    baseRev: r.base_revision,
    currentRev: r.current_revision,
    arrivedAt: r.arrived_at.toISOString(),
    reason: r.reason,
  };
}

function notWriter(person: UserProfile): DeskError {
  return new DeskError(
    'invalid-input',
    'error.notWriter',
    { name: person.name },
    `${person.name} did not write this story and is not an editor, so cannot change it. Nothing was saved.`,
  );
}

/** Whether the lock lets `actor` on `desk` write: none, their own check-out there, or their session's edit lock. */
function holds(lock: LockRow | null, actor: Actor, desk: string | null): boolean {
  if (!lock) return true;
  if (lock.kind === 'checkout') return lock.person_id === actor.person.id && lock.desk === desk;
  return Number(lock.session_id) === actor.sessionId;
}

export class NewsroomCheckout {
  readonly #pool: pg.Pool;
  readonly #stories: NewsroomStories;
  readonly #now: () => Date;

  constructor(pool: pg.Pool, stories: NewsroomStories, options: CheckoutOptions = {}) {
    this.#pool = pool;
    this.#stories = stories;
    this.#now = options.now ?? (() => new Date());
  }

  #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, fn);
  }

  /** The story row locked for the change, or not found for a person who may not read it. */
  async #head(c: pg.ClientBase, actor: Actor, id: string): Promise<StoryHead> {
    const { rows } = await c.query<StoryHead>(
      'select owner_id, status, revision from stories where id = $1 for update',
      [id],
    );
    const head = rows[0];
    if (!head || !canSee(actor.person, head.owner_id, head.status)) throw notFound(id);
    return head;
  }

  #mayWrite(actor: Actor, head: StoryHead): void {
    if (head.owner_id !== actor.person.id && !isEditor(actor.person)) throw notWriter(actor.person);
  }

  /**
   * Takes the stories away to `desk`, all or none (their rows locked in id order before anything
   * is written, so two desks taking overlapping sets, or a save meanwhile, never deadlock). A story already checked out to this person on this desk is taken again
   * at its current revision; this session's own edit lock becomes the check-out.
   */
  async take(actor: Actor, ids: string[], desk: string): Promise<CheckoutTaken> {
    const { person } = actor;
    const sorted = [...new Set(ids)].sort();
    const at = this.#now();
    const locks = await this.#tx(async (c) => {
      const out = new Map<string, LockRow>();
      // Every story row first: an audit entry (its advisory lock) is never held while waiting for a row.
      const heads = new Map<string, StoryHead>();
      for (const id of sorted) {
        const head = await this.#head(c, actor, id);
        this.#mayWrite(actor, head);
        heads.set(id, head);
      }
      for (const id of sorted) {
        const head = heads.get(id)!;
        const lock = await this.#stories.liveLock(c, id, at);
        if (!holds(lock, actor, desk)) throw lockedError(id, lock!);
        const again = lock?.kind === 'checkout';
        await c.query('delete from locks where story_id = $1', [id]);
        await c.query(
          `insert into locks (story_id, session_id, person_id, kind, desk, acquired_at, heartbeat_at, base_revision)
           values ($1, $2, $3, 'checkout', $4, $5, $5, $6)`,
          [id, actor.sessionId, person.id, desk, again ? lock!.acquired_at : at, head.revision],
        );
        out.set(id, {
          session_id: String(actor.sessionId),
          person_id: person.id,
          name: person.name,
          kind: 'checkout',
          desk,
          base_revision: head.revision,
          acquired_at: again ? lock!.acquired_at : at,
          heartbeat_at: at,
          ended_at: null,
          expires_at: at,
        });
        if (again && lock!.base_revision === head.revision) continue;
        const { seq } = await appendAudit(c, {
          actorId: person.id,
          action: 'checkout-taken',
          storyId: id,
          detail: { desk, revision: head.revision, session: actor.sessionId },
        });
        await notifyEvent(
          c,
          {
            type: 'lock',
            storyId: id,
            holder: { userId: person.id, name: person.name, desk },
            at: at.toISOString(),
          },
          { ownerId: head.owner_id, status: head.status },
          seq,
        );
      }
      return out;
    });
    const items: CheckoutTaken['items'] = [];
    for (const id of ids.filter((v, i) => ids.indexOf(v) === i)) {
      const story = await this.#stories.get(actor, id);
      items.push({ story, lock: this.#stories.lockView(id, locks.get(id)!, actor, at) });
    }
    return { items };
  }

  /** Applies the outbox in order (see the file's comment); stops at the first operation refused. */
  async checkIn(actor: Actor, input: CheckInInput): Promise<CheckInReport> {
    const results: CheckInResult[] = [];
    const renamed = new Map<string, string>();
    let repeated = 0;
    let refused: CheckInReport['refused'] = null;
    for (const op of input.ops) {
      try {
        const { result, repeat } = await this.#apply(actor, input.desk, op, renamed);
        if ('newDraft' in op && result.storyId !== op.newDraft.id)
          renamed.set(op.newDraft.id, result.storyId);
        results.push(result);
        if (repeat) repeated++;
      } catch (err) {
        if (!(err instanceof DeskError)) throw err;
        refused = { opId: op.opId, key: err.key, params: err.params, detail: err.message };
        break;
      }
    }
    const keep = new Set(input.keep ?? []);
    const ending = new Set<string>();
    for (const r of results) ending.add(r.storyId);
    for (const id of input.release ?? []) ending.add(renamed.get(id) ?? id);
    const released: string[] = [];
    for (const id of [...ending].sort()) {
      if (keep.has(id)) continue;
      if (await this.#return(actor, input.desk, id)) released.push(id);
    }
    return { results, repeated, refused, released };
  }

  async #apply(
    actor: Actor,
    desk: string,
    op: CheckInOp,
    renamed: Map<string, string>,
  ): Promise<{ result: CheckInResult; repeat: boolean }> {
    const { person } = actor;
    return this.#tx(async (c) => {
      await c.query('select pg_advisory_xact_lock($1, hashtext($2))', [OP_LOCK, op.opId]);
      const { rows: done } = await c.query<{ person_id: string; result: CheckInResult }>(
        'select person_id, result from checkin_ops where op_id = $1',
        [op.opId],
      );
      if (done[0]) {
        if (done[0].person_id !== person.id)
          throw new DeskError(
            'invalid-input',
            'error.checkInOpTaken',
            { opId: op.opId },
            `Operation ${op.opId} was sent by someone else; nothing was changed. The desk gives each operation a new id.`,
          );
        return { result: done[0].result, repeat: true };
      }
      const at = this.#now();
      const trail = { opId: op.opId, desk, ...(op.photos ? { photos: op.photos } : {}) };
      let result: CheckInResult;
      if ('newDraft' in op) {
        if (!hasRole(person, 'reporter') && !isEditor(person))
          throw new DeskError(
            'invalid-input',
            'error.createRole',
            { name: person.name },
            `${person.name} has neither the reporter nor an editor role, so cannot write stories. Nothing was created.`,
          );
        const { rows: taken } = await c.query('select 1 from stories where id = $1', [op.newDraft.id]);
        const id = taken.length ? newStoryId() : op.newDraft.id;
        const story: Story = {
          ...newStory(id, at.toISOString(), person.name, op.content),
          createdBy: person.id,
        };
        await this.#stories.insertDraft(c, person, story, at, trail);
        result = { opId: op.opId, outcome: 'created', storyId: id, revision: 1, conflictId: null };
      } else {
        const id = renamed.get(op.storyId) ?? op.storyId;
        const head = await this.#head(c, actor, id);
        this.#mayWrite(actor, head);
        const lock = await this.#stories.liveLock(c, id, at);
        // Someone saved since its base (after a take-over), or holds the story now: kept aside.
        let reason: ConflictReason | null = !(await this.#onOwnBase(
          c,
          id,
          op.baseRev,
          head.revision,
          person.id,
          desk,
        ))
          ? 'stale'
          : holds(lock, actor, desk)
            ? null
            : 'locked';
        let revision = head.revision;
        if (reason === null) {
          try {
            const saved = await this.#stories.appendRevision(c, person, id, head, op.content, at, trail);
            revision = saved.rev;
          } catch (err) {
            // The workflow refused the edit (nothing was written yet): kept as a parallel version.
            if (!(err instanceof DeskError)) throw err;
            reason = 'refused';
          }
        }
        const conflictId =
          reason === null ? null : await this.#parallel(c, actor, desk, id, head, lock, op, reason, at);
        result = {
          opId: op.opId,
          outcome: reason === null ? 'applied' : 'parallel',
          storyId: id,
          revision,
          conflictId,
        };
      }
      await c.query(
        `insert into checkin_ops (op_id, person_id, desk, story_id, result, applied_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [op.opId, person.id, desk, result.storyId, JSON.stringify(result), at],
      );
      return { result, repeat: false };
    });
  }

  /**
   * True when the change can go on top of the current revision: it was made on it, or every
   * revision since its base was written by this person's check-ins from this desk (an outbox that
   * holds two changes of one story made offline on the same base).
   */
  async #onOwnBase(
    c: pg.ClientBase,
    id: string,
    baseRev: number,
    current: number,
    personId: string,
    desk: string,
  ): Promise<boolean> {
    if (baseRev === current) return true;
    if (baseRev > current) return false;
    const { rows } = await c.query<{ others: number }>(
      `select count(*)::int as others from story_revisions r
        where r.story_id = $1 and r.revision > $2
          and not exists (
            select 1 from checkin_ops o
             where o.story_id = r.story_id and o.person_id = $3 and o.desk = $4
               and o.result->>'outcome' = 'applied' and (o.result->>'revision')::int = r.revision)`,
      [id, baseRev, personId, desk],
    );
    return rows[0]!.others === 0;
  }

  /** Keeps the change as a parallel version; audit entries for its writer and for the other person. */
  async #parallel(
    c: pg.ClientBase,
    actor: Actor,
    desk: string,
    id: string,
    head: StoryHead,
    lock: LockRow | null,
    op: CheckInOp,
    reason: ConflictReason,
    at: Date,
  ): Promise<number> {
    const { person } = actor;
    const hash = contentHash(op.content);
    const { rows } = await c.query<{ id: string }>(
      `insert into story_conflicts (story_id, base_revision, current_revision, content, content_hash,
                                    written_by, desk, written_at, arrived_at, reason)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [
        id,
        'baseRev' in op ? op.baseRev : 1,
        head.revision,
        JSON.stringify(op.content),
        hash,
        person.id,
        desk,
        new Date(op.at),
        at,
        reason,
      ],
    );
    const conflictId = Number(rows[0]!.id);
    const { rows: by } = await c.query<{ saved_by: string }>(
      'select saved_by from story_revisions where story_id = $1 and revision = $2',
      [id, head.revision],
    );
    const other = lock && lock.person_id !== person.id ? lock.person_id : (by[0]?.saved_by ?? null);
    let { seq } = await appendAudit(c, {
      actorId: person.id,
      action: 'checkin-parallel',
      storyId: id,
      detail: {
        conflict: conflictId,
        baseRevision: 'baseRev' in op ? op.baseRev : 1,
        currentRevision: head.revision,
        contentHash: hash,
        reason,
        opId: op.opId,
        desk,
        ...(op.photos ? { photos: op.photos } : {}),
      },
    });
    if (other && other !== person.id)
      ({ seq } = await appendAudit(c, {
        actorId: null,
        action: 'conflict-notice',
        storyId: id,
        detail: { conflict: conflictId, person: other, from: person.id },
      }));
    await notifyEvent(
      c,
      { type: 'review', storyId: id, at: at.toISOString() },
      { ownerId: head.owner_id, status: head.status },
      seq,
    );
    return conflictId;
  }

  /** Ends this person's check-out of the story on this desk, if it is still theirs. */
  async #return(actor: Actor, desk: string, id: string): Promise<boolean> {
    return this.#tx(async (c) => {
      const { rows: st } = await c.query<StoryHead>(
        'select owner_id, status, revision from stories where id = $1 for update',
        [id],
      );
      const head = st[0];
      if (!head) return false;
      const { rowCount } = await c.query(
        `delete from locks where story_id = $1 and kind = 'checkout' and person_id = $2 and desk = $3`,
        [id, actor.person.id, desk],
      );
      if (!rowCount) return false;
      const at = this.#now();
      const { seq } = await appendAudit(c, {
        actorId: actor.person.id,
        action: 'checkout-returned',
        storyId: id,
        detail: { desk, revision: head.revision },
      });
      await notifyEvent(
        c,
        { type: 'lock', storyId: id, holder: null, at: at.toISOString() },
        { ownerId: head.owner_id, status: head.status },
        seq,
      );
      return true;
    });
  }

  /**
   * An editor ends a check-out and holds the story (an edit lock of their session). Recorded as a
   * lock take-over naming the desk and the reason, so the story's trail shows it.
   */
  async takeOver(actor: Actor, id: string, reason: string): Promise<LockView> {
    const { person } = actor;
    if (!isEditor(person))
      throw refusalError({
        key: 'review.refused.takeOverRole',
        params: { name: person.name },
        message: `${person.name} is not an editor; only an editor may take over someone's lock. Ask them to close the story.`,
      });
    return this.#tx(async (c) => {
      const at = this.#now();
      const head = await this.#head(c, actor, id);
      const previous = await this.#stories.liveLock(c, id, at);
      if (previous?.kind !== 'checkout')
        throw new DeskError(
          'invalid-input',
          'error.notCheckedOut',
          { id },
          `Story ${id} is not checked out, so there is no check-out to take over; nothing was changed.`,
        );
      await c.query('delete from locks where story_id = $1', [id]);
      await c.query(
        `insert into locks (story_id, session_id, person_id, kind, acquired_at, heartbeat_at, base_revision)
         values ($1, $2, $3, 'edit', $4, $4, $5)`,
        [id, actor.sessionId, person.id, at, head.revision],
      );
      const { seq } = await appendAudit(c, {
        actorId: person.id,
        action: 'lock-takeover',
        storyId: id,
        detail: {
          session: actor.sessionId,
          from: previous.person_id,
          fromName: previous.name,
          fromSession: Number(previous.session_id),
          checkout: true,
          desk: previous.desk ?? '',
          baseRevision: previous.base_revision,
          reason,
        },
      });
      await notifyEvent(
        c,
        { type: 'lock', storyId: id, holder: { userId: person.id, name: person.name }, at: at.toISOString() },
        { ownerId: head.owner_id, status: head.status },
        seq,
      );
      const mine: LockRow = {
        session_id: String(actor.sessionId),
        person_id: person.id,
        name: person.name,
        kind: 'edit',
        desk: null,
        base_revision: head.revision,
        acquired_at: at,
        heartbeat_at: at,
        ended_at: null,
        expires_at: at,
      };
      return this.#stories.lockView(id, mine, actor, at);
    });
  }

  /** The named conflict, or the story's oldest open one; `lock` takes its row for the change. */
  async #conflictRow(c: pg.ClientBase, id: string, conflictId: number | undefined, lock: boolean) {
    const { rows } = await c.query<ConflictRow>(
      `${CONFLICT_SELECT} where k.story_id = $1 and ${conflictId ? 'k.id = $2' : 'k.resolved_at is null'}
        order by k.id limit 1 ${lock ? 'for update of k' : ''}`,
      conflictId ? [id, conflictId] : [id],
    );
    const row = rows[0];
    if (!row)
      throw new DeskError(
        'not-found',
        'error.noConflict',
        { id },
        conflictId
          ? `Story ${id} has no conflict ${conflictId}.`
          : `Story ${id} is not in conflict; nothing was changed.`,
      );
    return row;
  }

  /** Picks a version (or a combination): a new revision and an audit entry; the conflict ends. */
  async resolve(actor: Actor, input: ResolveInput): Promise<Story> {
    const { person } = actor;
    const { id, baseRev, choose } = input;
    return this.#tx(async (c) => {
      const at = this.#now();
      const head = await this.#head(c, actor, id);
      this.#mayWrite(actor, head);
      const conflict = await this.#conflictRow(c, id, input.conflictId, true);
      if (conflict.resolved_at)
        throw new DeskError(
          'conflict',
          'error.conflictResolved',
          { id, conflict: Number(conflict.id), name: conflict.resolved_by_name ?? '' },
          `That conflict of story ${id} was already resolved by ${conflict.resolved_by_name ?? ''}; nothing was changed.`,
        );
      const lock = await this.#stories.liveLock(c, id, at);
      if (!holds(lock, actor, null)) throw lockedError(id, lock!);
      if (baseRev !== head.revision)
        throw new DeskError(
          'conflict',
          'error.conflict',
          { id, baseRev, rev: head.revision, updatedBy: '' },
          `Story ${id} changed since revision ${baseRev} (now ${head.revision}). ` +
            'Nothing was resolved: read both versions again and pick.',
        );
      let content: StoryContent;
      let choice: 'current' | 'parallel' | 'combined';
      if (choose === 'current') {
        const { rows } = await c.query<{ content: StoryContent }>(
          'select content from story_revisions where story_id = $1 and revision = $2',
          [id, head.revision],
        );
        content = rows[0]!.content;
        choice = 'current';
      } else if (choose === 'parallel') {
        content = conflict.content;
        choice = 'parallel';
      } else {
        content = choose.content;
        choice = 'combined';
      }
      const story = await this.#stories.appendRevision(c, person, id, head, content, at, {
        conflict: Number(conflict.id),
        resolution: choice,
      });
      await c.query(
        `update story_conflicts set resolved_at = $2, resolved_by = $3, resolution = $4, resolved_revision = $5
          where id = $1`,
        [conflict.id, at, person.id, choice, story.rev],
      );
      const { seq } = await appendAudit(c, {
        actorId: person.id,
        action: 'conflict-resolved',
        storyId: id,
        detail: {
          conflict: Number(conflict.id),
          choice,
          revision: story.rev,
          writtenBy: conflict.written_by,
          contentHash: contentHash(content),
        },
      });
      await notifyEvent(
        c,
        { type: 'review', storyId: id, at: at.toISOString() },
        { ownerId: head.owner_id, status: story.status },
        seq,
      );
      return story;
    });
  }

  /** Both versions and the character diff from the current one to the parallel one. */
  async conflict(actor: Actor, id: string, conflictId?: number): Promise<ConflictView> {
    await this.#stories.get(actor, id);
    const c = await this.#pool.connect();
    try {
      const row = await this.#conflictRow(c, id, conflictId, false);
      // An open conflict is read against the story as it stands; a resolved one against what it arrived over.
      const { rows } = await c.query<{
        revision: number;
        content: StoryContent;
        name: string;
        saved_at: Date;
      }>(
        `select r.revision, r.content, p.name, r.saved_at from story_revisions r join people p on p.id = r.saved_by
          where r.story_id = $1 and r.revision = ${row.resolved_at ? '$2' : '(select revision from stories where id = $1)'}`,
        row.resolved_at ? [id, row.current_revision] : [id],
      );
      const current = rows[0]!;
      return {
        ...summaryOf(row),
        current: {
          rev: current.revision,
          content: current.content,
          savedBy: current.name,
          savedAt: current.saved_at.toISOString(),
        },
        parallel: { content: row.content, writtenAt: row.written_at.toISOString() },
        diff: diffRevisions(current.content, row.content),
        resolution:
          row.resolved_at && row.resolution
            ? {
                choice: row.resolution,
                by: row.resolved_by_name ?? '',
                at: row.resolved_at.toISOString(),
                revision: row.resolved_revision ?? 0,
              }
            : null,
      };
    } finally {
      c.release();
    }
  }

  /** What is checked out (to the person; for editors to everyone) and the open conflicts they may see. */
  async list(actor: Actor, desk?: string): Promise<CheckoutList> {
    const { person } = actor;
    const { rows } = await this.#pool.query<{
      story_id: string;
      person_id: string;
      name: string;
      desk: string;
      acquired_at: Date;
      base_revision: number;
      revision: number;
      owner_id: string;
      status: string;
      headline: string | null;
    }>(
      `select l.story_id, l.person_id, p.name, l.desk, l.acquired_at, l.base_revision, s.revision, s.owner_id,
              s.status, coalesce(s.summary->>'headline', r.content->>'headline') as headline
         from locks l join people p on p.id = l.person_id join stories s on s.id = l.story_id
         join story_revisions r on r.story_id = s.id and r.revision = s.revision
        where l.kind = 'checkout' and (l.person_id = $1 or $2)
        order by l.acquired_at, l.story_id`,
      [person.id, isEditor(person)],
    );
    const items: CheckoutItem[] = rows
      .filter((r) => canSee(person, r.owner_id, r.status))
      .map((r) => ({
        storyId: r.story_id,
        headline: r.headline ?? '',
        holder: { userId: r.person_id, name: r.name },
        desk: r.desk,
        since: r.acquired_at.toISOString(),
        baseRev: r.base_revision,
        revision: r.revision,
        mine: r.person_id === person.id && (desk === undefined || r.desk === desk),
      }));
    const { rows: open } = await this.#pool.query<ConflictRow>(
      `${CONFLICT_SELECT} where k.resolved_at is null order by k.id`,
    );
    const conflicts = open.filter((r) => canSee(person, r.owner_id, r.status)).map(summaryOf);
    return { items, conflicts };
  }
}
