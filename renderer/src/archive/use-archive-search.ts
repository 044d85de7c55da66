/**
 * Full-text search of the archive while the person types: debounced, the newest
 * answer wins, and the time of each answer (request to reply, as the person waits
 * for it) is kept for the status line.
 */
import { useEffect, useRef, useState } from 'react';

import type { SearchHit } from '../../../shared/archive-search';
import { desk } from '../platform/desk-client';

export const SEARCH_DEBOUNCE_MS = 220;
/** Results asked for: the ranked best; the status says when there may be more. */
export const SEARCH_LIMIT = 100;
const SLOW_MS = 1500;

export type ArchiveSearchState =
  | { status: 'idle' }
  /** `slow`: no answer after SLOW_MS (the desk builds its search index on the first search). */
  | { status: 'searching'; query: string; slow?: boolean }
  | { status: 'done'; query: string; hits: SearchHit[]; ms: number; capped: boolean }
  | { status: 'failed'; query: string; error: unknown };

export function useArchiveSearch(query: string): ArchiveSearchState {
  const [state, setState] = useState<ArchiveSearchState>({ status: 'idle' });
  const seq = useRef(0);
  const text = query.trim();

  useEffect(() => {
    const mine = ++seq.current;
    if (!text) {
      setState({ status: 'idle' });
      return;
    }
    setState((s) => (s.status === 'done' ? s : { status: 'searching', query: text }));
    let slow: number | undefined;
    const timer = window.setTimeout(() => {
      setState((s) => (s.status === 'done' ? s : { status: 'searching', query: text }));
      const started = performance.now();
      slow = window.setTimeout(() => {
        if (mine === seq.current) setState({ status: 'searching', query: text, slow: true });
      }, SLOW_MS);
      desk['archive.search']({ query: text, limit: SEARCH_LIMIT }).then(
        (hits) => {
          window.clearTimeout(slow);
          if (mine !== seq.current) return;
          const ms = Math.max(1, Math.round(performance.now() - started));
          setState({ status: 'done', query: text, hits, ms, capped: hits.length >= SEARCH_LIMIT });
        },
        (error: unknown) => {
          window.clearTimeout(slow);
          if (mine === seq.current) setState({ status: 'failed', query: text, error });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      window.clearTimeout(slow);
    };
  }, [text]);

  return state;
}
