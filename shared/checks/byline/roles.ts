/**
 * byline.unknown-role (domain §1): a byline's roles come from a known list (记者,
 * 本报记者, 特约记者, 通讯员, 实习生; settings.byline.roles). Any other role is
 * reported as information: the paper may use it on purpose.
 */
import { makeFinding, wholeLocation, type StoryRule } from '../copy-text';
import type { Finding } from '../finding';

/**
 * byline.no-role: printed pages credit correspondents by name alone (本报讯（赵鹏 王运红）,
 * 曾某某 under the headline). The reader keeps such a credit; the desk says so, as
 * information by default (settings.byline.noRoleSeverity may raise it). An end byline
 * prints names only by convention (domain §1: "（刘丙楠）") and is not reported.
 */
export const noRoleRule: StoryRule = {
  id: 'byline.no-role',
  family: 'byline',
  scope: 'story',
  severity: 'info',
  message: 'The byline names {names} without a role (记者, 通讯员 …)',
  check(story, ctx) {
    const out: Finding[] = [];
    if (story.content.byline?.position === 'end') return [];
    const credits = story.content.byline?.credits ?? [];
    credits.forEach((c, i) => {
      if (c.kind !== 'person' || c.role !== '') return;
      const names = c.names.join(' ');
      out.push(
        makeFinding(
          noRoleRule,
          [wholeLocation(story.key, 'byline', names, i)],
          { names },
          undefined,
          ctx.settings.byline.noRoleSeverity,
        ),
      );
    });
    return out;
  },
};

export const unknownRoleRule: StoryRule = {
  id: 'byline.unknown-role',
  family: 'byline',
  scope: 'story',
  severity: 'info',
  message: 'Byline role "{role}" is not one of the known roles ({known})',
  check(story, ctx) {
    const out: Finding[] = [];
    const credits = story.content.byline?.credits ?? [];
    const known = ctx.settings.byline.roles;
    credits.forEach((c, i) => {
      if (c.kind !== 'person' || c.role === '' || known.includes(c.role)) return;
      out.push(
        makeFinding(unknownRoleRule, [wholeLocation(story.key, 'byline', c.role, i)], {
          role: c.role,
          known: known.join('、'),
        }),
      );
    });
    return out;
  },
};
