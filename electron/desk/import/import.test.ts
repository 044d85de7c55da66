import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DeskError } from '../../../shared/api';
import { buildDocx, PNG_BYTES, zeroBomb } from '../../../shared/import/fixtures/docx-fixture';
import { blocksOfBody } from '../../../shared/model';
import { importStory, readStoryBytes, readStoryFile } from '../import-story';
import { runInSession } from '../review/session-context';
import { openDeskServices, type DeskServices } from '../services';
import { decodeTextFile } from './text-encoding';

let dir: string;
let services: DeskServices;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-import-'));
  services = await openDeskServices({
    dataDir: join(dir, 'data'),
    transport: 'http',
    demo: false,
    user: 'tester',
  });
});
afterEach(async () => {
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

const codes = (notes: { code: string }[] | undefined) => (notes ?? []).map((n) => n.code);
const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as DeskError;
  }
  throw new Error('no error');
};

describe('text encodings', () => {
  it('detects GB18030/GBK, UTF-8 with and without BOM, UTF-16 with BOM, and says which', () => {
    // "党建" in GBK is B5 B3 BD A8; "工作" is B9 A4 D7 F7.
    expect(decodeTextFile(new Uint8Array([0xb5, 0xb3, 0xbd, 0xa8, 0xb9, 0xa4, 0xd7, 0xf7]))).toEqual({
      text: '党建工作',
      encoding: 'gb18030',
      bom: false,
    });
    expect(decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('党建')]))).toEqual({
      text: '党建',
      encoding: 'utf-8',
      bom: true,
    });
    expect(decodeTextFile(new Uint8Array(Buffer.from('党建')))).toEqual({
      text: '党建',
      encoding: 'utf-8',
      bom: false,
    });
    expect(decodeTextFile(new Uint8Array([0xff, 0xfe, ...Buffer.from('党建', 'utf16le')]))).toMatchObject({
      text: '党建',
      encoding: 'utf-16le',
    });
  });

  it('imports a GBK text story with mixed line endings and reports the encoding', async () => {
    // 标题: "党建" ; body: "党建工作。" lines joined by CRLF, CR and LF.
    const gbk = [
      0xb5, 0xb3, 0xbd, 0xa8, 0x0d, 0x0a, 0xb5, 0xb3, 0xbd, 0xa8, 0xb9, 0xa4, 0xd7, 0xf7, 0xa1, 0xa3, 0x0d,
      0xb9, 0xa4, 0xd7, 0xf7, 0xa1, 0xa3, 0x0a,
    ];
    const read = await readStoryBytes('gbk.txt', new Uint8Array(gbk));
    expect(read.encoding).toBe('gb18030');
    expect(codes(read.notes)).toContain('encoding');
    expect(read.content.headline).toBe('党建');
    expect(blocksOfBody(read.content.body)).toEqual([
      { type: 'paragraph', text: '党建工作。' },
      { type: 'paragraph', text: '工作。' },
    ]);
  });
});

