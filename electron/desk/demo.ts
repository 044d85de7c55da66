/**
 * The built-in demo page: seeded only into a brand-new data folder, so it can
 * never overwrite real data.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { DeskStore } from './storage/desk-store';
import { importStoryFile } from './import-story';
import { resourcesDir } from './resources';

export const DEMO_PAGE = 'B6';

export async function seedDemoPage(store: DeskStore, user: string): Promise<number> {
  const dir = join(resourcesDir(), 'demo', DEMO_PAGE);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  for (const file of files) {
    await importStoryFile(store, join(dir, file), { user });
  }
  return files.length;
}
