/**
 * punct.straight-quote (GB/T 15834, domain §2): horizontal Chinese text quotes with
 * “” outside and ‘’ inside; straight " and ' are wrong there. Quotes are paired in
 * order and each Chinese pair is one finding over the quoted text, whose fix turns
 * both marks at once (fixing one mark alone would flip the pairing of the rest).
 */
import { isWide, type Hit, type TextRule } from '../copy-text';

const HAN = /\p{Script=Han}/u;

function quotePairs(text: string, marks: readonly number[], open: string, close: string): Hit[] {
  const hits: Hit[] = [];
  for (let k = 0; k < marks.length; k += 2) {
    const a = marks[k]!;
    const b = marks[k + 1];
    if (b === undefined) {
      if (isWide(text[a - 1]) || isWide(text[a + 1]))
        hits.push({ start: a, end: a + 1, params: { mark: text[a]! } });
      continue;
    }
    const inner = text.slice(a + 1, b);
    if (!(HAN.test(inner) || isWide(text[a - 1]) || isWide(text[b + 1]))) continue;
    hits.push({ start: a, end: b + 1, replacement: `${open}${inner}${close}`, params: { mark: text[a]! } });
  }
  return hits;
}

export const straightQuoteRule: TextRule = {
  id: 'punct.straight-quote',
  family: 'punct',
  scope: 'text',
  severity: 'error',
  message: 'Straight quotation mark {mark} in Chinese text: use “” (outside) and ‘’ (inside)',
  check(text) {
    if (!/["'＂＇]/.test(text)) return [];
    const doubles: number[] = [];
    const singles: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"' || ch === '＂') doubles.push(i);
      // An apostrophe inside a Latin word (don't) is not a quotation mark.
      else if ((ch === "'" || ch === '＇') && (isWide(text[i - 1]) || isWide(text[i + 1]))) singles.push(i);
    }
    return [...quotePairs(text, doubles, '“', '”'), ...quotePairs(text, singles, '‘', '’')].sort(
      (a, b) => a.start - b.start,
    );
  },
};
