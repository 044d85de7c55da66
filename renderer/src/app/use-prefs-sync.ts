import { useEffect, useRef } from 'react';

import type { Prefs } from '../../../shared/model';
import { desk } from '../platform/desk-client';

type Synced = Pick<Prefs, 'locale' | 'query' | 'openStoryId' | 'view'>;

const WRITE_DELAY_MS = 400;

/**
 * Writes the UI state back to the data folder's prefs when it changes, so a
 * restart shows the same screen, story, list query and language. A failure here loses
 * nothing of the user's work, so it is logged rather than shown.
 */
export function usePrefsSync(prefs: Synced): void {
  const json = JSON.stringify(prefs);
  const written = useRef(json);
  useEffect(() => {
    if (json === written.current) return;
    const timer = window.setTimeout(() => {
      written.current = json;
      desk['prefs.set']({ patch: JSON.parse(json) as Synced }).catch((err: unknown) =>
        console.warn('[desk] prefs were not saved:', err),
      );
    }, WRITE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [json]);
}
