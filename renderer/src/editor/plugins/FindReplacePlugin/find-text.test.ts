import { describe, expect, it } from 'vitest';

import {
  applyEdits,
  blockString,
  findMatches,
  matchAtOrAfter,
  MAX_MATCHES,
  planReplacements,
  segmentsOf,
  type Piece,
} from './find-text';

// "党建引领基层治理" with "引领" in bold, then a line break, then "基层".
const pieces: Piece[] = [
  { key: 'a', text: '党建' },
  { key: 'b', text: '引领' },
  { key: 'c', text: '基层治理' },
  { key: null, text: '' },
  { key: 'd', text: '基层' },
];

describe('find', () => {
  it('finds every match across text nodes but never across a line break', () => {
    const text = blockString(pieces);
    expect(text).toBe('党建引领基层治理\n基层');
    expect(findMatches([text], '领基', { matchCase: false })).toEqual([{ block: 0, start: 3, end: 5 }]);
    expect(segmentsOf(pieces, 3, 5)).toEqual([
      { key: 'b', from: 1, to: 2 },
      { key: 'c', from: 0, to: 1 },
    ]);
    expect(segmentsOf(pieces, 7, 10)).toBeNull();
  });

  it('folds ASCII case unless asked not to', () => {
    expect(findMatches(['CPC and cpc'], 'cpc', { matchCase: false })).toHaveLength(2);
    expect(findMatches(['CPC and cpc'], 'cpc', { matchCase: true })).toEqual([
      { block: 0, start: 8, end: 11 },
    ]);
  });

  it('folds full and half width, with or without case, keeping the offsets of the text as it is', () => {
    const text = '２０２６年，GDP增长5％；2026年,ｇｄｐ（全年）';
    expect(findMatches([text], '2026', { matchCase: true })).toEqual([
      { block: 0, start: 0, end: 4 },
      { block: 0, start: 14, end: 18 },
    ]);
    expect(findMatches([text], '２０２６', { matchCase: true })).toHaveLength(2);
    // "," finds the full-width "，" and the half-width ","; the match covers the text as written.
    const commas = findMatches([text], ',', { matchCase: true });
    expect(commas.map((m) => text.slice(m.start, m.end))).toEqual(['，', ',']);
    expect(findMatches([text], '5%', { matchCase: true }).map((m) => text.slice(m.start, m.end))).toEqual([
      '5％',
    ]);
    expect(findMatches([text], '(全年)', { matchCase: true }).map((m) => text.slice(m.start, m.end))).toEqual(
      ['（全年）'],
    );
    // Case folds on top of width: "GDP" finds "ｇｄｐ" unless case must match.
    expect(findMatches([text], 'GDP', { matchCase: false }).map((m) => text.slice(m.start, m.end))).toEqual([
      'GDP',
      'ｇｄｐ',
    ]);
    expect(findMatches([text], 'GDP', { matchCase: true }).map((m) => text.slice(m.start, m.end))).toEqual([
      'GDP',
    ]);
    expect(findMatches(['党建\u3000引领｡'], ' 引领。', { matchCase: true })).toEqual([
      { block: 0, start: 2, end: 6 },
    ]);
  });

  it('replaces a width-folded match as written', () => {
    const one: Piece[] = [{ key: 'x', text: '共２０２６户' }];
    const edits = planReplacements(one, findMatches([one[0]!.text], '2026', { matchCase: true }), '2027');
    expect(applyEdits(one, edits)[0]!.text).toBe('共2027户');
  });

  it('does not overlap matches and caps their number', () => {
    expect(findMatches(['啊啊啊'], '啊啊', { matchCase: true })).toHaveLength(1);
    expect(findMatches(['党'.repeat(MAX_MATCHES + 5)], '党', { matchCase: true })).toHaveLength(MAX_MATCHES);
  });

  it('starts at the first match after the caret, wrapping around', () => {
    const matches = findMatches(['基层', '基层基层'], '基层', { matchCase: true });
    expect(matchAtOrAfter(matches, 1, 1)).toBe(2);
    expect(matchAtOrAfter(matches, 1, 3)).toBe(0);
    expect(matchAtOrAfter([], 0, 0)).toBe(-1);
  });
});

describe('replace', () => {
  it('replaces all matches in a block, the replacement taking the first node of each match', () => {
    const text = blockString(pieces);
    const matches = findMatches([text], '基层', { matchCase: true });
    expect(matches).toHaveLength(2);
    const edits = planReplacements(pieces, matches, '社区');
    expect(blockString(applyEdits(pieces, edits))).toBe('党建引领社区治理\n社区');

    const across = planReplacements(pieces, findMatches([text], '引领基层', { matchCase: true }), '带动');
    const result = applyEdits(pieces, across);
    expect(result.map((p) => p.text)).toEqual(['党建', '带动', '治理', '', '基层']);
  });

  it('can replace with the empty string and with text that contains the query', () => {
    const one: Piece[] = [{ key: 'x', text: '党员党员' }];
    expect(
      applyEdits(one, planReplacements(one, findMatches(['党员党员'], '党员', { matchCase: true }), ''))[0]!
        .text,
    ).toBe('');
    expect(
      applyEdits(
        one,
        planReplacements(one, findMatches(['党员党员'], '党员', { matchCase: true }), '老党员'),
      )[0]!.text,
    ).toBe('老党员老党员');
  });
});
