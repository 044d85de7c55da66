import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  blocksOfBody,
  bodyFromBlocks,
  FIGURE_QUALIFIERS,
  PHOTO_CREDIT_KINDS,
  STORY_KINDS,
  StoryContentSchema,
  type BodyBlock,
  type StoryContent,
} from '../model';
import { parseStoryMarkdown, parseStoryText, StoryFormatError, writeStoryMarkdown } from './index';

const FILE_A = '0a1b2c3d4e5f6a7b.jpg';
const FILE_B = 'ffee00112233445566778899.png';

const SAMPLE = `---
kind: 消息
kicker: 深化基层治理
headline: 青石村：党员“包片”把小事办在家门口
subheadline: ——某县推行网格党建的一点做法
region: { code: "520113", path: [贵州省, 贵阳市, 白云区] }
dateline: 本报讯
byline: { position: lead, credits: [{ role: 记者, names: [向一鸣] }, { role: 通讯员, names: [柯小禾, 田野] }] }
page: B6
slot: 2
figures:
  - { label: 投入资金, value: "1758", unit: 万元, qualifier: 余, asOf: 2024-06 }
  - { label: 服务群众, value: 6.10, unit: 万人次 }
jumps:
  - 下转B7版
---

村里的议事长廊亮起了灯。

## 网格里的“红色管家”

> 小事不出网格，大事不出村。

![图为党员志愿者入户走访。](photos/${FILE_A} "柯小禾 摄")

![图为村民议事现场。](${FILE_B} "青石村党支部供图"){#hall}
`;

