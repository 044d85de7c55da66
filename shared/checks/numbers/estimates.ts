/**
 * Estimates with two adjacent numbers and with 几 (GB/T 15835 4.1.1, 4.2.3; domain §3):
 * - numbers.adjacent-estimate: Chinese numerals and no 、: 3、5天 → 三五天, 二十七、八岁 → 二十七八岁;
 * - numbers.ji-arabic: 几 takes Chinese numerals: 10几个 → 十几个, 几100人 → 几百人.
 */
import { CN_DIGITS, type Hit, type TextRule } from '../copy-text';

/** Measure words after which two adjacent numbers are an estimate (3、5号楼 is a list, not an estimate). */
const ESTIMATE_UNIT =
  '(?:岁|天|个|人|年(?!级)|次|名|本|家|户|分钟|小时|周|斤|米|里|元|位|件|只|头|棵|亩|遍|趟|成)';
const ARABIC = new RegExp(
  String.raw`(?<![\d.、第])(\d)、(\d)(?![\d.、])(?=[十百千万]?${ESTIMATE_UNIT})`,
  'g',
);
const CHINESE = new RegExp(
  String.raw`(?<!第)([一二三四五六七八九十]*([一二三四五六七八九]))、([一二三四五六七八九])(?=[十百千万]?${ESTIMATE_UNIT})`,
  'g',
);

export const adjacentEstimateRule: TextRule = {
  id: 'numbers.adjacent-estimate',
  family: 'numbers',
  scope: 'text',
  severity: 'error',
  message: 'An estimate with two adjacent numbers takes Chinese numerals without 、: write "{right}"',
  check(text) {
    const hits: Hit[] = [];
    if (!text.includes('、')) return hits;
    for (const m of text.matchAll(ARABIC)) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (!(b > a && b - a <= 2)) continue;
      const right = `${CN_DIGITS[a]}${CN_DIGITS[b]}`;
      hits.push({ start: m.index, end: m.index + m[0].length, replacement: right, params: { right } });
    }
    for (const m of text.matchAll(CHINESE)) {
      const a = CN_DIGITS.indexOf(m[2]!);
      const b = CN_DIGITS.indexOf(m[3]!);
      if (!(b > a && b - a <= 2)) continue;
      const at = m.index + m[1]!.length;
      hits.push({ start: at, end: at + 1, replacement: '', params: { right: `${m[1]}${m[3]}` } });
    }
    return hits.sort((x, y) => x.start - y.start);
  },
};

const JI = /(?<![\d.])(\d+)几|几(\d+)(?![\d.])/g;
const POWERS: Record<string, string> = { '10': '十', '100': '百', '1000': '千', '10000': '万' };

function tens(n: string): string | null {
  const m = /^([1-9])0$/.exec(n);
  if (!m) return null;
  return m[1] === '1' ? '十' : `${CN_DIGITS[Number(m[1])]}十`;
}

export const jiArabicRule: TextRule = {
  id: 'numbers.ji-arabic',
  family: 'numbers',
  scope: 'text',
  severity: 'error',
  message: '几 takes Chinese numerals{advice}',
  check(text) {
    const hits: Hit[] = [];
    if (!text.includes('几')) return hits;
    for (const m of text.matchAll(JI)) {
      const right = m[1] !== undefined ? (tens(m[1]) ?? null) : (POWERS[m[2]!] ?? null);
      const fixed = right === null ? null : m[1] !== undefined ? `${right}几` : `几${right}`;
      hits.push({
        start: m.index,
        end: m.index + m[0].length,
        ...(fixed ? { replacement: fixed } : {}),
        params: { advice: fixed ? `: write "${fixed}"` : '' },
      });
    }
    return hits;
  },
};
