/**
 * What the renderer derives from the desk's NewsroomStatus (shared/api/newsroom-contract.ts):
 * which store the window shows, whether the identity picker exists, when the window must
 * read its data again, and the new-password rules checked before the desk is asked.
 */
import type { NewsroomState, NewsroomStatus } from '../../../shared/api';

/**
 * The desk's own lowdb store (local, signed out, or signed in with a one-time password
 * that must be changed first) or the newsroom's (signed in, answering or not).
 */
export type StoreKind = 'own' | 'newsroom';

export function storeOf(state: NewsroomState): StoreKind {
  return state === 'connected' || state === 'unreachable' ? 'newsroom' : 'own';
}

/** The picker chooses who is at a lone desk; once signed in, the person is the account. */
export function pickerAllowed(state: NewsroomState | null): boolean {
  return state === null || state === 'local' || state === 'signedOut';
}

/**
 * True when what the window shows came from another store or another person than the
 * new status says: the stories list, the queue and the open story are read again.
 * A change that keeps store and person (the server stops or starts answering, a kept
 * save is delivered) only updates the badge.
 */
export function needsReload(before: NewsroomStatus | null, after: NewsroomStatus): boolean {
  if (before === null) return false;
  if (storeOf(before.state) !== storeOf(after.state)) return true;
  return storeOf(after.state) === 'newsroom' && before.person?.id !== after.person?.id;
}

/**
 * The newsroom's password rule (10 to 200 characters, electron/server/accounts); the
 * server checks it again and its refusal is shown as it comes.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export type PasswordProblem =
  | {
      key:
        | 'newsroom.change.noCurrent'
        | 'newsroom.change.noNext'
        | 'newsroom.change.mismatch'
        | 'newsroom.change.same';
    }
  | {
      key: 'newsroom.change.tooShort' | 'newsroom.change.tooLong';
      params: { length: number; min: number; max: number };
    };

/** The first thing wrong with a new password and its repetition, or null. */
export function passwordProblem(current: string, next: string, again: string): PasswordProblem | null {
  if (!current) return { key: 'newsroom.change.noCurrent' };
  if (!next) return { key: 'newsroom.change.noNext' };
  const length = [...next].length;
  const params = { length, min: PASSWORD_MIN, max: PASSWORD_MAX };
  if (length < PASSWORD_MIN) return { key: 'newsroom.change.tooShort', params };
  if (length > PASSWORD_MAX) return { key: 'newsroom.change.tooLong', params };
  if (next !== again) return { key: 'newsroom.change.mismatch' };
  if (next === current) return { key: 'newsroom.change.same' };
  return null;
}

/** What the window assumes until the desk answered `newsroom.status`: a lone desktop. */
export const LOCAL_VIEW: NewsroomStatus = {
  state: 'local',
  server: null,
  lastLogin: null,
  person: null,
  expiresAt: null,
  unreachableSince: null,
  pending: [],
  key: null,
};
