import { describe, expect, it } from 'vitest';

import { rangeInBlock, textSegments } from './block-text';

const pieces = [
  { key: 'a', text: '今年𠀀以来，' },
  { key: null, text: '' },
  { key: 'b', text: '青禾县' },
];

describe('rangeInBlock', () => {
  it('turns code points into UTF-16 offsets and checks the text is still there', () => {
    // 𠀀 is one code point, two UTF-16 units.
    expect(rangeInBlock(pieces, { start: 3, end: 5, text: '以来' })).toEqual({ start: 4, end: 6 });
    expect(rangeInBlock(pieces, { start: 3, end: 5, text: '以后' })).toBeNull();
  });
});

describe('textSegments', () => {
  it('splits over text nodes and skips the line break', () => {
    expect(textSegments(pieces, 6, 10)).toEqual([
      { key: 'a', from: 6, to: 7 },
      { key: 'b', from: 0, to: 2 },
    ]);
  });
});
