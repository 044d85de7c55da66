import { describe, expect, it } from 'vitest';

import { DeskError } from '../../../shared/api';
import { regionByName } from '../../../shared/geo/region-by-name';
import { readStoryBytes } from '../import-story';
import { regionIndex } from '../regions';

const md = (front: string, body = '正文第一段。') =>
  new TextEncoder().encode(`---\nheadline: 某村党支部带头办实事\n${front}\n---\n\n${body}\n`);
const read = (front: string, body?: string) => readStoryBytes('稿件.md', md(front, body));
const refusal = async (front: string) => {
  try {
    await read(front);
  } catch (err) {
    return err as DeskError;
  }
  throw new Error('the file was read');
};

describe('a region by name in a story file (issue 19 §5)', () => {
  it('resolves a county name, a name with its city, a full name and a bare code as the picker finds them', async () => {
    for (const written of ['播州区', '遵义 播州区', '遵义市播州区', '贵州省遵义市播州区', '520304']) {
      const got = await read(`region: ${written}`);
      expect(got.content.region, written).toEqual({ code: '520304', path: ['贵州省', '遵义市', '播州区'] });
      expect(got.notes, written).toEqual([]);
    }
    // Code and names, as before, with no search at all.
    expect((await read('region: 520113 贵州省 贵阳市 白云区')).content.region?.code).toBe('520113');
    // The parent narrows a name shared by several divisions.
    expect((await read('region: 贵阳 白云区')).content.region).toEqual({
      code: '520113',
      path: ['贵州省', '贵阳市', '白云区'],
    });
  });

  it('imports a name shared by several divisions without a region, with the choices and their parents', async () => {
    const got = await read('region: 白云区');
    expect(got.content.region).toBeNull();
    expect(got.notes?.map((n) => n.code)).toEqual(['region-ambiguous']);
    const [ambiguous] = got.notes ?? [];
    expect(ambiguous?.params).toMatchObject({ line: 3, value: '白云区', count: 2 });
    expect(ambiguous?.choices).toEqual([
      { code: '440111', path: ['广东省', '广州市', '白云区'] },
      { code: '520113', path: ['贵州省', '贵阳市', '白云区'] },
    ]);
    // The CLI prints the English detail: it names the choices and says to write the code.
    expect(ambiguous?.detail).toContain('440111 广东省广州市白云区');
    expect(ambiguous?.detail).toContain('write its code');
  });

  it('imports an unknown name without a region and notes its line; only whole names count', async () => {
    for (const written of ['某某县', '白云', '999999']) {
      const got = await read(`region: ${written}`);
      expect(got.content.region, written).toBeNull();
      expect(
        got.notes?.map((n) => [n.code, n.params.line]),
        written,
      ).toEqual([['region-unknown', 3]]);
    }
  });

  it('lists the region problem with the others when the file is refused for them', async () => {
    const err = await refusal('region: 白云区\nkind: 特写\nslot: 0');
    expect(err).toBeInstanceOf(DeskError);
    expect(err.problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'storyFormat.regionAmbiguous'],
      [4, 'storyFormat.badKind'],
      [5, 'storyFormat.badSlot'],
    ]);
    expect(err.problems[0]?.params).toMatchObject({
      value: '白云区',
      count: 2,
      choices: '广东省广州市白云区（440111）；贵州省贵阳市白云区（520113）',
    });
    const unknown = await refusal('region: 某某县\nslot: 0');
    expect(unknown.problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'storyFormat.regionUnknown'],
      [4, 'storyFormat.badSlot'],
    ]);
  });

  it('uses the picker’s search: every division the picker lists for an exact name, with its short form', async () => {
    const index = await regionIndex();
    const exact = index.search('鼓楼区', 50).filter((m) => m.name === '鼓楼区');
    const found = regionByName(index, '鼓楼区');
    expect(found.kind).toBe('several');
    expect(found.kind === 'several' && found.choices.map((c) => c.code)).toEqual(exact.map((m) => m.code));
    expect(exact.length).toBeGreaterThan(2);
    // 玉龙县 is the everyday form of 玉龙纳西族自治县, as in the picker.
    expect(regionByName(index, '玉龙县')).toMatchObject({ kind: 'one', region: { code: '530721' } });
  });
});
