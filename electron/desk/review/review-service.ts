/**
 * The review services (issue 6): the handlers of the review contract and the
 * guarded story save. Every rule comes from shared/review/workflow.ts; this file
 * only finds the actor (CurrentUserProvider), the session (locks), runs the
 * transition inside the store's change queue and writes the audit trail.
 */
import { randomBytes } from 'node:crypto';

import { DeskError, invalidInput, type DeskHandlers } from '../../../shared/api';
import { bodyPlainText, contentOf, type Story, type StoryContent } from '../../../shared/model';
import { countText } from '../../../shared/text/counts';
import { reanchorComments, makeAnchor } from '../../../shared/review/anchors';
import { auditCsv, type AuditEntry, type AuditKind } from '../../../shared/review/audit';
import type {
  AnchorInput,
  HistoryEntry,
  QueueItem,
  reviewContract,
} from '../../../shared/review/review-contract';
import { diffRevisions } from '../../../shared/review/revision-diff';
import { LEVEL_ROLE, hasRole, isEditor, type UserProfile } from '../../../shared/review/roles';
import type { ReviewComment, ReviewLevel, Submission } from '../../../shared/review/schemas';
import {
  awaitingLevel,
  factsOf,
  isOwnStory,
  refusalError,
  nobodyToSign,
  transition,
  type Refusal,
  type ReviewEvent,
} from '../../../shared/review/workflow';
import type { PagePlan } from '../../../shared/model/page';
import type { DeskStore } from '../storage/desk-store';
import { AuditLog } from './audit-log';
import { auditedExport } from './export-audit';
import { PickedUser, type CurrentUserProvider } from './current-user';
import type { DeskEvents } from '../desk-events';
import { LockTable, type LockHolder } from './locks';
import { LOCAL_SESSION, currentSession } from './session-context';
import { UserStore } from './user-store';

export type ReviewMethod = keyof typeof reviewContract;
export type ReviewHandlers = { [M in ReviewMethod]: DeskHandlers[M] };

export type ReviewServices = {
  handlers: ReviewHandlers;
  /** stories.save with the lock check and edit-after-sign (replaces the plain store save). */
  save(id: string, baseRev: number, content: StoryContent): Promise<Story>;
  /** The name recorded for the current person (the picked profile, else the desk's user name). */
  who(): string;
  /** The person at this session, or null. */
  currentUser(): UserProfile | null;
  /**
   * Who writes from this session: its chosen person; null for calls with no session
   * (CLI, scripts: the desk's user name). A window where nobody is chosen is refused
   * (`review.refused.noUserEdit`, issue 19).
   */
  requireWriter(): UserProfile | null;
  /** `pages.export` recording each export (and an override) on the page and on every story it carried. */
  auditExports(
    exportPage: DeskHandlers['pages.export'],
    planOf: (name: string, date: string) => Promise<PagePlan>,
  ): DeskHandlers['pages.export'];
  /** For other services (export, overrides) to record their events. */
  audit: AuditLog;
  locks: LockTable;
};

export type ReviewOptions = {
  store: DeskStore;
  dataDir: string;
  /** The name recorded when nobody is picked (prefs userName or the OS user). */
  fallbackName: () => string;
  now?: () => Date;
  locks?: LockTable;
  /** Replace the picker with a sign-in (see current-user.ts). */
  currentUser?: CurrentUserProvider;
  /** Where lock, story and review changes are told to every window (issue 19). */
  events?: DeskEvents;
};

