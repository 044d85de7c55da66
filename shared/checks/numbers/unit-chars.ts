/**
 * numbers.unit-char (GB/T 15835 4.1.4, domain §3): with Arabic digits, 万 and 亿 may
 * be units, 千/百/十 may not: 3千人 → 3000人, 3千万 → 3000万. Measures that start
 * with 千/百 (千米, 千克, 千瓦, 百分点) are fine. A mixed number (3亿4千5百万) is
 * flagged whole, without a fix: it must be rewritten (3.45亿).
 */
import type { Hit, TextRule } from '../copy-text';

const RE = /(?<![\d.])(\d+(?:\.\d+)?)([千百十])(?!米|克|瓦|帕|赫|焦|卡|伏|字节|分[点之比])/g;
const MIXED = /[\d.亿万千百十]/;
const ZEROS: Record<string, number> = { 千: 3, 百: 2, 十: 1 };

/** "3.5" × 10^n without floating point: shiftDecimal("3.5", 3) = "3500". */
export function shiftDecimal(num: string, n: number): string {
  const [int = '', frac = ''] = num.split('.');
  const digits = int + frac.padEnd(n, '0');
  const point = int.length + n;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

export const unitCharRule: TextRule = {
  id: 'numbers.unit-char',
  family: 'numbers',
  scope: 'text',
  severity: 'error',
  message: '"{found}": 千/百/十 are not units with Arabic digits{advice}',
  check(text) {
    const hits: Hit[] = [];
    if (!/\d[千百十]/.test(text)) return hits;
    for (const m of text.matchAll(RE)) {
      const [whole, num = '', unit = ''] = m;
      let start = m.index;
      let end = start + whole.length;
      const before = text[start - 1] ?? '';
      const after = text[end] ?? '';
      if (hits.some((h) => h.start <= start && start < h.end)) continue; // inside a mixed number already flagged
      if ((/[亿万千百十]/.test(before) && /\d/.test(text[start - 2] ?? '')) || /\d/.test(after)) {
        // A mixed number: flag all of it.
        while (start > 0 && MIXED.test(text[start - 1]!)) start--;
        while (end < text.length && MIXED.test(text[end]!)) end++;
        hits.push({
          start,
          end,
          params: { found: text.slice(start, end), advice: ': rewrite it with one unit (3.45亿)' },
        });
        continue;
      }
      const right = shiftDecimal(num, ZEROS[unit]!);
      hits.push({ start, end, replacement: right, params: { found: whole, advice: `: write "${right}"` } });
    }
    return hits;
  },
};
