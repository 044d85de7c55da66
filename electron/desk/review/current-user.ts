/**
 * Who is at the desk. The workflow only ever asks a CurrentUserProvider; today the
 * person picks themselves from the profiles (per session, in memory), and a real
 * sign-in for the shared desk can implement the same interface from its token
 * without touching the workflow or the handlers.
 */
import { DeskError } from '../../../shared/api/errors';
import type { UserProfile } from '../../../shared/review/roles';
import { currentSession } from './session-context';
import type { UserStore } from './user-store';

export interface CurrentUserProvider {
  /** The person behind the call being handled, or null when nobody is chosen. */
  current(): UserProfile | null;
  /** Says who is at this session's desk (the picker); a sign-in provider refuses this. */
  choose(userId: string): Promise<UserProfile>;
}

/** The picker: session → chosen profile id. Forgotten when the host stops (the renderer picks again). */
export class PickedUser implements CurrentUserProvider {
  readonly #users: UserStore;
  readonly #chosen = new Map<string, string>();

  readonly #onFirstAdmin: ((user: UserProfile) => Promise<void>) | undefined;

  constructor(users: UserStore, onFirstAdmin?: (user: UserProfile) => Promise<void>) {
    this.#users = users;
    this.#onFirstAdmin = onFirstAdmin;
  }

  current(): UserProfile | null {
    const id = this.#chosen.get(currentSession());
    const user = id ? this.#users.get(id) : null;
    return user && !user.disabled ? user : null;
  }

  /**
   * The picker's choice. While the desk has no enabled admin (users.json edited by
   * hand, or migrated from elsewhere), the first person set up becomes admin, so
   * someone can manage profiles; `onFirstAdmin` lets the desk record it.
   */
  async choose(userId: string): Promise<UserProfile> {
    let user = this.#users.get(userId);
    if (!user || user.disabled) {
      throw new DeskError(
        'not-found',
        'error.userNotFound',
        { userId },
        `No enabled profile with id ${userId}.`,
      );
    }
    if (this.#users.hasNoAdmin()) {
      const granted = await this.#users.grantFirstAdmin(userId);
      if (granted) {
        user = granted;
        await this.#onFirstAdmin?.(granted);
      }
    }
    this.#chosen.set(currentSession(), userId);
    return user;
  }
}
