/**
 * Which contract methods the newsroom server answers, and with what (issue 17). Each route gets
 * the signed-in person (from the session, never from the request) and the input the shared
 * dispatch gate has already checked against the contract's schema. A method without a route
 * answers `error.notOnServer`, so a connected desk says plainly what the newsroom cannot do yet
 * instead of pretending.
 *
 * The review side (review.challenge, review.act, review.queue, review.audit, keys.register) comes
 * from store/review.ts and store/person-keys.ts (`reviewRoutes`); each action pushes its 'story'
 * and 'review' events from inside its own transaction. Comments, history and page audits are
 * not routed yet and answer notOnServer.
 */
import type pg from 'pg';

import {
  DESK_METHODS,
  DeskError,
  type DeskHandlers,
  type DeskMethod,
  type DeskOutput,
  type DeskParsedInput,
} from '../../shared/api';
import { StoryQuerySchema } from '../../shared/model';
import { AUDIT_KINDS, type AuditEntry, type AuditKind } from '../../shared/review/audit';
import type { QueueItem } from '../../shared/review/review-contract';
import { LEVEL_ROLE, hasRole } from '../../shared/review/roles';
import { REVIEW_LEVELS, type ReviewLevel } from '../../shared/review/schemas';
import { awaitingLevel, isOwnStory, transition } from '../../shared/review/workflow';
import type { PersonKeys } from './store/person-keys';
import type { NewsroomReview } from './store/review';
import type { Actor, NewsroomStories } from './store/stories';

export type ServerRoute<M extends DeskMethod> = (
  actor: Actor,
  input: DeskParsedInput<M>,
) => Promise<DeskOutput<M>>;
export type ServerRoutes = { [M in DeskMethod]?: ServerRoute<M> };

/** The core story methods and the edit locks, on PostgreSQL. */
export function storyRoutes(stories: NewsroomStories): ServerRoutes {
  return {
    'stories.list': (actor, query) => stories.list(actor, query),
    'stories.get': (actor, { id }) => stories.get(actor, id),
    'stories.create': (actor, { page }) => stories.create(actor, page ?? null),
    'stories.save': (actor, { id, baseRev, content }) => stories.save(actor, id, baseRev, content),
    'locks.acquire': (actor, { id }) => stories.acquire(actor, id),
    'locks.renew': (actor, { id }) => stories.acquire(actor, id),
    'locks.release': (actor, { id }) => stories.release(actor, id),
    'locks.takeOver': (actor, { id }) => stories.takeOver(actor, id),
  };
}

/** The audit table's actions as the desk's trail names them; the rest (saves, locks, keys) are not in it. */
const TRAIL_KIND: Record<string, AuditKind> = {
  'story-created': 'create',
  submit: 'submit',
  sign: 'sign',
  return: 'return',
  layout: 'layout',
  'lock-takeover': 'lock-takeover',
};

type AuditRow = {
  seq: string;
  at: Date;
  actor_id: string | null;
  name: string | null;
  action: string;
  story_id: string | null;
  detail: Record<string, unknown>;
};

function trailEntry(r: AuditRow): AuditEntry | null {
  const d = r.detail;
  // A save that moved the status is an edit that cleared sign-offs (the workflow's edit-after-sign).
  const signedEdit = r.action === 'story-saved' && typeof d['from'] === 'string';
  const kind = signedEdit ? 'edit-after-sign' : TRAIL_KIND[r.action];
  if (!kind || !(AUDIT_KINDS as readonly string[]).includes(kind)) return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const level = str(d['level']);
  return {
    at: r.at.toISOString(),
    kind,
    storyId: r.story_id,
    page: null,
    userId: r.actor_id ?? '',
    name: r.name ?? r.actor_id ?? '',
    rev: typeof d['revision'] === 'number' ? d['revision'] : null,
    level: level && (REVIEW_LEVELS as readonly string[]).includes(level) ? (level as ReviewLevel) : null,
    from: str(d['from']),
    to: str(d['to']),
    detail:
      kind === 'return'
        ? (str(d['reason']) ?? '')
        : kind === 'submit'
          ? (str(d['note']) ?? '')
          : kind === 'lock-takeover'
            ? (str(d['fromName']) ?? '')
            : '',
  };
}

