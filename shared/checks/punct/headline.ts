/**
 * Headline punctuation (domain §1, §2), on the rules of shared/text/headline.ts:
 * - punct.headline-end: no headline line (引题, 主题, 副题) ends in 。or ，(？！ may);
 * - punct.subheadline-dash: the 副题 starts with exactly one "——".
 */
import { headlineEndIssue, normaliseSubheadline } from '../../text/headline';
import { HEAD_KINDS, type TextRule } from '../copy-text';

export const headlineEndRule: TextRule = {
  id: 'punct.headline-end',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  kinds: HEAD_KINDS,
  message: 'A headline line must not end with "{mark}"',
  check(text) {
    const issue = headlineEndIssue(text);
    if (!issue) return [];
    const end = text.trimEnd().length;
    return [{ start: end - 1, end, replacement: '', params: { mark: text[end - 1]! } }];
  },
};

export const subheadlineDashRule: TextRule = {
  id: 'punct.subheadline-dash',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  kinds: ['subheadline'],
  message: 'A 副题 starts with one "——" (two U+2014)',
  check(text) {
    const right = normaliseSubheadline(text);
    if (right === text) return [];
    if (right === '') return [{ start: 0, end: text.length }];
    const rest = right.slice(2);
    const lead = text.length - rest.length;
    if (lead === 0) {
      const first = String.fromCodePoint(text.codePointAt(0)!); // may be astral
      return [{ start: 0, end: first.length, replacement: `——${first}` }];
    }
    return [{ start: 0, end: lead, replacement: '——' }];
  },
};
