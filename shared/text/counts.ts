/**
 * The three character counts editors use (domain §7).
 * - han: Chinese characters only;
 * - wordStyle: Word-style 字数: each Chinese character and full-width mark counts 1,
 *   each run of Latin letters or digits counts 1;
 * - nonSpace: every character except white space.
 */
export type Counts = { han: number; wordStyle: number; nonSpace: number };

const HAN = /\p{Script=Han}/u;
const WIDE_MARK = /[\u3000-\u303f\uff00-\uffef\u2014\u2026\u2018\u2019\u201c\u201d\u00b7]/u;
const LATIN_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

export function countText(text: string): Counts {
  let han = 0;
  let wordStyle = 0;
  let nonSpace = 0;
  let inRun = false;
  for (const ch of text) {
    if (SPACE.test(ch)) {
      inRun = false;
      continue;
    }
    nonSpace++;
    if (HAN.test(ch)) {
      han++;
      wordStyle++;
      inRun = false;
    } else if (WIDE_MARK.test(ch)) {
      wordStyle++;
      inRun = false;
    } else if (LATIN_OR_DIGIT.test(ch)) {
      if (!inRun) wordStyle++;
      inRun = true;
    } else {
      inRun = false;
    }
  }
  return { han, wordStyle, nonSpace };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { han: a.han + b.han, wordStyle: a.wordStyle + b.wordStyle, nonSpace: a.nonSpace + b.nonSpace };
}
