import { createContext, useContext } from 'react';

import type { DraftIssue } from './story-draft';

/** Paths ("region.code", "figures.0.asOf") of draft fields that break the story schema. */
export const FieldIssuesContext = createContext<ReadonlySet<string>>(new Set());

export function issuePaths(issues: readonly DraftIssue[]): ReadonlySet<string> {
  return new Set(issues.map((i) => i.path));
}

/** True when the field at `path`, or anything inside it, is invalid. */
export function useInvalid(path: string): boolean {
  const paths = useContext(FieldIssuesContext);
  if (paths.has(path)) return true;
  for (const p of paths) if (p.startsWith(`${path}.`)) return true;
  return false;
}