export async function openReview(opts: ReviewOptions): Promise<ReviewServices> {
  const { store } = opts;
  const now = opts.now ?? (() => new Date());
  const userStore = await UserStore.open(opts.dataDir);
  const locks = opts.locks ?? new LockTable();
  const stamp = () => now().toISOString();
  locks.onChange((storyId, holder) => opts.events?.emit({ type: 'lock', storyId, holder, at: stamp() }));
  const told = (story: Story): Story => {
    opts.events?.emit({
      type: 'story',
      storyId: story.id,
      revision: story.rev,
      status: story.status,
      at: stamp(),
    });
    return story;
  };
  const reviewed = (story: Story): Story => {
    opts.events?.emit({ type: 'review', storyId: story.id, at: stamp() });
    return story;
  };
  const audit = new AuditLog(opts.dataDir);
  const deskEntry = (user: UserProfile, detail: string): AuditEntry => ({
    at: now().toISOString(),
    kind: 'profiles',
    storyId: null,
    page: null,
    userId: user.id,
    name: user.name,
    rev: null,
    level: null,
    from: null,
    to: null,
    detail,
  });
  const users =
    opts.currentUser ??
    new PickedUser(userStore, (user) =>
      audit.record(deskEntry(user, `first admin: ${user.name} (${user.id}) had no admin to ask`)),
    );

  const who = () => users.current()?.name ?? opts.fallbackName();
  const actorId = () => users.current()?.id ?? '';
  const requireUser = (): UserProfile => {
    const user = users.current();
    if (!user) throw refusalError(NO_USER);
    return user;
  };
  /**
   * Who may change or lock a story from a window: the person chosen there (issue 19).
   * Nobody chosen is read-only, never the OS account; calls with no session (CLI,
   * scripts) still save under the desk's user name.
   */
  const requireEditor = (): UserProfile | null => {
    const user = users.current();
    if (user) return user;
    if (currentSession() === LOCAL_SESSION) return null;
    throw refusalError(NO_USER_EDIT);
  };

  const record = (
    kind: AuditKind,
    story: Pick<Story, 'id' | 'page'>,
    rev: number | null,
    extra: Partial<Pick<AuditEntry, 'level' | 'from' | 'to' | 'detail'>> = {},
  ) =>
    audit.record({
      at: now().toISOString(),
      kind,
      storyId: story.id,
      page: story.page,
      userId: actorId(),
      name: who(),
      rev,
      level: extra.level ?? null,
      from: extra.from ?? null,
      to: extra.to ?? null,
      detail: extra.detail ?? '',
    });

  const checkLock = (id: string) => {
    const holder = locks.holder(id);
    if (holder && holder.session !== currentSession()) throw lockedError(id, holder);
  };

  const save = async (
    id: string,
    baseRev: number,
    content: StoryContent,
    restoredFrom?: number,
  ): Promise<Story> => {
    const actor = requireEditor();
    checkLock(id);
    const box: { event: ReviewEvent | null } = { event: null };
    const saved = await store.save(id, baseRev, content, who(), (current, next) => {
      let out = next;
      if (current.status !== 'draft' && current.status !== 'returned' && contentChanged(current, next)) {
        const outcome = transition({
          state: { status: current.status, signatures: current.signatures ?? [] },
          facts: factsOf(current),
          actor,
          action: 'edit',
          rev: current.contentRev ?? current.rev,
          at: now().toISOString(),
        });
        if (!outcome.ok) throw refusalError(outcome.refusal);
        box.event = outcome.event;
        out = { ...out, status: outcome.state.status, signatures: outcome.state.signatures };
      }
      if ((current.comments ?? []).some((c) => c.anchor))
        out = { ...out, comments: reanchorComments(current.comments ?? [], next) };
      return out;
    });
    told(saved);
    const done = box.event;
    if (restoredFrom !== undefined)
      await record('restore', saved, saved.rev, { detail: `rev ${restoredFrom}` });
    if (done) {
      await record('edit-after-sign', saved, saved.rev, {
        level: done.level,
        from: done.from,
        to: done.to,
        detail: done.cleared.map((s) => `${s.level}:${s.name}@${s.rev}`).join(' '),
      });
    }
    return saved;
  };

  const handlers: ReviewHandlers = {
    'users.list': async () => ({ users: userStore.list(), current: users.current() }),
    'users.save': async ({ users: profiles }) => {
      const user = requireUser();
      if (!hasRole(user, 'admin')) {
        throw refusalError({
          key: 'review.refused.adminOnly',
          params: { name: user.name },
          message: `${user.name} is not an admin; only an admin manages profiles. Nothing was saved.`,
        });
      }
      const before = userStore.list();
      const saved = await userStore.save(
        profiles.map((p) => ({ ...p, name: p.name.trim(), disabled: p.disabled ?? false })),
      );
      const changes = profileChanges(before, saved);
      if (changes) await audit.record(deskEntry(user, changes));
      return saved;
    },
    'session.setUser': async ({ userId }) => {
      const before = users.current();
      const user = await users.choose(userId);
      // The previous person's locks end with their turn at this window (the window saved their text first).
      if (before?.id !== user.id) locks.releaseSession(currentSession());
      return user;
    },

    'review.queue': async () => {
      const user = users.current();
      if (!user) return [];
      // Editors and the admin also see the stories nobody may sign as the roles stand (issue 19).
      const overseer = isEditor(user) || hasRole(user, 'admin');
      const people = userStore.list();
      const items: QueueItem[] = [];
      for (const summary of store.list()) {
        if (summary.deletedAt !== null) continue;
        const level = awaitingLevel(summary.status);
        const mine = level !== null && hasRole(user, LEVEL_ROLE[level]);
        if (!mine && summary.status !== 'returned' && !(level !== null && overseer)) continue;
        const story = await store.get(summary.id);
        const state = { status: story.status, signatures: story.signatures ?? [] };
        const facts = factsOf(story);
        const stuck = level !== null ? nobodyToSign(state, facts, people) : null;
        if (!mine && summary.status === 'returned' && !isOwnStory(user, facts)) continue;
        if (!mine && summary.status !== 'returned' && !stuck) continue;
        let blockedBy: string | null = null;
        if (mine) {
          const dry = transition({
            state,
            facts,
            actor: user,
            action: 'sign',
            rev: story.contentRev ?? story.rev,
            at: '',
          });
          blockedBy = dry.ok ? null : dry.refusal.key;
        }
        items.push({
          story: summary,
          level,
          signatures: story.signatures ?? [],
          blockedBy,
          openComments: (story.comments ?? []).filter((c) => !c.resolved).length,
          submission: story.submission ?? null,
          stuck,
        });
      }
      return items;
    },

    'review.act': async ({ id, action, baseRev, comment, anchor, note, findings }) => {
      const actor = users.current();
      const box: { event: ReviewEvent | null; contentRev: number } = { event: null, contentRev: baseRev };
      const at = now().toISOString();
      const next = await store.amendReview(id, baseRev, (current) => {
        const contentRev = current.contentRev ?? current.rev;
        box.contentRev = contentRev;
        const outcome = transition({
          state: { status: current.status, signatures: current.signatures ?? [] },
          facts: factsOf(current),
          actor,
          action,
          rev: contentRev,
          at,
          comment,
        });
        if (!outcome.ok) throw refusalError(outcome.refusal);
        box.event = outcome.event;
        let comments = current.comments ?? [];
        if (action === 'return' && actor && comment) {
          comments = [
            ...comments,
            newComment(current, actor, comment, anchor ?? null, at, contentRev, outcome.event?.level ?? null),
          ];
        }
        const submission: Submission | undefined =
          action === 'submit' && actor
            ? {
                userId: actor.id,
                name: actor.name,
                at,
                rev: contentRev,
                note: note?.trim() ?? '',
                chars: countText(bodyPlainText(current.body)).wordStyle,
                photos: current.photos.length,
                findings: findings ?? null,
              }
            : current.submission;
        return {
          ...current,
          status: outcome.state.status,
          signatures: outcome.state.signatures,
          comments,
          signedRev: action === 'sign' ? contentRev : current.signedRev,
          ...(submission ? { submission } : {}),
        };
      });
      const done = box.event;
      if (done) {
        await record(done.kind, next, box.contentRev, {
          level: done.level,
          from: done.from,
          to: done.to,
          detail: action === 'return' ? (comment ?? '') : action === 'submit' ? (note?.trim() ?? '') : '',
        });
      }
      return reviewed(told(next));
    },

    // A single desktop signs without keys: who is at the desk is the picked profile (ADR 011).
    'review.challenge': async () => Promise.reject(notOnDesk('review.challenge')),
    'keys.register': async () => Promise.reject(notOnDesk('keys.register')),

    'review.audit': async (target) =>
      'id' in target ? audit.forStory(target.id) : audit.forPage(target.page),
    'review.auditCsv': async (target) =>
      auditCsv('id' in target ? await audit.forStory(target.id) : await audit.forPage(target.page)),

    'comments.add': async ({ id, text, parentId, anchor }) => {
      const actor = requireUser();
      const next = await store.amendReview(id, null, (current) => {
        const comments = current.comments ?? [];
        if (parentId && !comments.some((c) => c.id === parentId)) throw commentNotFound(id, parentId);
        const rev = current.contentRev ?? current.rev;
        const comment = newComment(current, actor, text, anchor ?? null, now().toISOString(), rev, null);
        return { ...current, comments: [...comments, { ...comment, parentId: parentId ?? null }] };
      });
      return reviewed(next);
    },
    'comments.resolve': async ({ id, commentId }) => setResolved(id, commentId, true),
    'comments.reopen': async ({ id, commentId }) => setResolved(id, commentId, false),

    'locks.view': async ({ id }) => locks.view(id, currentSession()),
    // A lock is always in a chosen person's name (issue 19), never the OS account's.
    'locks.acquire': async ({ id }) => {
      const user = requireLockUser();
      return locks.acquire(id, currentSession(), { userId: user.id, name: user.name });
    },
    'locks.renew': async ({ id }) => {
      const user = requireLockUser();
      return locks.renew(id, currentSession(), { userId: user.id, name: user.name });
    },
    'locks.release': async ({ id }) => locks.release(id, currentSession()),
    'locks.takeOver': async ({ id }) => {
      const user = requireUser();
      if (!isEditor(user)) {
        throw refusalError({
          key: 'review.refused.takeOverRole',
          params: { name: user.name },
          message: `${user.name} is not an editor; only an editor may take over someone's lock. Ask them to close the story.`,
        });
      }
      const story = await store.get(id);
      const previous = locks.takeOver(id, currentSession(), { userId: user.id, name: user.name });
      if (previous) {
        await record('lock-takeover', story, story.contentRev ?? story.rev, {
          detail: `${previous.name} (${previous.userId || '-'})`,
        });
      }
      return locks.view(id, currentSession());
    },

    'history.list': async ({ id }) => {
      const story = await store.get(id);
      const signatures = story.signatures ?? [];
      const currentRev = story.contentRev ?? story.rev;
      const entry = (
        rev: number,
        savedAt: string,
        savedBy: string,
        content: StoryContent,
        current: boolean,
        signed: boolean,
      ): HistoryEntry => ({
        rev,
        savedAt,
        savedBy,
        current,
        signed: signed || signatures.some((s) => s.rev === rev),
        signatures: signatures.filter((s) => s.rev === rev),
        chars: bodyPlainText(content.body).length,
      });
      const entries = [
        entry(currentRev, story.updatedAt, story.updatedBy, story, true, story.signedRev === currentRev),
      ];
      for (let i = story.history.length - 1; i >= 0; i--) {
        const r = story.history[i]!;
        entries.push(entry(r.rev, r.savedAt, r.savedBy, r.content, false, r.signed === true));
      }
      return { id, status: story.status, entries };
    },
    'history.diff': async ({ id, from, to }) => {
      const story = await store.get(id);
      return { id, from, to, fields: diffRevisions(contentAt(story, from), contentAt(story, to)) };
    },
    'history.restore': async ({ id, rev, baseRev }) => {
      const story = await store.get(id);
      return save(id, baseRev ?? story.rev, contentAt(story, rev), rev);
    },
  };

  function requireLockUser(): UserProfile {
    const user = users.current();
    if (!user) throw refusalError(NO_USER_EDIT);
    return user;
  }

  async function setResolved(id: string, commentId: string, resolved: boolean): Promise<Story> {
    const actor = requireUser();
    const next = await store.amendReview(id, null, (current) => {
      const comments = current.comments ?? [];
      if (!comments.some((c) => c.id === commentId)) throw commentNotFound(id, commentId);
      const at = now().toISOString();
      return {
        ...current,
        comments: comments.map((c) =>
          c.id === commentId
            ? { ...c, resolved, resolvedBy: resolved ? actor.name : null, resolvedAt: resolved ? at : null }
            : c,
        ),
      };
    });
    return reviewed(next);
  }

  return {
    handlers,
    auditExports: (exportPage, planOf) =>
      auditedExport(exportPage, {
        audit,
        planOf,
        story: (id) => store.get(id),
        actor: () => ({ id: actorId(), name: who() }),
        now,
      }),
    save: (id, baseRev, content) => save(id, baseRev, content),
    who,
    currentUser: () => users.current(),
    requireWriter: requireEditor,
    audit,
    locks,
  };
}

