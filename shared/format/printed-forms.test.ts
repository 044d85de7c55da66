/**
 * Every byline and credit form a printed page uses (domain §1, §3) is read into the
 * structure, never refused: credits without a role, end bylines in brackets, a lead
 * byline after its 电头, photo credits in full- or half-width brackets. Invented names.
 */
import { describe, expect, it } from 'vitest';

import { parseStoryMarkdown, writeStoryMarkdown } from './index';

const FILE = '0a1b2c3d4e5f6a7b.jpg';
const story = (front: string, body = '第一段正文。') =>
  `---\nheadline: 某村：红色代办进万家\n${front}\n---\n\n${body}\n`;

describe('bylines as printed pages write them', () => {
  it.each([
    ['a name alone', 'byline: "周一帆"', 'lead', [{ kind: 'person', role: '', names: ['周一帆'] }]],
    [
      'two names alone',
      'byline: "宋子衡 梁若溪"',
      'lead',
      [{ kind: 'person', role: '', names: ['宋子衡', '梁若溪'] }],
    ],
    ['an end byline', 'byline: "（周一帆）"', 'end', [{ kind: 'person', role: '', names: ['周一帆'] }]],
    [
      'an end byline, half-width',
      'byline: "(周一帆)"',
      'end',
      [{ kind: 'person', role: '', names: ['周一帆'] }],
    ],
    [
      'a lead byline after 本报讯, half-width',
      'byline: "本报讯(宋子衡 梁若溪)"',
      'lead',
      [{ kind: 'person', role: '', names: ['宋子衡', '梁若溪'] }],
    ],
    [
      'a lead byline with roles',
      'byline: "本报讯（记者 宋子衡 通讯员 梁若溪）"',
      'lead',
      [
        { kind: 'person', role: '记者', names: ['宋子衡'] },
        { kind: 'person', role: '通讯员', names: ['梁若溪'] },
      ],
    ],
    [
      'names, then a role',
      'byline: "周一帆 通讯员 梁若溪"',
      'lead',
      [
        { kind: 'person', role: '', names: ['周一帆'] },
        { kind: 'person', role: '通讯员', names: ['梁若溪'] },
      ],
    ],
    [
      'an organisation',
      'byline: "■中共青石县委组织部"',
      'top',
      [{ kind: 'organisation', name: '中共青石县委组织部' }],
    ],
  ])('%s', (_, front, position, credits) => {
    const c = parseStoryMarkdown(story(front));
    expect(c.byline).toEqual({ position, credits });
    expect(parseStoryMarkdown(writeStoryMarkdown(c)).byline).toEqual(c.byline);
  });

  it('still refuses a role with no name, naming the line', () => {
    expect(() => parseStoryMarkdown(story('byline: "记者"'))).toThrow(
      /^line 3: byline: "记者" is not followed/,
    );
  });
});

describe('photo credits as printed pages write them', () => {
  it.each([
    ['（柯小禾 摄）', '柯小禾', '摄', '（柯小禾 摄）'],
    ['(柯小禾 摄)', '柯小禾', '摄', '(柯小禾 摄)'],
    ['（青石县委宣传部供图）', '青石县委宣传部', '供图', '（青石县委宣传部供图）'],
    ['柯小禾 摄', '柯小禾', '摄', undefined],
  ])('"%s" in a photo line', (raw, name, kind, printed) => {
    const c = parseStoryMarkdown(story('', `![图为党员志愿者入户走访](${FILE} "${raw}")`));
    const [photo] = c.photos;
    expect(photo?.creditName).toBe(name);
    expect(photo?.creditKind).toBe(kind);
    expect(photo?.creditPrinted).toBe(printed);
    const back = parseStoryMarkdown(writeStoryMarkdown(c));
    expect(back.photos).toEqual(c.photos);
  });

  it('reads a bracketed credit in the front-matter photo list and writes it back', () => {
    const c = parseStoryMarkdown(
      story(
        `photos:\n  - { id: p1, file: ${FILE}, caption: 图为茶园, credit: "(柯小禾 摄)" }`,
        '![][p1]\n\n![][p1]',
      ),
    );
    expect(c.photos[0]).toMatchObject({
      creditName: '柯小禾',
      creditKind: '摄',
      creditPrinted: '(柯小禾 摄)',
    });
    expect(parseStoryMarkdown(writeStoryMarkdown(c)).photos).toEqual(c.photos);
  });

  it('refuses only what it cannot read, naming the line', () => {
    expect(() => parseStoryMarkdown(story('', `![图为](${FILE} "（柯小禾）")`))).toThrow(
      /^line 6: photo credit "（柯小禾）" is not/,
    );
  });
});
