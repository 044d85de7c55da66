/**
 * The newsroom's stories and edit locks in PostgreSQL (issue 17): list, read, create and save,
 * each authorised by the signed-in person's roles; one writer per story through the locks table.
 * Every change appends its audit entry and queues its push event (NOTIFY, delivered at commit) in
 * the same transaction, so a change, its record and its announcement stand or fall together.
 *
 * Who sees what: a draft belongs to its writer until it is submitted (the usual newsroom rule);
 * a story past the draft stage is seen by its writer and by everyone holding a desk role other
 * than reporter (editors, proofreaders, admins). A story a person may not see is "not found" to
 * them, so its existence is not disclosed either.
 */

import type pg from 'pg';

import { DeskError } from '../../../shared/api';
import type { DeskEvent } from '../../../shared/api/events';
import {
  PAGE_NAME,
  StoryContentSchema,
  contentOf,
  newStory,
  queryStories,
  summarize,
  type Story,
  type StoryContent,
  type StoryQuery,
  type StoryStatus,
  type StorySummary,
} from '../../../shared/model';
import type { LockView } from '../../../shared/review/review-contract';
import { hasRole, isEditor, type UserProfile } from '../../../shared/review/roles';
import { REVIEW_LEVELS, SubmissionSchema, type Signature } from '../../../shared/review/schemas';
import type { PageContext } from '../../../shared/api/types';
import { factsOf, transition } from '../../../shared/review/workflow';
import { newStoryId } from '../../desk/ids';
import { LOCK_TTL_MS } from '../../desk/review/locks';
import { refusalError } from '../../desk/review/review-service';
import { appendAudit } from './audit-chain';
import type { JsonValue } from './canonical-json';
import { readComments, reanchorStored } from './comments';
import { contentHash } from '../keys/signoff';
import { inTransaction } from './transaction';

/** The signed-in person behind a request: from the session only, never from the request body. */
export type Actor = { sessionId: number; person: UserProfile };

/** The NOTIFY channel every server process listens on. */
export const EVENTS_CHANNEL = 'desk_events';

/** Who may receive an event: the same rule as who may read the story. */
export type Audience = { ownerId: string; status: string };
/** The owner of an event every signed-in person receives (the archive's: no person id is '*'). */
export const EVERYONE = '*';
/**
 * An event as the server pushes it: the DeskEvent plus `seq`, the audit entry of the change it
 * announces, so a desk that reconnects asks for what came after the last seq it saw.
 */
export type PushedEvent = DeskEvent & { seq: number };
export type Notification = { event: PushedEvent; audience: Audience };

/** True when `person` may read a story written by `ownerId` that stands at `status`. */
export function canSee(person: UserProfile, ownerId: string, status: string): boolean {
  if (person.id === ownerId || ownerId === EVERYONE) return true;
  if (status === 'draft') return false;
  return person.roles.some((r) => r !== 'reporter');
}

/** What signatures and the audit name a revision's content by: one definition, beside the sign-off payload. */
export { contentHash };

/**
 * Queues a push event of the change recorded as audit entry `seq`; PostgreSQL delivers it to every
 * listening server when the transaction commits. It is also kept (push_events), in the same
 * transaction, for the desks that reconnect after missing it (events.ts replays it).
 */
export async function notifyEvent(
  c: pg.ClientBase,
  event: DeskEvent,
  audience: Audience,
  seq: number,
): Promise<void> {
  const payload: Notification = { event: { ...event, seq }, audience };
  await c.query('insert into push_events (seq, owner_id, status, event) values ($1, $2, $3, $4)', [
    seq,
    audience.ownerId,
    audience.status,
    JSON.stringify(payload.event),
  ]);
  await c.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(payload)]);
}

type StoryRow = {
  id: string;
  owner_id: string;
  revision: number;
  status: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  content: StoryContent;
  saved_by_name: string;
  submission: unknown;
};

/** One kept revision as history.list needs it. */
export type RevisionRow = {
  revision: number;
  saved_at: Date;
  saved_by_name: string;
  body: unknown;
  signed: boolean;
};

const STORY_SELECT = `
  select s.id, s.owner_id, s.revision, s.status, s.created_at, s.updated_at, s.deleted_at,
         r.content, p.name as saved_by_name, s.submission
    from stories s
    join story_revisions r on r.story_id = s.id and r.revision = s.revision
    join people p on p.id = r.saved_by`;

