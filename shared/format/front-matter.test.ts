/** YAML tags in front matter (issue 16): a program type such as !!js/function is refused naming its line. */
import { describe, expect, it } from 'vitest';

import { parseFrontMatter } from './front-matter';
import { parseStoryMarkdown, StoryFormatError } from './index';

describe('front-matter tags', () => {
  it('refuses an unknown tag on a field, naming the line, instead of turning it into text', () => {
    const file =
      '---\nheadline: 茶园里的党课\nkicker: !!js/function "function () { return 1 }"\n---\n正文一段。\n';
    let error: unknown;
    try {
      parseStoryMarkdown(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoryFormatError);
    expect((error as StoryFormatError).line).toBe(3);
    expect((error as StoryFormatError).detail).toContain('!!js/function');
  });

  it('refuses a local tag inside a map as well', () => {
    expect(() => parseFrontMatter('byline:\n  position: !custom lead\n', 2)).toThrow(/line 3: .*!custom/);
  });

  it('keeps accepting YAML core tags', () => {
    expect(parseFrontMatter('page: !!str 6\n', 2)).toMatchObject({
      t: 'map',
      entries: [{ key: 'page', value: { t: 'scalar', text: '6' } }],
    });
  });
});
