/**
 * The desktop's connection to the newsroom server (issue 17, 设置 → 连接编辑部). These methods
 * are answered by the desktop itself, never forwarded: they say which store the desk works
 * on (its own lowdb store, or the newsroom's while signed in), sign a person in and out, and
 * list the saves kept on this computer that have not reached the newsroom yet.
 *
 * While signed in, every other contract method goes to the server (the remote transport,
 * electron/desk/newsroom/) and the identity picker is gone: the person is the account. A
 * desktop that never connected answers `state: 'local'` and works as a single desk.
 */
import { z } from 'zod';

import type { Role } from '../review/roles';

export const NEWSROOM_STATES = [
  /** No newsroom address: the single desktop on its own lowdb store (the default). */
  'local',
  /** An address is set but nobody is signed in: the desk works on its own store until someone signs in. */
  'signedOut',
  /** Signed in with a one-time password: only changing it is allowed. */
  'passwordChange',
  /** Signed in, and the server answers. */
  'connected',
  /** Signed in, but the server (or its database) does not answer: saves are kept on this computer. */
  'unreachable',
] as const;
export type NewsroomState = (typeof NEWSROOM_STATES)[number];

export type NewsroomPerson = { id: string; login: string; name: string; roles: Role[] };

/** A save that did not reach the newsroom: kept in the data folder, sent again when the server answers. */
export type PendingSave = {
  storyId: string;
  headline: string;
  baseRev: number;
  at: string;
  /** The error key when the newsroom refused it on resending (someone saved meanwhile): kept, not sent again. */
  refused?: string | null;
};

/**
 * A story this desk holds away from the newsroom (issue 18, ADR 013): checked out to the person on
 * this desk, or a draft written here while the newsroom did not answer (created there at check-in).
 */
export type AwayStory = {
  storyId: string;
  headline: string;
  kind: 'checkout' | 'draft';
  /** The newsroom's revision the copy left at (a draft: 1). */
  baseRev: number;
  /** The newsroom's revision after the last check-in that touched it; null before any. */
  serverRev: number | null;
  since: string;
  /** Operations of this story waiting in the outbox. */
  waiting: number;
};

/** A check-in kept as a parallel version (someone took the story over meanwhile): both versions are on the newsroom. */
export type ParallelCheckIn = {
  storyId: string;
  headline: string;
  opId: string;
  /** The newsroom's revision it arrived over (someone else's). */
  revision: number;
  conflictId: number | null;
  at: string;
};

export type NewsroomStatus = {
  state: NewsroomState;
  /** The server's address (https://host:port, or http://127.0.0.1:port); null when local. */
  server: string | null;
  /** The last login name used on this desk, to prefill the sign-in form. */
  lastLogin: string | null;
  person: NewsroomPerson | null;
  /** When the session ends unless renewed by use (ISO). */
  expiresAt: string | null;
  /** Since when the server has not answered (ISO); null while it answers. */
  unreachableSince: string | null;
  pending: PendingSave[];
  /** The person's signing key on this desk: its fingerprint and where the encrypted key file is. */
  key: { fingerprint: string; file: string } | null;
  /*
   * Check-out (issue 18). Always set by the desk; optional so a status written before check-out
   * still reads.
   */
  /** This desk's name on the newsroom (stable per data folder: host name and a short id); null when local. */
  desk?: string | null;
  /** The stories held away on this desk for the signed-in person. */
  away?: AwayStory[];
  /** Operations waiting in the outbox for the signed-in person (sent at check-in). */
  outbox?: number;
  /** Check-ins that ended as parallel versions: the story is in conflict on the newsroom. */
  parallel?: ParallelCheckIn[];
  /** The operation the last check-in had refused (it and the ones after it wait); null when none. */
  checkInRefused?: { opId: string; key: string; detail: string } | null;
  /** When the last check-in answered (ISO); null before any. */
  lastCheckIn?: string | null;
  /**
   * True when the desk was restarted while the newsroom did not answer and opened offline for the
   * person who last signed in on it (`person`, state `unreachable` since `unreachableSince`): no
   * session, the signing key locked; the stories held away and new drafts are written as before.
   * When the newsroom answers, the state becomes `signedOut` and the person signs in again.
   */
  openedOffline?: boolean;
};

type Method<I extends z.ZodType, O> = { input: I; output?: O };
function method<O>() {
  return <I extends z.ZodType>(input: I): Method<I, O> => ({ input });
}

const Password = z.string().min(1).max(200);

export const newsroomContract = {
  /** Which store the desk works on, who is signed in, and the saves not yet delivered. */
  'newsroom.status': method<NewsroomStatus>()(z.object({})),
  /** Sets the newsroom server's address after checking that it answers as a newsroom server. */
  'newsroom.connect': method<NewsroomStatus>()(z.object({ server: z.string().min(1).max(300) })),
  /**
   * Signs in; unlocks (or makes, the first time) the person's signing key with the same
   * password and registers its public key with the server.
   */
  'newsroom.signIn': method<NewsroomStatus>()(
    z.object({ login: z.string().min(1).max(64), password: Password }),
  ),
  /** Changes the signed-in person's password (required after a one-time password); re-encrypts the key. */
  'newsroom.changePassword': method<NewsroomStatus>()(z.object({ current: Password, next: Password })),
  /** Ends the session on the server; the desk goes back to its own store. Undelivered saves stay kept. */
  'newsroom.signOut': method<NewsroomStatus>()(z.object({})),
  /** Forgets the newsroom's address (signed out first): the desk is a single desktop again. */
  'newsroom.disconnect': method<NewsroomStatus>()(z.object({})),
} as const;
