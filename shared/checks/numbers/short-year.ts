/**
 * numbers.short-year (GB/T 15835 4.2.2, domain §3): years are never shortened: 90年
 * meaning 1990 → 1990年. A bare "90年" is just as often a duration (建党100年, 工作30年),
 * so only the forms that must be a year are flagged: a two-digit year followed by a
 * month (98年3月) or by 底/初/末 (08年底). "90年代" (a decade) is not a shortened year
 * and is left alone. No automatic fix: the century is the writer's knowledge.
 */
import type { Hit, TextRule } from '../copy-text';

const RE = /(?<![\d.\-/年第])(\d{2})年(?=\d{1,2}月|[底初末])/g;

export const shortYearRule: TextRule = {
  id: 'numbers.short-year',
  family: 'numbers',
  scope: 'text',
  severity: 'error',
  nameOrDate: true,
  message: 'Shortened year "{found}": write the year in full (e.g. 19{digits}年 or 20{digits}年)',
  check(text) {
    const hits: Hit[] = [];
    if (!text.includes('年')) return hits;
    for (const m of text.matchAll(RE)) {
      hits.push({ start: m.index, end: m.index + m[0].length, params: { found: m[0], digits: m[1]! } });
    }
    return hits;
  },
};
