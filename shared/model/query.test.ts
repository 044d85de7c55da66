import { describe, expect, it } from 'vitest';

import { StoryQuerySchema } from './prefs';
import { queryStories } from './query';
import type { StorySummary } from './summary';

function summary(patch: Partial<StorySummary>): StorySummary {
  return {
    id: 'x',
    rev: 1,
    kicker: '',
    headline: '',
    byline: '',
    bylineNames: '',
    region: '',
    regionCode: '',
    page: null,
    slot: null,
    status: 'draft',
    chars: 0,
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: '',
    deletedAt: null,
    ...patch,
  };
}

const ALL = [
  summary({
    id: 'a',
    headline: '枫林村议事会',
    region: '贵州省贵阳市白云区',
    page: 'B6',
    slot: 2,
    updatedAt: '2026-11-02',
  }),
  summary({
    id: 'b',
    headline: '茶溪社区',
    bylineNames: '陈思远',
    page: 'B6',
    slot: 1,
    status: 'approved',
    updatedAt: '2026-11-03',
  }),
  summary({ id: 'c', headline: '石门镇', page: 'B7', slot: 1, updatedAt: '2026-11-01' }),
  summary({ id: 'd', headline: '已删除的稿件', deletedAt: '2026-11-04' }),
];
const q = (patch: object) => queryStories(ALL, StoryQuerySchema.parse(patch)).map((s) => s.id);

describe('queryStories', () => {
  it('lists live stories newest first by default and keeps trashed ones apart', () => {
    expect(q({})).toEqual(['b', 'a', 'c']);
    expect(q({ trash: true })).toEqual(['d']);
  });

  it('searches headline, byline names and region, ignoring spaces', () => {
    expect(q({ text: '白云 区' })).toEqual(['a']);
    expect(q({ text: '陈思远' })).toEqual(['b']);
    expect(q({ text: '议事' })).toEqual(['a']);
  });

  it('filters by status and page, and sorts by page and slot', () => {
    expect(q({ status: 'approved' })).toEqual(['b']);
    expect(q({ page: 'B6', sort: 'page-slot' })).toEqual(['b', 'a']);
    expect(q({ sort: 'page-slot' })).toEqual(['b', 'a', 'c']);
  });
});
