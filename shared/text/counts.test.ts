import { describe, expect, it } from 'vitest';

import { countText } from './counts';

describe('countText: the three counts of an editor', () => {
  it('counts Chinese characters, Word-style 字数 and non-space characters', () => {
    // 13 Han, 2 full-width marks (，。), two runs ("1758", "APP"), one space.
    const text = '投入资金1758万元，开发了APP 服务群众。';
    expect(countText(text)).toEqual({ han: 13, wordStyle: 17, nonSpace: 22 });
  });

  it('counts a decimal, a grouped number and a date as one run each', () => {
    expect(countText('6.1万余棵').wordStyle).toBe(4);
    expect(countText('1,758人').wordStyle).toBe(2);
    expect(countText('2026-11').wordStyle).toBe(1);
  });

  it('counts full-width digits as a run, not as marks', () => {
    expect(countText('１７５８').wordStyle).toBe(1);
  });

  it('ignores all white space, including the ideographic space', () => {
    expect(countText(' \u3000\n\t')).toEqual({ han: 0, wordStyle: 0, nonSpace: 0 });
  });

  it('counts characters outside the Basic Multilingual Plane once', () => {
    expect(countText('𠀀').nonSpace).toBe(1);
  });
});
