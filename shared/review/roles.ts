/**
 * People and roles of the desk (issue 6). A profile is what the workflow needs to
 * know about the person acting: their id, the name printed in records, and roles.
 */
import { z } from 'zod';

import type { ReviewLevel } from './schemas';

export const ROLES = [
  'reporter',
  'first-editor',
  'second-editor',
  'final-editor',
  'proofreader',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The role that may sign (or return) at each level. */
export const LEVEL_ROLE: Record<ReviewLevel, Role> = {
  first: 'first-editor',
  second: 'second-editor',
  final: 'final-editor',
};

/** Chinese names of the levels, for English messages that quote them. */
export const LEVEL_ZH: Record<ReviewLevel, string> = { first: '初审', second: '复审', final: '终审' };

export const USER_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const UserProfileSchema = z.object({
  id: z.string().regex(USER_ID, 'a user id is lowercase letters, digits, "-", "_" or "."'),
  name: z.string().max(80).regex(/\S/, 'must not be blank'),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
  /** Retired profiles stay (records name them) but cannot be picked. */
  disabled: z.boolean().default(false),
});
export type UserProfile = z.infer<typeof UserProfileSchema>;

export const UsersDocSchema = z.object({
  schema: z.literal(1),
  users: z.array(UserProfileSchema).min(1).max(500),
});
export type UsersDoc = z.infer<typeof UsersDocSchema>;

export function hasRole(user: UserProfile | null, role: Role): boolean {
  return user !== null && user.roles.includes(role);
}

/** True for anyone holding an editor role at some level. */
export function isEditor(user: UserProfile | null): boolean {
  return hasRole(user, 'first-editor') || hasRole(user, 'second-editor') || hasRole(user, 'final-editor');
}

/**
 * The people a new data folder starts with: an admin and an invented demo desk.
 * Most editors hold two levels so the rule "nobody signs two levels of one story"
 * is something the desk enforces, not an accident of the roles; 刘洋 holds 终审
 * alone, so whoever signed 初审 and 复审, someone is always left to sign 终审
 * (workflow.ts `signersFor`; demo-staff.test.ts walks every order).
 */
export function defaultUsers(): UserProfile[] {
  return [
    { id: 'admin', name: '管理员', roles: ['admin'], disabled: false },
    { id: 'zhang-ming', name: '张明', roles: ['reporter'], disabled: false },
    { id: 'li-hua', name: '李华', roles: ['first-editor', 'second-editor'], disabled: false },
    { id: 'wang-fang', name: '王芳', roles: ['first-editor', 'second-editor'], disabled: false },
    { id: 'zhao-qiang', name: '赵强', roles: ['second-editor', 'final-editor'], disabled: false },
    { id: 'liu-yang', name: '刘洋', roles: ['final-editor'], disabled: false },
    { id: 'chen-jing', name: '陈静', roles: ['proofreader'], disabled: false },
  ];
}