const NO_USER_EDIT: Refusal = {
  key: 'review.refused.noUserEdit',
  params: {},
  message:
    'Nobody is chosen in this window, so the story is read-only here: choose who you are (top right) to lock and change it. Nothing was saved; the text in the window is kept.',
};

const NO_USER: Refusal = {
  key: 'review.refused.noUser',
  params: {},
  message: 'Nobody is chosen at this desk: pick who you are (top right) and try again. Nothing was changed.',
};

/** The content of revision `rev`: exact, else the compacted revision that absorbed it. */
export function contentAt(story: Story, rev: number): StoryContent {
  const currentRev = story.contentRev ?? story.rev;
  if (rev >= currentRev && rev <= story.rev) return contentOf(story);
  const exact = story.history.find((r) => r.rev === rev);
  if (exact) return exact.content;
  const later = story.history.find((r) => r.rev > rev);
  if (later && rev >= (story.history[0]?.rev ?? Infinity)) return later.content;
  if (!later && rev < currentRev && rev > (story.history.at(-1)?.rev ?? 0)) return contentOf(story);
  throw new DeskError(
    'not-found',
    'error.revisionNotFound',
    { id: story.id, rev },
    `Revision ${rev} of story ${story.id} is no longer kept (older revisions are compacted). Pick one from the history list.`,
  );
}

