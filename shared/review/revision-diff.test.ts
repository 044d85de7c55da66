import { describe, expect, it } from 'vitest';

import { bodyFromBlocks } from '../model/body';
import { newStory } from '../model/new-story';
import { contentOf } from '../model/story';
import { diffSides } from '../text/char-diff';
import { diffRevisions } from './revision-diff';

const story = (headline: string, ...paras: string[]) =>
  contentOf(newStory('story-0001', 't', 'x', { headline, body: bodyFromBlocks(paras.map((text) => ({ type: 'paragraph' as const, text }))) }));

describe('revision diff', () => {
  it('marks changed characters, field by field, and leaves unchanged fields whole', () => {
    const diff = diffRevisions(story('新城区创文', '全年投入资金1758万元。'), story('新城区创文', '全年投入资金1800万元。'));
    const body = diff.find((d) => d.field === 'body')!;
    expect(body.changed).toBe(true);
    expect(body.ops).toEqual([
      { op: 'equal', text: '全年投入资金1' },
      { op: 'delete', text: '75' },
      { op: 'equal', text: '8' },
      { op: 'insert', text: '00' },
      { op: 'equal', text: '万元。' },
    ]);
    expect(diff.find((d) => d.field === 'headline')).toEqual({ field: 'headline', changed: false, ops: [{ op: 'equal', text: '新城区创文' }] });
  });

  it('rebuilds both sides exactly (Chinese, astral characters, paragraphs)', () => {
    const a = story('标题', '𠮷第一段。', '第二段');
    const b = story('标题！', '第一段，改。', '第二段', '第三段𠮷');
    for (const f of diffRevisions(a, b)) {
      const sides = diffSides(f.ops);
      if (f.field === 'body') expect(sides).toEqual({ from: '𠮷第一段。\n第二段', to: '第一段，改。\n第二段\n第三段𠮷' });
      if (f.field === 'headline') expect(sides).toEqual({ from: '标题', to: '标题！' });
    }
  });
});
