import { describe, expect, it } from 'vitest';

import { blocksOfBody } from '../model';
import { readDocx } from './docx-document';
import { documentXml, relsXml, stylesXml, type FixtureParagraph } from './fixtures/docx-fixture';
import { recogniseStory } from './recognise-story';
import { textToBlocks } from './text-blocks';

const codes = (notes: { code: string }[]) => notes.map((n) => n.code);

function fromDocx(paragraphs: FixtureParagraph[], photoFile?: (ref: string) => string | null) {
  const images: string[] = [];
  const document = documentXml(paragraphs, images);
  const read = readDocx({ document, styles: stylesXml(), rels: relsXml(images) });
  const story = recogniseStory(read.blocks, { photoFile });
  return { ...story, notes: [...read.notes, ...story.notes], images: read.images };
}

describe('recogniseStory from text', () => {
  it('reads 引题, 主题, 副题, the lead byline and subheads from a plain text', () => {
    const { content, notes } = recogniseStory(
      textToBlocks(
        [
          '深化网格党建',
          '枫桥村：党员“包片”把小事办在家门口',
          '—某某县推行网格党建的一点做法',
          '本报讯（记者 张三 通讯员 李四 王五）今年以来，枫桥村把全村划成8个片区，每片由一名党员包干。',
          '',
          '一片一策解难题',
          '片区党员每周走访一次，把群众反映的问题记在“民情本”上，能办的当场办。',
          '（下转B7版）',
        ].join('\r\n'),
      ),
    );
    expect(content).toMatchObject({
      kind: '消息',
      kicker: '深化网格党建',
      headline: '枫桥村：党员“包片”把小事办在家门口',
      subheadline: '——某某县推行网格党建的一点做法',
      dateline: '本报讯',
      byline: {
        position: 'lead',
        credits: [
          { kind: 'person', role: '记者', names: ['张三'] },
          { kind: 'person', role: '通讯员', names: ['李四', '王五'] },
        ],
      },
      jumps: [{ id: 'jump-1', direction: 'to', page: 'B7' }],
    });
    expect(blocksOfBody(content.body)).toEqual([
      { type: 'paragraph', text: '今年以来，枫桥村把全村划成8个片区，每片由一名党员包干。' },
      { type: 'subhead', text: '一片一策解难题' },
      { type: 'paragraph', text: '片区党员每周走访一次，把群众反映的问题记在“民情本”上，能办的当场办。' },
    ]);
    expect(codes(notes)).toEqual(['subheadline-dash', 'head-guessed', 'jump']);
  });

  it('reads an agency 电头, an organisation byline, an end byline', () => {
    const agency = recogniseStory(
      textToBlocks('某地举行党建工作座谈会\n新华社北京3月5日电 座谈会今天举行。\n会议强调，要抓好基层党建。'),
    );
    expect(agency.content.dateline).toBe('新华社北京3月5日电');
    expect(blocksOfBody(agency.content.body)[0]).toEqual({ type: 'paragraph', text: '座谈会今天举行。' });

    const org = recogniseStory(
      textToBlocks('以党建引领乡村振兴\n■中共某某县委组织部\n某某县坚持党建引领，推动产业发展。'),
    );
    expect(org.content.byline).toEqual({
      position: 'top',
      credits: [{ kind: 'organisation', name: '中共某某县委组织部' }],
    });
    expect(org.content.kind).toBe('工作经验');

    const end = recogniseStory(textToBlocks('村里来了新书记\n新书记到任后，先走遍了全村。\n（刘青）'));
    expect(end.content.byline).toEqual({
      position: 'end',
      credits: [{ kind: 'person', role: '', names: ['刘青'] }],
    });
  });

  it('keeps what it cannot place, and lists it', () => {
    const { content, notes } = recogniseStory(
      textToBlocks('本报讯(张三)一段导语。\n图为村民在新修的路上。 李四 摄\n正文。'),
    );
    expect(content.headline).toBe('');
    expect(content.byline.credits).toEqual([{ kind: 'person', role: '', names: ['张三'] }]);
    const texts = blocksOfBody(content.body).map((b) => (b.type === 'photo' ? '' : b.text));
    expect(texts).toEqual(['一段导语。', '图为村民在新修的路上。 李四 摄', '正文。']);
    expect(codes(notes)).toEqual([
      'head-unrecognised',
      'byline-no-role',
      'byline-halfwidth',
      'caption-without-photo',
    ]);
  });
});

