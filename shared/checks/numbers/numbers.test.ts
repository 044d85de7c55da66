import { describe, expect, it } from 'vitest';

import { hitOf, textFindings } from '../testing/text-hits';
import { copySettings } from '../copy-settings';
import { shiftDecimal } from './unit-chars';

function hits(rule: string, text: string, approxWithYue = true) {
  const context = { settings: copySettings({ numbers: { approxWithYue } }) };
  return textFindings(text, ['numbers'], { context })
    .filter((f) => f.rule === rule)
    .map(hitOf);
}

describe('numbers.fullwidth', () => {
  it('flags full-width digits and letters', () => {
    expect(hits('numbers.fullwidth', '投入资金１７５８万元，建成ＡＢ两区')).toEqual([
      [4, 8, '１７５８', '1758'],
      [13, 15, 'ＡＢ', 'AB'],
    ]);
    expect(hits('numbers.fullwidth', '投入资金1758万元')).toEqual([]);
  });
});

describe('numbers.unit-char', () => {
  it('flags 千/百/十 as units with Arabic digits', () => {
    expect(hits('numbers.unit-char', '吸引3千人参加，筹集2.5千万元')).toEqual([
      [2, 4, '3千', '3000'],
      [10, 14, '2.5千', '2500'],
    ]);
    expect(hits('numbers.unit-char', '总投资3亿4千5百万元')).toEqual([[3, 10, '3亿4千5百万', null]]);
  });
  it('accepts 千米, 千克 and 万/亿 units', () => {
    expect(hits('numbers.unit-char', '步行5千米，采摘20千克，投入3.45亿元和300万元')).toEqual([]);
  });
  it('shifts decimals exactly', () => {
    expect(shiftDecimal('2.5', 3)).toBe('2500');
    expect(shiftDecimal('1.25', 1)).toBe('12.5');
    expect(shiftDecimal('3', 2)).toBe('300');
  });
});

describe('numbers.adjacent-estimate', () => {
  it('flags Arabic digits and 、 in estimates', () => {
    expect(hits('numbers.adjacent-estimate', '每隔3、5天来一次，年龄二十七、八岁')).toEqual([
      [2, 5, '3、5', '三五'],
      [15, 16, '、', ''],
    ]);
  });
  it('leaves lists, ordinals and right estimates alone', () => {
    expect(hits('numbers.adjacent-estimate', '1、2号楼已完工，第一、二批名单，三五天，二十七八岁')).toEqual(
      [],
    );
  });
});

describe('numbers.ji-arabic', () => {
  it('flags 几 with Arabic numerals', () => {
    expect(hits('numbers.ji-arabic', '来了10几个人，捐了几100元，干了30几年，住了123几天')).toEqual([
      [2, 5, '10几', '十几'],
      [10, 14, '几100', '几百'],
      [18, 21, '30几', '三十几'],
      [25, 29, '123几', null],
    ]);
    expect(hits('numbers.ji-arabic', '来了十几个人，几百元')).toEqual([]);
  });
});

describe('numbers.range-unit', () => {
  it('repeats 亿/万/% on both ends', () => {
    expect(hits('numbers.range-unit', '投资9～16亿元，增长15～30%')).toEqual([
      [2, 7, '9～16亿', '9亿～16亿'],
      [11, 17, '15～30%', '15%～30%'],
    ]);
    expect(hits('numbers.range-unit', '投资9亿～16亿元，增长15%～30%，气温25～30℃')).toEqual([]);
  });
});

describe('numbers.short-year', () => {
  it('flags two-digit years before a month or 底/初', () => {
    expect(hits('numbers.short-year', '98年3月建成，08年底通车')).toEqual([
      [0, 3, '98年', null],
      [8, 11, '08年', null],
    ]);
  });
  it('leaves durations, full years and decades alone (90年代 is a decade, not a shortened year)', () => {
    expect(
      hits('numbers.short-year', '建党100年，工作30年，1998年3月，20世纪90年代，90年代建成的小区'),
    ).toEqual([]);
  });
});

describe('numbers.contradictory-approx', () => {
  it('flags contradictory approximations', () => {
    const text = '用了近半个多月，将近400余人，至少30人以上，最多5人以下，不到10人左右，增长5～6%左右';
    expect(hits('numbers.contradictory-approx', text).map((h) => h[2])).toEqual([
      '近半个多',
      '将近400余',
      '至少30人以上',
      '最多5人以下',
      '不到10人左右',
      '5～6%左右',
    ]);
    expect(hits('numbers.contradictory-approx', text)[0]).toEqual([2, 6, '近半个多', null]);
  });
  it('accepts one approximation at a time', () => {
    expect(
      hits('numbers.contradictory-approx', '近半个月，400余人，30人以上，10人左右，最近3个多月'),
    ).toEqual([]);
  });
});

describe('numbers.approx-yue', () => {
  it('warns on 约 with 余/多/左右, fix drops 约', () => {
    expect(hits('numbers.approx-yue', '约200余人，大约20吨左右')).toEqual([
      [0, 5, '约200余', '200余'],
      [7, 14, '大约20吨左右', '20吨左右'],
    ]);
  });
  it('is a setting and leaves 节约/特约 alone', () => {
    expect(hits('numbers.approx-yue', '约200余人', false)).toEqual([]);
    expect(hits('numbers.approx-yue', '节约200多元，特约记者，约200人')).toEqual([]);
  });
});
