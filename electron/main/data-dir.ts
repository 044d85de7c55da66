/**
 * Which data folder the app opens: `--data DIR` (or `--data=DIR`) on the command
 * line, else the DESK_DATA_DIR environment variable, else `<userData>/data`, the
 * same default as `desk serve` and the CLI (electron/desk/paths.ts).
 */
import { resolve } from 'node:path';

import { app } from 'electron';

/** The value of `--data DIR` / `--data=DIR` in argv, if any. */
export function dataArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : null;
    }
    if (arg?.startsWith('--data=')) return arg.slice('--data='.length) || null;
  }
  return null;
}

export function resolveDataDir(argv: readonly string[] = process.argv): string {
  const chosen = dataArg(argv) ?? process.env.DESK_DATA_DIR;
  return chosen ? resolve(chosen) : resolve(app.getPath('userData'), 'data');
}
