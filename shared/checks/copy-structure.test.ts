/** Story and page rules: region, key figures, jump lines, length; and the error rate. */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { RegionIndex } from '../geo/regions';
import { bodyFromBlocks, type JumpLine, type KeyFigure, type Region } from '../model';
import { checkCopyPage, checkCopyStory } from './copy-rules';
import { copySettings } from './copy-settings';
import type { CopyStory } from './copy-text';
import { errorRate } from './error-rate';
import type { Finding } from './finding';

const regions = new RegionIndex(JSON.parse(readFileSync('resources/data/regions.json', 'utf8')));
const BAIYUN_GY: Region = { code: '520113', path: ['贵州省', '贵阳市', '白云区'] };

function story(over: Partial<CopyStory['content']> & { paragraphs?: string[] } = {}, key = 's'): CopyStory {
  const { paragraphs = ['正文。'], ...rest } = over;
  return {
    key,
    content: {
      kicker: '',
      headline: '标题',
      subheadline: '',
      body: bodyFromBlocks(paragraphs.map((text) => ({ type: 'paragraph' as const, text }))),
      photos: [],
      ...rest,
    },
  };
}

const brief = (fs: Finding[]) =>
  fs.map((f) => [f.rule, f.severity, f.locations[0]!.field, f.locations[0]!.text]);

describe('region', () => {
  const check = (s: CopyStory) => brief(checkCopyStory(s, { families: ['region'], context: { regions } }));
  it('passes a valid region and names that fit it (白云区 is in 贵阳 too)', () => {
    expect(
      check(
        story({
          region: BAIYUN_GY,
          headline: '贵阳市白云区：夜校开到家门口',
          paragraphs: ['贵州省贵阳市白云区某村，城区居民也来了。'],
        }),
      ),
    ).toEqual([]);
  });
  it('region.invalid: a code with the wrong path', () => {
    expect(check(story({ region: { code: '520113', path: ['广东省', '广州市', '白云区'] } }))).toEqual([
      ['region.invalid', 'error', 'region', '广东省广州市白云区'],
    ]);
  });
  it('region.missing: information', () => {
    expect(check(story({ region: null }))).toEqual([['region.missing', 'info', 'region', '']]);
  });
  it('region.mention: a division in the headline or lead outside the region', () => {
    const found = checkCopyStory(story({ region: BAIYUN_GY, headline: '西湖区：夜校开到家门口' }), {
      families: ['region'],
      context: { regions },
    });
    expect(brief(found)).toEqual([['region.mention', 'info', 'headline', '西湖区']]);
    expect(found[0]!.locations[0]).toMatchObject({ start: 0, end: 3 });
  });
});

const fig = (
  label: string,
  value: string,
  unit: string,
  qualifier: KeyFigure['qualifier'] = '',
): KeyFigure => ({
  id: label,
  label,
  value,
  unit,
  qualifier,
  asOf: '',
});

describe('figures', () => {
  const check = (s: CopyStory) => checkCopyStory(s, { families: ['figures'] });
  it('pass when the body prints every figure the same way', () => {
    expect(
      check(
        story({ figures: [fig('种植苗木', '6.1万', '棵', '余')], paragraphs: ['全村种植苗木6.1万余棵。'] }),
      ),
    ).toEqual([]);
  });
  it('figures.qualifier-differs: 6.1万余棵 in the body, 6.1万棵 in the panel', () => {
    const found = check(
      story({ figures: [fig('种植苗木', '6.1万', '棵')], paragraphs: ['全村种植苗木6.1万余棵。'] }),
    );
    expect(brief(found)).toEqual([['figures.qualifier-differs', 'warning', 'figure', '种植苗木6.1万棵']]);
    expect(found[0]!.locations[1]).toMatchObject({
      field: 'body',
      paragraph: 0,
      start: 6,
      end: 12,
      text: '6.1万余棵',
    });
  });
  it('figures.missing-in-body', () => {
    expect(
      brief(check(story({ figures: [fig('投入资金', '1758', '万元')], paragraphs: ['全村种植苗木。'] }))),
    ).toEqual([['figures.missing-in-body', 'warning', 'figure', '投入资金1758万元']]);
  });
  it('figures.contradicts-panel: same label, another value', () => {
    const found = check(
      story({
        figures: [fig('种植苗木', '6.1万', '棵', '余')],
        paragraphs: ['全村种植苗木6.1万余棵。', '一年来种植苗木5万棵。'],
      }),
    );
    expect(brief(found)).toEqual([['figures.contradicts-panel', 'error', 'body', '一年来种植苗木5万棵']]);
    expect(found[0]!.locations[0]).toMatchObject({ paragraph: 1, start: 0, end: 10 });
  });
});

