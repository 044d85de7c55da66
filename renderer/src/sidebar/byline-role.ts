/**
 * The role select of a person credit. A credit may have no role (printed pages name
 * correspondents alone: 本报讯（赵鹏 王运红）, and the reader keeps them so): that is
 * 「未注明」, a state of its own, not 「其他」 with an empty role. 「其他」 is a role the
 * person types; while it is still empty the select stays on 「其他」.
 */
import { BYLINE_ROLES } from '../../../shared/model';

/** The select's value for a credit with no role. */
export const NO_ROLE = '__none';
/** The select's value for a role typed by hand. */
export const CUSTOM_ROLE = '__custom';

export function isKnownRole(role: string): role is (typeof BYLINE_ROLES)[number] {
  return (BYLINE_ROLES as readonly string[]).includes(role);
}

/** What the select shows: a known role, 「未注明」, or 「其他」 (a typed role, or one being typed). */
export function roleChoice(role: string, typingCustom: boolean): string {
  if (isKnownRole(role)) return role;
  if (role === '' && !typingCustom) return NO_ROLE;
  return CUSTOM_ROLE;
}

/** The credit's role after picking `choice`, and whether the custom role field is being typed into. */
export function pickRole(choice: string, role: string): { role: string; typingCustom: boolean } {
  if (choice === NO_ROLE) return { role: '', typingCustom: false };
  if (choice === CUSTOM_ROLE) return { role: isKnownRole(role) ? '' : role, typingCustom: true };
  return { role: choice, typingCustom: false };
}
