import { describe, expect, it } from 'vitest';

import { codePointRange, occurrences } from './MarkedText';

describe('marks in archived text', () => {
  it('finds every place of a search phrase, spaces in the query ignored', () => {
    expect(occurrences('红色驿站建在街道，红色驿站暖人心', '红色 驿站')).toEqual([
      [0, 4],
      [9, 13],
    ]);
    expect(occurrences('没有', '')).toEqual([]);
  });

  it('turns a finding’s code-point offsets into UTF-16 ones (characters outside the BMP count once)', () => {
    const text = '𠀀村议事会议出新风';
    expect(codePointRange(text, 1, 4)).toEqual([2, 5]);
    expect(text.slice(...codePointRange(text, 1, 4))).toBe('村议事');
    expect(codePointRange('短', 0, 9)).toEqual([0, 1]);
  });
});
