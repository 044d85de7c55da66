import { describe, expect, it } from 'vitest';

import type { DeskEvent } from '../../../shared/api/events';
import { followDeskEvents, StoryStatusStore } from './story-status';

describe('the story status store', () => {
  it('keep the newest revision, ignore a late older answer, and tell only that story’s listeners', () => {
    const store = new StoryStatusStore();
    let a = 0;
    let b = 0;
    store.subscribe('a', () => a++);
    store.subscribe('b', () => b++);
    store.fromSummaries([
      { id: 'a', status: 'draft', rev: 3 },
      { id: 'b', status: 'draft', rev: 1 },
    ]);
    expect([a, b]).toEqual([1, 1]);
    store.fromStory({ id: 'a', status: 'submitted', rev: 4 });
    expect(store.get('a')).toEqual({ status: 'submitted', revision: 4 });
    // A list answer sent before the submit arrives after it: the submit stands.
    store.fromSummaries([{ id: 'a', status: 'draft', rev: 3 }]);
    expect(store.get('a')).toEqual({ status: 'submitted', revision: 4 });
    // The same news twice (an action's answer, then the desk's event) notifies once.
    store.applyStory('a', { status: 'submitted', revision: 4 });
    expect([a, b]).toEqual([2, 1]);
    store.applyStory('a', { status: 'first-passed', revision: 5 });
    expect(store.get('a')?.status).toBe('first-passed');
    expect([a, b]).toEqual([3, 1]);
  });

  it("follows the desk events of stories: another window's submit shows here; other events and unknown statuses do not", () => {
    const store = new StoryStatusStore();
    let push: ((e: DeskEvent) => void) | null = null;
    const stop = followDeskEvents((l) => {
      push = l;
      return () => (push = null);
    }, store);
    store.fromStory({ id: 'a', status: 'draft', rev: 2 });
    push!({ type: 'lock', storyId: 'a', holder: null, at: '2026-12-07T10:00:00Z' });
    push!({ type: 'story', storyId: 'a', revision: 3, status: 'no-such-status', at: '2026-12-07T10:00:00Z' });
    expect(store.get('a')).toEqual({ status: 'draft', revision: 2 });
    push!({ type: 'story', storyId: 'a', revision: 3, status: 'submitted', at: '2026-12-07T10:00:01Z' });
    expect(store.get('a')).toEqual({ status: 'submitted', revision: 3 });
    stop();
    expect(push).toBeNull();
  });
});
