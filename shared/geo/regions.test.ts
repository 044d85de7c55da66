import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { RegionIndex, normalizeRegionQuery, shortForms, type RegionData } from './regions';

const data = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../resources/data/regions.json'), 'utf8'),
) as RegionData;
const index = new RegionIndex(data);

const label = (m: { name: string; path: string[] }) => m.path.join('/');

describe('regions.json', () => {
  it('has all three levels and a dated source', () => {
    const levels = [1, 2, 3].map((lv) => data.regions.filter((r) => r[3] === lv).length);
    expect(levels[0]).toBe(34);
    expect(levels[1]).toBeGreaterThan(330);
    expect(levels[2]).toBeGreaterThan(2800);
    expect(data.meta.count).toBe(data.regions.length);
    expect(data.meta.source).toMatch(/^@vant\/area-data@\d/);
    expect(data.meta.dataDate).toMatch(/^\d{4}-\d{2}$/);
  });

  it('is sorted, unique, with a parent for everything below a province and one initial per character', () => {
    const codes = data.regions.map((r) => r[0]);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
    const known = new Set(codes);
    for (const [code, name, parent, level, initials] of data.regions) {
      expect(code).toMatch(/^\d{6}$/);
      expect(level === 1 ? parent === '' : known.has(parent)).toBe(true);
      expect(initials).toHaveLength([...name].length);
    }
  });

  it('leaves out what GB/T 2260 does not list', () => {
    for (const code of ['110100', '429000', '441901', '320611', '370634', '340171', '620201', '810100']) {
      expect(index.lookup(code), code).toBeUndefined();
    }
  });
});

describe('RegionIndex.lookup', () => {
  it.each([
    ['440111', ['广东省', '广州市', '白云区']],
    ['520113', ['贵州省', '贵阳市', '白云区']],
    ['530721', ['云南省', '丽江市', '玉龙纳西族自治县']],
    ['110101', ['北京市', '东城区']],
    ['500229', ['重庆市', '城口县']],
    ['429004', ['湖北省', '仙桃市']],
    ['441900', ['广东省', '东莞市']],
    ['653229', ['新疆维吾尔自治区', '和田地区', '和安县']],
    ['810000', ['香港特别行政区']],
  ])('%s is %j', (code, path) => {
    const found = index.lookup(code);
    expect(found?.path).toEqual(path);
    expect(found?.name).toBe(path[path.length - 1]);
  });

  it('gives levels by code, even when a municipality has no prefecture in the path', () => {
    expect(index.lookup('440000')?.level).toBe(1);
    expect(index.lookup('440100')?.level).toBe(2);
    expect(index.lookup('110101')?.level).toBe(3);
    expect(index.lookup('999999')).toBeUndefined();
  });
});

describe('RegionIndex.isValidRegion', () => {
  it('accepts a code with its own path and nothing else', () => {
    expect(index.isValidRegion({ code: '520113', path: ['贵州省', '贵阳市', '白云区'] })).toBe(true);
    expect(index.isValidRegion({ code: '520113', path: ['广东省', '广州市', '白云区'] })).toBe(false);
    expect(index.isValidRegion({ code: '520113', path: ['白云区'] })).toBe(false);
    expect(index.isValidRegion({ code: '110101', path: ['北京市', '市辖区', '东城区'] })).toBe(false);
    expect(index.isValidRegion({ code: '000000', path: ['无'] })).toBe(false);
    expect(index.isValidRegion(null)).toBe(false);
  });
});

describe('RegionIndex.search', () => {
  it('finds both 白云区 with their parents, ahead of longer names', () => {
    const results = index.search('白云区');
    expect(results.slice(0, 2).map(label)).toEqual(['广东省/广州市/白云区', '贵州省/贵阳市/白云区']);
    const prefix = index.search('白云').map(label);
    expect(prefix.slice(0, 2)).toEqual(['广东省/广州市/白云区', '贵州省/贵阳市/白云区']);
    expect(prefix).toContain('内蒙古自治区/包头市/白云鄂博矿区');
  });

  it('knows short forms of autonomous names', () => {
    expect(index.search('玉龙县')[0]?.code).toBe('530721');
    expect(index.search('玉龙县')[0]?.via).toBe('short');
    expect(index.search('玉龙')[0]?.code).toBe('530721');
    expect(index.search('延边州')[0]?.code).toBe('222400');
    expect(index.search('广西')[0]?.code).toBe('450000');
    expect(index.search('新疆')[0]?.code).toBe('650000');
  });

  it('searches pinyin initials, of names and of short forms', () => {
    const byq = index.search('byq').map((m) => m.code);
    expect(byq.slice(0, 2).sort()).toEqual(['440111', '520113']);
    expect(index.search('ylx').map((m) => m.code)).toContain('530721');
    expect(index.search('YLX').map((m) => m.code)).toContain('530721');
    expect(index.search('cqs')[0]?.code).toBe('500000');
    expect(index.search('sx').map((m) => m.name)).toContain('单县');
  });

  it('searches code prefixes, exact code first', () => {
    expect(index.search('520113')[0]?.path).toEqual(['贵州省', '贵阳市', '白云区']);
    const gz = index.search('4401', 50);
    expect(gz[0]?.code).toBe('440100');
    expect(gz.every((m) => m.code.startsWith('4401'))).toBe(true);
    expect(index.search('５２０１１３')[0]?.code).toBe('520113');
  });

  it('narrows by a parent given before the name', () => {
    expect(index.search('贵阳 白云').map(label)).toEqual(['贵州省/贵阳市/白云区']);
    expect(index.search('广州白云')[0]?.code).toBe('440111');
    expect(index.search('广东省广州市白云区')[0]?.code).toBe('440111');
    expect(index.search('丽江玉龙县')[0]?.code).toBe('530721');
  });

  it('ranks exact before prefix before substring', () => {
    const results = index.search('朝阳', 50);
    expect(results.slice(0, 4).every((m) => m.name.startsWith('朝阳'))).toBe(true);
    expect(results[0]?.name).toBe('朝阳市');
    const substring = results.findIndex((m) => !m.name.startsWith('朝阳'));
    expect(substring === -1 || results.slice(substring).every((m) => !m.name.startsWith('朝阳'))).toBe(true);
    expect(
      index
        .search('吉林')
        .map((m) => m.code)
        .slice(0, 2),
    ).toEqual(['220000', '220200']);
  });

  it('respects the limit and ignores empty queries', () => {
    expect(index.search('山', 5)).toHaveLength(5);
    expect(index.search('山', 500)).toHaveLength(50);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('不存在的地方')).toEqual([]);
  });
});

describe('helpers', () => {
  it('short forms keep initials aligned', () => {
    expect(shortForms('玉龙纳西族自治县', 'ylnxzzzx')).toEqual([
      { text: '玉龙县', initials: 'ylx' },
      { text: '玉龙', initials: 'yl' },
    ]);
    expect(shortForms('恩施土家族苗族自治州', 'estjzmzzzz')[0]).toEqual({ text: '恩施州', initials: 'esz' });
    expect(shortForms('鄂伦春自治旗', 'elczzq')[0]).toEqual({ text: '鄂伦春旗', initials: 'elcq' });
    expect(shortForms('白云区', 'byq')).toEqual([]);
  });

  it('normalizes full-width input and spaces', () => {
    expect(normalizeRegionQuery('  ＢＹＱ ')).toBe('byq');
    expect(normalizeRegionQuery('贵阳　 白云')).toBe('贵阳 白云');
  });
});
