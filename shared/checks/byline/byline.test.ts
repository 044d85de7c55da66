import { describe, expect, it } from 'vitest';

import { bodyFromBlocks, type Credit } from '../../model';
import { checkCopyPage, checkCopyText } from '../copy-rules';
import type { CopyStory } from '../copy-text';

function textHits(text: string) {
  return checkCopyText(
    { story: 's', field: 'body', paragraph: 0, kind: 'paragraph', text },
    { families: ['byline', 'punct'] },
  ).map((f) => [
    f.rule,
    f.locations[0]!.start,
    f.locations[0]!.end,
    f.locations[0]!.text,
    f.fix?.replacement ?? null,
  ]);
}

function story(key: string, lead: string, credits: Credit[] = [], photoCredit?: string): CopyStory {
  const photos = photoCredit
    ? [
        {
          id: 'p1',
          file: 'aaaaaaaaaaaaaaaa.jpg',
          caption: '图为党员在田间劳动。',
          creditName: photoCredit,
          creditKind: '摄' as const,
        },
      ]
    : [];
  return {
    key,
    content: {
      kicker: '',
      headline: '标题',
      subheadline: '',
      body: bodyFromBlocks([
        { type: 'paragraph', text: lead },
        ...(photoCredit ? [{ type: 'photo' as const, photoId: 'p1' }] : []),
      ]),
      photos,
      byline: { position: 'lead', credits },
    },
  };
}

describe('byline.dateline-brackets', () => {
  it('flags half-width brackets after the 电头 (and not twice as punct.halfwidth)', () => {
    expect(textHits('本报讯(记者 林小川 通讯员 周雨)近日，')).toEqual([
      ['byline.dateline-brackets', 3, 18, '(记者 林小川 通讯员 周雨)', '（记者 林小川 通讯员 周雨）'],
    ]);
    expect(textHits('本报讯 （记者 林小川)近日，')).toEqual([
      ['byline.dateline-brackets', 3, 12, ' （记者 林小川)', '（记者 林小川）'],
    ]);
  });
  it('passes full-width brackets', () => {
    expect(textHits('本报讯（记者 林小川 通讯员 周雨）近日，')).toEqual([]);
  });
});

describe('byline.unknown-role', () => {
  it('reports a role outside the known list as information', () => {
    const s = story('a', '近日，', [{ kind: 'person', role: '首席记者', names: ['林小川'] }]);
    const found = checkCopyPage([s], { families: ['byline'] });
    expect(found.map((f) => [f.rule, f.severity, f.locations[0]!.field, f.locations[0]!.text])).toEqual([
      ['byline.unknown-role', 'info', 'byline', '首席记者'],
    ]);
  });
  it('passes known roles and end bylines without a role', () => {
    const s = story('a', '近日，', [
      { kind: 'person', role: '记者', names: ['林小川'] },
      { kind: 'person', role: '', names: ['周雨'] },
    ]);
    const found = checkCopyPage([s], { families: ['byline'] });
    expect(found.filter((f) => f.rule === 'byline.unknown-role')).toEqual([]);
    // The name without a role is byline.no-role's, as information (printed-forms.test.ts).
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['byline.no-role', 'info']]);
  });
});

describe('byline.spacing (page)', () => {
  it('flags the minority style on a page, with a fix to the majority', () => {
    const page = [
      story('a', '本报讯（记者 林小川）近日，'),
      story('b', '本报讯（记者 周雨 通讯员 唐一）近日，'),
      story('c', '本报讯（记者何明）近日，', [], '本报记者 林小川'),
    ];
    const found = checkCopyPage(page, { families: ['byline'] });
    expect(
      found.map((f) => [
        f.rule,
        f.locations[0]!.story,
        f.locations[0]!.start,
        f.locations[0]!.end,
        f.locations[0]!.text,
        f.fix?.replacement,
      ]),
    ).toEqual([['byline.spacing', 'c', 4, 6, '记者', '记者 ']]);
  });
  it('passes a page written one way', () => {
    const page = [
      story('a', '本报讯（记者林小川）近日，'),
      story('b', '本报讯（记者周雨）近日，', [], '本报记者林小川'),
    ];
    expect(checkCopyPage(page, { families: ['byline'] })).toEqual([]);
  });
});
