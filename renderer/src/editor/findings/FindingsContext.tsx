/**
 * The open story's findings for the editor's marks and the sidebar's list: one
 * FindingsStore per open story, fed with the draft, refreshed with the page after
 * each save. `openStory` lets a mark or the list go to a twin in another story.
 */
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';

import type { FindingLocation } from '../../../../shared/checks/finding';
import { StoryIdSchema, type StoryContent } from '../../../../shared/model';
import { FindingsStore, type FindingsState, type ShownFinding } from './findings-store';
import { requestReveal } from './pending-reveal';

export type FindingsApi = {
  store: FindingsStore;
  /** Opens another story of the page and selects `location` there once it is loaded. */
  revealElsewhere: (location: FindingLocation) => void;
};

const FindingsContext = createContext<FindingsApi | null>(null);

/**
 * True when a twin outside the open story can be shown: another story of the page
 * (its title is known) or a story of the archive (an id that is no desk story's).
 */
export function reachableElsewhere(
  location: FindingLocation,
  pageTitles: ReadonlyMap<string, unknown>,
): boolean {
  return pageTitles.has(location.story) || !StoryIdSchema.safeParse(location.story).success;
}

export function FindingsProvider({
  storyId,
  draft,
  rev,
  onOpenStory,
  children,
}: {
  storyId: string;
  draft: StoryContent;
  /** The saved revision: a new one refreshes the page context. */
  rev: number;
  onOpenStory?: (id: string) => void;
  children: ReactNode;
}) {
  const [store] = useState(() => new FindingsStore(storyId));
  useEffect(() => () => store.dispose(), [store]);
  useEffect(() => store.setDraft(draft), [store, draft]);
  useEffect(() => void store.refreshPage(), [store, rev]);
  const api = useMemo<FindingsApi>(
    () => ({
      store,
      revealElsewhere: (location) => {
        if (!onOpenStory) return;
        requestReveal(location);
        onOpenStory(location.story);
      },
    }),
    [store, onOpenStory],
  );
  return <FindingsContext.Provider value={api}>{children}</FindingsContext.Provider>;
}

export function useFindingsApi(): FindingsApi {
  const api = useContext(FindingsContext);
  if (!api)
    throw new Error('useFindingsApi: mount FindingsProvider around the story screen (StoryScreen.tsx)');
  return api;
}

export function useFindings(): FindingsState {
  const { store } = useFindingsApi();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/** The open findings of one field (and block, or credit of the byline), for a panel to show beside it. */
export function useFindingsAt(field: string, paragraph?: number): ShownFinding[] {
  const { open } = useFindings();
  return useMemo(
    () =>
      open.filter(
        (f) => f.here.field === field && (paragraph === undefined || f.here.paragraph === paragraph),
      ),
    [open, field, paragraph],
  );
}
