/**
 * The desk's people: users.json in the data folder, created with an admin and the
 * demo desk on first open, written durably, replaced as a whole by an admin.
 */
import { join } from 'node:path';

import { DeskError, invalidInput } from '../../../shared/api/errors';
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

  /**
   * Replaces every profile. Refused when ids repeat or no enabled admin would remain
   * (nobody could manage people any more).
   */
  save(users: UserProfile[]): Promise<UserProfile[]> {
    return this.#queue.run(async () => {
      const ids = new Set<string>();
      for (const u of users) {
        if (ids.has(u.id)) throw invalidInput('users.save', `the id ${u.id} is used twice`);
        ids.add(u.id);
      }
      if (!users.some((u) => !u.disabled && hasRole(u, 'admin'))) {
        throw new DeskError(
          'invalid-input',
          'error.lastAdmin',
          {},
          'At least one enabled profile must keep the admin role; nothing was saved.',
        );
      }
      await this.#file.write({ schema: 1, users });
      this.#users = structuredClone(users);
      return this.list();
    });
  }
}
