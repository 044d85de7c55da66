/**
 * punct.numbering (GB/T 15834 4.5, domain §2): first-level numbers take 、 (一、),
 * Arabic numbers take a full stop (1. not 1、), and nothing follows a bracketed number
 * ((一)、 → （一）, （1）. → （1）). Chinese numbers with a dot (一.) take 、.
 */
import type { Hit, TextRule } from '../copy-text';

/** 1、 at the start of a paragraph or after a sentence; "3、5天" (an estimate) is numbers.adjacent-estimate's. */
const ARABIC = /(?:^|(?<=[。；：！？\n]))(\s*)(\d{1,2})、(?!\d)/g;
const BRACKETED = /[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]([、.．，,：:])/g;
const CHINESE_DOT = /(?:^|(?<=[。；：！？\n]))(\s*)([一二三四五六七八九十]{1,3})[.．](?!\d)/g;

export const numberingRule: TextRule = {
  id: 'punct.numbering',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  kinds: ['paragraph', 'subhead', 'quote'],
  message: 'Numbering mark "{found}": write {right}',
  check(text) {
    const hits: Hit[] = [];
    if (!/[、.．，,：:]/.test(text)) return hits;
    for (const m of text.matchAll(ARABIC)) {
      const at = m.index + (m[1]?.length ?? 0) + (m[2]?.length ?? 0);
      hits.push({
        start: at,
        end: at + 1,
        replacement: '.',
        params: { found: `${m[2]}、`, right: `"${m[2]}."` },
      });
    }
    for (const m of text.matchAll(BRACKETED)) {
      const at = m.index + m[0].length - 1;
      hits.push({
        start: at,
        end: at + 1,
        replacement: '',
        params: { found: m[0], right: 'nothing after the bracket' },
      });
    }
    for (const m of text.matchAll(CHINESE_DOT)) {
      const at = m.index + (m[1]?.length ?? 0) + (m[2]?.length ?? 0);
      hits.push({
        start: at,
        end: at + 1,
        replacement: '、',
        params: { found: m[0].trim(), right: `"${m[2]}、"` },
      });
    }
    return hits.sort((a, b) => a.start - b.start);
  },
};
