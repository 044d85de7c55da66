/**
 * Approximations (GB/T 15835, domain §3):
 * - numbers.contradictory-approx (error): two words that contradict each other about
 *   one number: 近…多 (近半个多月), 将近…余 (将近400余人), 至少…以上, 最多…以下,
 *   不到…左右, and a range followed by 左右/上下 (5～6%左右);
 * - numbers.approx-yue (warning, settings.numbers.approxWithYue): 约/大约 with 余/多/左右
 *   (约200余人, 大约20吨左右), which usage guides dispute. Its fix drops the 约.
 */
import type { Hit, TextRule } from '../copy-text';

const NUM = String.raw`(?:\d[\d.,]*|[〇一二两三四五六七八九十百千半]+)`;
const CLAUSE = String.raw`[^，。；：！？、\n]`;

const CONTRADICTIONS: Array<{ re: RegExp; pair: string }> = [
  {
    re: new RegExp(String.raw`(?<![最附临靠贴邻亲])(?:将近|接近|近)${NUM}[万亿]?个?[多余]`, 'g'),
    pair: '近…多/余',
  },
  { re: new RegExp(String.raw`至少${CLAUSE}{0,12}?以上`, 'g'), pair: '至少…以上' },
  { re: new RegExp(String.raw`最多${CLAUSE}{0,12}?以下`, 'g'), pair: '最多…以下' },
  { re: new RegExp(String.raw`(?:不到|不足)${CLAUSE}{0,12}?左右`, 'g'), pair: '不到…左右' },
  {
    re: new RegExp(
      String.raw`\d+(?:\.\d+)?[%％万亿]?\s*[～~〜\-—–至到]\s*\d+(?:\.\d+)?[万亿]?[%％‰℃]?\p{Script=Han}{0,3}?(?:左右|上下)`,
      'gu',
    ),
    pair: 'range…左右/上下',
  },
];

export const contradictoryApproxRule: TextRule = {
  id: 'numbers.contradictory-approx',
  family: 'numbers',
  scope: 'text',
  severity: 'error',
  message: 'Contradictory approximation "{found}" ({pair}): keep one of the two',
  check(text) {
    const hits: Hit[] = [];
    if (!/[近少多到足左上]/.test(text)) return hits;
    for (const { re, pair } of CONTRADICTIONS) {
      for (const m of text.matchAll(re)) {
        hits.push({ start: m.index, end: m.index + m[0].length, params: { found: m[0], pair } });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  },
};

/** 约 glued to a word before it is not "about": 节约, 制约, 特约记者, 签约. */
const NOT_YUE = '节制签合预简契公条履违隐婉邀特相附';
const YUE = new RegExp(
  String.raw`(?<![${NOT_YUE}])(大约|约)(?:有)?${NUM}[万亿]?(?:(?:[余多])|(?:[余多])?[\p{Script=Han}%％]{0,3}?(?:左右|上下))`,
  'gu',
);

export const approxYueRule: TextRule = {
  id: 'numbers.approx-yue',
  family: 'numbers',
  scope: 'text',
  severity: 'warning',
  message: '"{found}": 约 already says "about"; drop 约 or {other}',
  check(text, _unit, ctx) {
    const hits: Hit[] = [];
    if (!ctx.settings.numbers.approxWithYue || !text.includes('约')) return hits;
    for (const m of text.matchAll(YUE)) {
      const word = m[1]!;
      const rest = m[0].slice(word.length);
      // 约 followed by a range is the contradictory rule's (range…左右) only when it has 左右.
      hits.push({
        start: m.index,
        end: m.index + m[0].length,
        replacement: rest,
        params: { found: m[0], other: /左右|上下/.test(rest) ? 'drop 左右' : 'drop 余/多' },
      });
    }
    return hits;
  },
};
