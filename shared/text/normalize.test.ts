import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { codePointLength, sliceCodePoints, utf16Offset } from './code-points';
import {
  foldCodePoint,
  normalizeAllForMatch,
  normalizeForMatch,
  normalizedString,
  originalRange,
} from './normalize';

const TEXT = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'党建引领基层治理，。、；：“”《》（）,.;:!? \n\t\u3000１２３４５ＡＢｃ6789——……·'),
    fc.constantFrom('𠮷', '𡈽', '\u200b', '\ufeff', '㐀', '\u4dbf', '\u9fff', '\ua000'),
    fc.string({ unit: 'grapheme', maxLength: 1 }),
  ),
  maxLength: 200,
});

describe('normalizeForMatch', () => {
  it('ignores punctuation of either width, spaces and line breaks, and folds full-width digits and letters', () => {
    const a = normalizeForMatch('投入资金１７５８万元，种植苗木6.1万余棵。');
    const b = normalizeForMatch('投入资金 1758 万元,\n种植苗木６．１万余棵');
    expect(normalizedString(a)).toBe('投入资金1758万元种植苗木61万余棵');
    expect(normalizedString(b)).toBe(normalizedString(a));
    expect(normalizedString(normalizeForMatch('ＡＢＣ abc「党」'))).toBe('abcabc党');
  });

  it('maps every normalised character to its original code point (astral characters count once)', () => {
    const text = '𠮷，村“两委”１';
    const n = normalizeForMatch(text);
    expect(normalizedString(n)).toBe('𠮷村两委1');
    expect(Array.from(n.origin)).toEqual([0, 2, 4, 5, 7]);
    expect(n.sourceLength).toBe(8);
    const { start, end } = originalRange(n, 1, 4);
    expect(sliceCodePoints(text, start, end)).toBe('村“两委');
  });

  it('property: the map is increasing, lands inside the original, and points at the very character', () => {
    fc.assert(
      fc.property(TEXT, (text) => {
        const n = normalizeForMatch(text);
        const chars = Array.from(text);
        expect(n.sourceLength).toBe(chars.length);
        for (let i = 0; i < n.codes.length; i++) {
          const at = n.origin[i]!;
          expect(at).toBeGreaterThanOrEqual(0);
          expect(at).toBeLessThan(chars.length);
          if (i > 0) expect(at).toBeGreaterThan(n.origin[i - 1]!);
          expect(foldCodePoint(chars[at]!.codePointAt(0)!)).toBe(n.codes[i]);
        }
        // Dropped characters are exactly those the map skips.
        const kept = new Set(n.origin);
        chars.forEach((c, i) => {
          if (!kept.has(i)) expect(foldCodePoint(c.codePointAt(0)!)).toBe(-1);
        });
      }),
    );
  });

  it('property: the blocks of a story normalised together equal each normalised alone', () => {
    fc.assert(
      fc.property(fc.array(TEXT, { maxLength: 8 }), (texts) => {
        const together = normalizeAllForMatch(texts);
        expect(together).toHaveLength(texts.length);
        texts.forEach((text, i) => {
          const alone = normalizeForMatch(text);
          expect(Array.from(together[i]!.codes)).toEqual(Array.from(alone.codes));
          expect(Array.from(together[i]!.origin)).toEqual(Array.from(alone.origin));
          expect(together[i]!.sourceLength).toBe(alone.sourceLength);
        });
      }),
    );
  });

  it('property: an original range covers exactly the matched characters and nothing outside them', () => {
    fc.assert(
      fc.property(TEXT, fc.nat(), fc.nat(), (text, x, y) => {
        const n = normalizeForMatch(text);
        fc.pre(n.codes.length > 0);
        const from = x % n.codes.length;
        const to = from + 1 + (y % (n.codes.length - from));
        const { start, end } = originalRange(n, from, to);
        const slice = sliceCodePoints(text, start, end);
        expect(Array.from(normalizeForMatch(slice).codes)).toEqual(Array.from(n.codes.subarray(from, to)));
        // The span starts and ends on matched characters, never on punctuation.
        expect(foldCodePoint(slice.codePointAt(0)!)).not.toBe(-1);
        expect(foldCodePoint(Array.from(slice).at(-1)!.codePointAt(0)!)).not.toBe(-1);
      }),
    );
  });
});

describe('code points', () => {
  it('converts between code-point and UTF-16 offsets', () => {
    const text = 'a𠮷b';
    expect(codePointLength(text)).toBe(3);
    expect(utf16Offset(text, 2)).toBe(3);
    expect(sliceCodePoints(text, 1, 2)).toBe('𠮷');
  });
});
