/** A story file with several problems is refused once, listing every problem with its line (issue 19 §5). */
import { describe, expect, it } from 'vitest';

import { parseStoryMarkdown, StoryFormatError } from './index';

function problemsOf(file: string) {
  try {
    parseStoryMarkdown(file);
  } catch (err) {
    if (err instanceof StoryFormatError) return err;
    throw err;
  }
  throw new Error('the file was read');
}

describe('every problem of a story file at once', () => {
  it('lists front-matter and body problems in file order, each with its line and key', () => {
    const err = problemsOf(
      [
        '---',
        'headline: 青石村：红色代办进万家',
        'kind: 评论',
        'page: b6',
        'author: 周一帆',
        'slot: 0',
        '---',
        '',
        '第一段正文。',
        '',
        '![图为党员志愿者入户走访。](0a1b2c3d4e5f6a7b.jpg "柯小禾")',
        '',
        '![][photo-9]',
      ].join('\n'),
    );
    expect(err.problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'badKind'],
      [4, 'badPage'],
      [5, 'unknownKey'],
      [6, 'badSlot'],
      [11, 'badCredit'],
      [13, 'noPhotoId'],
    ]);
    expect(err.message).toMatch(
      /^line 3: kind "评论".*; line 4: page "b6".*; line 13: no photo has the id "photo-9"$/,
    );
  });

  it('a single problem reads as before', () => {
    const err = problemsOf('---\nheadline: x\npage: b6\n---\n');
    expect(err.problems).toHaveLength(1);
    expect(err.message).toBe('line 3: page "b6" must look like B6');
  });

  it('a file without problems is read', () => {
    expect(parseStoryMarkdown('---\nheadline: 青石村\npage: B6\n---\n\n正文。\n').page).toBe('B6');
  });
});
