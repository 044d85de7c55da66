/**
 * The story list for a query: fetched from 'stories.list', debounced while the
 * person types, newest answer wins. Saves patch their row in place so a save
 * never re-downloads 15,000 summaries.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { StoryQuery, StorySummary } from '../../../shared/model';
import { desk, onDeskEvent } from '../platform/desk-client';
import { storyStatus } from './story-status';

export type StoryList = {
  items: StorySummary[];
  total: number;
  loading: boolean;
  /** The last failure, cleared by the next successful answer. */
  error: unknown;
  reload: () => Promise<void>;
  patch: (summary: StorySummary) => void;
  remove: (id: string) => void;
};

const TYPING_DEBOUNCE_MS = 180;
/** Several stories changing at once (a page signed off, a desk catching up) re-read the list once. */
const EVENT_RELOAD_MS = 250;

export function useStoryList(query: StoryQuery): StoryList {
  const [items, setItems] = useState<StorySummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const queryRef = useRef(query);

  const fetchNow = useCallback(async (q: StoryQuery) => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const answer = await desk['stories.list'](q);
      if (mine !== seq.current) return;
      storyStatus.fromSummaries(answer.items);
      setItems(answer.items);
      setTotal(answer.total);
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(err);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const textChanged = queryRef.current.text !== query.text;
    queryRef.current = query;
    const timer = window.setTimeout(() => void fetchNow(query), textChanged ? TYPING_DEBOUNCE_MS : 0);
    return () => window.clearTimeout(timer);
  }, [query, fetchNow]);

  const reload = useCallback(() => fetchNow(queryRef.current), [fetchNow]);

  // A story this list has never heard of (made or submitted elsewhere), one leaving or
  // entering the status filter, or a desk that changed store (signed in to the newsroom):
  // the list is read again. A save of a listed story only patches its row (storyStatus);
  // a story the query leaves out (another page) is read once, then its saves are ignored.
  const itemsRef = useRef(items);
  const heard = useRef(new Set<string>());
  useEffect(() => {
    itemsRef.current = items;
    for (const s of items) heard.current.add(s.id);
  }, [items]);
  useEffect(() => {
    let timer: number | undefined;
    const later = (id?: string) => {
      if (id) heard.current.add(id);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void fetchNow(queryRef.current), EVENT_RELOAD_MS);
    };
    const stop = onDeskEvent((event) => {
      if (event.type === 'newsroom') {
        heard.current.clear();
        return later();
      }
      if (event.type !== 'story' || queryRef.current.trash) return;
      const shown = itemsRef.current.some((s) => s.id === event.storyId);
      const filter = queryRef.current.status;
      if (!heard.current.has(event.storyId)) return later(event.storyId);
      if (filter !== null && shown !== (filter === event.status)) later();
    });
    return () => {
      stop();
      window.clearTimeout(timer);
    };
  }, [fetchNow]);

  const patch = useCallback((summary: StorySummary) => {
    storyStatus.fromSummaries([summary]);
    setItems((list) => {
      const index = list.findIndex((s) => s.id === summary.id);
      if (index < 0) return list;
      const next = list.slice();
      next[index] = summary;
      return next;
    });
  }, []);

  const remove = useCallback((id: string) => {
    setItems((list) => {
      const next = list.filter((s) => s.id !== id);
      if (next.length !== list.length) setTotal((n) => n - 1);
      return next;
    });
  }, []);

  return { items, total, loading, error, reload, patch, remove };
}
