import { describe, expect, it } from 'vitest';

import { IMPORT_NOTE_CODES, note } from '../../../shared/import/import-note';
import { translator } from '../app/i18n/i18n';
import { encodingName, noteMessage } from './note-text';
import { isStoryFile } from './story-file-types';

describe('import notes in the reader’s language', () => {
  it('has a message for every note code in both languages, never the English detail', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const i18n = translator(locale);
      for (const code of IMPORT_NOTE_CODES) {
        const n = note(code, '某段文字', `detail of ${code}`, {
          count: 2,
          page: 'B7',
          line: 8,
          headline: '标题',
          name: 'a.png',
          encoding: 'gb18030',
          label: '白云区',
          region: '贵州省贵阳市白云区',
          names: '甲；乙',
          value: '白云区',
          first: 3,
          last: 5,
        });
        const text = noteMessage(i18n, n);
        expect(text, `${locale} ${code}`).not.toBe(`detail of ${code}`);
        expect(text, `${locale} ${code}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('names the encoding a text file was read in', () => {
    const zh = translator('zh-CN');
    expect(noteMessage(zh, note('encoding', '', 'read as GB18030', { encoding: 'gb18030' }))).toBe(
      '文件按 GB18030（兼容 GBK） 编码读取。',
    );
    expect(encodingName(zh, 'utf-8')).toBe('UTF-8');
    expect(encodingName(zh, 'shift_jis')).toBe('SHIFT_JIS');
  });

  it('takes .docx, .md and .txt files whatever the case of the extension', () => {
    expect(['稿件.docx', 'a.MD', 'b.Txt'].map(isStoryFile)).toEqual([true, true, true]);
    expect(['old.doc', 'photo.jpg', 'docx'].map(isStoryFile)).toEqual([false, false, false]);
  });
});
