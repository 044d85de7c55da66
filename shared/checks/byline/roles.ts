/**
 * byline.unknown-role (domain §1): a byline's roles come from a known list (记者,
 * 本报记者, 特约记者, 通讯员, 实习生; settings.byline.roles). Any other role is
 * reported as information: the paper may use it on purpose.
 */
import { makeFinding, wholeLocation, type StoryRule } from '../copy-text';
import type { Finding } from '../finding';

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
