/**
 * Which contract methods the newsroom server answers, and with what (issue 17). Each route gets
 * the signed-in person (from the session, never from the request) and the input the shared
 * dispatch gate has already checked against the contract's schema. A method without a route
 * answers `error.notOnServer`, so a connected desk says plainly what the newsroom cannot do yet
 * instead of pretending.
 *
 * The review side (review.challenge, review.act, review.queue, review.audit, review.auditCsv,
 * keys.register) comes from store/review.ts and store/person-keys.ts (`reviewRoutes`); each action
 * pushes its 'story' and 'review' events from inside its own transaction. What a story screen
 * needs besides (locks.view, checks.pageContext, comments.*, history.*, users.list) is
 * `deskRoutes`, with the desktop's rules (electron/desk/review/review-service.ts) over the
 * newsroom's tables. People are accounts here: users.save and session.setUser are refused with
 * `error.accountsOnServer`.
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
import { StoryQuerySchema, bodyPlainText, type StoryContent } from '../../shared/model';
import {
  AUDIT_KINDS,
  auditCsv,
  exportDetail,
  overrideDetail,
  publishDetail,
  type AuditEntry,
  type AuditKind,
} from '../../shared/review/audit';
import type { HistoryEntry, QueueItem } from '../../shared/review/review-contract';
import { diffRevisions } from '../../shared/review/revision-diff';
import { LEVEL_ROLE, hasRole, isEditor, type Role, type UserProfile } from '../../shared/review/roles';
import { REVIEW_LEVELS, SubmissionSchema, type ReviewLevel } from '../../shared/review/schemas';
import { awaitingLevel, isOwnStory, nobodyToSign, transition } from '../../shared/review/workflow';
import type { NewsroomComments } from './store/comments';
import type { NewsroomPages } from './store/pages';
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
    'locks.view': (actor, { id }) => stories.view(actor, id),
    'checks.pageContext': (actor, { id }) => stories.pageContext(actor, id),
  };
}

type PersonRow = { id: string; name: string; roles: Role[]; disabled: boolean };

/** The newsroom's people as the desk's profiles (accounts are the people here). */
export async function newsroomPeople(pool: pg.Pool): Promise<UserProfile[]> {
  const { rows } = await pool.query<PersonRow>('select id, name, roles, disabled from people order by id');
  return rows.map((r) => ({ id: r.id, name: r.name, roles: r.roles, disabled: r.disabled }));
}

/** The story screen's comments, history and people, as the session's person. */
export function deskRoutes(
  stories: NewsroomStories,
  comments: NewsroomComments,
  pool: pg.Pool,
): ServerRoutes {
  return {
    'comments.add': async (actor, input) => {
      await comments.add(actor, input);
      return stories.get(actor, input.id);
    },
    'comments.resolve': async (actor, { id, commentId }) => {
      await comments.setResolved(actor, id, commentId, true);
      return stories.get(actor, id);
    },
    'comments.reopen': async (actor, { id, commentId }) => {
      await comments.setResolved(actor, id, commentId, false);
      return stories.get(actor, id);
    },

    'history.list': async (actor, { id }) => {
      const { story, revisions } = await stories.revisions(actor, id);
      const standing = story.signatures ?? [];
      const entries: HistoryEntry[] = revisions.map((r) => ({
        rev: r.revision,
        savedAt: r.saved_at.toISOString(),
        savedBy: r.saved_by_name,
        current: r.revision === story.rev,
        signed: r.signed,
        signatures: standing.filter((g) => g.rev === r.revision),
        chars: bodyPlainText(r.body as StoryContent['body']).length,
      }));
      return { id, status: story.status, entries };
    },
    'history.diff': async (actor, { id, from, to }) => ({
      id,
      from,
      to,
      fields: diffRevisions(await stories.contentAt(actor, id, from), await stories.contentAt(actor, id, to)),
    }),
    // A save of the old revision's text: the edit rules, the lock and the stale-revision check of any save.
    'history.restore': async (actor, { id, rev, baseRev }) => {
      const content = await stories.contentAt(actor, id, rev);
      const current = baseRev ?? (await stories.get(actor, id)).rev;
      return stories.save(actor, id, current, content, { restoredFrom: rev });
    },

    // Editors and administrators see the whole newsroom (to see who could sign); anyone else themself.
    'users.list': async (actor) => {
      const everyone = isEditor(actor.person) || hasRole(actor.person, 'admin');
      const people = everyone ? await newsroomPeople(pool) : [actor.person];
      return { users: people, current: actor.person };
    },
    'users.save': () => Promise.reject(accountsOnServer('users.save')),
    'session.setUser': () => Promise.reject(accountsOnServer('session.setUser')),
  };
}

