/** Property tests of the copy rules' fixes: exact locations, nothing outside the range changes, fixing converges. */
import { readFileSync } from 'node:fs';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sliceCodePoints } from '../text/code-points';
import { checkCopyText } from './copy-rules';
import { applyFix, type TextKind, type TextUnit } from './copy-text';
import { TermBankSchema } from './wording/term-bank';

const terms = TermBankSchema.parse(JSON.parse(readFileSync('resources/data/terms.json', 'utf8')));

/** Pieces that make the rules fire, and plain Chinese around them. */
const PIECES = [
  '党',
  '建',
  '村',
  '里',
  '省',
  '区',
  '委',
  '，',
  '。',
  '、',
  ',',
  '.',
  ':',
  ';',
  '?',
  '!',
  '(',
  ')',
  '（',
  '）',
  '"',
  "'",
  '“',
  '”',
  '《',
  '》',
  '…',
  '...',
  '。。。',
  '—',
  '--',
  '-',
  '~',
  '～',
  '1',
  '3',
  '5',
  '10',
  '90',
  '2016',
  '1881',
  '6.1',
  '万',
  '亿',
  '千',
  '百',
  '几',
  '余',
  '多',
  '约',
  '近',
  '左右',
  '以上',
  '至少',
  '年',
  '月',
  '%',
  '人',
  '天',
  '等',
  '１７',
  'Ａ',
  '經',
  '濟',
  '於',
  '本报讯',
  '记者 ',
  '不忘初心',
  '牢记使命',
  '区区委',
  '村长',
  '亲自',
  '31个省',
  '一',
  '二',
  '八',
  ' ',
  '𠮷',
  'a',
  'b',
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
const kindArb = fc.constantFrom<TextKind>('paragraph', 'headline', 'subheadline', 'caption', 'dateline');

function unit(text: string, kind: TextKind): TextUnit {
  return { story: 's', field: kind === 'paragraph' ? 'body' : kind, paragraph: 0, kind, text };
}
const check = (text: string, kind: TextKind) => checkCopyText(unit(text, kind), { context: { terms } });

/** Applies the first fix until none is left (bounded): what "fix all" in the editor does. */
function fixAll(text: string, kind: TextKind): string {
  let t = text;
  for (let i = 0; i < 200; i++) {
    const f = check(t, kind).find((x) => x.fix);
    if (!f) return t;
    const next = applyFix(t, f);
    if (next === null) throw new Error(`stale fix ${f.rule}`);
    t = next;
  }
  throw new Error(`fixes do not converge on ${JSON.stringify(text)}`);
}

describe('copy rule fixes (property)', () => {
  it('point at exact code points, and a fix changes nothing outside its range', () => {
    fc.assert(
      fc.property(textArb, kindArb, (text, kind) => {
        for (const f of check(text, kind)) {
          const loc = f.locations[0]!;
          expect(sliceCodePoints(text, loc.start, loc.end)).toBe(loc.text);
          if (!f.fix) continue;
          const fixed = applyFix(text, f)!;
          expect(sliceCodePoints(fixed, 0, loc.start)).toBe(sliceCodePoints(text, 0, loc.start));
          const tail = [...text].slice(loc.end).join('');
          expect(fixed.endsWith(tail)).toBe(true);
          expect(fixed).toBe(sliceCodePoints(text, 0, loc.start) + f.fix.replacement + tail);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('are idempotent: fixing converges, and fixing fixed text changes nothing', () => {
    fc.assert(
      fc.property(textArb, kindArb, (text, kind) => {
        const once = fixAll(text, kind);
        expect(fixAll(once, kind)).toBe(once);
        expect(check(once, kind).filter((f) => f.fix)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a fix applied to text that changed since the check is refused', () => {
    const [f] = check('村里修了路,种了树', 'paragraph');
    expect(applyFix('村里修了桥,种了树', f!)).not.toBeNull();
    expect(applyFix('村里修了路种了树', f!)).toBeNull();
  });
});