function contentChanged(current: Story, next: Story): boolean {
  return JSON.stringify(contentOf(current)) !== JSON.stringify(contentOf(next));
}

function newComment(
  story: Story,
  actor: UserProfile,
  text: string,
  anchor: AnchorInput | null,
  at: string,
  rev: number,
  returnedAt: ReviewLevel | null,
): ReviewComment {
  let made = null;
  if (anchor) {
    made = makeAnchor(
      contentOf(story),
      anchor.field,
      anchor.block,
      anchor.start,
      anchor.end,
      anchor.whole === true,
    );
    if (!made)
      throw invalidInput(
        'comments.add',
        `the passage ${anchor.field} ${anchor.block}:${anchor.start}-${anchor.end} is not in the text`,
      );
  }
  return {
    id: randomBytes(6).toString('hex'),
    parentId: null,
    anchor: made,
    text,
    userId: actor.id,
    name: actor.name,
    at,
    rev,
    returnedAt,
    resolved: false,
    resolvedBy: null,
    resolvedAt: null,
  };
}

export { refusalError };

function lockedError(id: string, holder: LockHolder): DeskError {
  return new DeskError(
    'locked',
    'error.lockedBy',
    { id, name: holder.name },
    `${holder.name} is editing story ${id} (it is locked to them). Your text was not saved; ` +
      'copy it somewhere safe, or ask an editor to take over the lock.',
  );
}