function toStory(r: StoryRow): Story {
  return {
    ...r.content,
    schema: 1,
    id: r.id,
    rev: r.revision,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.saved_by_name,
    status: r.status as StoryStatus,
    deletedAt: r.deleted_at?.toISOString() ?? null,
    history: [],
    createdBy: r.owner_id,
  };
}

/** The list fields that come from the content; the rest of a list row comes from the story's row. */
export type ListFields = Omit<
  StorySummary,
  'id' | 'rev' | 'status' | 'updatedAt' | 'updatedBy' | 'deletedAt'
>;

export function listFields(story: Story): ListFields {
  const {
    id: _i,
    rev: _r,
    status: _s,
    updatedAt: _u,
    updatedBy: _b,
    deletedAt: _d,
    ...fields
  } = summarize(story);
  return fields;
}

type ListRow = Omit<StoryRow, 'content' | 'submission'> & { summary: ListFields | null };

function toSummary(r: ListRow, fields: ListFields): StorySummary {
  return {
    ...fields,
    id: r.id,
    rev: r.revision,
    status: r.status as StoryStatus,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.saved_by_name,
    deletedAt: r.deleted_at?.toISOString() ?? null,
  };
}

/** A save refused because another session holds the story's lock (a check-out says where it went). */
export function lockedError(id: string, lock: LockRow): DeskError {
  if (lock.kind === 'checkout') return checkedOutError(id, lock);
  return new DeskError(
    'locked',
    'error.lockedBy',
    { id, name: lock.name },
    `${lock.name} is editing story ${id} (it is locked to them). Your text was not saved; ` +
      'copy it somewhere safe, or ask an editor to take over the lock.',
  );
}

/** The story is checked out to a desk: only its check-in, or an editor's take-over with a reason, ends that. */
export function checkedOutError(id: string, lock: LockRow): DeskError {
  const desk = lock.desk ?? '';
  const since = lock.acquired_at.toISOString();
  return new DeskError(
    'locked',
    'error.checkedOutBy',
    { id, name: lock.name, desk, since },
    `Story ${id} is checked out to ${lock.name} on desk ${desk} since ${since}. Nothing was changed; ` +
      'wait for the check-in, or an editor takes it over with a reason.',
  );
}

export function notFound(id: string): DeskError {
  return new DeskError(
    'not-found',
    'error.storyNotFound',
    { id },
    `No story with id ${id} in this newsroom.`,
  );
}

/**
 * A story's lock with its session. `kind` 'checkout' (issue 18, store/checkout.ts) is a story taken
 * away to a desk: it names that desk, keeps the revision it left at and never lapses.
 */
export type LockRow = {
  session_id: string;
  person_id: string;
  name: string;
  kind: 'edit' | 'checkout';
  desk: string | null;
  base_revision: number;
  acquired_at: Date;
  heartbeat_at: Date;
  ended_at: Date | null;
  expires_at: Date;
};

/** The story row a change works on (read `for update`). */
export type StoryHead = { owner_id: string; status: string; revision: number };

export type StoryStoreOptions = { now?: () => Date; lockTtlMs?: number };

export class NewsroomStories {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  readonly #ttl: number;

