/**
 * Review comments on the newsroom server (issue 17): threads on a story or on a passage, kept in
 * the comments table with the anchor as JSON (the desk's CommentAnchor: field, block, code-point
 * offsets and the quote, made by shared/review/anchors.ts exactly as on the desktop). A comment,
 * a resolve and a reopen are each an audit entry and a 'review' event in their own transaction.
 * Anyone who may read a story may comment on it (as on the desktop, where any chosen person may).
 */
import type pg from 'pg';

import { DeskError, invalidInput } from '../../../shared/api';
import type { StoryContent } from '../../../shared/model';
import { makeAnchor, reanchorComments } from '../../../shared/review/anchors';
import type { AnchorInput } from '../../../shared/review/review-contract';
import {
  REVIEW_LEVELS,
  type CommentAnchor,
  type ReviewComment,
  type ReviewLevel,
} from '../../../shared/review/schemas';
import { appendAudit } from './audit-chain';
import { canSee, notifyEvent, type Actor } from './stories';
import { inTransaction } from './transaction';

type CommentRow = {
  id: string;
  parent_id: string | null;
  anchor: CommentAnchor | null;
  body: string;
  person_id: string;
  name: string;
  created_at: Date;
  revision: number;
  returned_at: string | null;
  resolved_at: Date | null;
  resolved_by_name: string | null;
};

function toComment(r: CommentRow): ReviewComment {
  return {
    id: r.id,
    parentId: r.parent_id,
    anchor: r.anchor,
    text: r.body,
    userId: r.person_id,
    name: r.name,
    at: r.created_at.toISOString(),
    rev: r.revision,
    returnedAt: (REVIEW_LEVELS as readonly string[]).includes(r.returned_at ?? '')
      ? (r.returned_at as ReviewLevel)
      : null,
    resolved: r.resolved_at !== null,
    resolvedBy: r.resolved_by_name,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  };
}

/** The story's comments in the order they were written, as the desk's ReviewComment. */
export async function readComments(c: pg.ClientBase | pg.Pool, storyId: string): Promise<ReviewComment[]> {
  const { rows } = await c.query<CommentRow>(
    `select m.id, m.parent_id, m.anchor, m.body, m.person_id, p.name, m.created_at, m.revision,
            m.returned_at, m.resolved_at, r.name as resolved_by_name
       from comments m join people p on p.id = m.person_id left join people r on r.id = m.resolved_by
      where m.story_id = $1 order by m.id`,
    [storyId],
  );
  return rows.map(toComment);
}

/**
 * The anchor of a new comment on `content`, or null for a comment on the whole story; a passage
 * that is not in the text is refused, as on the desktop.
 */
export function anchorOn(
  method: string,
  content: StoryContent,
  anchor: AnchorInput | undefined,
): CommentAnchor | null {
  if (!anchor) return null;
  const made = makeAnchor(
    content,
    anchor.field,
    anchor.block,
    anchor.start,
    anchor.end,
    anchor.whole === true,
  );
  if (!made)
    throw invalidInput(
      method,
      `the passage ${anchor.field} ${anchor.block}:${anchor.start}-${anchor.end} is not in the text`,
    );
  return made;
}

/**
 * After a save: every passage comment moved to where its quote now is, or marked lost (the
 * desktop's reanchorComments). Call inside the save's transaction.
 */
export async function reanchorStored(
  c: pg.ClientBase,
  storyId: string,
  content: StoryContent,
): Promise<void> {
  const comments = (await readComments(c, storyId)).filter((m) => m.anchor !== null);
  if (comments.length === 0) return;
  const moved = reanchorComments(comments, content);
  for (let i = 0; i < moved.length; i++) {
    if (moved[i] === comments[i]) continue;
    await c.query('update comments set anchor = $2 where id = $1', [
      comments[i]!.id,
      JSON.stringify(moved[i]!.anchor),
    ]);
  }
}

