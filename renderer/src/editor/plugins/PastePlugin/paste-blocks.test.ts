import { describe, expect, it } from 'vitest';

import { LexicalStateSchema } from '../../../../../shared/model';
import { blocksFromPlainText, capToBody, MAX_BODY_BLOCKS } from './paste-blocks';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}段`).join('\n');

describe('a paste capped to what a body may hold', () => {
  it('keeps a paste that fits as it is', () => {
    const blocks = blocksFromPlainText(lines(10));
    expect(capToBody(blocks, 100)).toEqual({ blocks, cap: null });
  });

  it('keeps the first blocks up to the limit and says which', () => {
    const blocks = blocksFromPlainText(lines(25_000));
    const { blocks: kept, cap } = capToBody(blocks, 3);
    expect(kept).toHaveLength(MAX_BODY_BLOCKS - 3);
    expect(cap).toEqual({ total: 25_000, kept: MAX_BODY_BLOCKS - 3, lastKept: `第${MAX_BODY_BLOCKS - 3}段` });
  });

  it('keeps nothing when the body is full', () => {
    const { blocks, cap } = capToBody(blocksFromPlainText(lines(2)), MAX_BODY_BLOCKS);
    expect(blocks).toHaveLength(0);
    expect(cap).toEqual({ total: 2, kept: 0, lastKept: '' });
  });

  it('is the limit of the stored format', () => {
    const body = (n: number) => ({
      version: 1,
      root: {
        type: 'root',
        version: 1,
        children: Array.from({ length: n }, () => ({ type: 'paragraph', version: 1, children: [] })),
      },
    });
    expect(LexicalStateSchema.safeParse(body(MAX_BODY_BLOCKS)).success).toBe(true);
    expect(LexicalStateSchema.safeParse(body(MAX_BODY_BLOCKS + 1)).success).toBe(false);
  });
});
