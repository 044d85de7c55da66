/**
 * A data folder with the demo page B6 as approved, signed stories and its page plan:
 * the fixture of the export tests, the CLI test and the benchmark. The signatures are
 * written into the story documents directly (as the review workflow stores them), so the
 * export can be tested on its own.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseStoryMarkdown } from '../../../../shared/format/story-md';
import {
  bodyFromBlocks,
  blocksOfBody,
  newStory,
  type Story,
  type StoryContent,
} from '../../../../shared/model';
import type { PagePlan, SlotRole } from '../../../../shared/model/page';
import { resourcesDir } from '../../resources';
import type { DeskStore } from '../../storage/desk-store';
import { PageStore } from '../../pages/page-store';

export const PAGE = 'B6';
export const DATE = '2026-11-22';

const ROLES: SlotRole[] = ['lead', 'secondary', 'secondary', 'brief', 'photo', 'brief'];

/** The demo stories with their photos imported into the store; `extra` adds a sixth (a copy of story 4 reworded). */
export async function demoContents(store: DeskStore, extra = false): Promise<StoryContent[]> {
  const dir = join(resourcesDir(), 'demo', PAGE);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const out: StoryContent[] = [];
  for (const file of files) {
    const content = parseStoryMarkdown(await readFile(join(dir, file), 'utf8'));
    const photos = [];
    for (const p of content.photos) {
      const stored = await store.importPhoto(
        p.file,
        new Uint8Array(await readFile(join(dir, 'photos', p.file))),
      );
      photos.push({ ...p, file: stored.file });
    }
    out.push({ ...content, photos });
  }
  if (extra) {
    const base = out[3]!;
    const blocks = blocksOfBody(base.body).map((b) =>
      b.type === 'paragraph'
        ? {
            ...b,
            text: b.text
              .replace(/茶溪社区/g, '柳岸社区')
              .replace(/议事会/g, '协商会')
              .split('')
              .reverse()
              .join(''),
          }
        : b,
    );
    out.push({ ...base, headline: '柳岸社区“协商会”架起连心桥', body: bodyFromBlocks(blocks), jumps: [] });
  }
  return out;
}

export function approved(id: string, content: StoryContent, at: string): Story {
  const story = newStory(id, at, 'reporter', content);
  return {
    ...story,
    status: 'approved',
    signatures: [
      { level: 'first', userId: 'ed-first', name: '王初审', rev: 1, at },
      { level: 'second', userId: 'ed-second', name: '李复审', rev: 1, at },
      { level: 'final', userId: 'ed-final', name: '赵终审', rev: 1, at },
    ],
  } as Story;
}

/** Stores the stories (approved unless `draftAt` names a slot) and the plan; returns the plan. */
export async function seedApprovedPage(
  store: DeskStore,
  dataDir: string,
  opts: { extra?: boolean; edit?: (contents: StoryContent[]) => void; draftSlot?: number } = {},
): Promise<PagePlan> {
  const contents = await demoContents(store, opts.extra);
  opts.edit?.(contents);
  const at = '2026-11-21T10:00:00.000Z';
  const ids: string[] = [];
  for (const [i, content] of contents.entries()) {
    const id = `b6-story-${i + 1}`;
    const story = approved(id, { ...content, page: PAGE, slot: i + 1 }, at);
    await store.create(i + 1 === opts.draftSlot ? { ...story, status: 'draft' } : story);
    ids.push(id);
  }
  return new PageStore(dataDir).save(
    {
      name: PAGE,
      date: DATE,
      edition: '党建周刊',
      slots: ids.map((storyId, i) => ({ role: ROLES[i] ?? 'brief', storyId, budget: i === 0 ? 1500 : 1200 })),
      jumps: [{ storyId: ids[0]!, direction: 'to', page: 'B7', targetStoryId: 'b7-story-001' }],
    },
    null,
    '值班编辑',
  );
}
