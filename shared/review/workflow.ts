/**
 * The 三审 workflow as one pure function (issue 6, domain §6): given the story's
 * review state, who is acting and what they do, it returns the new state or a
 * refusal a person can act on (i18n key + params + English text). Storage, locks
 * and transports call it; nothing here reads a clock, a file or a session.
 *
 * Statuses: draft → submitted → first-passed (初审) → second-passed (复审) →
 * approved (终审) → laid-out; any review level can return the story to its
 * reporter (returned), which clears every signature so it goes round again.
 *
 * "Own story" (a reporter cannot sign their own story, nor can anyone else who
 * wrote it): the actor's name is among the byline's person names, or the actor
 * created the story (createdBy is their id or name). Editors who merely edited
 * the text are not authors: edit-after-sign is part of their job.
 */
import { DeskError } from '../api/errors';
import type { Story, StoryStatus } from '../model/story';
import { LEVEL_ROLE, LEVEL_ZH, hasRole, isEditor, type UserProfile } from './roles';
import { REVIEW_LEVELS, type ReviewLevel, type Signature } from './schemas';

export const REVIEW_ACTIONS = ['submit', 'sign', 'return', 'layout', 'edit'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export type ReviewState = { status: StoryStatus; signatures: readonly Signature[] };

/** What the workflow needs to know about the story besides its state. */
export type StoryFacts = { bylineNames: readonly string[]; createdBy: string | null };

export type Refusal = { key: string; params: Record<string, string | number>; message: string };

export type ReviewEvent = {
  kind: 'submit' | 'sign' | 'return' | 'layout' | 'edit-after-sign';
  from: StoryStatus;
  to: StoryStatus;
  /** The level signed, returned at, or (edit) the editing level. */
  level: ReviewLevel | null;
  /** Signatures removed by this transition (return, edit-after-sign). */
  cleared: Signature[];
};

export type Outcome =
  | { ok: true; state: { status: StoryStatus; signatures: Signature[] }; event: ReviewEvent | null }
  | { ok: false; refusal: Refusal };

export type TransitionInput = {
  state: ReviewState;
  facts: StoryFacts;
  /** Null when nobody has said who they are. */
  actor: UserProfile | null;
  action: ReviewAction;
  /** The content revision acted on (a signature names it). */
  rev: number;
  /** ISO time of the action. */
  at: string;
  /** Required for 'return'. */
  comment?: string;
  /**
   * The level the actor saw and means to sign or return at (a signed sign-off names it, issue 17).
   * When the story no longer waits at that level (someone signed it a moment before), the action is
   * refused instead of applying at the next level. Absent: the level the story waits for.
   */
  level?: ReviewLevel;
};

/** A refusal as the error every transport sends (the desktop's and the newsroom server's alike). */
export function refusalError(refusal: Refusal): DeskError {
  return new DeskError('invalid-input', refusal.key, refusal.params, refusal.message);
}

/** The level a story in this status waits for, or null. */
export function awaitingLevel(status: StoryStatus): ReviewLevel | null {
  switch (status) {
    case 'submitted':
      return 'first';
    case 'first-passed':
      return 'second';
    case 'second-passed':
      return 'final';
    default:
      return null;
  }
}

/** The status a story under review has with these signatures. */
export function statusForSignatures(signatures: readonly Signature[]): StoryStatus {
  const has = (level: ReviewLevel) => signatures.some((s) => s.level === level);
  if (has('first') && has('second') && has('final')) return 'approved';
  if (has('first') && has('second')) return 'second-passed';
  if (has('first')) return 'first-passed';
  return 'submitted';
}

/** True when the actor wrote the story (see the module comment). */
/** The byline's person names and the creator: who counts as the story's author. */
export function factsOf(story: Pick<Story, 'byline' | 'createdBy'>): StoryFacts {
  const bylineNames = story.byline.credits.flatMap((c) => (c.kind === 'person' ? c.names : []));
  return { bylineNames, createdBy: story.createdBy ?? null };
}

export function isOwnStory(actor: UserProfile, facts: StoryFacts): boolean {
  if (facts.createdBy !== null && (facts.createdBy === actor.id || facts.createdBy === actor.name))
    return true;
  return facts.bylineNames.includes(actor.name);
}

/** The lowest level the person may sign: the level an edit of theirs counts at. */
export function editingLevel(actor: UserProfile): ReviewLevel | null {
  return REVIEW_LEVELS.find((level) => hasRole(actor, LEVEL_ROLE[level])) ?? null;
}

const levelIndex = (level: ReviewLevel) => REVIEW_LEVELS.indexOf(level);

function refuse(key: string, params: Record<string, string | number>, message: string): Outcome {
  return { ok: false, refusal: { key, params, message } };
}

const noUser = () =>
  refuse(
    'review.refused.noUser',
    {},
    'Nobody is chosen at this desk: pick who you are (top right) and try again. Nothing was changed.',
  );

export function transition(input: TransitionInput): Outcome {
  const { state, facts, actor, action, rev, at } = input;
  const from = state.status;
  const signatures = state.signatures.slice();

  if (action === 'edit') return edit(input);
  if (actor === null) return noUser();

  switch (action) {
    case 'submit': {
      if (from !== 'draft' && from !== 'returned') {
        return refuse(
          'review.refused.notDraft',
          { status: from },
          `Only a draft or a returned story can be submitted; this one is "${from}". Nothing was changed.`,
        );
      }
      if (!hasRole(actor, 'reporter') && !isEditor(actor)) {
        return refuse(
          'review.refused.cannotSubmit',
          { name: actor.name },
          `${actor.name} has neither the reporter nor an editor role, so cannot submit stories. An admin can add the role.`,
        );
      }
      return {
        ok: true,
        state: { status: 'submitted', signatures: [] },
        event: ev('submit', from, 'submitted', null, signatures),
      };
    }

    case 'sign': {
      const level = awaitingLevel(from);
      if (level === null) {
        return refuse(
          'review.refused.nothingToSign',
          { status: from },
          `A story that is "${from}" waits for no signature: it must be submitted first, and an approved story is already signed at every level.`,
        );
      }
      const moved = levelMoved(input, level, signatures);
      if (moved) return moved;
      const roleRefusal = needsRole(actor, level, 'sign');
      if (roleRefusal) return roleRefusal;
      if (isOwnStory(actor, facts)) {
        return refuse(
          'review.refused.ownStory',
          { name: actor.name, level },
          `${actor.name} wrote this story (byline or creator), and nobody signs their own story. Another ${LEVEL_ZH[level]} editor must sign it.`,
        );
      }
      const earlier = signatures.find((s) => s.userId === actor.id);
      if (earlier) {
        return refuse(
          'review.refused.signedOtherLevel',
          { name: actor.name, level, signed: earlier.level },
          `${actor.name} already signed ${LEVEL_ZH[earlier.level]} of this story; nobody signs two levels of one story. Another editor must sign ${LEVEL_ZH[level]}.`,
        );
      }
      const signature: Signature = { level, userId: actor.id, name: actor.name, rev, at };
      const next = [...signatures, signature];
      const to = statusForSignatures(next);
      return { ok: true, state: { status: to, signatures: next }, event: ev('sign', from, to, level, []) };
    }

    case 'return': {
      const level = awaitingLevel(from) ?? (from === 'approved' || from === 'laid-out' ? 'final' : null);
      if (level === null) {
        return refuse(
          'review.refused.nothingToReturn',
          { status: from },
          `A story that is "${from}" is not under review, so it cannot be returned.`,
        );
      }
      const moved = levelMoved(input, level, signatures);
      if (moved) return moved;
      const roleRefusal = needsRole(actor, level, 'return');
      if (roleRefusal) return roleRefusal;
      if (!input.comment || !/\S/.test(input.comment)) {
        return refuse(
          'review.refused.commentRequired',
          {},
          'A returned story needs a comment saying what to fix. Nothing was changed.',
        );
      }
      return {
        ok: true,
        state: { status: 'returned', signatures: [] },
        event: ev('return', from, 'returned', level, signatures),
      };
    }

    case 'layout': {
      if (from !== 'approved') {
        return refuse(
          'review.refused.notApproved',
          { status: from },
          `Only a story signed at 终审 (approved) can go to layout; this one is "${from}".`,
        );
      }
      if (!isEditor(actor) && !hasRole(actor, 'admin')) {
        return refuse(
          'review.refused.cannotLayout',
          { name: actor.name },
          `${actor.name} is not an editor, so cannot send stories to layout.`,
        );
      }
      return {
        ok: true,
        state: { status: 'laid-out', signatures },
        event: ev('layout', from, 'laid-out', null, []),
      };
    }
  }
  return refuse('review.refused.unknownAction', { action }, `Unknown review action ${String(action)}.`);
}

/**
 * A content change. Drafts and returned stories are anyone's to edit. A submitted
 * story is the editors' (its reporter asks for it back). A signed story may be
 * edited by an editor: the signatures from the editor's level up are cleared and
 * the status steps back to what the remaining signatures say (domain §6).
 */
function edit({ state, actor }: TransitionInput): Outcome {
  const from = state.status;
  const signatures = state.signatures.slice();
  if (from === 'draft' || from === 'returned')
    return { ok: true, state: { status: from, signatures }, event: null };
  if (actor === null) return noUser();
  if (!isEditor(actor)) {
    return refuse(
      from === 'submitted' ? 'review.refused.editSubmitted' : 'review.refused.editSigned',
      { name: actor.name, status: from },
      from === 'submitted'
        ? `The story is submitted for review, so ${actor.name} cannot change it now; ask the editor to return it. Your text was not saved.`
        : `The story is signed, and only an editor may change a signed story. Your text was not saved; add a comment instead.`,
    );
  }
  const level = editingLevel(actor)!;
  const kept = signatures.filter((s) => levelIndex(s.level) < levelIndex(level));
  const cleared = signatures.filter((s) => levelIndex(s.level) >= levelIndex(level));
  if (cleared.length === 0) return { ok: true, state: { status: from, signatures }, event: null };
  const to = statusForSignatures(kept);
  return {
    ok: true,
    state: { status: to, signatures: kept },
    event: ev('edit-after-sign', from, to, level, cleared),
  };
}

/** The refusal when the actor meant another level than the one the story waits at now. */
function levelMoved(
  input: TransitionInput,
  level: ReviewLevel,
  signatures: readonly Signature[],
): Outcome | null {
  const meant = input.level;
  if (meant === undefined || meant === level) return null;
  const signed = signatures.find((s) => s.level === meant);
  if (signed) {
    return refuse(
      'review.refused.alreadySigned',
      { level: meant, name: signed.name },
      `${LEVEL_ZH[meant]} of this story has just been signed by ${signed.name}; nobody signs one level twice. Nothing was changed.`,
    );
  }
  return refuse(
    'review.refused.levelMoved',
    { level: meant, status: input.state.status },
    `The story no longer waits at ${LEVEL_ZH[meant]} (it is "${input.state.status}" now); reload it and look again. Nothing was changed.`,
  );
}

function needsRole(actor: UserProfile, level: ReviewLevel, verb: 'sign' | 'return'): Outcome | null {
  if (hasRole(actor, LEVEL_ROLE[level])) return null;
  return refuse(
    'review.refused.noRole',
    { name: actor.name, level },
    `${actor.name} does not hold the ${LEVEL_ZH[level]} role, so cannot ${verb} at ${LEVEL_ZH[level]}. An admin can give the role.`,
  );
}

function ev(
  kind: ReviewEvent['kind'],
  from: StoryStatus,
  to: StoryStatus,
  level: ReviewLevel | null,
  cleared: Signature[],
): ReviewEvent {
  return { kind, from, to, level, cleared };
}

/** Why someone holding a level's role may not sign it now. */
export type SignerBlock = {
  userId: string;
  name: string;
  /** The refusal's key: review.refused.ownStory or review.refused.signedOtherLevel. */
  key: string;
  /** The level they signed already (signedOtherLevel). */
  signed: ReviewLevel | null;
};

/** Who may sign the level a story waits for, asked of the workflow for every active person. */
export type SignerCheck = {
  level: ReviewLevel;
  /** Active people who may sign it now. */
  eligible: { id: string; name: string }[];
  /** Active holders of the level's role whom the workflow refuses, and why. */
  blocked: SignerBlock[];
  /**
   * What an administrator can do (人员管理): active editors without the role who could sign
   * the level once given it (not an author, no other level signed). Empty: add a person.
   */
  candidates: { id: string; name: string }[];
};

/**
 * The level the story waits for and who may sign it, or null when it waits for no
 * signature. The desk's queue and the story screen both ask this, so "nobody can
 * sign 终审" is said the same way everywhere. Disabled profiles are left out.
 */
export function signersFor(
  state: ReviewState,
  facts: StoryFacts,
  users: readonly UserProfile[],
): SignerCheck | null {
  const level = awaitingLevel(state.status);
  if (level === null) return null;
  const check: SignerCheck = { level, eligible: [], blocked: [], candidates: [] };
  for (const user of users) {
    if (user.disabled) continue;
    const outcome = transition({ state, facts, actor: user, action: 'sign', rev: 1, at: '' });
    if (outcome.ok) {
      check.eligible.push({ id: user.id, name: user.name });
      continue;
    }
    const signed = state.signatures.find((s) => s.userId === user.id)?.level ?? null;
    if (hasRole(user, LEVEL_ROLE[level])) {
      check.blocked.push({ userId: user.id, name: user.name, key: outcome.refusal.key, signed });
    } else if (signed === null && isEditor(user) && !isOwnStory(user, facts)) {
      check.candidates.push({ id: user.id, name: user.name });
    }
  }
  return check;
}

/** The check when nobody may sign the awaited level (the story cannot go on as the roles stand), else null. */
export function nobodyToSign(
  state: ReviewState,
  facts: StoryFacts,
  users: readonly UserProfile[],
): SignerCheck | null {
  const check = signersFor(state, facts, users);
  return check && check.eligible.length === 0 ? check : null;
}

/** "Nobody can sign" as a refusal: i18n key + params for the UI, English for logs and the CLI. */
export function nobodyToSignRefusal(check: SignerCheck): Refusal {
  const level = LEVEL_ZH[check.level];
  const why = check.blocked
    .map((b) => (b.signed ? `${b.name} signed ${LEVEL_ZH[b.signed]}` : `${b.name} wrote the story`))
    .join('; ');
  const names = check.candidates.map((c) => c.name).join(', ');
  return {
    key: check.candidates.length > 0 ? 'review.stuck.give' : 'review.stuck.add',
    params: { level: check.level, candidates: names },
    message:
      `Nobody can sign ${level} of this story${why ? ` (${why}; nobody signs two levels or their own story)` : ' (nobody holds the role)'}. ` +
      (names
        ? `An administrator can give the ${level} role to another person in 人员管理 (people): ${names}.`
        : `An administrator can add a person with the ${level} role in 人员管理 (people).`),
  };
}