/**
 * 三审 on the server: every action by the session's person (`actor`), judged by the shared
 * workflow inside the store's transaction; the input's claims about people are never read.
 */
export function reviewRoutes(
  review: NewsroomReview,
  keys: PersonKeys,
  stories: NewsroomStories,
  pool: pg.Pool,
): ServerRoutes {
  return {
    'review.challenge': async (actor, { id, action, baseRev, level }) => {
      // A story the person may not read is not found, before the workflow says anything about it.
      await stories.get(actor, id);
      const ch = await review.challenge(actor, { storyId: id, revision: baseRev, action, level });
      return { nonce: ch.nonce, text: ch.text, payload: ch.payload, expiresAt: ch.expiresAt.toISOString() };
    },
    'review.act': async (actor, { id, action, baseRev, comment, signoff }) => {
      await stories.get(actor, id);
      await review.act(actor, { id, action, baseRev, comment, signoff });
      return stories.get(actor, id);
    },
    'review.queue': async (actor) => {
      const { items } = await stories.list(actor, StoryQuerySchema.parse({}));
      const queue: QueueItem[] = [];
      for (const story of items) {
        if (story.deletedAt !== null) continue;
        const level = awaitingLevel(story.status);
        const mine = level !== null && hasRole(actor.person, LEVEL_ROLE[level]);
        if (!mine && story.status !== 'returned') continue;
        const st = await review.state(story.id);
        if (!mine && !isOwnStory(actor.person, st.facts)) continue;
        let blockedBy: string | null = null;
        if (mine) {
          const dry = transition({
            state: { status: st.status, signatures: st.signatures },
            facts: st.facts,
            actor: actor.person,
            action: 'sign',
            rev: st.revision,
            at: '',
          });
          blockedBy = dry.ok ? null : dry.refusal.key;
        }
        const open = await pool.query<{ n: number }>(
          'select count(*)::int as n from comments where story_id = $1 and resolved_at is null',
          [story.id],
        );
        queue.push({
          story,
          level: mine ? level : null,
          signatures: st.signatures,
          blockedBy,
          openComments: open.rows[0]?.n ?? 0,
          // Not kept by the newsroom store yet (ADR 010): the submission summary and who else could sign.
          submission: null,
          stuck: null,
        });
      }
      return queue;
    },
    'review.audit': async (actor, target) => {
      if (!('id' in target)) throw notOnServer('review.audit (page)');
      await stories.get(actor, target.id);
      const { rows } = await pool.query<AuditRow>(
        `select a.seq, a.at, a.actor_id, p.name, a.action, a.story_id, a.detail
           from audit a left join people p on p.id = a.actor_id
          where a.story_id = $1 order by a.seq`,
        [target.id],
      );
      return rows.flatMap((r) => trailEntry(r) ?? []);
    },
    'keys.register': async (actor, { publicKey, proof }) => {
      const key = await keys.register(actor, publicKey, proof);
      return { id: key.id, fingerprint: key.fingerprint, createdAt: key.createdAt.toISOString() };
    },
  };
}

export function notOnServer(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.notOnServer',
    { method },
    `The newsroom server does not offer ${method} yet; nothing was changed.`,
  );
}

/** The contract's handlers for one signed-in person: the routes bound to them, the rest refused. */
export function handlersFor(routes: ServerRoutes, actor: Actor): DeskHandlers {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of DESK_METHODS) {
    const route = routes[method] as ((a: Actor, input: unknown) => Promise<unknown>) | undefined;
    out[method] = route ? (input) => route(actor, input) : () => Promise.reject(notOnServer(method));
  }
  return out as DeskHandlers;
}