/**
 * Page plans (pages.list, pages.get, pages.save); preflight, export and publish run on the desktop,
 * which records its export or publication on the plan with pages.save's `record`.
 */
export function pageRoutes(pages: NewsroomPages): ServerRoutes {
  return {
    'pages.list': () => pages.list(),
    'pages.get': (_actor, { name, date }) => pages.get(name, date),
    'pages.save': (actor, { baseRev, content, record }) => pages.save(actor, content, baseRev, record),
  };
}

/** People are accounts on the newsroom server: no profiles to edit, nobody to pick. */
export function accountsOnServer(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.accountsOnServer',
    { method },
    `In the newsroom people are accounts: you are who you signed in as, and an administrator manages the accounts on the server (${method}). Nothing was changed.`,
  );
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
  /** The story's page as it stands now (the newsroom does not keep pages yet). */
  page: string | null;
  detail: Record<string, unknown>;
};

/**
 * A page's export and publication, recorded by the desk that did them (store/pages.ts): the
 * desktop's page entries, an override before its export as on a single desktop.
 */
function pageTrailEntries(r: AuditRow): AuditEntry[] {
  const d = r.detail;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const page = str(d['page']);
  const date = str(d['date']);
  const base = { at: r.at.toISOString(), storyId: null, page, userId: r.actor_id ?? '', name: r.name ?? '' };
  const stories = Array.isArray(d['stories']) ? d['stories'].length : 0;
  if (r.action === 'page-published')
    return [
      {
        ...base,
        kind: 'layout',
        rev: typeof d['revision'] === 'number' ? d['revision'] : null,
        level: null,
        from: 'exported',
        to: 'published',
        detail: publishDetail({ page, date, stories, added: num(d['added']) }),
      },
    ];
  const plain = { ...base, rev: null, level: null, from: null, to: null };
  const reason = str(d['overrideReason']);
  const rules = Array.isArray(d['rules']) ? d['rules'].filter((x): x is string => typeof x === 'string') : [];
  return [
    ...(reason
      ? [
          {
            ...plain,
            kind: 'override' as const,
            detail: overrideDetail({ page, date, openErrors: num(d['openErrors']), rules, reason }),
          },
        ]
      : []),
    {
      ...plain,
      kind: 'export' as const,
      detail: exportDetail({ page, date, where: str(d['folder']), files: num(d['files']) }),
    },
  ];
}

const PAGE_ACTIONS = ['page-exported', 'page-published'];

/** The desk's trail entries of one audit row (a restore that cleared sign-offs is two, as on the desktop). */
function trailEntries(r: AuditRow): AuditEntry[] {
  if (PAGE_ACTIONS.includes(r.action)) return pageTrailEntries(r);
  const d = r.detail;
  const kinds: AuditKind[] = [];
  if (r.action === 'story-saved') {
    if (typeof d['restoredFrom'] === 'number') kinds.push('restore');
    // A save that moved the status is an edit that cleared sign-offs (the workflow's edit-after-sign).
    if (typeof d['from'] === 'string') kinds.push('edit-after-sign');
  } else if (TRAIL_KIND[r.action]) kinds.push(TRAIL_KIND[r.action]!);
  return kinds.filter((k) => (AUDIT_KINDS as readonly string[]).includes(k)).map((k) => trailEntry(r, k));
}