function commentNotFound(id: string, commentId: string): DeskError {
  return new DeskError(
    'not-found',
    'error.commentNotFound',
    { id, commentId },
    `Story ${id} has no comment ${commentId}.`,
  );
}

/** What an admin changed in the profiles, for the desk's audit file; '' when nothing did. */
export function profileChanges(before: readonly UserProfile[], after: readonly UserProfile[]): string {
  const out: string[] = [];
  const old = new Map(before.map((u) => [u.id, u]));
  for (const u of after) {
    const was = old.get(u.id);
    if (!was) {
      out.push(`+${u.id} ${u.name} [${u.roles.join(',')}]${u.disabled ? ' disabled' : ''}`);
      continue;
    }
    if (was.name !== u.name) out.push(`${u.id} name ${was.name} → ${u.name}`);
    if (was.roles.join(',') !== u.roles.join(','))
      out.push(`${u.id} roles [${was.roles.join(',')}] → [${u.roles.join(',')}]`);
    if (was.disabled !== u.disabled) out.push(`${u.id} ${u.disabled ? 'disabled' : 'enabled'}`);
  }
  return out.join('; ');
}

/** A newsroom-only method called on a single desktop (signing keys belong to a connected desk). */
function notOnDesk(method: string): DeskError {
  return new DeskError(
    'unsupported',
    'error.notOnDesk',
    { method },
    `${method} belongs to the newsroom server: a desktop that is not connected signs without keys. Nothing was changed.`,
  );
}
