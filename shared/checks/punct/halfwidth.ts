/**
 * punct.halfwidth (GB/T 15834, domain §2): Chinese text takes full-width ，。：；？！（）.
 * A half-width mark is wrong when it stands in Chinese: next to a Han character or a
 * full-width mark. It is right inside numbers (6.1, 1,758, 10:30), Latin words and
 * URLs, and a bracket pair is Chinese when it holds Chinese or touches it.
 */
import { inRanges, isHan, isWide, urlRanges, type Hit, type TextRule } from '../copy-text';
import { datelineBracketRanges } from '../byline/dateline-brackets';

const WIDE: Record<string, string> = {
  ',': '，',
  '.': '。',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};
const CLOSERS = '”’）》】';

function spacesAfter(text: string, i: number): number {
  let j = i;
  while (text[j] === ' ') j++;
  return j;
}

export const halfwidthRule: TextRule = {
  id: 'punct.halfwidth',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  message: 'Half-width "{mark}" in Chinese text: use "{wide}"',
  check(text) {
    if (!/[,.:;?!()]/.test(text)) return [];
    const urls = urlRanges(text);
    const skip = datelineBracketRanges(text);
    const hits: Hit[] = [];
    const hit = (i: number, end = i + 1) => {
      const mark = text[i]!;
      hits.push({ start: i, end, replacement: WIDE[mark]!, params: { mark, wide: WIDE[mark]! } });
    };
    // Bracket pairs, across widths: a pair is Chinese when either half is full-width,
    // it holds a Han character, or a Han character or full-width mark touches it.
    const opens: number[] = [];
    const pairs: Array<[number, number]> = [];
    const lone: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '(' || ch === '（') opens.push(i);
      else if (ch === ')' || ch === '）') {
        const o = opens.pop();
        if (o === undefined) lone.push(i);
        else pairs.push([o, i]);
      }
    }
    lone.push(...opens);
    for (const [o, c] of pairs) {
      if (text[o] === '（' && text[c] === '）') continue;
      if (inRanges(urls, o) || inRanges(skip, o)) continue;
      const chinese =
        text[o] === '（' ||
        text[c] === '）' ||
        isWide(text[o - 1]) ||
        isWide(text[c + 1]) ||
        /\p{Script=Han}/u.test(text.slice(o + 1, c));
      if (!chinese) continue;
      if (text[o] === '(') hit(o);
      if (text[c] === ')') hit(c);
    }
    for (const i of lone) {
      if ((text[i] === '(' || text[i] === ')') && !inRanges(urls, i) && !inRanges(skip, i)) {
        if (isWide(text[i - 1]) || isWide(text[i + 1])) hit(i);
      }
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (!',.:;?!'.includes(ch) || inRanges(urls, i)) continue;
      const prev = text[i - 1];
      const next = text[i + 1];
      if (ch === '.') {
        // A full stop after Chinese, not part of a run of dots (an ellipsis) or a number.
        if (next === '.' || prev === '.') continue;
        if (!(isHan(prev) || (prev !== undefined && CLOSERS.includes(prev)))) continue;
        if (next !== undefined && next !== ' ' && next !== '\n' && !isWide(next)) continue;
      } else {
        if (/\d/.test(prev ?? '') && /\d/.test(next ?? '')) continue; // 1,758 and 10:30
        if (!isWide(prev) && !isWide(next)) continue;
      }
      hit(i, ch === '.' && next === undefined ? i + 1 : spacesAfter(text, i + 1));
    }
    return hits.sort((a, b) => a.start - b.start);
  },
};
