import type { StoryQuery } from './prefs';
import type { StorySummary } from './summary';

const collator = new Intl.Collator('zh-CN-u-co-pinyin');

const ORDER: Record<StoryQuery['sort'], (a: StorySummary, b: StorySummary) => number> = {
  'updated-desc': (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0),
  'updated-asc': (a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0),
  headline: (a, b) => collator.compare(a.headline, b.headline),
  'page-slot': (a, b) =>
    (a.page ?? '\uffff').localeCompare(b.page ?? '\uffff') || (a.slot ?? 999) - (b.slot ?? 999),
  status: (a, b) => a.status.localeCompare(b.status),
};

/**
 * Filters and sorts the story list. Text matches headline, kicker, byline names
 * and region, ignoring spaces and letter case, so "白云 区" finds "白云区".
 */
export function queryStories(all: readonly StorySummary[], query: StoryQuery): StorySummary[] {
  const needle = query.text.replace(/\s+/g, '').toLowerCase();
  const out = all.filter((s) => {
    if ((s.deletedAt !== null) !== query.trash) return false;
    if (query.status && s.status !== query.status) return false;
    if (query.page && s.page !== query.page) return false;
    if (!needle) return true;
    const hay = `${s.kicker}${s.headline}${s.bylineNames}${s.byline}${s.region}`
      .replace(/\s+/g, '')
      .toLowerCase();
    return hay.includes(needle);
  });
  return out.sort(ORDER[query.sort]);
}
