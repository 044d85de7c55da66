/**
 * A .txt story in the forms printed pages use (domain §1, §3; issue 19 §5): a line
 * of names alone under the headline is the byline, a bracketed credit after a photo's
 * caption is its credit. Invented text.
 */
import { describe, expect, it } from 'vitest';

import { blocksOfBody } from '../model';
import { recogniseStory } from './recognise-story';
import { readCreditLine } from './story-lines';
import type { SourceBlock } from './source-block';
import { textToBlocks } from './text-blocks';

const LEAD = '今年以来，青石村党支部组建“红色代办”服务队，每周入户走访群众。';

describe('a line of names under the headline', () => {
  it.each([
    ['one name', '周一帆', ['周一帆']],
    ['two names', '宋子衡 梁若溪', ['宋子衡', '梁若溪']],
  ])('%s is the byline, not the headline', (_, line, names) => {
    const { content } = recogniseStory(textToBlocks(`青石村：红色代办进万家\n\n${line}\n\n${LEAD}\n`));
    expect(content.kicker).toBe('');
    expect(content.headline).toBe('青石村：红色代办进万家');
    expect(content.byline).toEqual({ position: 'top', credits: [{ kind: 'person', role: '', names }] });
    expect(blocksOfBody(content.body)).toEqual([{ type: 'paragraph', text: LEAD }]);
  });

  it('keeps a two-line head (引题 + 主题) before the names', () => {
    const { content } = recogniseStory(
      textToBlocks(`深化基层治理\n\n青石村：红色代办进万家\n\n周一帆\n\n${LEAD}\n`),
    );
    expect([content.kicker, content.headline]).toEqual(['深化基层治理', '青石村：红色代办进万家']);
    expect(content.byline.credits).toEqual([{ kind: 'person', role: '', names: ['周一帆'] }]);
  });

  it('credits names once when the lead repeats them after 本报讯', () => {
    const { content } = recogniseStory(
      textToBlocks(`青石村：红色代办进万家\n\n宋子衡 梁若溪\n\n本报讯(宋子衡 梁若溪)${LEAD}\n`),
    );
    expect(content.dateline).toBe('本报讯');
    expect(content.byline.credits).toEqual([{ kind: 'person', role: '', names: ['宋子衡', '梁若溪'] }]);
    expect(blocksOfBody(content.body)).toEqual([{ type: 'paragraph', text: LEAD }]);
  });
});

describe('a bracketed photo credit', () => {
  it.each([
    ['（柯小禾 摄）', '柯小禾', '摄'],
    ['(柯小禾 摄)', '柯小禾', '摄'],
    ['（青石县委宣传部供图）', '青石县委宣传部', '供图'],
  ])('"%s" reads as a credit line, printed form kept', (line, name, kind) => {
    expect(readCreditLine(line)).toEqual({ creditName: name, creditKind: kind, creditPrinted: line });
  });

  it('is not an end byline or a jump line', () => {
    expect(readCreditLine('（周一帆）')).toBeNull();
    expect(readCreditLine('（下转B7版）')).toBeNull();
  });

  it('after a photo and its caption becomes the photo’s credit, not a paragraph', () => {
    const blocks: SourceBlock[] = [
      ...textToBlocks(`青石村：红色代办进万家\n\n${LEAD}`),
      { kind: 'image', ref: 'media/image1.jpg', name: 'image1.jpg' },
      ...textToBlocks('图为党员志愿者入户走访。\n\n(柯小禾 摄)\n\n第二段正文，服务队把群众的事记在本子上。'),
    ];
    const { content } = recogniseStory(blocks, { photoFile: () => 'aaaaaaaaaaaaaaaa.jpg' });
    expect(content.photos).toEqual([
      {
        id: 'photo-1',
        file: 'aaaaaaaaaaaaaaaa.jpg',
        caption: '图为党员志愿者入户走访。',
        creditName: '柯小禾',
        creditKind: '摄',
        creditPrinted: '(柯小禾 摄)',
      },
    ]);
    expect(blocksOfBody(content.body).map((b) => b.type)).toEqual(['paragraph', 'photo', 'paragraph']);
  });

  it('after a caption with no photo is kept, but never read as a subhead', () => {
    const { content, notes } = recogniseStory(
      textToBlocks(
        `青石村：红色代办进万家\n\n${LEAD}\n\n图为党员志愿者入户走访。\n\n（柯小禾 摄）\n\n第二段正文，服务队把群众的事记在本子上。`,
      ),
    );
    expect(blocksOfBody(content.body).map((b) => b.type)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
    expect(notes.filter((n) => n.code === 'caption-without-photo').map((n) => n.text)).toEqual([
      '图为党员志愿者入户走访。',
      '（柯小禾 摄）',
    ]);
  });
});
