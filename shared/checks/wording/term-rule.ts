/** wording.term: the term bank's wrong forms in any text (domain §4). */
import type { TextRule } from '../copy-text';
import { matchTerms } from './term-bank';

export const termRule: TextRule = {
  id: 'wording.term',
  family: 'wording',
  scope: 'text',
  severity: 'error',
  message: '"{wrong}": {advice} ({note})',
  check(text, _unit, ctx) {
    if (ctx.terms.entries.length === 0) return [];
    return matchTerms(text, ctx.terms)
      .filter((m) => m.replacement !== text.slice(m.start, m.end))
      .map((m) => ({
        start: m.start,
        end: m.end,
        severity: m.entry.severity,
        ...(m.replacement !== null ? { replacement: m.replacement } : {}),
        params: {
          term: m.entry.id,
          wrong: text.slice(m.start, m.end),
          advice: m.replacement ? `write "${m.replacement}"` : 'avoid this wording',
          right: m.replacement ?? '',
          note: m.entry.note,
        },
      }));
  },
};
