import { describe, expect, it } from 'vitest';

import { StoryStatusStore } from './story-status';

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
});