  constructor(pool: pg.Pool, options: StoryStoreOptions = {}) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.#ttl = options.lockTtlMs ?? LOCK_TTL_MS;
  }

  #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.#pool, fn);
  }

  async list(actor: Actor, query: StoryQuery): Promise<{ total: number; items: StorySummary[] }> {
    const reads = actor.person.roles.some((r) => r !== 'reporter');
    const { rows } = await this.#pool.query<ListRow>(
      `select s.id, s.owner_id, s.revision, s.status, s.created_at, s.updated_at, s.deleted_at, s.summary,
              p.name as saved_by_name
         from stories s
         join story_revisions r on r.story_id = s.id and r.revision = s.revision
         join people p on p.id = r.saved_by
        where s.owner_id = $1 or (s.status <> 'draft' and $2)`,
      [actor.person.id, reads],
    );
    const missing = rows.filter((r) => r.summary === null).map((r) => r.id);
    const filled = new Map<string, ListFields>();
    if (missing.length > 0) {
      // Stories saved before schema version 2: their list row is made once and kept.
      const { rows: full } = await this.#pool.query<StoryRow>(`${STORY_SELECT} where s.id = any($1)`, [
        missing,
      ]);
      for (const r of full) filled.set(r.id, listFields(toStory(r)));
      const revisions = new Map(full.map((r) => [r.id, r.revision]));
      const ids = [...filled.keys()];
      await this.#pool.query(
        `update stories s set summary = v.summary
           from unnest($1::text[], $2::jsonb[], $3::int[]) as v(id, summary, revision)
          where s.id = v.id and s.revision = v.revision and s.summary is null`,
        [ids, ids.map((id) => JSON.stringify(filled.get(id))), ids.map((id) => revisions.get(id))],
      );
    }
    const all = rows.flatMap((r) => {
      const fields = r.summary ?? filled.get(r.id);
      return fields ? [toSummary(r, fields)] : [];
    });
    const items = queryStories(all, query);
    return { total: items.length, items };
  }

  /** The story as the desk shows it: its current revision, standing signatures, comments and last submission. */
  async get(actor: Actor, id: string): Promise<Story> {
    const { rows } = await this.#pool.query<StoryRow>(`${STORY_SELECT} where s.id = $1`, [id]);
    const row = rows[0];
    if (!row || !canSee(actor.person, row.owner_id, row.status)) throw notFound(id);
    return this.#withReview(this.#pool, row);
  }

  async #withReview(c: pg.ClientBase | pg.Pool, row: StoryRow): Promise<Story> {
    // Every approval given (for signedRev); the standing ones are those not cleared.
    const { rows: approvals } = await c.query<{
      level: Signature['level'];
      person_id: string;
      name: string;
      revision: number;
      signed_at: Date;
      standing: boolean;
    }>(
      `select g.level, g.person_id, p.name, g.revision, g.signed_at, g.cleared_at is null as standing
         from signatures g join people p on p.id = g.person_id
        where g.story_id = $1 and g.decision = 'approve'`,
      [row.id],
    );
    const sigs = approvals.filter((g) => g.standing);
    const signedRev = approvals.length > 0 ? Math.max(...approvals.map((g) => g.revision)) : null;
    const comments = await readComments(c, row.id);
    const signatures = sigs
      .map((g) => ({
        level: g.level,
        userId: g.person_id,
        name: g.name,
        rev: g.revision,
        at: g.signed_at.toISOString(),
      }))
      .sort((a, b) => REVIEW_LEVELS.indexOf(a.level) - REVIEW_LEVELS.indexOf(b.level));
    const submission = row.submission ? SubmissionSchema.safeParse(row.submission) : null;
    return {
      ...toStory(row),
      signatures,
      comments,
      ...(signedRev !== null ? { signedRev } : {}),
      ...(submission?.success ? { submission: submission.data } : {}),
    };
  }

  /** The other live stories of the story's page that the person may read, for the live checks. */
  async pageContext(actor: Actor, id: string): Promise<PageContext> {
    const story = await this.get(actor, id);
    if (!story.page) return { page: null, stories: [], user: actor.person.name };
    const { rows } = await this.#pool.query<{
      id: string;
      owner_id: string;
      status: string;
      content: StoryContent;
    }>(
      `select s.id, s.owner_id, s.status, r.content
         from stories s join story_revisions r on r.story_id = s.id and r.revision = s.revision
        where s.id <> $1 and s.deleted_at is null
          and (s.summary->>'page' = $2 or (s.summary is null and r.content->>'page' = $2))
        order by s.id`,
      [id, story.page],
    );
    return {
      page: story.page,
      stories: rows
        .filter((r) => canSee(actor.person, r.owner_id, r.status))
        .map((r) => ({ key: r.id, content: StoryContentSchema.parse(r.content) })),
      user: actor.person.name,
    };
  }

  /** The story's revisions, newest first, without their text (the body's length instead). */
  async revisions(actor: Actor, id: string): Promise<{ story: Story; revisions: RevisionRow[] }> {
    const story = await this.get(actor, id);
    const { rows } = await this.#pool.query<RevisionRow>(
      `select r.revision, r.saved_at, p.name as saved_by_name, r.content->'body' as body,
              exists (select 1 from signatures g where g.story_id = r.story_id and g.revision = r.revision
                       and g.decision = 'approve') as signed
         from story_revisions r join people p on p.id = r.saved_by
        where r.story_id = $1 order by r.revision desc`,
      [id],
    );
    return { story, revisions: rows };
  }

  /** The content of one kept revision of a story the person may read. */
  async contentAt(actor: Actor, id: string, revision: number): Promise<StoryContent> {
    await this.get(actor, id);
    const { rows } = await this.#pool.query<{ content: StoryContent }>(
      'select content from story_revisions where story_id = $1 and revision = $2',
      [id, revision],
    );
    const row = rows[0];
    if (!row)
      throw new DeskError(
        'not-found',
        'error.revisionNotFound',
        { id, rev: revision },
        `Story ${id} has no revision ${revision} in this newsroom. Pick one from the history list.`,
      );
    return StoryContentSchema.parse(row.content);
  }

  /** A new draft owned by the person creating it (a reporter or an editor). */
  async create(actor: Actor, page: string | null): Promise<Story> {
    const { person } = actor;
    if (!hasRole(person, 'reporter') && !isEditor(person))
      throw new DeskError(
        'invalid-input',
        'error.createRole',
        { name: person.name },
        `${person.name} has neither the reporter nor an editor role, so cannot write stories. Nothing was created.`,
      );
    const at = this.#now();
    const story = newStory(newStoryId(), at.toISOString(), person.name, {
      page: page && PAGE_NAME.test(page) ? page : null,
    });
    await this.#tx((c) => this.insertDraft(c, person, story, at));
    return { ...story, createdBy: person.id };
  }

  /**
   * Writes a new draft as revision 1 with its audit entry and event, inside the caller's
   * transaction (stories.create, and a draft written offline arriving at check-in).
   */
  async insertDraft(
    c: pg.ClientBase,
    person: UserProfile,
    story: Story,
    at: Date,
    detail: { [key: string]: JsonValue } = {},
  ): Promise<void> {
    const content = contentOf(story);
    const hash = contentHash(content);
    await c.query(
      `insert into stories (id, owner_id, revision, status, created_at, updated_at, summary)
       values ($1, $2, 1, 'draft', $3, $3, $4)`,
      [story.id, person.id, at, JSON.stringify(listFields(story))],
    );
    await c.query(
      `insert into story_revisions (story_id, revision, content, content_hash, saved_by, saved_at)
       values ($1, 1, $2, $3, $4, $5)`,
      [story.id, JSON.stringify(content), hash, person.id, at],
    );
    const { seq } = await appendAudit(c, {
      actorId: person.id,
      action: 'story-created',
      storyId: story.id,
      detail: { revision: 1, contentHash: hash, ...detail },
    });
    await notifyEvent(
      c,
      { type: 'story', storyId: story.id, revision: 1, status: 'draft', at: at.toISOString() },
      { ownerId: person.id, status: 'draft' },
      seq,
    );
  }

  /**
   * Saves content over revision `baseRev`. Refused, with the desktop's errors, when another
   * session holds the lock (error.lockedBy) or the story changed since baseRev (error.conflict);
   * the row lock makes simultaneous saves on one revision queue, so exactly one of them wins.
   */
  async save(
    actor: Actor,
    id: string,
    baseRev: number,
    content: StoryContent,
    options: { restoredFrom?: number } = {},
  ): Promise<Story> {
    const parsed = StoryContentSchema.parse(content);
    const { person } = actor;
    return this.#tx(async (c) => {
      const at = this.#now();
      const { rows } = await c.query<{ owner_id: string; status: string; revision: number }>(
        'select owner_id, status, revision from stories where id = $1 for update',
        [id],
      );
      const story = rows[0];
      if (!story || !canSee(person, story.owner_id, story.status)) throw notFound(id);
      if (story.owner_id !== person.id && !isEditor(person))
        throw new DeskError(
          'invalid-input',
          'error.notWriter',
          { name: person.name },
          `${person.name} did not write this story and is not an editor, so cannot change it. Nothing was saved.`,
        );
      const lock = await this.liveLock(c, id, at);
      if (lock && Number(lock.session_id) !== actor.sessionId) throw lockedError(id, lock);
      if (baseRev !== story.revision) {
        const { rows: by } = await c.query<{ name: string }>(
          `select p.name from story_revisions r join people p on p.id = r.saved_by
            where r.story_id = $1 and r.revision = $2`,
          [id, story.revision],
        );
        const updatedBy = by[0]?.name ?? '';
        throw new DeskError(
          'conflict',
          'error.conflict',
          { id, baseRev, rev: story.revision, updatedBy },
          `Story ${id} changed since revision ${baseRev} (now ${story.revision}, by ${updatedBy}). ` +
            'Your text was not saved over it: reload the story and apply your change again.',
        );
      }
      return this.appendRevision(
        c,
        person,
        id,
        story,
        parsed,
        at,
        options.restoredFrom !== undefined ? { restoredFrom: options.restoredFrom } : {},
      );
    });
  }

  /**
   * The edit itself, inside the caller's transaction, once the caller has checked who may write and
   * the base: the workflow's `edit` transition (refusal thrown), the new revision, the list row, the
   * audit entry (`story-saved`, with `detail` added) and the event. stories.save and check-in use it.
   */
  async appendRevision(
    c: pg.ClientBase,
    person: UserProfile,
    id: string,
    story: StoryHead,
    parsed: StoryContent,
    at: Date,
    detail: { [key: string]: JsonValue } = {},
  ): Promise<Story> {
    const signatures = await this.#standing(c, id, story.revision);
    const outcome = transition({
      state: { status: story.status as StoryStatus, signatures },
      facts: factsOf({ byline: parsed.byline, createdBy: story.owner_id }),
      actor: person,
      action: 'edit',
      rev: story.revision,
      at: at.toISOString(),
    });
    if (!outcome.ok) throw refusalError(outcome.refusal);
    const status = outcome.state.status;
    const revision = story.revision + 1;
    const hash = contentHash(parsed);
    await c.query(
      `insert into story_revisions (story_id, revision, content, content_hash, saved_by, saved_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, revision, JSON.stringify(parsed), hash, person.id, at],
    );
    await reanchorStored(c, id, parsed);
    const fields = listFields({ ...newStory(id, at.toISOString(), person.name), ...parsed });
    await c.query(
      'update stories set revision = $2, status = $3, updated_at = $4, summary = $5 where id = $1',
      [id, revision, status, at, JSON.stringify(fields)],
    );
    const { seq } = await appendAudit(c, {
      actorId: person.id,
      action: 'story-saved',
      storyId: id,
      detail: {
        revision,
        contentHash: hash,
        ...(status !== story.status ? { from: story.status, to: status } : {}),
        ...detail,
      },
    });
    await notifyEvent(
      c,
      { type: 'story', storyId: id, revision, status, at: at.toISOString() },
      { ownerId: story.owner_id, status },
      seq,
    );
    const { rows: saved } = await c.query<StoryRow>(`${STORY_SELECT} where s.id = $1`, [id]);
    return this.#withReview(c, saved[0]!);
  }

  /** The approvals standing on a revision, in the workflow's form (signatures/review are store/review.ts's). */
  async #standing(c: pg.ClientBase, id: string, revision: number): Promise<Signature[]> {
    const { rows } = await c.query<{
      level: Signature['level'];
      person_id: string;
      name: string;
      signed_at: Date;
    }>(
      `select g.level, g.person_id, p.name, g.signed_at from signatures g join people p on p.id = g.person_id
        where g.story_id = $1 and g.revision = $2 and g.decision = 'approve'`,
      [id, revision],
    );
    return rows.map((r) => ({
      level: r.level,
      userId: r.person_id,
      name: r.name,
      rev: revision,
      at: r.signed_at.toISOString(),
    }));
  }

  #lapsed(lock: LockRow, at: Date): boolean {
    // A check-out stays until it is checked in or taken over: its desk is away, its session may end.
    if (lock.kind === 'checkout') return false;
    return (
      at.getTime() - lock.heartbeat_at.getTime() >= this.#ttl ||
      lock.ended_at !== null ||
      lock.expires_at.getTime() <= at.getTime()
    );
  }

  /**
   * The story's lock when it is live. A lapsed one (no heartbeat within the TTL, or its session
   * ended or expired) is released here, recorded and announced. Call with the story row locked.
   */
  async liveLock(c: pg.ClientBase, id: string, at: Date): Promise<LockRow | null> {
    const { rows } = await c.query<LockRow & { owner_id: string; status: string }>(
      `select l.session_id, l.person_id, p.name, l.kind, l.desk, l.base_revision,
              l.acquired_at, l.heartbeat_at, s.ended_at, s.expires_at,
              st.owner_id, st.status
         from locks l join people p on p.id = l.person_id join sessions s on s.id = l.session_id
         join stories st on st.id = l.story_id
        where l.story_id = $1`,
      [id],
    );
    const lock = rows[0];
    if (!lock) return null;
    if (!this.#lapsed(lock, at)) return lock;
    await c.query('delete from locks where story_id = $1', [id]);
    const { seq } = await appendAudit(c, {
      actorId: null,
      action: 'lock-expired',
      storyId: id,
      detail: { holder: lock.person_id, session: Number(lock.session_id) },
    });
    await notifyEvent(
      c,
      { type: 'lock', storyId: id, holder: null, at: at.toISOString() },
      { ownerId: lock.owner_id, status: lock.status },
      seq,
    );
    return null;
  }

  /** The lock as `actor` sees it; a check-out names its desk and has no time to live. */
  lockView(id: string, lock: LockRow | null, actor: Actor, at: Date): LockView {
    const checkout = lock?.kind === 'checkout';
    return {
      storyId: id,
      mine: lock !== null && Number(lock.session_id) === actor.sessionId,
      holder: lock
        ? { userId: lock.person_id, name: lock.name, since: lock.acquired_at.toISOString() }
        : null,
      ttlMs: lock && !checkout ? Math.max(0, this.#ttl - (at.getTime() - lock.heartbeat_at.getTime())) : 0,
      checkout:
        lock && checkout
          ? { desk: lock.desk ?? '', since: lock.acquired_at.toISOString(), baseRev: lock.base_revision }
          : null,
    };
  }

  /** Who holds the story's lock now, without taking it (locks.view; a lapsed lock is released and recorded). */
  async view(actor: Actor, id: string): Promise<LockView> {
    return this.#tx(async (c) => {
      const at = this.#now();
      await this.#lockedStory(c, actor, id);
      return this.lockView(id, await this.liveLock(c, id, at), actor, at);
    });
  }

  async #lockedStory(c: pg.ClientBase, actor: Actor, id: string) {
    const { rows } = await c.query<{ owner_id: string; status: string; revision: number }>(
      'select owner_id, status, revision from stories where id = $1 for update',
      [id],
    );
    const story = rows[0];
    if (!story || !canSee(actor.person, story.owner_id, story.status)) throw notFound(id);
    return story;
  }

  /**
   * Takes the lock for this session when it is free, lapsed or already this session's (then it is
   * the heartbeat); otherwise reports who holds it. A person who may not change the story (not
   * its writer, not an editor) only learns who holds it: their desk opens it read-only.
   */
  async acquire(actor: Actor, id: string): Promise<LockView> {
    return this.#tx(async (c) => {
      const at = this.#now();
      const story = await this.#lockedStory(c, actor, id);
      const lock = await this.liveLock(c, id, at);
      if (lock && Number(lock.session_id) === actor.sessionId) {
        await c.query('update locks set heartbeat_at = $2 where story_id = $1', [id, at]);
        return this.lockView(id, { ...lock, heartbeat_at: at }, actor, at);
      }
      const mayWrite = story.owner_id === actor.person.id || isEditor(actor.person);
      if (lock || !mayWrite) return this.lockView(id, lock, actor, at);
      await c.query(
        `insert into locks (story_id, session_id, person_id, kind, acquired_at, heartbeat_at, base_revision)
         values ($1, $2, $3, 'edit', $4, $4, $5)`,
        [id, actor.sessionId, actor.person.id, at, story.revision],
      );
      const { seq } = await appendAudit(c, {
        actorId: actor.person.id,
        action: 'lock-acquired',
        storyId: id,
        detail: { session: actor.sessionId },
      });
      await notifyEvent(
        c,
        {
          type: 'lock',
          storyId: id,
          holder: { userId: actor.person.id, name: actor.person.name },
          at: at.toISOString(),
        },
        { ownerId: story.owner_id, status: story.status },
        seq,
      );
      return this.lockView(id, this.#mine(actor, at), actor, at);
    });
  }

  #mine(actor: Actor, at: Date): LockRow {
    return {
      session_id: String(actor.sessionId),
      person_id: actor.person.id,
      name: actor.person.name,
      kind: 'edit',
      desk: null,
      base_revision: 0,
      acquired_at: at,
      heartbeat_at: at,
      ended_at: null,
      expires_at: new Date(at.getTime() + this.#ttl),
    };
  }

  async release(actor: Actor, id: string): Promise<void> {
    await this.#tx(async (c) => {
      const at = this.#now();
      const story = await this.#lockedStory(c, actor, id);
      // A check-out is ended by its check-in or a take-over, not by closing the story on the desk.
      const { rowCount } = await c.query(
        `delete from locks where story_id = $1 and session_id = $2 and kind = 'edit'`,
        [id, actor.sessionId],
      );
      if (!rowCount) return;
      const { seq } = await appendAudit(c, {
        actorId: actor.person.id,
        action: 'lock-released',
        storyId: id,
      });
      await notifyEvent(
        c,
        { type: 'lock', storyId: id, holder: null, at: at.toISOString() },
        { ownerId: story.owner_id, status: story.status },
        seq,
      );
    });
  }

  /** An editor takes the lock from whoever holds it; the take-over names the previous holder in the audit. */
  async takeOver(actor: Actor, id: string): Promise<LockView> {
    const { person } = actor;
    if (!isEditor(person))
      throw refusalError({
        key: 'review.refused.takeOverRole',
        params: { name: person.name },
        message: `${person.name} is not an editor; only an editor may take over someone's lock. Ask them to close the story.`,
      });
    return this.#tx(async (c) => {
      const at = this.#now();
      const story = await this.#lockedStory(c, actor, id);
      const previous = await this.liveLock(c, id, at);
      // A story checked out to a desk is taken over with a reason (checkout.takeOver), never silently.
      if (previous?.kind === 'checkout') throw checkedOutError(id, previous);
      await c.query('delete from locks where story_id = $1', [id]);
      await c.query(
        `insert into locks (story_id, session_id, person_id, kind, acquired_at, heartbeat_at, base_revision)
         values ($1, $2, $3, 'edit', $4, $4, $5)`,
        [id, actor.sessionId, person.id, at, story.revision],
      );
      const fromOther = previous !== null && Number(previous.session_id) !== actor.sessionId;
      const { seq } = await appendAudit(c, {
        actorId: person.id,
        action: fromOther ? 'lock-takeover' : 'lock-acquired',
        storyId: id,
        detail: fromOther
          ? {
              session: actor.sessionId,
              from: previous.person_id,
              fromName: previous.name,
              fromSession: Number(previous.session_id),
            }
          : { session: actor.sessionId },
      });
      await notifyEvent(
        c,
        { type: 'lock', storyId: id, holder: { userId: person.id, name: person.name }, at: at.toISOString() },
        { ownerId: story.owner_id, status: story.status },
        seq,
      );
      return this.lockView(id, this.#mine(actor, at), actor, at);
    });
  }

  /**
   * Releases every lapsed lock (no heartbeat within the TTL, or its session ended or expired),
   * each recorded and announced, so a vanished desk never blocks a story. Returns the stories.
   */
  async sweepLocks(): Promise<string[]> {
    const at = this.#now();
    const { rows } = await this.#pool.query<{ story_id: string }>(
      `select l.story_id from locks l join sessions s on s.id = l.session_id
        where l.kind = 'edit' and (l.heartbeat_at <= $1 or s.ended_at is not null or s.expires_at <= $2)`,
      [new Date(at.getTime() - this.#ttl), at],
    );
    const released: string[] = [];
    for (const { story_id: id } of rows) {
      await this.#tx(async (c) => {
        const { rows: st } = await c.query('select 1 from stories where id = $1 for update', [id]);
        if (!st.length) return;
        const { rows: before } = await c.query('select 1 from locks where story_id = $1', [id]);
        if (before.length && (await this.liveLock(c, id, at)) === null) released.push(id);
      });
    }
    return released;
  }
}
