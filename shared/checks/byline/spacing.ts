/**
 * byline.spacing (domain §1, page-level): whether a space separates a role from the
 * name ("记者 祁晓燕" or "记者祁晓燕") is house style; a page must be consistent with
 * itself. Read in the texts that print bylines: the inline byline after a 电头, an end
 * byline "（…）" closing the body, and photo credits. Structured bylines print with a
 * space (shared/model/byline.ts), so they count for "space". The minority style is
 * flagged, with a fix to the page's majority (a tie goes to the space).
 */
import type { FindingLocation } from '../finding';
import { codePointMapper, makeFinding, photoBlocks, type PageRule, type TextUnit } from '../copy-text';
import { inlineBylines } from './dateline-brackets';

const ROLE = /(本报记者|特约记者|记者|通讯员|实习生|本报通讯员)([ \u3000]*)(?=\p{Script=Han})/gu;

type Use = { loc: FindingLocation; role: string; spaced: boolean };

function usesIn(
  unit: Pick<TextUnit, 'story' | 'field' | 'paragraph' | 'text'>,
  offset: number,
  text: string,
): Use[] {
  const out: Use[] = [];
  const cp = codePointMapper(unit.text);
  for (const m of text.matchAll(ROLE)) {
    const start = offset + m.index;
    const end = start + m[0].length;
    const loc: FindingLocation = {
      story: unit.story,
      field: unit.field,
      start: cp(start),
      end: cp(end),
      text: m[0],
    };
    if (unit.paragraph !== undefined) loc.paragraph = unit.paragraph;
    out.push({ loc, role: m[1]!, spaced: m[2] !== '' });
  }
  return out;
}

export const bylineSpacingRule: PageRule = {
  id: 'byline.spacing',
  family: 'byline',
  scope: 'page',
  severity: 'warning',
  nameOrDate: true,
  message: 'Role and name are written {style} elsewhere on this page',
  check(stories, _ctx, units) {
    const uses: Use[] = [];
    let structuredSpaced = 0;
    stories.forEach((story, s) => {
      const byline = story.content.byline;
      if (byline && byline.position !== 'end') {
        structuredSpaced += byline.credits.filter((c) => c.kind === 'person' && c.role).length;
      }
      const storyUnits = units[s] ?? [];
      const body = storyUnits.filter((u) => u.field === 'body');
      for (const unit of storyUnits) {
        if (unit.kind !== 'paragraph' && unit.kind !== 'dateline') continue;
        for (const b of inlineBylines(unit.text)) uses.push(...usesIn(unit, b.start, b.text));
      }
      const last = body[body.length - 1];
      const end = last && /^（[^（）]{2,40}）$/u.exec(last.text.trim());
      if (last && end) uses.push(...usesIn(last, last.text.indexOf('（') + 1, end[0].slice(1, -1)));
      const blocks = photoBlocks(story);
      for (const photo of story.content.photos) {
        const paragraph = blocks.get(photo.id);
        const unit = {
          story: story.key,
          field: 'credit',
          text: photo.creditName,
          ...(paragraph !== undefined ? { paragraph } : {}),
        };
        uses.push(...usesIn(unit, 0, photo.creditName));
      }
    });
    const spaced = uses.filter((u) => u.spaced).length + structuredSpaced;
    const tight = uses.filter((u) => !u.spaced).length;
    if (spaced === 0 || tight === 0) return [];
    const majoritySpaced = spaced >= tight;
    return uses
      .filter((u) => u.spaced !== majoritySpaced)
      .map((u) =>
        makeFinding(
          bylineSpacingRule,
          [u.loc],
          { style: majoritySpaced ? 'with a space' : 'without a space', role: u.role },
          { replacement: majoritySpaced ? `${u.role} ` : u.role },
        ),
      );
  },
};
