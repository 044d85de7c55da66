import { describe, expect, it } from 'vitest';

import { bodyFromBlocks } from '../model/body';
import { newStory } from '../model/new-story';
import { contentOf } from '../model/story';
import { diffSides } from '../text/char-diff';
import { diffRevisions, diffText } from './revision-diff';

const story = (headline: string, ...paras: string[]) =>
  contentOf(
    newStory('story-0001', 't', 'x', {
      headline,
      body: bodyFromBlocks(paras.map((text) => ({ type: 'paragraph' as const, text }))),
    }),
  );

describe('revision diff', () => {
  it('marks changed characters, field by field, and leaves unchanged fields whole', () => {
    const diff = diffRevisions(
      story('新城区创文', '全年投入资金1758万元。'),
      story('新城区创文', '全年投入资金1800万元。'),
    );
    const body = diff.find((d) => d.field === 'body')!;
    expect(body.changed).toBe(true);
    expect(body.ops).toEqual([
      { op: 'equal', text: '全年投入资金1' },
      { op: 'delete', text: '75' },
      { op: 'equal', text: '8' },
      { op: 'insert', text: '00' },
      { op: 'equal', text: '万元。' },
    ]);
    expect(diff.find((d) => d.field === 'headline')).toEqual({
      field: 'headline',
      changed: false,
      ops: [{ op: 'equal', text: '新城区创文' }],
    });
  });

  it('rebuilds both sides exactly (Chinese, astral characters, paragraphs)', () => {
    const a = story('标题', '𠮷第一段。', '第二段');
    const b = story('标题！', '第一段，改。', '第二段', '第三段𠮷');
    for (const f of diffRevisions(a, b)) {
      const sides = diffSides(f.ops);
      if (f.field === 'body')
        expect(sides).toEqual({ from: '𠮷第一段。\n第二段', to: '第一段，改。\n第二段\n第三段𠮷' });
      if (f.field === 'headline') expect(sides).toEqual({ from: '标题', to: '标题！' });
    }
  });
});

describe('diffText', () => {
  const texts = [
    ['', 'a'],
    ['a', ''],
    ['第一段\n第二段\n第三段', '第一段\n第二段改\n第三段'],
    ['第一段\n第二段\n第三段', '新段\n第一段\n第三段'],
    ['一\n二\n三', '三\n二\n一'],
    ['甲\n乙', '甲\n乙\n丙\n丁'],
    ['甲\n乙\n丙\n丁', '丁'],
    ['同\n同\n同', '同\n异\n同'],
    ['𠮷a\nb', 'b\n𠮷a'],
  ];
  it.each(texts)('rebuilds both sides of %j → %j', (from, to) => {
    expect(diffSides(diffText(from, to))).toEqual({ from, to });
  });

  it('rebuilds both sides of random multi-line edits', () => {
    let seed = 7;
    const r = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['甲', '乙', '丙', '\n', '，', 'a', '𠮷'];
    const random = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
    for (let i = 0; i < 300; i++) {
      const from = random(Math.floor(r() * 30));
      const to = r() < 0.5 ? random(Math.floor(r() * 30)) : from.slice(0, 5) + random(3) + from.slice(8);
      expect(diffSides(diffText(from, to))).toEqual({ from, to });
    }
  });
});
