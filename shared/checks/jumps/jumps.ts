/**
 * Jump lines (domain §1, page-level over the stories given): every （下转B7版） needs a
 * （上接B6版） on a story of page B7, and the reverse. A jump to a page none of whose
 * stories is among those checked cannot be judged and is left alone (one page at a
 * time is the usual check; the preflight of several pages sees both ends).
 */
import type { Finding } from '../finding';
import { makeFinding, wholeLocation, type CopyStory, type PageRule } from '../copy-text';

type End = { story: CopyStory; index: number; from: string; to: string; direction: 'from' | 'to' };

function printed(direction: 'from' | 'to', page: string): string {
  return direction === 'to' ? `（下转${page}版）` : `（上接${page}版）`;
}

function ends(stories: readonly CopyStory[]): End[] {
  const out: End[] = [];
  for (const story of stories) {
    const page = story.content.page;
    if (!page) continue;
    (story.content.jumps ?? []).forEach((j, index) => {
      out.push(
        j.direction === 'to'
          ? { story, index, from: page, to: j.page, direction: 'to' }
          : { story, index, from: j.page, to: page, direction: 'from' },
      );
    });
  }
  return out;
}

function unmatched(rule: PageRule, direction: 'from' | 'to', stories: readonly CopyStory[]): Finding[] {
  const all = ends(stories);
  const pages = new Set(stories.map((s) => s.content.page).filter(Boolean));
  const others = all.filter((e) => e.direction !== direction);
  const used = new Set<End>();
  const out: Finding[] = [];
  for (const e of all) {
    if (e.direction !== direction) continue;
    const other = direction === 'to' ? e.to : e.from;
    if (!pages.has(other)) continue;
    const twin = others.find((o) => !used.has(o) && o.from === e.from && o.to === e.to);
    if (twin) {
      used.add(twin);
      continue;
    }
    const page = direction === 'to' ? e.to : e.from;
    const text = printed(direction, page);
    out.push(
      makeFinding(rule, [wholeLocation(e.story.key, 'jump', text, e.index)], {
        jump: text,
        page: other,
        expected: printed(direction === 'to' ? 'from' : 'to', direction === 'to' ? e.from : e.to),
      }),
    );
  }
  return out;
}

export const unmatchedJumpToRule: PageRule = {
  id: 'jumps.unmatched-to',
  family: 'jumps',
  scope: 'page',
  severity: 'error',
  message: '{jump} has no {expected} on page {page}',
  check: (stories) => unmatched(unmatchedJumpToRule, 'to', stories),
};

export const unmatchedJumpFromRule: PageRule = {
  id: 'jumps.unmatched-from',
  family: 'jumps',
  scope: 'page',
  severity: 'error',
  message: '{jump} has no {expected} on page {page}',
  check: (stories) => unmatched(unmatchedJumpFromRule, 'from', stories),
};
