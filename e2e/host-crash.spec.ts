/**
 * The real host killed with SIGKILL while saves are in flight: after each restart
 * every story file parses and holds a whole version, never a torn one, and the
 * list agrees with the files. (The storage specs do the same 55 times against the
 * store alone; this proves the HTTP path adds nothing unsafe.)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from './utils/fixtures';
import { apiClient } from './utils/desk-api';
import { startHost } from './utils/desk-host';
import { storyIdsOnDisk } from './utils/story-files';

const ROUNDS = 8;

type Story = { id: string; rev: number; kicker: string } & Record<string, unknown>;

test('saves cut short by SIGKILL never leave a torn story', async ({ dataDir }) => {
  test.setTimeout(180_000);
  const acked = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    const host = await startHost(dataDir);
    const api = await apiClient(host.url);
    const list = await api<{ items: Array<{ id: string; rev: number }> }>('stories.list', {});
    // The list agrees with what the files hold, and no acknowledged save was lost.
    for (const item of list.items) {
      const onDisk = JSON.parse(await readFile(join(dataDir, 'stories', `${item.id}.json`), 'utf8')) as Story;
      expect(onDisk.rev).toBe(item.rev);
      expect(onDisk.rev).toBeGreaterThanOrEqual(acked.get(item.id) ?? 0);
      // Each save writes its own revision number into the kicker: a file is one whole version.
      if (onDisk.rev > 1) expect(onDisk.kicker).toBe(`第${onDisk.rev}版`);
    }
    const ids = list.items.map((s) => s.id);
    let stop = false;
    const saving = (async () => {
      for (let turn = 0; !stop; turn++) {
        const id = ids[turn % ids.length]!;
        try {
          const story = await api<Story>('stories.get', { id });
          const {
            id: _id,
            rev,
            schema: _s,
            createdAt: _c,
            updatedAt: _u,
            updatedBy: _b,
            status: _st,
            deletedAt: _d,
            history: _h,
            ...content
          } = story;
          const saved = await api<Story>('stories.save', {
            id,
            baseRev: rev,
            content: { ...content, kicker: `第${rev + 1}版` },
          });
          acked.set(id, saved.rev);
        } catch {
          return; // the host is gone
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 400));
    await host.kill();
    stop = true;
    await saving;
  }
  expect((await storyIdsOnDisk(dataDir)).length).toBe(5);
  expect([...acked.values()].some((rev) => rev > 2)).toBe(true);
});