describe('jumps (page)', () => {
  const jump = (direction: 'from' | 'to', page: string): JumpLine => ({
    id: `${direction}${page}`,
    direction,
    page,
  });
  it('pass when every 下转 has its 上接 and a page not checked is left alone', () => {
    const page = [
      story({ page: 'B6', jumps: [jump('to', 'B7')] }, 'a'),
      story({ page: 'B7', jumps: [jump('from', 'B6')] }, 'b'),
    ];
    expect(checkCopyPage(page, { families: ['jumps'] })).toEqual([]);
    expect(
      checkCopyPage([story({ page: 'B6', jumps: [jump('to', 'B9')] })], { families: ['jumps'] }),
    ).toEqual([]);
  });
  it('flag a 下转 without 上接 and the reverse', () => {
    const page = [
      story({ page: 'B6', jumps: [jump('to', 'B7')] }, 'a'),
      story({ page: 'B7', jumps: [jump('from', 'B5')] }, 'b'),
      story({ page: 'B5' }, 'c'),
    ];
    expect(brief(checkCopyPage(page, { families: ['jumps'] }))).toEqual([
      ['jumps.unmatched-to', 'error', 'jump', '（下转B7版）'],
      ['jumps.unmatched-from', 'error', 'jump', '（上接B5版）'],
    ]);
  });
});

describe('length', () => {
  const long = '党'.repeat(1001);
  it('length.news-long: a 消息 over the limit, configurable', () => {
    expect(
      brief(checkCopyStory(story({ kind: '消息', paragraphs: [long] }), { families: ['length'] })),
    ).toEqual([['length.news-long', 'info', 'story', '']]);
    const settings = copySettings({ length: { newsLongChars: 2000 } });
    expect(
      checkCopyStory(story({ kind: '消息', paragraphs: [long] }), {
        families: ['length'],
        context: { settings },
      }),
    ).toEqual([]);
    expect(checkCopyStory(story({ kind: '通讯', paragraphs: [long] }), { families: ['length'] })).toEqual([]);
  });
  it('over and under the slot budget when one is given', () => {
    const settings = copySettings({ length: { budgets: { 1: { min: 10, max: 20 } } } });
    const run = (text: string) =>
      brief(
        checkCopyStory(story({ slot: 1, paragraphs: [text] }), {
          families: ['length'],
          context: { settings },
        }),
      );
    expect(run('党'.repeat(21))).toEqual([['length.over-budget', 'warning', 'story', '']]);
    expect(run('党'.repeat(9))).toEqual([['length.under-budget', 'info', 'story', '']]);
    expect(run('党'.repeat(15))).toEqual([]);
  });
});

describe('errorRate (domain §8)', () => {
  const f = (rule: string, field: string, severity: Finding['severity'] = 'error'): Finding => ({
    rule,
    severity,
    messageKey: '',
    params: {},
    message: '',
    locations: [{ story: 's', field, start: 0, end: 1, text: 'x' }],
  });
  it('counts headline and name/date errors double, per 10,000 characters', () => {
    const rate = errorRate(
      [
        f('punct.halfwidth', 'body'),
        f('punct.halfwidth', 'headline'),
        f('numbers.short-year', 'body'),
        f('punct.single-dash', 'body', 'warning'),
      ],
      10000,
    );
    expect(rate).toEqual({ errors: 3, weighted: 5, characters: 10000, perTenThousand: 5, pass: false });
    expect(errorRate([f('punct.halfwidth', 'body')], 5000).perTenThousand).toBe(2);
    expect(errorRate([], 0)).toMatchObject({ perTenThousand: 0, pass: true });
  });

  it('counts copy errors in the text only: the page workflow findings (page.*) never enter it', () => {
    const rate = errorRate(
      [f('punct.halfwidth', 'body'), f('page.not-approved', 'story'), f('page.signatures-missing', 'story')],
      10000,
    );
    expect(rate).toMatchObject({ errors: 1, weighted: 1, perTenThousand: 1 });
  });
});