describe('DOCX import (worker)', () => {
  const story = [
    { text: '深化基层治理', style: 'Kicker' },
    { text: '南湖社区：议事厅里议出幸福感', style: 'Title' },
    { text: '本报讯（记者 周明 通讯员 吴青）南湖社区把议事厅搬到了楼道口。' },
    { text: '小事不出楼', style: '2' },
    { text: '居民的事情居民商量着办。' },
    { image: 'image1.png' },
    { text: '图为居民在楼道议事。 吴青 摄' },
    { image: 'image2.jpg' },
    { text: '图为议事记录本。' },
    {
      table: [
        ['事项', '结果'],
        ['加装电梯', '已办结'],
      ],
    },
  ];

  it('reads headline parts, byline, subheads and photos, stores the photo, lists the notes', async () => {
    const path = join(dir, 'story.docx');
    // image2.jpg is named like a photo but holds HTML: refused by its content.
    await writeFile(
      path,
      buildDocx(story, { 'image2.jpg': new TextEncoder().encode('<html>not a photo</html>') }),
    );
    const read = await readStoryFile(path);
    const { story: saved, notes } = await importStory(services.store, path, read, { user: 'tester' });
    expect(saved).toMatchObject({
      kicker: '深化基层治理',
      headline: '南湖社区：议事厅里议出幸福感',
      dateline: '本报讯',
      byline: {
        position: 'lead',
        credits: [
          { kind: 'person', role: '记者', names: ['周明'] },
          { kind: 'person', role: '通讯员', names: ['吴青'] },
        ],
      },
    });
    expect(saved.photos).toHaveLength(1);
    expect(saved.photos[0]).toMatchObject({
      caption: '图为居民在楼道议事。',
      creditName: '吴青',
      creditKind: '摄',
    });
    expect(saved.photos[0]!.file).toMatch(/^[a-f0-9]{32}\.png$/);
    expect(blocksOfBody(saved.body).map((b) => b.type)).toEqual([
      'paragraph',
      'subhead',
      'paragraph',
      'photo',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
    expect(codes(notes)).toEqual(['table-flattened', 'image-rejected', 'caption-without-photo']);
  });

  it('refuses damaged, truncated, encrypted, bomb and non-Word files with a message naming the file, writing nothing', async () => {
    const before = services.store.list().length;
    const good = buildDocx(story);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['truncated.docx', good.slice(0, Math.floor(good.length / 2)), /truncated\.docx is damaged/],
      [
        'secret.docx',
        new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(1024)]),
        /secret\.docx is password-protected or an old \.doc/,
      ],
      ['bomb.docx', zeroBomb(70 * 1024 * 1024), /bomb\.docx is too large/],
      ['text.docx', new TextEncoder().encode('just text'), /text\.docx is not a Word document/],
    ];
    for (const [name, bytes, message] of cases) {
      const err = await errorOf(readStoryBytes(join(dir, name), bytes));
      expect(err).toBeInstanceOf(DeskError);
      expect(err.message).toMatch(message);
      expect(err.message).toMatch(/nothing was imported/);
    }
    expect(services.store.list().length).toBe(before);
  });

  it('imports through the API with the file bytes', async () => {
    const data = Buffer.from(buildDocx(story)).toString('base64');
    const result = await services.handlers['stories.import']({ name: 'story.docx', data, page: 'B6' });
    expect(result.story.page).toBe('B6');
    expect(result.story.headline).toBe('南湖社区：议事厅里议出幸福感');
    expect(codes(result.notes)).toContain('table-flattened');
    void PNG_BYTES;
  });

  it('refuses an import from a window where nobody is chosen, and files nothing', async () => {
    const data = Buffer.from(buildDocx(story)).toString('base64');
    const before = services.store.list().length;
    const refused = await errorOf(
      runInSession('tab-nobody', () => services.handlers['stories.import']({ name: 'story.docx', data })),
    );
    expect(refused).toMatchObject({ key: 'review.refused.noUserEdit' });
    expect(services.store.list().length).toBe(before);
  });
});

describe('past pages into the archive (API)', () => {
  const page = [
    '青石镇：小网格撑起基层治理大格局',
    '■中共青石镇委员会',
    '青石镇把党支部建在网格上，推动党员力量下沉一线，',
    '有效解决了群众身边的急难愁盼问题。',
    '桐林村：“积分超市”兑出文明新风',
    '本报讯（记者 赵明）桐林村推行积分制管理，村民用积分兑换生活用品。',
  ].join('\n');
  const data = Buffer.from(page).toString('base64');

  it('splits for confirmation, archives, lists, searches and reads back; a second import adds nothing', async () => {
    const split = await services.handlers['archive.splitPage']({ name: 'b6.txt', data });
    expect(split.stories.map((s) => s.headline)).toEqual([
      '青石镇：小网格撑起基层治理大格局',
      '桐林村：“积分超市”兑出文明新风',
    ]);
    expect(split.encoding).toBe('utf-8');
    expect(
      await services.handlers['archive.importPage']({ name: 'b6.txt', data, page: 'B6', date: '2026-11-22' }),
    ).toEqual({ added: 2, skipped: 0 });
    expect(
      await services.handlers['archive.importPage']({ name: 'b6.txt', data, page: 'B6', date: '2026-11-22' }),
    ).toEqual({ added: 0, skipped: 2 });
    const list = await services.handlers['archive.list']({ date: '2026-11-22', page: 'B6' });
    expect(list.items.map((s) => s.title)).toEqual([
      '青石镇：小网格撑起基层治理大格局',
      '桐林村：“积分超市”兑出文明新风',
    ]);
    const [hit] = await services.handlers['archive.search']({ query: '积分超市' });
    expect(hit!.title).toBe('桐林村：“积分超市”兑出文明新风');
    const story = await services.handlers['archive.get']({ id: list.items[0]!.id });
    expect(story.blocks).toEqual([
      '青石镇把党支部建在网格上，推动党员力量下沉一线，有效解决了群众身边的急难愁盼问题。',
    ]);
    // The duplicate check sees the archived page at once.
    const findings = await services.handlers['checks.archive']({
      content: {
        kicker: '',
        headline: '新稿',
        subheadline: '',
        photos: [],
        body: {
          version: 1,
          root: {
            type: 'root',
            version: 1,
            direction: null,
            format: '',
            indent: 0,
            children: [
              {
                type: 'paragraph',
                version: 1,
                children: [
                  {
                    type: 'text',
                    version: 1,
                    text: '青石镇把党支部建在网格上，推动党员力量下沉一线，有效解决了群众身边的急难愁盼问题。',
                    detail: 0,
                    format: 0,
                    mode: 'normal',
                    style: '',
                  },
                ],
              },
            ],
          },
        },
      },
    });
    expect(findings.some((f) => f.rule === 'duplicate.archive')).toBe(true);
  });
});
