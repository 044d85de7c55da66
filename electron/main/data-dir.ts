/**
 * Which data folder the app opens: `--data DIR` (or `--data=DIR`) on the command
 * line, else the DESK_DATA_DIR environment variable, else `<userData>/data`, the
 * same default as `desk serve` and the CLI (electron/desk/paths.ts).
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

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

/**
 * Gives a non-default data folder its own Chromium profile (userData) and so its
 * own single-instance lock: one app per data folder, and a test or a second
 * desk on another folder can run beside the everyday one. Call before ready.
 */
export function separateProfileFor(dataDir: string): void {
  const base = app.getPath('userData');
  if (dataDir === resolve(base, 'data')) return;
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  app.setPath('userData', join(base, 'profiles', key));
}
