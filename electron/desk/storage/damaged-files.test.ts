/**
 * Damaged files are moved aside, never overwritten or deleted; the story comes back
 * from its newest good backup, and a notice tells the user what happened.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DeskStore } from './desk-store';
import { isWholeVersion, makeStory, storyId, tempDataDir, versionContent } from './fixtures/test-data';

const DAMAGE: Array<[string, (original: string) => string | Uint8Array]> = [
  ['empty', () => ''],
  ['truncated', (original) => original.slice(0, Math.floor(original.length / 2))],
  ['random bytes', () => new Uint8Array(Array.from({ length: 512 }, () => Math.floor(Math.random() * 256)))],
  ['valid JSON of the wrong shape', () => JSON.stringify({ id: 'story-0001', rev: 'three', headline: 42 })],
];

describe('damaged files', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDataDir('damaged')));
  afterEach(() => cleanup());

  /**
   * Three stories; story 1 saved twice so it has backups, story 2 never saved (no
   * backup). Story 3 is saved last, so the damage is found by the background check,
   * not by open's check of the journal's last entry.
   */
  async function seed(): Promise<void> {
    const store = await DeskStore.open({ dataDir: dir, user: 'seed' });
    for (let n = 1; n <= 3; n++) await store.create(makeStory(storyId(n)));
    let story = await store.get(storyId(1));
    story = await store.save(story.id, story.rev, versionContent(story, 2), 'seed');
    await store.save(story.id, story.rev, versionContent(story, 3), 'seed');
    const third = await store.get(storyId(3));
    await store.save(third.id, third.rev, versionContent(third, 2), 'seed');
    await store.close();
  }

  const storyFile = (n: number) => join(dir, 'stories', `${storyId(n)}.json`);

  describe.each(DAMAGE)('a story file that is %s', (_label, damage) => {
    it('is moved to damaged/ and recovered from its newest backup, with a notice', async () => {
      await seed();
      const original = await readFile(storyFile(1), 'utf8');
      const bad = damage(original);
      await writeFile(storyFile(1), bad);

      const store = await DeskStore.open({ dataDir: dir, user: 'desk' });
      const report = await store.verification;
      expect(report).toMatchObject({ recovered: 1, unrecoverable: 0 });

      const damaged = await readdir(join(dir, 'damaged'));
      expect(damaged).toHaveLength(1);
      expect(damaged[0]).toMatch(new RegExp(`^${storyId(1)}\\.json\\.`));
      expect(new Uint8Array(await readFile(join(dir, 'damaged', damaged[0]!)))).toEqual(
        typeof bad === 'string' ? new TextEncoder().encode(bad) : bad,
      );

      // Backup of rev 2 restored as a new revision, so revs keep increasing.
      const recovered = await store.get(storyId(1));
      expect(recovered.headline).toBe(`${storyId(1)} v2`);
      expect(recovered.rev).toBe(4);
      expect(store.list().find((s) => s.id === storyId(1))?.rev).toBe(4);
      expect(store.notices()).toMatchObject([
        {
          level: 'warning',
          key: 'notice.recovered',
          params: {
            id: storyId(1),
            headline: `${storyId(1)} v2`,
            file: `stories/${storyId(1)}.json`,
            damagedAs: `damaged/${damaged[0]}`,
          },
        },
      ]);
      await store.close();

      // The notice survives a restart until dismissed.
      const again = await DeskStore.open({ dataDir: dir, user: 'desk' });
      const [notice] = again.notices();
      expect(notice?.key).toBe('notice.recovered');
      await again.dismissNotice(notice!.id);
      expect(again.notices()).toEqual([]);
      await again.close();
    });

    it('without a backup is left out of the list, kept in damaged/, with a notice', async () => {
      await seed();
      await writeFile(storyFile(2), damage(await readFile(storyFile(2), 'utf8')));
      const store = await DeskStore.open({ dataDir: dir, user: 'desk' });
      expect(await store.verification).toMatchObject({ recovered: 0, unrecoverable: 1 });
      expect(
        store
          .list()
          .map((s) => s.id)
          .sort(),
      ).toEqual([storyId(1), storyId(3)]);
      expect(await readdir(join(dir, 'damaged'))).toHaveLength(1);
      expect(store.notices()).toMatchObject([
        {
          level: 'error',
          key: 'notice.unrecoverable',
          params: { id: storyId(2), headline: `${storyId(2)} v1` },
        },
      ]);
      await store.close();
    });
  });

  it('is noticed by get() before the background check reaches it', async () => {
    await seed();
    const store = await DeskStore.open({ dataDir: dir, user: 'desk' });
    await store.verification;
    await writeFile(storyFile(1), '{"trunc');
    const story = await store.get(storyId(1));
    expect(isWholeVersion({ ...story, rev: 2 })).toBe(true);
    expect(store.notices().map((n) => n.key)).toEqual(['notice.recovered']);
    await store.close();
  });

  describe.each(DAMAGE)('an index snapshot that is %s', (_label, damage) => {
    it('is moved aside and rebuilt from the story files, with a notice', async () => {
      await seed();
      const snapshot = join(dir, 'index', 'summaries.json');
      // Fold the journal into the snapshot first so the damage hits real content.
      const before = await DeskStore.open({ dataDir: dir, user: 'desk' });
      const list = before.list();
      await before.close();
      await writeFile(snapshot, damage(await readFile(snapshot, 'utf8')));

      const store = await DeskStore.open({ dataDir: dir, user: 'desk' });
      expect(store.isNew).toBe(false);
      expect(byId(store.list())).toEqual(byId(list));
      expect(await readdir(join(dir, 'damaged'))).toEqual([expect.stringMatching(/^summaries\.json\./)]);
      expect(store.notices()).toMatchObject([
        { key: 'notice.indexRebuilt', params: { file: 'index/summaries.json' } },
      ]);
      await store.close();
    });
  });

  it('a damaged journal line before the end rebuilds the index', async () => {
    await seed();
    const journal = join(dir, 'index', 'journal.ndjson');
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[0] = '{"op":"put","summ';
    await writeFile(journal, lines.join('\n'));
    const store = await DeskStore.open({ dataDir: dir, user: 'desk' });
    expect(store.storyCount).toBe(3);
    expect(store.notices()).toMatchObject([
      { key: 'notice.indexRebuilt', params: { file: 'index/journal.ndjson' } },
    ]);
    await store.close();
  });

  it('damaged prefs and notices documents are moved aside and reset, with a notice', async () => {
    await seed();
    await writeFile(join(dir, 'prefs.json'), '{"locale":"klingon"}');
    await writeFile(join(dir, 'notices.json'), 'garbage');
    const store = await DeskStore.open({ dataDir: dir, user: 'desk' });
    expect(store.getPrefs().locale).toBe('zh-CN');
    expect(store.notices().map((n) => [n.key, n.params.file])).toEqual([
      ['notice.damagedFile', 'notices.json'],
      ['notice.damagedFile', 'prefs.json'],
    ]);
    expect((await readdir(join(dir, 'damaged'))).sort()).toEqual([
      expect.stringMatching(/^notices\.json\./),
      expect.stringMatching(/^prefs\.json\./),
    ]);
    await store.close();
  });
});

function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.id.localeCompare(b.id));
}
