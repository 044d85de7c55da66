import { describe, expect, it } from 'vitest';

import { bodyFromBlocks, type Photo } from '../../model';
import { checkCopyStory } from '../copy-rules';
import type { CopyStory } from '../copy-text';

function story(photo: Partial<Photo>): CopyStory {
  const p: Photo = {
    id: 'p1',
    file: 'aaaaaaaaaaaaaaaa.jpg',
    caption: '图为党员在田间劳动。',
    creditName: '林小川',
    creditKind: '摄',
    ...photo,
  };
  return {
    key: 's',
    content: {
      kicker: '',
      headline: '标题',
      subheadline: '',
      body: bodyFromBlocks([
        { type: 'paragraph', text: '正文。' },
        { type: 'photo', photoId: 'p1' },
      ]),
      photos: [p],
    },
  };
}

const hits = (s: CopyStory) =>
  checkCopyStory(s, { families: ['captions'] }).map((f) => [
    f.rule,
    f.locations[0]!.field,
    f.locations[0]!.paragraph,
    f.locations[0]!.start,
    f.locations[0]!.end,
    f.locations[0]!.text,
    f.fix?.replacement ?? null,
  ]);

describe('captions', () => {
  it('pass a photo with caption, full stop and credit', () => {
    expect(hits(story({}))).toEqual([]);
    expect(
      hits(
        story({ caption: '图为党员在田间劳动（资料图片）。', creditName: '某某镇党委', creditKind: '供图' }),
      ),
    ).toEqual([]);
  });
  it('captions.missing and captions.missing-credit', () => {
    expect(hits(story({ caption: '', creditName: ' ' }))).toEqual([
      ['captions.missing', 'caption', 1, 0, 0, '', null],
      ['captions.missing-credit', 'credit', 1, 0, 1, ' ', null],
    ]);
  });
  it('captions.end-stop: a caption ends with a full stop', () => {
    expect(hits(story({ caption: '图为党员在田间劳动' }))).toEqual([
      ['captions.end-stop', 'caption', 1, 8, 9, '动', '动。'],
    ]);
    expect(hits(story({ caption: '图为党员在田间劳动，' }))).toEqual([
      ['captions.end-stop', 'caption', 1, 9, 10, '，', '。'],
    ]);
  });
  it('captions.credit-form: the credit repeats its marker', () => {
    expect(hits(story({ creditName: '林小川 摄' }))).toEqual([
      ['captions.credit-form', 'credit', 1, 0, 5, '林小川 摄', '林小川'],
    ]);
    expect(hits(story({ creditName: '某某镇党委供图', creditKind: '供图' }))).toEqual([
      ['captions.credit-form', 'credit', 1, 0, 7, '某某镇党委供图', '某某镇党委'],
    ]);
  });
  it('captions.credit-in-caption: a credit typed into the caption', () => {
    expect(hits(story({ caption: '图为党员在田间劳动。 林小川 摄' }))).toEqual([
      ['captions.credit-in-caption', 'caption', 1, 10, 16, ' 林小川 摄', null],
    ]);
  });
});
