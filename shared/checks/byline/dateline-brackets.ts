/**
 * byline.dateline-brackets (domain §1): a byline written inline after the 电头 takes
 * full-width brackets: 本报讯(记者 祁晓燕) → 本报讯（记者 祁晓燕）. The fix rewrites
 * the brackets (and drops spaces between the 电头 and the bracket), nothing else.
 */
import type { Hit, TextRule } from '../copy-text';

/** 电头 forms: 本报讯, 本报某地电, 新华社北京3月5日电, 中新社…电. */
const DATELINE = String.raw`(?:本报讯|本报[\p{Script=Han}]{1,6}电|新华社[\p{Script=Han}\d]{1,12}?电|中新[社网][\p{Script=Han}\d]{1,12}?电)`;
const RE = new RegExp(String.raw`${DATELINE}(\s*)([(（])([^()（）\n]{1,80}?)([)）])`, 'gu');

type Bracketed = { start: number; end: number; open: number; close: number; inner: string; wrong: boolean };

function bracketed(text: string): Bracketed[] {
  const out: Bracketed[] = [];
  if (!text.includes('讯') && !text.includes('电')) return out;
  for (const m of text.matchAll(RE)) {
    const [whole, space = '', open = '', inner = '', close = ''] = m;
    const start = m.index + whole.length - space.length - open.length - inner.length - close.length;
    const end = m.index + whole.length;
    out.push({
      start,
      end,
      open: start + space.length,
      close: end - 1,
      inner,
      wrong: open === '(' || close === ')' || space !== '',
    });
  }
  return out;
}

/** UTF-16 ranges of inline bylines after a 电头 (punct.halfwidth leaves their brackets to this rule). */
export function datelineBracketRanges(text: string): Array<[number, number]> {
  return bracketed(text).map((b) => [b.start, b.end]);
}

/** The inline byline texts after a 电头 (for the page's spacing rule), UTF-16 offsets of their insides. */
export function inlineBylines(text: string): Array<{ start: number; text: string }> {
  return bracketed(text).map((b) => ({ start: b.open + 1, text: b.inner }));
}

export const datelineBracketsRule: TextRule = {
  id: 'byline.dateline-brackets',
  family: 'byline',
  scope: 'text',
  severity: 'error',
  nameOrDate: true,
  kinds: ['paragraph', 'dateline'],
  message: 'The byline after the 电头 takes full-width brackets: （{inner}）',
  check(text) {
    return bracketed(text)
      .filter((b) => b.wrong)
      .map((b): Hit => ({
        start: b.start,
        end: b.end,
        replacement: `（${b.inner}）`,
        params: { inner: b.inner },
      }));
  },
};
