import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { hitOf, textFindings } from '../testing/text-hits';
import { TermBankSchema, TermEntrySchema, matchTerms, type TermBank } from './term-bank';

const shipped = TermBankSchema.parse(JSON.parse(readFileSync('resources/data/terms.json', 'utf8')));

function hits(text: string, terms: TermBank = shipped) {
  return textFindings(text, ['wording'], { context: { terms } }).map((f) => [
    f.params.term,
    f.severity,
    ...hitOf(f),
  ]);
}

describe('the shipped term bank (domain §4)', () => {
  it('is valid data with a version and a change log', () => {
    expect(shipped.version).toBeGreaterThanOrEqual(1);
    expect(shipped.changelog[0]?.version).toBe(1);
  });
  it('catches every entry of domain §4', () => {
    expect(hits('中共某某省省委书记')).toEqual([['committee-province', 'error', 4, 7, '省省委', '省委']]);
    expect(hits('白云区区委组织部')).toEqual([['committee-district', 'error', 2, 5, '区区委', '区委']]);
    expect(hits('推进“一带一路”战略')).toEqual([
      ['yidaiyilu-strategy', 'error', 2, 10, '“一带一路”战略', '“一带一路”倡议'],
    ]);
    expect(hits('学习全会会议精神')).toEqual([
      ['plenum-meeting-spirit', 'error', 2, 8, '全会会议精神', '全会精神'],
    ]);
    expect(hits('学习党的二十大会议精神')).toEqual([
      ['congress-meeting-spirit', 'error', 2, 11, '党的二十大会议精神', '党的二十大精神'],
    ]);
    expect(hits('老村长说')).toEqual([['village-head', 'error', 1, 3, '村长', '村委会主任']]);
    expect(hits('大家叫他老板')).toEqual([['boss-for-officials', 'warning', 4, 6, '老板', null]]);
    expect(hits('书记亲自部署')).toEqual([['personally', 'warning', 2, 4, '亲自', null]]);
    expect(hits('全国31个省都有')).toEqual([
      ['thirty-one-provinces', 'error', 2, 6, '31个省', '31个省（自治区、直辖市）'],
    ]);
    expect(hits('区人力资源与社会保障局')).toEqual([
      ['hrss-he', 'error', 1, 10, '人力资源与社会保障', '人力资源和社会保障'],
    ]);
    expect(hits('县住房与城乡建设局')).toEqual([
      ['institution-he', 'error', 1, 8, '住房与城乡建设', '住房和城乡建设'],
    ]);
  });
  it('passes the right forms', () => {
    expect(
      hits(
        '中共某某省委书记，白云区委组织部，“一带一路”倡议，全会精神，党的二十大精神，村委会主任，全村长期坚持，' +
          '31个省（自治区、直辖市），31个省份，人力资源和社会保障局，住房和城乡建设局，各省省委',
      ),
    ).toEqual([]);
  });
});

describe('term bank entries', () => {
  it('validate patterns and ids', () => {
    const base = { id: 'x-1', wrong: 'a', right: 'b', severity: 'error', note: '', source: '' };
    expect(TermEntrySchema.safeParse(base).success).toBe(true);
    expect(TermEntrySchema.safeParse({ ...base, match: 'pattern', wrong: '(' }).success).toBe(false);
    expect(TermEntrySchema.safeParse({ ...base, match: 'pattern', wrong: 'a*' }).success).toBe(false);
    expect(TermEntrySchema.safeParse({ ...base, id: 'Bad Id' }).success).toBe(false);
  });
  it('expand $1 and $<name> in the right form', () => {
    const bank: TermBank = {
      version: 1,
      changelog: [],
      entries: [
        {
          id: 'n',
          wrong: '(?<place>\\p{Script=Han}{2})市市长',
          right: '$<place>市长',
          severity: 'info',
          note: '',
          source: '',
          match: 'pattern',
        },
      ],
    };
    expect(matchTerms('据东城市市长说', bank)).toMatchObject([{ start: 1, end: 6, replacement: '东城市长' }]);
  });
});
