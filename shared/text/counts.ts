/**
 * The three character counts editors use (domain §7).
 * - han: Chinese characters only;
 * - wordStyle: Word-style 字数: each Chinese character and full-width mark counts 1,
 *   each run of Latin letters or digits counts 1 ("6.1", "1,758" and "2026-11" are
 *   one run each, as in Word);
 * - nonSpace: every character except white space.
 */
export type Counts = { han: number; wordStyle: number; nonSpace: number };

const HAN = /\p{Script=Han}/gu;
const WIDE_MARK = /[\u3001-\u303f\uff00-\uffef\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]/gu;
const ALNUM = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{N}])`;
const RUN = new RegExp(String.raw`${ALNUM}+(?:[.,:'\-/]${ALNUM}+)*`, 'gu');
const SPACE = /\s/gu;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

export function countText(text: string): Counts {
  const han = count(text, HAN);
  // Full-width letters and digits are runs, not marks: count them once, as runs.
  const marks = count(text.replace(RUN, ''), WIDE_MARK);
  const chars = [...text].length;
  return { han, wordStyle: han + marks + count(text, RUN), nonSpace: chars - count(text, SPACE) };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { han: a.han + b.han, wordStyle: a.wordStyle + b.wordStyle, nonSpace: a.nonSpace + b.nonSpace };
}
