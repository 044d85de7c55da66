import { emptyBody } from './body';
import type { Story, StoryContent } from './story';

/** A fresh draft; ids are lowercase so file names are safe on every platform. */
export function newStory(id: string, now: string, by: string, patch: Partial<StoryContent> = {}): Story {
  return {
    schema: 1,
    id,
    rev: 1,
    createdAt: now,
    updatedAt: now,
    updatedBy: by,
    status: 'draft',
    deletedAt: null,
    history: [],
    kind: '消息',
    kicker: '',
    headline: '',
    subheadline: '',
    dateline: '本报讯',
    byline: { credits: [], position: 'lead' },
    region: null,
    body: emptyBody(),
    photos: [],
    figures: [],
    jumps: [],
    page: null,
    slot: null,
    ignored: [],
    ...patch,
  };
}
