/**
 * The story list for a query: fetched from 'stories.list', debounced while the
 * person types, newest answer wins. Saves patch their row in place so a save
 * never re-downloads 15,000 summaries.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { StoryQuery, StorySummary } from '../../../shared/model';
import { desk } from '../platform/desk-client';
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
