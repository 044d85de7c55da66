/**
 * Headline rules (domain §1): the 副题 starts with one two-em dash "——" (U+2014 ×2),
 * and no headline line ends with 。 or ，(？ and ！ are allowed).
 */

export const SUBHEADLINE_DASH = '——';

/**
 * Dashes people type or paste in place of "——": em dash, horizontal bar, en dash,
 * hyphens, minus signs, full-width hyphen-minus, box-drawing lines. Spaces between
 * and after them go too.
 */
const LEADING_DASHES =
  /^[\s\u3000]*(?:[\u2014\u2015\u2013\u2010\u2011\u2012\u2212\-\uff0d\ufe63\u2500\u2501][\s\u3000]*)*/u;

/**
 * The 副题 as it should be stored: exactly one "——" in front of the text, or
 * nothing at all when there is no text ("——" alone is empty).
 * Idempotent: normaliseSubheadline(normaliseSubheadline(x)) === normaliseSubheadline(x).
 */
export function normaliseSubheadline(value: string): string {
  const rest = value.replace(LEADING_DASHES, '');
  return rest === '' ? '' : SUBHEADLINE_DASH + rest;
}

export type HeadlineEndIssue = 'period' | 'comma';

const PERIODS = new Set(['。', '.', '．', '｡']);
const COMMAS = new Set(['，', ',', '、', '､']);

/** What is wrong with the end of a headline line, if anything. Trailing spaces are ignored. */
export function headlineEndIssue(text: string): HeadlineEndIssue | null {
  const last = text.trimEnd().slice(-1);
  // "……" ends in "…", not ".", so an ellipsis is not a period.
  if (PERIODS.has(last)) return 'period';
  if (COMMAS.has(last)) return 'comma';
  return null;
}
