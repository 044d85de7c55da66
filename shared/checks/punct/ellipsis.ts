/**
 * punct.ellipsis (GB/T 15834 4.11, domain §2): the ellipsis is six dots "……" (two
 * U+2026; twelve, "…………", for a whole omitted paragraph). Flag "..." in Chinese
 * text, "。。。", a single "…" (or three), "⋯" and "……" before 等 (both say "and so on":
 * keep 等, drop the dots).
 */
import { isWide, type Hit, type TextRule } from '../copy-text';

const RE = /\.{3,}|。{3,}|…+|⋯+|·{3,}/g;

export const ellipsisRule: TextRule = {
  id: 'punct.ellipsis',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  message: 'Wrong ellipsis "{found}": {advice}',
  check(text) {
    const hits: Hit[] = [];
    if (!/[.。…⋯·]/.test(text)) return hits;
    for (const m of text.matchAll(RE)) {
      const run = m[0];
      const start = m.index;
      const end = start + run.length;
      if (text[end] === '等') {
        hits.push({
          start,
          end,
          replacement: '',
          params: { found: `${run}等`, advice: 'use 等 or the ellipsis, not both' },
        });
        continue;
      }
      if (run === '……' || run === '…………') continue;
      if (run[0] === '.' && !isWide(text[start - 1]) && !isWide(text[end])) continue; // Latin text
      if (run[0] === '·' && !isWide(text[start - 1]) && !isWide(text[end])) continue;
      hits.push({ start, end, replacement: '……', params: { found: run, advice: 'write "……"' } });
    }
    return hits;
  },
};