describe('parseStoryMarkdown', () => {
  it('reads every part of a story', () => {
    const c = parseStoryMarkdown(SAMPLE);
    expect(c.kind).toBe('消息');
    expect(c.kicker).toBe('深化基层治理');
    expect(c.headline).toBe('青石村：党员“包片”把小事办在家门口');
    expect(c.subheadline).toBe('——某县推行网格党建的一点做法');
    expect(c.region).toEqual({ code: '520113', path: ['贵州省', '贵阳市', '白云区'] });
    expect(c.dateline).toBe('本报讯');
    expect(c.byline).toEqual({
      position: 'lead',
      credits: [
        { kind: 'person', role: '记者', names: ['向一鸣'] },
        { kind: 'person', role: '通讯员', names: ['柯小禾', '田野'] },
      ],
    });
    expect(c.page).toBe('B6');
    expect(c.slot).toBe(2);
    expect(c.figures).toEqual([
      { id: 'figure-1', label: '投入资金', value: '1758', unit: '万元', qualifier: '余', asOf: '2024-06' },
      // A YAML number keeps the digits as typed.
      { id: 'figure-2', label: '服务群众', value: '6.10', unit: '万人次', qualifier: '', asOf: '' },
    ]);
    expect(c.jumps).toEqual([{ id: 'jump-1', direction: 'to', page: 'B7' }]);
    expect(c.photos).toEqual([
      {
        id: 'photo-1',
        file: FILE_A,
        caption: '图为党员志愿者入户走访。',
        creditName: '柯小禾',
        creditKind: '摄',
      },
      {
        id: 'hall',
        file: FILE_B,
        caption: '图为村民议事现场。',
        creditName: '青石村党支部',
        creditKind: '供图',
      },
    ]);
    expect(blocksOfBody(c.body)).toEqual<BodyBlock[]>([
      { type: 'paragraph', text: '村里的议事长廊亮起了灯。' },
      { type: 'subhead', text: '网格里的“红色管家”' },
      { type: 'quote', text: '小事不出网格，大事不出村。' },
      { type: 'photo', photoId: 'photo-1' },
      { type: 'photo', photoId: 'hall' },
    ]);
  });

  it('accepts a BOM and CRLF line ends', () => {
    const crlf = `\uFEFF${SAMPLE.replace(/\n/g, '\r\n')}`;
    expect(parseStoryMarkdown(crlf)).toEqual(parseStoryMarkdown(SAMPLE));
  });

  it('accepts the shorthand a person types', () => {
    const c = parseStoryMarkdown(`---
headline: 短讯
byline: 本报记者祁一 通讯员 李二 王三
region: 530721 云南省 丽江市 玉龙纳西族自治县
jumps: [上接B5版, { to: B7 }]
---
正文一段。
`);
    expect(c.byline).toEqual({
      position: 'lead',
      credits: [
        { kind: 'person', role: '本报记者', names: ['祁一'] },
        { kind: 'person', role: '通讯员', names: ['李二', '王三'] },
      ],
    });
    expect(c.region).toEqual({ code: '530721', path: ['云南省', '丽江市', '玉龙纳西族自治县'] });
    expect(c.jumps.map((j) => `${j.direction}:${j.page}`)).toEqual(['from:B5', 'to:B7']);
    expect(c.kind).toBe('消息');
    expect(c.dateline).toBe('');
  });

  it('reads an organisation byline as a top byline, and credits given as strings', () => {
    const org = parseStoryMarkdown('---\nheadline: 经验\nbyline: ■中共某县委组织部\n---\n');
    expect(org.byline).toEqual({
      position: 'top',
      credits: [{ kind: 'organisation', name: '中共某县委组织部' }],
    });
    const end = parseStoryMarkdown(
      '---\nheadline: 图\nbyline: { position: end, credits: 通讯员 刘一 }\n---\n',
    );
    expect(end.byline).toEqual({
      position: 'end',
      credits: [{ kind: 'person', role: '通讯员', names: ['刘一'] }],
    });
  });

  it('reads the three photo credit forms', () => {
    const c = parseStoryMarkdown(
      `---\nheadline: 图片\n---\n![甲](${FILE_A} "张三摄")\n![乙](${FILE_A} "县委宣传部 供图")\n![丙](${FILE_A} "图 李四")\n![丁](${FILE_A})\n`,
    );
    expect(c.photos.map((p) => [p.creditName, p.creditKind])).toEqual([
      ['张三', '摄'],
      ['县委宣传部', '供图'],
      ['李四', '图'],
      ['', '摄'],
    ]);
  });

  it('places a defined photo again with a reference', () => {
    const c = parseStoryMarkdown(
      `---\nheadline: 两次\n---\n![甲](${FILE_A} "张三 摄")\n\n中间一段\n\n![][photo-1]\n`,
    );
    expect(c.photos).toHaveLength(1);
    expect(blocksOfBody(c.body).filter((b) => b.type === 'photo')).toHaveLength(2);
  });

  it('lets a photo resolver map a file path to a stored name', () => {
    const c = parseStoryMarkdown(`---\nheadline: 导入\n---\n![甲](photos/tea.jpg "张三 摄")\n`, {
      photoFile: (src) => (src === 'photos/tea.jpg' ? FILE_B : 'x'),
    });
    expect(c.photos[0]?.file).toBe(FILE_B);
  });

  it('reads escapes in the body', () => {
    const c = parseStoryMarkdown(
      '---\nheadline: 转义\n---\n\\## 不是小标题\n\\\n\\u{3000}\\u{3000}缩进\\n第二行\n路径 C:\\data 保留\n',
    );
    expect(blocksOfBody(c.body)).toEqual([
      { type: 'paragraph', text: '## 不是小标题' },
      { type: 'paragraph', text: '' },
      { type: 'paragraph', text: '\u3000\u3000缩进\n第二行' },
      { type: 'paragraph', text: '路径 C:\\data 保留' },
    ]);
  });
});

