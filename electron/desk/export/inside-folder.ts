/**
 * The export never writes outside its output folder: every path it writes goes through
 * here, which resolves it and refuses anything that is not strictly inside the root
 * (a "..", an absolute path, a drive letter, a symlinked name would all be caught).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

import { DeskError } from '../../../shared/api/errors';

export function resolveInside(root: string, rel: string): string {
  const base = resolve(root);
  const full = resolve(base, rel);
  const back = relative(base, full);
  if (!back || back.startsWith('..') || isAbsolute(back) || back.split(sep).includes('..')) {
    throw new DeskError(
      'invalid-input',
      'error.exportPath',
      { path: rel },
      `Refused to write ${rel}: it is not inside ${base}.`,
    );
  }
  return full;
}

/** Whether `path` is `root` itself or strictly inside it (both resolved; no symlink is followed here). */
export function isInside(root: string, path: string): boolean {
  const back = relative(resolve(root), resolve(path));
  return back === '' || (!back.startsWith('..') && !isAbsolute(back) && !back.split(sep).includes('..'));
}
