/**
 * punct.title-comma (GB/T 15834 4.5.3, domain §2): no 、 between adjacent quoted
 * items or titles, 《党章》、《准则》 → 《党章》《准则》. Something between them (a bracket)
 * makes the 、 right again, and the pattern `[”》]、[“《]` never sees that case.
 */
import type { Hit, TextRule } from '../copy-text';

const RE = /[”》]、(?=[“《])/g;

export const titleCommaRule: TextRule = {
  id: 'punct.title-comma',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  message: 'No 、 between adjacent quoted items or titles',
  check(text) {
    const hits: Hit[] = [];
    if (!text.includes('、')) return hits;
    for (const m of text.matchAll(RE)) hits.push({ start: m.index + 1, end: m.index + 2, replacement: '' });
    return hits;
  },
};
