/**
 * Length (domain §7): the three counts of a story, and
 * - length.news-long (info): a 消息 longer than settings.length.newsLongChars (1000 字);
 * - length.over-budget (warning) / length.under-budget (info): against the slot's budget
 *   (settings.length.budgets, by slot; pages get plans later).
 * The count compared is settings.length.count (Word-style 字数 by default) over the 正文
 * (body paragraphs, subheads, quotes) and captions: what fills the slot below the headline.
 */
import { addCounts, countText, type Counts } from '../../text/counts';
import {
  BODY_KINDS,
  HEAD_KINDS,
  makeFinding,
  storyUnits,
  wholeLocation,
  type CopyStory,
  type StoryRule,
  type TextUnit,
} from '../copy-text';

export type StoryCounts = { head: Counts; body: Counts; captions: Counts; total: Counts };

const ZERO: Counts = { han: 0, wordStyle: 0, nonSpace: 0 };

/** The three counts of a story, by part (head lines, body, captions) and in total. */
export function storyCounts(story: CopyStory): StoryCounts {
  return countUnits(storyUnits(story));
}

/** The three counts of a story's texts (storyUnits), by part and in total. */
export function countUnits(units: readonly TextUnit[]): StoryCounts {
  let head = ZERO;
  let body = ZERO;
  let captions = ZERO;
  for (const u of units) {
    if (HEAD_KINDS.includes(u.kind)) head = addCounts(head, countText(u.text));
    else if (BODY_KINDS.includes(u.kind)) body = addCounts(body, countText(u.text));
    else if (u.kind === 'caption') captions = addCounts(captions, countText(u.text));
  }
  return { head, body, captions, total: addCounts(addCounts(head, body), captions) };
}

function slotCount(units: readonly TextUnit[], key: keyof Counts): number {
  const c = countUnits(units);
  return c.body[key] + c.captions[key];
}

export const newsLongRule: StoryRule = {
  id: 'length.news-long',
  family: 'length',
  scope: 'story',
  severity: 'info',
  message: 'A 消息 of {count} 字 is long (over {limit})',
  check(story, ctx, units) {
    if (story.content.kind !== '消息') return [];
    const { count: key, newsLongChars } = ctx.settings.length;
    const count = slotCount(units, key);
    if (count <= newsLongChars) return [];
    return [
      makeFinding(newsLongRule, [wholeLocation(story.key, 'story', '')], { count, limit: newsLongChars }),
    ];
  },
};

export const overBudgetRule: StoryRule = {
  id: 'length.over-budget',
  family: 'length',
  scope: 'story',
  severity: 'warning',
  message: "{count} 字 is over the slot's budget of {max}",
  check(story, ctx, units) {
    const slot = story.content.slot;
    const budget = slot == null ? undefined : ctx.settings.length.budgets[slot];
    if (budget?.max === undefined) return [];
    const count = slotCount(units, ctx.settings.length.count);
    if (count <= budget.max) return [];
    return [
      makeFinding(overBudgetRule, [wholeLocation(story.key, 'story', '')], {
        count,
        max: budget.max,
        over: count - budget.max,
      }),
    ];
  },
};

export const underBudgetRule: StoryRule = {
  id: 'length.under-budget',
  family: 'length',
  scope: 'story',
  severity: 'info',
  message: "{count} 字 is under the slot's budget of {min}",
  check(story, ctx, units) {
    const slot = story.content.slot;
    const budget = slot == null ? undefined : ctx.settings.length.budgets[slot];
    if (budget?.min === undefined) return [];
    const count = slotCount(units, ctx.settings.length.count);
    if (count >= budget.min) return [];
    return [
      makeFinding(underBudgetRule, [wholeLocation(story.key, 'story', '')], { count, min: budget.min }),
    ];
  },
};
