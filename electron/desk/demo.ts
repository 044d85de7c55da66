/**
 * The built-in demo page: seeded only into a brand-new data folder, so it can
 * never overwrite real data. Its five stories, and the plan of page B6 for the
 * day the folder is made (lead, two secondaries, a brief, a picture story), so
 * the pages screen has a page to check and export from the first start.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { SlotRole } from '../../shared/model/page';
import { importStoryFile } from './import-story';
import { PageStore } from './pages/page-store';
import { resourcesDir } from './resources';
import type { DeskStore } from './storage/desk-store';

export const DEMO_PAGE = 'B6';
export const DEMO_EDITION = '党建周刊';

/** The demo stories' slots, in file order: role and character budget. */
const DEMO_SLOTS: readonly { role: SlotRole; budget: number }[] = [
  { role: 'lead', budget: 1800 },
  { role: 'secondary', budget: 1500 },
  { role: 'secondary', budget: 1500 },
  { role: 'brief', budget: 600 },
  { role: 'photo', budget: 400 },
];

/** The local calendar day as YYYY-MM-DD (a page is dated as the newsroom's clock reads). */
function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function seedDemoPage(
  store: DeskStore,
  dataDir: string,
  user: string,
  now = new Date(),
): Promise<number> {
  const dir = join(resourcesDir(), 'demo', DEMO_PAGE);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const ids: string[] = [];
  for (const file of files) {
    ids.push((await importStoryFile(store, join(dir, file), { user })).id);
  }
  const slots = ids.map((storyId, i) => ({
    ...(DEMO_SLOTS[i] ?? { role: 'brief' as const, budget: 600 }),
    storyId,
  }));
  await new PageStore(dataDir).save(
    { name: DEMO_PAGE, date: localDay(now), edition: DEMO_EDITION, slots, jumps: [] },
    null,
    user,
    now,
  );
  return files.length;
}
