/**
 * The one place in the renderer that knows a story's status and revision (issue 19):
 * the story list, the editor's review bar, the 版面与状态 panel and the sign dialog
 * read it; every action that gets a Story back from the desk (save, 提交审稿, sign,
 * return, layout, comment, restore) tells it, and so will the desk's events (a story
 * changed in another window: `applyStory(storyId, { status, revision })`). A small
 * external store (useSyncExternalStore): a row re-renders only when its own story
 * changes. A newer revision always wins; an older answer arriving late is ignored.
 */
import { useCallback, useSyncExternalStore } from 'react';

import type { DeskEvent } from '../../../shared/api/events';
import { STORY_STATUSES, type Story, type StoryStatus, type StorySummary } from '../../../shared/model';

export type StoryStatusEntry = {
  status: StoryStatus;
  /** The stored revision (Story.rev): the number every screen and the manifest show. */
  revision: number;
};

export class StoryStatusStore {
  readonly #entries = new Map<string, StoryStatusEntry>();
  readonly #listeners = new Map<string, Set<() => void>>();

  get = (storyId: string): StoryStatusEntry | null => this.#entries.get(storyId) ?? null;

  subscribe(storyId: string, listener: () => void): () => void {
    let set = this.#listeners.get(storyId);
    if (!set) this.#listeners.set(storyId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(storyId);
    };
  }

  /** What the desk says of one story now; kept unless an equal or newer revision is known. */
  applyStory(storyId: string, next: StoryStatusEntry): void {
    const known = this.#entries.get(storyId);
    if (
      known &&
      (known.revision > next.revision || (known.revision === next.revision && known.status === next.status))
    )
      return;
    this.#entries.set(storyId, { status: next.status, revision: next.revision });
    for (const l of this.#listeners.get(storyId) ?? []) l();
  }

  /** A Story the desk returned (any action's answer). */
  fromStory(story: Pick<Story, 'id' | 'status' | 'rev'>): void {
    this.applyStory(story.id, { status: story.status, revision: story.rev });
  }

  /** The list's rows: a list answer older than what an action already said is ignored per story. */
  fromSummaries(items: readonly Pick<StorySummary, 'id' | 'status' | 'rev'>[]): void {
    for (const s of items) this.applyStory(s.id, { status: s.status, revision: s.rev });
  }
}

/**
 * Feeds the store from the desk's events: a story saved, submitted or signed in another
 * window (or on another desk) shows its new status here at once. `subscribe` is the
 * platform's `onDeskEvent`; an event naming a status this build does not know is ignored.
 */
export function followDeskEvents(
  subscribe: (listener: (event: DeskEvent) => void) => () => void,
  store: StoryStatusStore = storyStatus,
): () => void {
  return subscribe((event) => {
    if (event.type !== 'story') return;
    if (!(STORY_STATUSES as readonly string[]).includes(event.status)) return;
    store.applyStory(event.storyId, { status: event.status as StoryStatus, revision: event.revision });
  });
}

/** The renderer's one store. */
export const storyStatus = new StoryStatusStore();

/** The story's status and revision as known now; `fallback` until the store has heard of it. */
export function useStoryStatus(
  storyId: string,
  fallback: StoryStatusEntry | null = null,
  store: StoryStatusStore = storyStatus,
): StoryStatusEntry | null {
  const subscribe = useCallback((l: () => void) => store.subscribe(storyId, l), [store, storyId]);
  const entry = useSyncExternalStore(subscribe, () => store.get(storyId));
  if (!entry) return fallback;
  if (fallback && fallback.revision > entry.revision) return fallback;
  return entry;
}
