import { describe, expect, it } from 'vitest';

import { displayWidth, padCells, termColumns } from './columns';

describe('terminal columns', () => {
  it('count a Chinese character or full-width mark as two cells', () => {
    expect(displayWidth('B6')).toBe(2);
    expect(displayWidth('终审通过')).toBe(8);
    expect(displayWidth('（文件）')).toBe(8);
    expect(padCells('草稿', 6)).toBe('草稿  ');
    expect(padCells('Draft', 6)).toBe('Draft ');
  });

  it('line up the descriptions of options whatever their script', () => {
    expect(termColumns(['--page B6  登记在这一版', '--data 数据文件夹  使用这个数据文件夹'])).toEqual([
      '  --page B6          登记在这一版',
      '  --data 数据文件夹  使用这个数据文件夹',
    ]);
  });
});