export function commentNotFound(id: string, commentId: string): DeskError {
  return new DeskError(
    'not-found',
    'error.commentNotFound',
    { id, commentId },
    `Story ${id} has no comment ${commentId}.`,
  );
}

const storyNotFound = (id: string) =>
  new DeskError('not-found', 'error.storyNotFound', { id }, `No story with id ${id} in this newsroom.`);

export class NewsroomComments {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(pool: pg.Pool, options: { now?: () => Date } = {}) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
  }

  /** The story row locked for the change, when the person may read it. */
  async #story(c: pg.ClientBase, actor: Actor, id: string) {
    const { rows } = await c.query<{
      owner_id: string;
      status: string;
      revision: number;
      content: StoryContent;
    }>(
      `select s.owner_id, s.status, s.revision, r.content
         from stories s join story_revisions r on r.story_id = s.id and r.revision = s.revision
        where s.id = $1 and s.deleted_at is null for update of s`,
      [id],
    );
    const story = rows[0];
    if (!story || !canSee(actor.person, story.owner_id, story.status)) throw storyNotFound(id);
    return story;
  }

  /** A comment on the story or a passage of it; `parentId` answers a comment of the same story. */
  async add(
    actor: Actor,
    input: { id: string; text: string; parentId?: string; anchor?: AnchorInput },
  ): Promise<void> {
    await inTransaction(this.#pool, async (c) => {
      const at = this.#now();
      const story = await this.#story(c, actor, input.id);
      let parent: string | null = null;
      if (input.parentId !== undefined) {
        parent = await this.#commentOf(c, input.id, input.parentId);
        if (parent === null) throw commentNotFound(input.id, input.parentId);
      }
      const anchor = anchorOn('comments.add', story.content, input.anchor);
      const { rows } = await c.query<{ id: string }>(
        `insert into comments (story_id, revision, person_id, anchor, body, created_at, parent_id)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [
          input.id,
          story.revision,
          actor.person.id,
          anchor ? JSON.stringify(anchor) : null,
          input.text,
          at,
          parent,
        ],
      );
      const { seq } = await appendAudit(c, {
        actorId: actor.person.id,
        action: 'comment-added',
        storyId: input.id,
        detail: { commentId: rows[0]!.id, revision: story.revision, ...(parent ? { parentId: parent } : {}) },
      });
      await notifyEvent(
        c,
        { type: 'review', storyId: input.id, at: at.toISOString() },
        { ownerId: story.owner_id, status: story.status },
        seq,
      );
    });
  }

  /** Marks a comment resolved (by the session's person) or open again. */
  async setResolved(actor: Actor, id: string, commentId: string, resolved: boolean): Promise<void> {
    await inTransaction(this.#pool, async (c) => {
      const at = this.#now();
      const story = await this.#story(c, actor, id);
      const found = await this.#commentOf(c, id, commentId);
      if (found === null) throw commentNotFound(id, commentId);
      await c.query('update comments set resolved_at = $2, resolved_by = $3 where id = $1', [
        found,
        resolved ? at : null,
        resolved ? actor.person.id : null,
      ]);
      const { seq } = await appendAudit(c, {
        actorId: actor.person.id,
        action: resolved ? 'comment-resolved' : 'comment-reopened',
        storyId: id,
        detail: { commentId: found },
      });
      await notifyEvent(
        c,
        { type: 'review', storyId: id, at: at.toISOString() },
        { ownerId: story.owner_id, status: story.status },
        seq,
      );
    });
  }

  /** The comment's id when it belongs to the story, else null (an id that is not a number too). */
  async #commentOf(c: pg.ClientBase, storyId: string, commentId: string): Promise<string | null> {
    if (!/^\d{1,18}$/.test(commentId)) return null;
    const { rows } = await c.query<{ id: string }>(
      'select id from comments where id = $1 and story_id = $2',
      [commentId, storyId],
    );
    return rows[0]?.id ?? null;
  }
}
