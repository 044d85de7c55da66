import { describe, expect, it } from 'vitest';

import { bodyFromBlocks } from '../model/body';
import { makeAnchor, reanchor, reanchorInBlocks } from './anchors';

const content = (...paras: string[]) => ({
  kicker: '',
  headline: '标题',
  subheadline: '',
  body: bodyFromBlocks(paras.map((text) => ({ type: 'paragraph' as const, text }))),
});

describe('comment anchors', () => {
  const before = content('第一段，村里建起了便民服务站。', '第二段，投入资金1758万元。', '第三段。');
  const anchor = makeAnchor(before, 'body', 1, 4, 14)!;

  it('quote the selected passage in code points', () => {
    expect(anchor).toEqual({
      field: 'body',
      block: 1,
      start: 4,
      end: 14,
      quote: '投入资金1758万元',
      lost: false,
    });
    expect(makeAnchor(content('𠮷野家的面'), 'body', 0, 1, 3)?.quote).toBe('野家');
    expect(makeAnchor(before, 'body', 9, 0, 1)).toBeNull();
    expect(makeAnchor(before, 'body', 1, 5, 5)).toBeNull();
  });

  it('stay put when the passage did not move', () => {
    expect(reanchor(anchor, content('改过的第一段。', '第二段，投入资金1758万元。'))).toBe(anchor);
  });

  it('follow the passage when text is inserted before it', () => {
    const moved = reanchor(anchor, content('第一段。', '第二段里，全年共投入资金1758万元。'));
    expect(moved).toEqual({ ...anchor, start: 8, end: 18 });
  });

  it('follow the passage into a neighbouring block (a paragraph inserted above)', () => {
    const moved = reanchor(anchor, content('新加的导语。', '第一段。', '第二段，投入资金1758万元。'));
    expect(moved).toMatchObject({ block: 2, start: 4, lost: false });
  });

  it('take the occurrence nearest the old place', () => {
    const later = { ...anchor, start: 12, end: 22, quote: '投入资金1758万元' };
    const moved = reanchor(later, content('x', '投入资金1758万元。第二段，投入资金1758万元。'));
    expect(moved).toMatchObject({ block: 1, start: 15 });
  });

  it('stay visible, unanchored, when the passage is gone, and come back when it returns', () => {
    const lost = reanchor(anchor, content('第一段。', '第二段，资金已经改写。'));
    expect(lost).toEqual({ ...anchor, lost: true });
    expect(reanchor(lost, before)).toEqual(anchor);
  });

  it('work on the headline too', () => {
    const a = makeAnchor(content(''), 'headline', 0, 0, 2)!;
    expect(reanchor(a, { ...content(''), headline: '新的标题' })).toMatchObject({
      start: 2,
      end: 4,
      lost: false,
    });
  });

  it('take a headline line as a whole, which follows the line whatever it becomes', () => {
    const head = { ...content('正文。'), headline: '新城区：党建+模式' };
    const whole = makeAnchor(head, 'headline', 0, 0, 0, true)!;
    expect(whole).toEqual({
      field: 'headline',
      block: 0,
      start: 0,
      end: 9,
      quote: '新城区：党建+模式',
      lost: false,
      whole: true,
    });
    expect(reanchor(whole, { ...head, headline: '完全不同的标题' })).toBe(whole);
    expect(makeAnchor({ ...head, kicker: '' }, 'kicker', 0, 0, 0, true)).toMatchObject({
      quote: '',
      whole: true,
    });
    expect(makeAnchor(head, 'body', 0, 0, 0, true)).toBeNull();
    // A passage of a headline line moves like a body passage.
    const part = makeAnchor(head, 'headline', 0, 4, 9)!;
    expect(reanchor(part, { ...head, headline: '西宁新城区：党建+模式' })).toMatchObject({
      start: 6,
      end: 11,
      lost: false,
    });
  });

  it('follow the live blocks of the editor between saves', () => {
    expect(reanchorInBlocks(anchor, ['第一段。', '插入一句。第二段，投入资金1758万元。'])).toMatchObject({
      block: 1,
      start: 9,
      end: 19,
    });
    expect(reanchorInBlocks(anchor, ['第一段。'])).toMatchObject({ lost: true });
  });
});
