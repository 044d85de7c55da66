import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { diffChars, diffSides, editDistance, lcsLength } from './char-diff';

const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);

/** Reference LCS by dynamic programming. */
function lcsDp(a: number[], b: number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

const SHORT = fc.string({ unit: fc.constantFrom(...'党建引领治理12，。𠮷'), maxLength: 40 });

describe('diffChars', () => {
  it('shows a changed number and a changed mark', () => {
    expect(diffChars('投入900万元，', '投入950万元；')).toEqual([
      { op: 'equal', text: '投入9' },
      { op: 'insert', text: '5' },
      { op: 'equal', text: '0' },
      { op: 'delete', text: '0' },
      { op: 'equal', text: '万元' },
      { op: 'delete', text: '，' },
      { op: 'insert', text: '；' },
    ]);
  });

  it('property: the diff rebuilds both texts and has minimal length (LCS)', () => {
    fc.assert(
      fc.property(SHORT, SHORT, (a, b) => {
        const diff = diffChars(a, b)!;
        expect(diffSides(diff)).toEqual({ from: a, to: b });
        const equal = diff.filter((d) => d.op === 'equal').reduce((n, d) => n + Array.from(d.text).length, 0);
        expect(equal).toBe(lcsDp(cps(a), cps(b)));
        expect(lcsLength(cps(a), cps(b))).toBe(equal);
        expect(editDistance(cps(a), cps(b))).toBe(cps(a).length + cps(b).length - 2 * equal);
      }),
    );
  });

  it('stops at maxEdits', () => {
    expect(diffChars('甲乙丙丁', '子丑寅卯', 3)).toBeNull();
    expect(editDistance(cps('甲乙丙丁'), cps('子丑寅卯'), 3)).toBe(-1);
    expect(lcsLength(cps('甲乙丙丁'), cps('甲乙丙戊'), 2)).toBe(3);
  });
});