describe('parseStoryMarkdown errors name the line and the problem', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['no front matter', '正文\n', /^line 1: a story file starts with a "---" line/],
    ['unclosed front matter', '---\nheadline: x\n', /^line 1: .*no closing "---"/],
    ['no headline', '---\nkicker: x\n---\n', /^line 2: the front matter has no headline/],
    ['bad YAML', '---\nheadline: x\nbyline: [记者\n---\n', /^line \d: front matter is not valid YAML/],
    ['unknown key', '---\nheadline: x\nauthor: 张三\n---\n', /^line 3: front matter: unknown key "author"/],
    ['bad kind', '---\nheadline: x\nkind: 评论\n---\n', /^line 3: kind "评论" is not one of/],
    ['bad page', '---\nheadline: x\npage: b6\n---\n', /^line 3: page "b6" must look like B6/],
    ['bad slot', '---\nheadline: x\nslot: 0\n---\n', /^line 3: slot "0" must be a number/],
    ['bad region code', '---\nheadline: x\nregion: "52011 贵州省"\n---\n', /^line 3: region code "52011"/],
    [
      'region without names',
      '---\nheadline: x\nregion: "520113"\n---\n',
      /^line 3: region 520113 needs its names/,
    ],
    [
      'role without name',
      '---\nheadline: x\nbyline: 记者 张三 通讯员\n---\n',
      /^line 3: byline: "通讯员" is not followed/,
    ],
    [
      'bad position',
      '---\nheadline: x\nbyline: { position: middle }\n---\n',
      /^line 3: byline position "middle"/,
    ],
    [
      'bad qualifier',
      '---\nheadline: x\nfigures:\n  - { label: a, value: "1", unit: 人, qualifier: 左右 }\n---\n',
      /^line 4: figure qualifier "左右"/,
    ],
    [
      'bad as-of date',
      '---\nheadline: x\nfigures:\n  - { label: a, value: "1", unit: 人, asOf: 2024年6月 }\n---\n',
      /^line 4: figures\.0\.asOf: as-of date is YYYY-MM/,
    ],
    ['bad jump', '---\nheadline: x\njumps: [下转第七版]\n---\n', /^line 3: jump "下转第七版" must read like/],
    ['headline too long', `---\nheadline: ${'长'.repeat(201)}\n---\n`, /^line 2: headline: /],
    ['h1 in body', '---\nheadline: x\n---\n\n# 标题\n', /^line 5: the body has no "# " heading/],
    ['caption not closed', '---\nheadline: x\n---\n![图为', /^line 4: the photo caption has no closing "\]"/],
    ['no file', '---\nheadline: x\n---\n![图为]( "张三 摄")', /^line 4: the photo has no file/],
    ['bad credit', `---\nheadline: x\n---\n![图为](${FILE_A} "张三")`, /^line 4: photo credit "张三" is not/],
    [
      'file not stored',
      '---\nheadline: x\n---\n![图为](photos/tea.jpg "张三 摄")',
      /^line 4: photo file "photos\/tea.jpg"/,
    ],
    [
      'text after photo',
      `---\nheadline: x\n---\n![图为](${FILE_A}) 多余`,
      /^line 4: unexpected text after the photo/,
    ],
    ['unknown reference', '---\nheadline: x\n---\n\n![][p9]\n', /^line 5: no photo has the id "p9"/],
    [
      'duplicate photo id',
      `---\nheadline: x\n---\n![甲](${FILE_A}){#p}\n![乙](${FILE_A}){#p}\n`,
      /^line 5: two photos have the id "p"/,
    ],
    [
      'bad escape',
      '---\nheadline: x\n---\n坏\\u{110000}\n',
      /^line 4: "\\u\{110000\}" is not a valid escape/,
    ],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    let error: unknown;
    try {
      parseStoryMarkdown(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoryFormatError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('writeStoryMarkdown', () => {
  it('writes the front matter a person would write', () => {
    const md = writeStoryMarkdown(parseStoryMarkdown(SAMPLE));
    expect(md).toContain('region: {code: "520113", path: [贵州省, 贵阳市, 白云区]}\n');
    expect(md).toContain(
      'byline: {position: lead, credits: [{role: 记者, names: [向一鸣]}, {role: 通讯员, names: [柯小禾, 田野]}]}\n',
    );
    expect(md).toContain('  - {label: 投入资金, value: "1758", unit: 万元, qualifier: 余, asOf: 2024-06}\n');
    expect(md).toContain('  - {to: B7}\n');
    expect(md).toContain(`\n![图为党员志愿者入户走访。](${FILE_A} "柯小禾 摄")\n`);
    expect(md).toContain(`\n![图为村民议事现场。](${FILE_B} "青石村党支部供图"){#hall}\n`);
    expect(md).not.toContain('photos:');
  });

  it('lists photos in the front matter when the body does not show each once, in order', () => {
    const c = parseStoryMarkdown(SAMPLE);
    const blocks = blocksOfBody(c.body).filter((b) => b.type !== 'photo');
    const shuffled = { ...c, body: bodyFromBlocks([{ type: 'photo', photoId: 'hall' }, ...blocks]) };
    const md = writeStoryMarkdown(shuffled);
    expect(md).toContain('photos:\n');
    expect(md).toContain('\n![][hall]\n');
    expect(parseStoryMarkdown(md)).toEqual(shuffled);
  });

  it('escapes body text that would read as a marker', () => {
    const c = parseStoryMarkdown('---\nheadline: x\n---\n');
    const tricky: BodyBlock[] = [
      { type: 'paragraph', text: '## 像小标题' },
      { type: 'paragraph', text: '> 像引文' },
      { type: 'paragraph', text: '![像图片](x)' },
      { type: 'paragraph', text: '  前后空格  ' },
      { type: 'paragraph', text: '两行\n文字' },
      { type: 'paragraph', text: '' },
      { type: 'subhead', text: '' },
      { type: 'quote', text: '' },
      { type: 'paragraph', text: '\\' },
    ];
    const withBody = { ...c, body: bodyFromBlocks(tricky) };
    expect(blocksOfBody(parseStoryMarkdown(writeStoryMarkdown(withBody)).body)).toEqual(tricky);
  });
});

describe('parseStoryText', () => {
  it('takes the first non-empty line as the headline and the rest as paragraphs', () => {
    const c = parseStoryText(
      '\uFEFF\r\n  绿水青山间的党课  \r\n\r\n第一段。\r\n\u3000\u3000第二段。\r\n\r\n',
    );
    expect(c.headline).toBe('绿水青山间的党课');
    expect(blocksOfBody(c.body)).toEqual([
      { type: 'paragraph', text: '第一段。' },
      { type: 'paragraph', text: '第二段。' },
    ]);
    expect(c.kind).toBe('消息');
    expect(StoryContentSchema.parse(c)).toEqual(c);
  });

  it('refuses an empty text and an overlong headline', () => {
    expect(() => parseStoryText(' \n\n')).toThrow(StoryFormatError);
    expect(() => parseStoryText('长'.repeat(201))).toThrow(/^line 1: headline/);
  });
});

// ---------------------------------------------------------------- properties

/** Pieces that stress the format: markers, YAML syntax, escapes, white space, Chinese text. */
const PIECES = [
  '党',
  '建',
  '引',
  '领',
  '村',
  '民',
  '议',
  '事',
  '，',
  '。',
  '：',
  '；',
  '“',
  '”',
  '《',
  '》',
  '——',
  '……',
  '## ',
  '#',
  '> ',
  '>',
  '![',
  '](',
  ')',
  '[',
  ']',
  '{#',
  '}',
  '"',
  "'",
  '\\',
  '\\n',
  '\\u{20}',
  ': #',
  '- ',
  '---',
  '...',
  '? ',
  '&a',
  '*b',
  '!',
  '%',
  '@',
  '`',
  '|',
  '~',
  'null',
  'yes',
  '1758',
  '6.10',
  '0x1F',
  ' ',
  '\u3000',
  '\t',
  '\n',
  '\r',
  '\u2028',
  '\uFEFF',
  '\u00a0',
  '摄',
  ' 摄',
  '供图',
  '图 ',
  '■',
];
const text = (max = 8) =>
  fc.oneof(
    fc.array(fc.constantFrom(...PIECES), { maxLength: max }).map((p) => p.join('')),
    fc.string({ maxLength: max, unit: 'grapheme' }),
  );
const trimmed = (max: number) =>
  text(6)
    .map((s) => s.trim().slice(0, max))
    .filter((s) => s.length > 0);
const id = fc
  .oneof(fc.constantFrom('photo-1', 'photo-2', 'figure-1', 'jump-2', 'p'), trimmed(20))
  .filter((s) => s.length <= 64);

const photoArb = (photoId: string) =>
  fc.record({
    id: fc.constant(photoId),
    file: fc.stringMatching(/^[a-f0-9]{16,20}\.(jpg|png|webp)$/),
    caption: text(10),
    creditName: text(6),
    creditKind: fc.constantFrom(...PHOTO_CREDIT_KINDS),
  });

const contentArb: fc.Arbitrary<StoryContent> = fc
  .record({
    kind: fc.constantFrom(...STORY_KINDS),
    kicker: text(),
    headline: text(),
    subheadline: text(),
    dateline: text(4),
    byline: fc.record({
      position: fc.constantFrom('lead', 'top', 'end') as fc.Arbitrary<'lead' | 'top' | 'end'>,
      credits: fc.array(
        fc.oneof(
          fc.record({
            kind: fc.constant('person' as const),
            role: trimmed(20),
            names: fc.array(trimmed(40), { minLength: 1, maxLength: 3 }),
          }),
          fc.record({ kind: fc.constant('organisation' as const), name: trimmed(80) }),
        ),
        { maxLength: 3 },
      ),
    }),
    region: fc.option(
      fc.record({
        code: fc.stringMatching(/^\d{6}$/),
        path: fc.array(trimmed(40), { minLength: 1, maxLength: 4 }),
      }),
    ),
    blocks: fc.array(
      fc.record({
        type: fc.constantFrom('paragraph', 'subhead', 'quote') as fc.Arbitrary<
          'paragraph' | 'subhead' | 'quote'
        >,
        text: text(12),
      }),
      { maxLength: 6 },
    ),
    photoIds: fc.uniqueArray(id, { maxLength: 3 }),
    placement: fc.constantFrom('in-order', 'shuffled'),
    placementSeed: fc.array(fc.nat(20), { maxLength: 6 }),
    figures: fc.uniqueArray(
      fc.record({
        id,
        label: text(4),
        value: text(3),
        unit: text(2),
        qualifier: fc.constantFrom(...FIGURE_QUALIFIERS),
        asOf: fc.constantFrom('', '2024-06', '2023-12-31'),
      }),
      { maxLength: 3, selector: (f) => f.id },
    ),
    jumps: fc.uniqueArray(
      fc.record({
        id,
        direction: fc.constantFrom('from', 'to') as fc.Arbitrary<'from' | 'to'>,
        page: fc.stringMatching(/^[A-Z]\d{1,2}$/),
      }),
      { maxLength: 4, selector: (j) => j.id },
    ),
    page: fc.option(fc.stringMatching(/^[A-Z]\d{1,2}$/)),
    slot: fc.option(fc.integer({ min: 1, max: 99 })),
    ignored: fc.array(
      fc.record({
        rule: fc.constantFrom('duplicate.run', 'punct.halfwidth', 'wording.term'),
        field: fc.constantFrom('body', 'headline', 'caption'),
        text: text(12),
        reason: trimmed(40),
        by: text(4),
        at: fc.constantFrom('', '2026-11-02T08:00:00.000Z'),
      }),
      { maxLength: 3 },
    ),
  })
  .chain((r) =>
    fc.tuple(fc.constant(r), fc.tuple(...r.photoIds.map(photoArb))).map(([r, photos]) => {
      const blocks: BodyBlock[] = [...r.blocks];
      if (r.placement === 'in-order') {
        // Each photo once, in order, somewhere in the body: the inline form.
        photos.forEach((p, i) => {
          const at = Math.min(blocks.length, (r.placementSeed[i] ?? 0) % (blocks.length + 1));
          const after = blocks.findLastIndex((b) => b.type === 'photo');
          blocks.splice(Math.max(at, after + 1), 0, { type: 'photo', photoId: p.id });
        });
      } else if (photos.length > 0) {
        // Repeats, omissions and any order: the front-matter form.
        for (const seed of r.placementSeed) {
          const p = photos[seed % photos.length] as { id: string };
          blocks.splice(seed % (blocks.length + 1), 0, { type: 'photo', photoId: p.id });
        }
      }
      return StoryContentSchema.parse({
        kind: r.kind,
        kicker: r.kicker,
        headline: r.headline,
        subheadline: r.subheadline,
        dateline: r.dateline,
        byline: r.byline,
        region: r.region,
        body: bodyFromBlocks(blocks),
        photos,
        figures: r.figures,
        jumps: r.jumps,
        page: r.page,
        slot: r.slot,
        ignored: r.ignored,
      });
    }),
  );

// Generated stories are large; on a loaded two-core machine a run can take minutes.
describe('round trip', { timeout: 240_000 }, () => {
  it('parseStoryMarkdown(writeStoryMarkdown(c)) equals c for any valid content', () => {
    fc.assert(
      fc.property(contentArb, (c) => {
        const md = writeStoryMarkdown(c);
        expect(parseStoryMarkdown(md)).toEqual(c);
      }),
      { numRuns: 600 },
    );
  });

  it('survives CRLF and a BOM added by an editor', () => {
    fc.assert(
      fc.property(contentArb, (c) => {
        const md = `\uFEFF${writeStoryMarkdown(c).replace(/\n/g, '\r\n')}`;
        expect(parseStoryMarkdown(md)).toEqual(c);
      }),
      { numRuns: 300 },
    );
  });

  it('is stable: writing what was read gives the same file', () => {
    fc.assert(
      fc.property(contentArb, (c) => {
        const md = writeStoryMarkdown(c);
        expect(writeStoryMarkdown(parseStoryMarkdown(md))).toBe(md);
      }),
      { numRuns: 300 },
    );
  });
});
