/**
 * numbers.range-unit (GB/T 15835 4.1.5, domain §3): a range repeats a unit that would
 * otherwise mislead: 9～16亿 → 9亿～16亿 (9 alone reads as 9), 15～30% → 15%～30%.
 * Units that do not change the number (℃, 个, 人) need not be repeated.
 */
import type { Hit, TextRule } from '../copy-text';

const RE = /(?<![\d.])(\d+(?:\.\d+)?)(\s*[～~〜—\-－–至到]\s*)(\d+(?:\.\d+)?)(万亿|亿|万|%|％|‰)/g;

export const rangeUnitRule: TextRule = {
  id: 'numbers.range-unit',
  family: 'numbers',
  scope: 'text',
  severity: 'error',
  message: 'Both ends of the range take "{unit}": write "{right}"',
  check(text) {
    const hits: Hit[] = [];
    if (!/\d\s*[～~〜—\-－–至到]\s*\d/.test(text)) return hits;
    for (const m of text.matchAll(RE)) {
      const [whole, a = '', sep = '', b = '', unit = ''] = m;
      const right = `${a}${unit}${sep}${b}${unit}`;
      hits.push({ start: m.index, end: m.index + whole.length, replacement: right, params: { unit, right } });
    }
    return hits;
  },
};
