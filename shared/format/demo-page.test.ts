// The demo page in resources/demo/B6 must stay readable by the format and show every
// story element of domain §1, since the app and later checks load it as sample data.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { blocksOfBody, bodyPlainText, type StoryContent } from '../model';
import { countText } from '../text/counts';
import { parseStoryMarkdown, writeStoryMarkdown } from './index';

const DIR = fileURLToPath(new URL('../../resources/demo/B6/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.md'));
const stories: Array<[string, StoryContent]> = files.map((f) => [
  f,
  parseStoryMarkdown(readFileSync(DIR + f, 'utf8')),
]);
const all = stories.map(([, c]) => c);

describe('demo page B6', () => {
  it('has five stories in slots 1 to 5 of page B6', () => {
    expect(all.map((c) => [c.page, c.slot])).toEqual([1, 2, 3, 4, 5].map((s) => ['B6', s]));
  });

  it.each(stories)('%s reads back unchanged after writing', (_f, c) => {
    expect(parseStoryMarkdown(writeStoryMarkdown(c))).toEqual(c);
  });

  it.each(stories)('%s is clean copy of 300 to 1200 字 with existing photos', (_f, c) => {
    const captions = c.photos.map((p) => p.caption).join('');
    const copy = [c.kicker, c.headline, c.subheadline, bodyPlainText(c.body), captions].join('\n');
    expect(copy).not.toMatch(/[,;:()?!"]|\.\.\./);
    const length = countText(bodyPlainText(c.body) + captions).wordStyle;
    expect(length).toBeGreaterThanOrEqual(300);
    expect(length).toBeLessThanOrEqual(1200);
    for (const p of c.photos) expect(existsSync(`${DIR}photos/${p.file}`)).toBe(true);
  });

  it('uses every story element together', () => {
    expect(all.some((c) => c.kicker)).toBe(true);
    expect(all.some((c) => c.subheadline.startsWith('——'))).toBe(true);
    const person = (c: StoryContent, role: string) =>
      c.byline.credits.some((cr) => cr.kind === 'person' && cr.role === role);
    expect(
      all.some(
        (c) =>
          c.dateline === '本报讯' && c.byline.position === 'lead' && person(c, '记者') && person(c, '通讯员'),
      ),
    ).toBe(true);
    expect(all.some((c) => c.byline.position === 'top' && c.byline.credits[0]?.kind === 'person')).toBe(true);
    const org = all.find((c) => c.byline.credits.some((cr) => cr.kind === 'organisation'));
    expect(org?.kind).toBe('工作经验');
    expect(blocksOfBody(org!.body).some((b) => b.type === 'subhead')).toBe(true);
    expect(all.some((c) => c.byline.position === 'end')).toBe(true);
    const kinds = all.flatMap((c) => c.photos.map((p) => p.creditKind));
    expect(kinds).toContain('摄');
    expect(kinds).toContain('供图');
    const qualifiers = all.flatMap((c) => c.figures.filter((f) => f.asOf).map((f) => f.qualifier));
    expect(qualifiers).toContain('余');
    expect(qualifiers).toContain('多');
    expect(all.some((c) => c.jumps.some((j) => j.direction === 'to' && j.page === 'B7'))).toBe(true);
    const photoNews = all.find((c) => c.kind === '图片新闻');
    expect(photoNews && blocksOfBody(photoNews.body).map((b) => b.type)).toEqual(['photo']);
  });
});
