import { describe, expect, it } from 'vitest';

import type { CheckInReport, CheckoutItem } from '../../../shared/api/checkout-contract';
import type { AwayStory, NewsroomStatus } from '../../../shared/api/newsroom-contract';
import { blocksOfBody, bodyFromBlocks, type StoryContent } from '../../../shared/model';
import {
  awayItems,
  bodyLines,
  checkedInBySelf,
  checkInCounts,
  combineContent,
  formatSince,
  nextChecked,
  textsOf,
} from './checkout-view';

const local = (h: number, m: number) => new Date(2026, 11, 7, h, m).toISOString();

describe('when a story went away', () => {
  it('reads as a newsroom writes it, with its day, in both languages', () => {
    expect(formatSince(local(14, 5), 'zh-CN')).toBe('12月7日 14:05');
    expect(formatSince(local(9, 30), 'en')).toMatch(/^Dec 7,? 09:30$/);
    expect(formatSince('not a date', 'zh-CN')).toBe('');
  });
});

describe('a check-in answer', () => {
  it('counts new revisions, new stories, parallel versions and repeats', () => {
    const report: CheckInReport = {
      results: [
        { opId: 'a', outcome: 'applied', storyId: 's1', revision: 3, conflictId: null },
        { opId: 'b', outcome: 'applied', storyId: 's1', revision: 4, conflictId: null },
        { opId: 'c', outcome: 'created', storyId: 's2', revision: 1, conflictId: null },
        { opId: 'd', outcome: 'parallel', storyId: 's3', revision: 7, conflictId: 2 },
      ],
      repeated: 1,
      refused: null,
      released: ['s1', 's3'],
    };
    expect(checkInCounts(report)).toEqual({ applied: 2, created: 1, parallel: 1, repeated: 1 });
  });
});

describe('checking rows of the list', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  it('a plain click checks nothing (it opens the story)', () => {
    expect(nextChecked(new Set(), order, null, 'b', { toggle: false, range: false })).toBeNull();
  });
  it('Ctrl-click toggles one row', () => {
    const one = nextChecked(new Set(['a']), order, 'a', 'c', { toggle: true, range: false })!;
    expect([...one].sort()).toEqual(['a', 'c']);
    expect([...nextChecked(one, order, 'c', 'a', { toggle: true, range: false })!]).toEqual(['c']);
  });
  it('Shift-click checks the range from the anchor, either way, keeping what was checked', () => {
    const down = nextChecked(new Set(['e']), order, 'b', 'd', { toggle: false, range: true })!;
    expect([...down].sort()).toEqual(['b', 'c', 'd', 'e']);
    const up = nextChecked(new Set(), order, 'd', 'a', { toggle: false, range: true })!;
    expect([...up].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...nextChecked(new Set(), order, null, 'c', { toggle: false, range: true })!]).toEqual(['c']);
  });
});

const content = (blocks: Parameters<typeof bodyFromBlocks>[0]): StoryContent =>
  ({
    kind: 'news',
    kicker: '基层党建',
    headline: '村里的议事长廊',
    subheadline: '',
    dateline: '',
    byline: { credits: [] },
    region: null,
    body: bodyFromBlocks(blocks),
    photos: [],
    figures: [],
    jumps: [],
    page: null,
    slot: null,
    ignored: [],
  }) as unknown as StoryContent;

