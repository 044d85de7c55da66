import { describe, expect, it } from 'vitest';

import { mergeRuns, type Run } from './runs';

const counted = (aStart: number, aEnd: number, bStart: number, bEnd: number) => ({
  run: { aStart, aEnd, bStart, bEnd } as Run,
  counted: aEnd - aStart,
});

describe('mergeRuns', () => {
  it('unites runs of one pair that overlap on both sides, whichever run came between them in order', () => {
    // A repeat inside a copied stretch: the 24-character run lies inside the 87-character one on both
    // sides, but a run on another diagonal (overlapping only on side A) sorts between them.
    const long = counted(24, 111, 176, 263);
    const other = counted(72, 97, 95, 120);
    const inner = counted(72, 96, 189, 213);
    const merged = mergeRuns([long, other, inner]);
    expect(merged.map((r) => [r.run.aStart, r.run.aEnd, r.run.bStart, r.run.bEnd, r.counted])).toEqual([
      [24, 111, 176, 263, 87],
      [72, 97, 95, 120, 25],
    ]);
  });

  it('keeps runs that overlap on one side only apart, and merges chains', () => {
    const merged = mergeRuns([
      counted(0, 30, 100, 130),
      counted(20, 50, 120, 150),
      counted(40, 70, 140, 170),
    ]);
    expect(merged.map((r) => [r.run.aStart, r.run.aEnd, r.run.bStart, r.run.bEnd])).toEqual([
      [0, 70, 100, 170],
    ]);
    expect(mergeRuns([counted(0, 30, 100, 130), counted(10, 40, 0, 30)])).toHaveLength(2);
  });
});