describe('readDocx + recogniseStory', () => {
  it('takes headline parts from Word styles, subheads from headings and bold, photos with captions', () => {
    const { content, notes, images } = fromDocx(
      [
        { text: '深化基层治理', style: 'Kicker' },
        { text: '南湖社区：议事厅里议出幸福感', style: 'Title' },
        { text: '——南湖社区协商议事的做法', style: 'Subtitle' },
        { text: '本报讯（记者 周明）南湖社区把议事厅搬到了楼道口。' },
        { text: '小事不出楼', style: '2' },
        { text: '居民的事情居民商量着办。' },
        { text: '大事有人管', bold: true },
        { image: 'image1.png' },
        { text: '图为居民在楼道议事。' },
        { text: '本报记者 周明 摄' },
        { text: '更多内容见社区网站', link: true },
      ],
      (ref) => (ref === 'word/media/image1.png' ? '0123456789abcdef.png' : null),
    );
    expect(images.get('rIdImg1')).toBe('word/media/image1.png');
    expect(content).toMatchObject({
      kicker: '深化基层治理',
      headline: '南湖社区：议事厅里议出幸福感',
      subheadline: '——南湖社区协商议事的做法',
      dateline: '本报讯',
      byline: { position: 'lead', credits: [{ kind: 'person', role: '记者', names: ['周明'] }] },
      photos: [
        {
          id: 'photo-1',
          file: '0123456789abcdef.png',
          caption: '图为居民在楼道议事。',
          creditName: '本报记者 周明',
          creditKind: '摄',
        },
      ],
    });
    expect(blocksOfBody(content.body)).toEqual([
      { type: 'paragraph', text: '南湖社区把议事厅搬到了楼道口。' },
      { type: 'subhead', text: '小事不出楼' },
      { type: 'paragraph', text: '居民的事情居民商量着办。' },
      { type: 'subhead', text: '大事有人管' },
      { type: 'photo', photoId: 'photo-1' },
      { type: 'paragraph', text: '更多内容见社区网站' },
    ]);
    expect(codes(notes)).toEqual(['links-removed']);
  });

  it('flattens tables with a notice, and keeps the caption of a refused image as text', () => {
    const { content, notes } = fromDocx(
      [
        { text: '某镇晒出民生账单', style: 'Title' },
        { text: '镇里把今年的民生项目列成了表。' },
        {
          table: [
            ['项目', '投入'],
            ['道路硬化', '320万元'],
          ],
        },
        { image: 'image1.jpg' },
        { text: '图为新修的道路。 张三 摄' },
      ],
      () => null,
    );
    const texts = blocksOfBody(content.body).map((b) => (b.type === 'photo' ? '[photo]' : b.text));
    expect(texts).toEqual([
      '镇里把今年的民生项目列成了表。',
      '项目；投入',
      '道路硬化；320万元',
      '图为新修的道路。 张三 摄',
    ]);
    expect(content.photos).toEqual([]);
    expect(codes(notes)).toEqual(['table-flattened', 'caption-without-photo']);
  });

  it('refuses a DOCTYPE (entity expansion) and undeclared entities', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>';
    expect(() => readDocx({ document: bomb })).toThrow(/DOCTYPE/);
    expect(() =>
      readDocx({ document: '<w:document><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:document>' }),
    ).toThrow(/undeclared entity/);
    expect(() => readDocx({ document: '<w:document><w:p><w:r><w:t>半截' })).toThrow(/truncated|unterminated/);
  });
});