describe('a combined version', () => {
  const base = content([
    { type: 'paragraph', text: '第一段。' },
    { type: 'subhead', text: '小标题' },
    { type: 'photo', photoId: 'p1' },
    { type: 'paragraph', text: '第二段。' },
  ]);

  it('keeps an untouched body exactly (its formatting and photos) and takes the edited headline', () => {
    const next = combineContent(base, { ...textsOf(base), headline: '  议事长廊里的新事  ' });
    expect(next.headline).toBe('议事长廊里的新事');
    expect(next.body).toBe(base.body);
    expect(bodyLines(base)).toBe('第一段。\n小标题\n第二段。');
  });

  it('rebuilds an edited body line by line, keeping block types and the photo at its place', () => {
    const next = combineContent(base, {
      ...textsOf(base),
      body: '第一段，改过。\n新的小标题\n\n第二段。\n补充一段。',
    });
    expect(blocksOfBody(next.body)).toEqual([
      { type: 'paragraph', text: '第一段，改过。' },
      { type: 'subhead', text: '新的小标题' },
      { type: 'photo', photoId: 'p1' },
      { type: 'paragraph', text: '第二段。' },
      { type: 'paragraph', text: '补充一段。' },
    ]);
    expect(next.kicker).toBe('基层党建');
  });

  it('an emptied body is one empty paragraph, the photos kept', () => {
    const next = combineContent(base, { ...textsOf(base), body: '' });
    expect(blocksOfBody(next.body)).toEqual([{ type: 'photo', photoId: 'p1' }]);
    const plain = content([{ type: 'paragraph', text: '一段。' }]);
    expect(blocksOfBody(combineContent(plain, { ...textsOf(plain), body: ' ' }).body)).toEqual([
      { type: 'paragraph', text: '' },
    ]);
  });
});

describe('what the desk holds while the newsroom cannot be asked', () => {
  const li = { id: 'li', name: '李记者' };
  const held: AwayStory[] = [
    {
      storyId: 's1',
      headline: '夜校',
      kind: 'checkout',
      baseRev: 3,
      serverRev: 4,
      since: local(8, 0),
      waiting: 1,
    },
    {
      storyId: 's2',
      headline: '渡口',
      kind: 'checkout',
      baseRev: 2,
      serverRev: null,
      since: local(8, 1),
      waiting: 0,
    },
    {
      storyId: 's3',
      headline: '新稿',
      kind: 'draft',
      baseRev: 1,
      serverRev: null,
      since: local(9, 0),
      waiting: 1,
    },
  ];
  const listed: CheckoutItem = {
    storyId: 's1',
    headline: '夜校',
    holder: { userId: 'li', name: '李记者' },
    desk: 'vm-3eeedc',
    since: local(8, 0),
    baseRev: 3,
    revision: 3,
    mine: true,
  };

  it('adds the check-outs the last list did not name, as this person on this desk; drafts are not check-outs', () => {
    expect(awayItems(held, [listed], li, 'vm-3eeedc')).toEqual([
      {
        storyId: 's2',
        headline: '渡口',
        holder: { userId: 'li', name: '李记者' },
        desk: 'vm-3eeedc',
        since: local(8, 1),
        baseRev: 2,
        revision: 2,
        mine: true,
      },
    ]);
    expect(awayItems(held, [], li, 'vm-3eeedc').map((i) => [i.storyId, i.revision])).toEqual([
      ['s1', 4],
      ['s2', 2],
    ]);
  });
});

describe('what the desk sent by itself', () => {
  const before: NewsroomStatus = {
    state: 'unreachable',
    server: 'http://127.0.0.1:4000',
    lastLogin: 'li',
    person: { id: 'li', login: 'li', name: '李记者', roles: ['reporter'] },
    expiresAt: null,
    unreachableSince: local(8, 0),
    pending: [],
    key: null,
    outbox: 3,
    lastCheckIn: null,
  };
  const after: NewsroomStatus = {
    ...before,
    state: 'connected',
    unreachableSince: null,
    outbox: 0,
    lastCheckIn: local(9, 0),
  };

  it('is the operations the outbox lost at a check-in', () => {
    expect(checkedInBySelf(before, after)).toBe(3);
    expect(checkedInBySelf(before, { ...after, outbox: 1 })).toBe(2);
  });

  it('is nothing without a check-in, for another person, or when the outbox only grew', () => {
    expect(checkedInBySelf(before, { ...after, lastCheckIn: null })).toBe(0);
    expect(checkedInBySelf(before, { ...after, person: { ...before.person!, id: 'wang' } })).toBe(0);
    expect(checkedInBySelf(before, { ...after, person: null })).toBe(0);
    expect(checkedInBySelf(after, { ...after, outbox: 2, lastCheckIn: local(9, 5) })).toBe(0);
  });
});
