/**
 * The desk's people: users.json in the data folder, created with an admin and the
 * demo desk on first open, written durably, replaced as a whole by an admin.
 */
import { join } from 'node:path';

import { DeskError } from '../../../shared/api/errors';
import { UsersDocSchema, defaultUsers, hasRole, type UserProfile } from '../../../shared/review/roles';
import { DurableJsonFile } from '../storage/durable-file';
import { SerialQueue } from '../storage/serial-queue';

export class UserStore {
  readonly #file: DurableJsonFile<{ schema: 1; users: UserProfile[] }>;
  readonly #queue = new SerialQueue();
  #users: UserProfile[];

  private constructor(file: DurableJsonFile<{ schema: 1; users: UserProfile[] }>, users: UserProfile[]) {
    this.#file = file;
    this.#users = users;
  }

  /** Reads users.json, creating it with the default people when missing. A damaged file is an error, never overwritten. */
  static async open(dataDir: string): Promise<UserStore> {
    const file = new DurableJsonFile(join(dataDir, 'users.json'), UsersDocSchema);
    const doc = await file.read();
    if (doc) return new UserStore(file, doc.users);
    const users = defaultUsers();
    await file.write({ schema: 1, users });
    return new UserStore(file, users);
  }

  list(): UserProfile[] {
    return structuredClone(this.#users);
  }

  get(id: string): UserProfile | null {
    return this.#users.find((u) => u.id === id) ?? null;
  }

  /** True while no enabled profile holds the admin role (a hand-edited or migrated users.json). */
  hasNoAdmin(): boolean {
    return !this.#users.some((u) => !u.disabled && hasRole(u, 'admin'));
  }

  /**
   * First start without an admin: the first person who sets themselves up gets the
   * admin role, so somebody can manage profiles. Returns the profile (unchanged when
   * an admin exists by the time the queue runs).
   */
  grantFirstAdmin(userId: string): Promise<UserProfile | null> {
    return this.#queue.run(async () => {
      const user = this.#users.find((u) => u.id === userId);
      if (!user || user.disabled || !this.hasNoAdmin()) return null;
      const next = this.#users.map((u) =>
        u.id === userId ? { ...u, roles: [...u.roles, 'admin' as const] } : u,
      );
      await this.#file.write({ schema: 1, users: next });
      this.#users = next;
      return structuredClone(next.find((u) => u.id === userId)!);
    });
  }

  /**
   * Replaces every profile. Refused (nothing written) when an id or a name repeats,
   * when a profile that exists would be dropped (profiles are retired with
   * `disabled`, never deleted: signatures and the audit trail name them), or when
   * no enabled admin would remain (nobody could manage people any more).
   */
  save(users: UserProfile[]): Promise<UserProfile[]> {
    return this.#queue.run(async () => {
      const problem = profilesProblem(this.#users, users);
      if (problem) throw problem;
      await this.#file.write({ schema: 1, users });
      this.#users = structuredClone(users);
      return this.list();
    });
  }
}

/** Why a replacement list of profiles may not be saved, or null. Pure, for tests and the dialog alike. */
export function profilesProblem(
  before: readonly UserProfile[],
  after: readonly UserProfile[],
): DeskError | null {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const u of after) {
    if (ids.has(u.id)) {
      return new DeskError(
        'invalid-input',
        'error.userIdTwice',
        { id: u.id },
        `The id ${u.id} is used twice; nothing was saved.`,
      );
    }
    ids.add(u.id);
    const name = u.name.trim();
    if (names.has(name)) {
      return new DeskError(
        'invalid-input',
        'error.userNameTwice',
        { name },
        `Two profiles are called ${name}; records and bylines go by name, so tell them apart (e.g. 张伟（编辑部）). Nothing was saved.`,
      );
    }
    names.add(name);
  }
  const dropped = before.find((u) => !ids.has(u.id));
  if (dropped) {
    return new DeskError(
      'invalid-input',
      'error.userRemoved',
      { name: dropped.name, id: dropped.id },
      `${dropped.name} (${dropped.id}) would be removed; profiles are deactivated, never deleted, so records keep their names. Nothing was saved.`,
    );
  }
  if (!after.some((u) => !u.disabled && hasRole(u, 'admin'))) {
    return new DeskError(
      'invalid-input',
      'error.lastAdmin',
      {},
      'At least one enabled profile must keep the admin role; nothing was saved.',
    );
  }
  return null;
}