function trailEntry(r: AuditRow, kind: AuditKind): AuditEntry {
  const d = r.detail;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const level = str(d['level']);
  return {
    at: r.at.toISOString(),
    kind,
    storyId: r.story_id,
    page: r.page,
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
            : kind === 'restore'
              ? `rev ${String(d['restoredFrom'])}`
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
  /**
   * The trail of a story, or of a page: every story now on the page that the person may read,
   * and the page's exports and publications (a story's trail: those that carried it). Entries
   * name the story's page as it stands now.
   */
  const trail = async (actor: Actor, target: { id: string } | { page: string }): Promise<AuditEntry[]> => {
    let ids: string[];
    if ('id' in target) {
      await stories.get(actor, target.id);
      ids = [target.id];
    } else {
      const { items } = await stories.list(actor, StoryQuerySchema.parse({}));
      ids = items.filter((s) => s.page === target.page).map((s) => s.id);
    }
    const { rows } = await pool.query<AuditRow>(
      `select a.seq, a.at, a.actor_id, p.name, a.action, a.story_id,
              coalesce(s.summary->>'page', a.detail->>'page') as page, a.detail
         from audit a left join people p on p.id = a.actor_id left join stories s on s.id = a.story_id
        where a.story_id = any($1)
           or (a.story_id is null and a.action = any($3)
               and (a.detail->>'page' = $2 or a.detail->'stories' ?| $1::text[]))
        order by a.seq`,
      [ids, 'page' in target ? target.page : null, PAGE_ACTIONS],
    );
    return rows.flatMap(trailEntries);
  };
  return {
    'review.challenge': async (actor, { id, action, baseRev, level }) => {
      // A story the person may not read is not found, before the workflow says anything about it.
      await stories.get(actor, id);
      const ch = await review.challenge(actor, { storyId: id, revision: baseRev, action, level });
      return { nonce: ch.nonce, text: ch.text, payload: ch.payload, expiresAt: ch.expiresAt.toISOString() };
    },
    'review.act': async (actor, { id, action, baseRev, comment, note, findings, anchor, signoff }) => {
      await stories.get(actor, id);
      await review.act(actor, { id, action, baseRev, comment, note, findings, anchor, signoff });
      return stories.get(actor, id);
    },
    // As the desktop's queue: the levels the person signs, their returned stories, and for editors
    // and administrators the stories nobody may sign as the roles stand (`stuck`, over the newsroom's people).
    'review.queue': async (actor) => {
      const { items } = await stories.list(actor, StoryQuerySchema.parse({}));
      const overseer = isEditor(actor.person) || hasRole(actor.person, 'admin');
      let people: UserProfile[] | null = null;
      const queue: QueueItem[] = [];
      for (const story of items) {
        if (story.deletedAt !== null) continue;
        const level = awaitingLevel(story.status);
        const mine = level !== null && hasRole(actor.person, LEVEL_ROLE[level]);
        if (!mine && story.status !== 'returned' && !(level !== null && overseer)) continue;
        const st = await review.state(story.id);
        const state = { status: st.status, signatures: st.signatures };
        people ??= level !== null ? await newsroomPeople(pool) : null;
        const stuck = level !== null && people ? nobodyToSign(state, st.facts, people) : null;
        if (!mine && story.status === 'returned' && !isOwnStory(actor.person, st.facts)) continue;
        if (!mine && story.status !== 'returned' && !stuck) continue;
        let blockedBy: string | null = null;
        if (mine) {
          const dry = transition({
            state,
            facts: st.facts,
            actor: actor.person,
            action: 'sign',
            rev: st.revision,
            at: '',
          });
          blockedBy = dry.ok ? null : dry.refusal.key;
        }
        const { rows: extra } = await pool.query<{ open: number; submission: unknown }>(
          `select (select count(*)::int from comments where story_id = $1 and resolved_at is null) as open,
                  (select submission from stories where id = $1) as submission`,
          [story.id],
        );
        const submission = SubmissionSchema.safeParse(extra[0]?.submission);
        queue.push({
          story,
          level,
          signatures: st.signatures,
          blockedBy,
          openComments: extra[0]?.open ?? 0,
          submission: submission.success ? submission.data : null,
          stuck,
        });
      }
      return queue;
    },
    'review.audit': (actor, target) => trail(actor, target),
    'review.auditCsv': async (actor, target) => auditCsv(await trail(actor, target)),
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
