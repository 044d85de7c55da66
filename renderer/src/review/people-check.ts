/**
 * What is wrong with the profiles an admin is about to save, as messages the
 * 人员管理 dialog shows before sending anything (the desk checks the same again:
 * electron/desk/review/user-store.ts). Pure.
 */
import { USER_ID, hasRole, type UserProfile } from '../../../shared/review/roles';

export type PeopleProblem =
  | { key: 'people.errIdFormat' | 'people.errIdTwice' | 'people.errNameBlank'; params: { id: string } }
  | { key: 'people.errNameTwice'; params: { name: string } }
  | { key: 'people.errLastAdmin'; params: Record<string, never> };

export function peopleProblems(users: readonly UserProfile[]): PeopleProblem[] {
  const out: PeopleProblem[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const u of users) {
    if (!USER_ID.test(u.id)) out.push({ key: 'people.errIdFormat', params: { id: u.id } });
    else if (ids.has(u.id)) out.push({ key: 'people.errIdTwice', params: { id: u.id } });
    ids.add(u.id);
    const name = u.name.trim();
    if (!name) out.push({ key: 'people.errNameBlank', params: { id: u.id } });
    else if (names.has(name)) out.push({ key: 'people.errNameTwice', params: { name } });
    names.add(name);
  }
  if (!users.some((u) => !u.disabled && hasRole(u, 'admin')))
    out.push({ key: 'people.errLastAdmin', params: {} });
  return out;
}

/** A suggested id for a new person: the existing ids' style is free-form, so only what USER_ID allows. */
export function idProblem(id: string, taken: readonly UserProfile[]): PeopleProblem | null {
  if (!USER_ID.test(id)) return { key: 'people.errIdFormat', params: { id } };
  if (taken.some((u) => u.id === id)) return { key: 'people.errIdTwice', params: { id } };
  return null;
}
