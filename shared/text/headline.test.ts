import { describe, expect, it } from 'vitest';

import { headlineEndIssue, normaliseSubheadline, SUBHEADLINE_DASH } from './headline';

describe('normaliseSubheadline', () => {
  it('puts "——" in front of the first character typed into an empty 副题', () => {
    expect(normaliseSubheadline('某')).toBe('——某');
    expect(normaliseSubheadline('青山镇以党建引领乡村振兴')).toBe('——青山镇以党建引领乡村振兴');
  });

  it('keeps exactly one "——" when the text already has it', () => {
    expect(normaliseSubheadline('——青山镇')).toBe('——青山镇');
    expect(normaliseSubheadline('————青山镇')).toBe('——青山镇');
  });

  it('turns pasted look-alike dashes into one "——"', () => {
    for (const pasted of [
      '—青山镇',
      '--青山镇',
      '-青山镇',
      '―青山镇',
      '–青山镇',
      '－－青山镇',
      '── 青山镇',
      '— —青山镇',
      ' ——青山镇',
      '\u3000——青山镇',
    ]) {
      expect(normaliseSubheadline(pasted), pasted).toBe('——青山镇');
    }
  });

  it('leaves nothing, not a lone dash, when the text is cleared', () => {
    for (const empty of ['', '——', '—', '--', ' ', '—— '])
      expect(normaliseSubheadline(empty), empty).toBe('');
  });

  it('keeps dashes and spaces inside and at the end of the text', () => {
    expect(normaliseSubheadline('——2016—2020年的青山镇 ')).toBe('——2016—2020年的青山镇 ');
    expect(normaliseSubheadline('青山镇——一个村的故事')).toBe('——青山镇——一个村的故事');
  });

  it('is idempotent', () => {
    for (const s of ['', '——', '—a', '--b——c', '某', '—— 某']) {
      const once = normaliseSubheadline(s);
      expect(normaliseSubheadline(once)).toBe(once);
    }
  });

  it('uses two U+2014', () => {
    expect([...SUBHEADLINE_DASH].map((c) => c.codePointAt(0))).toEqual([0x2014, 0x2014]);
  });
});

describe('headlineEndIssue', () => {
  it('flags 。 and ，at the end of a headline', () => {
    expect(headlineEndIssue('青山镇：党员议事会议出新风。')).toBe('period');
    expect(headlineEndIssue('青山镇：党员议事会议出新风，')).toBe('comma');
    expect(headlineEndIssue('青山镇：党员议事会议出新风,')).toBe('comma');
    expect(headlineEndIssue('青山镇：党员议事会议出新风、')).toBe('comma');
    expect(headlineEndIssue('青山镇：党员议事会议出新风。  ')).toBe('period');
  });

  it('allows ？ ！, an ellipsis, closing quotes and no mark at all', () => {
    for (const ok of [
      '小山村为何换了模样？',
      '干出来！',
      '从一张清单说起……',
      '“书记，咱村有路了”',
      '青山镇',
      '',
    ]) {
      expect(headlineEndIssue(ok), ok).toBeNull();
    }
  });

  it('does not mind 。 or ，inside a headline', () => {
    expect(headlineEndIssue('路通了，心也通了')).toBeNull();
  });
});
