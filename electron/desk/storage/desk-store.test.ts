import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DeskError } from '../../../shared/api/errors';
import { DeskStore } from './desk-store';
import { isWholeVersion, makeStory, storyId, tempDataDir, versionContent } from './fixtures/test-data';
import { MAX_REVISIONS } from './story-history';

/** A clock the spec moves by hand. */
function fakeClock(start = '2024-05-01T08:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const MINUTE = 60_000;

describe('desk store', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: DeskStore | null = null;
  beforeEach(async () => ({ dir, cleanup } = await tempDataDir('store')));
  afterEach(async () => {
    await store?.close();
    store = null;
    await cleanup();
  });

  it('creates the folder layout, and a fresh folder is new', async () => {
    store = await DeskStore.open({ dataDir: dir, user: 'tester' });
    expect(store.isNew).toBe(true);
    expect(store.storyCount).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(
      expect.arrayContaining(['backups', 'damaged', 'desk.lock', 'index', 'photos', 'stories']),
    );
  });

  it('creates, saves, refuses a stale save, trashes and restores', async () => {
    const clock = fakeClock();
    store = await DeskStore.open({ dataDir: dir, user: 'tester', now: clock.now });
    const created = await store.create(makeStory(storyId(1)));
    expect(store.list()).toMatchObject([{ id: created.id, rev: 1, headline: `${created.id} v1` }]);

    clock.advance(MINUTE);
    const saved = await store.save(created.id, 1, versionContent(created, 2), '李璞');
    expect(saved).toMatchObject({ rev: 2, updatedBy: '李璞', updatedAt: clock.now().toISOString() });
    expect(isWholeVersion(saved)).toBe(true);
    expect(saved.history).toMatchObject([{ rev: 1, savedBy: '祁晓燕' }]);
    expect(await store.get(created.id)).toEqual(saved);

    const stale = await store
      .save(created.id, 1, versionContent(created, 2), '王敏')
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(DeskError);
    expect(stale).toMatchObject({
      code: 'conflict',
      key: 'error.conflict',
      params: { id: created.id, baseRev: 1, rev: 2 },
    });

    const trashed = await store.setDeleted(created.id, clock.now().toISOString());
    expect(trashed).toMatchObject({ rev: 3, deletedAt: clock.now().toISOString() });
    expect(store.list()[0]?.deletedAt).not.toBeNull();
    const restored = await store.setDeleted(created.id, null);
    expect(restored).toMatchObject({ rev: 4, deletedAt: null });

    await expect(store.get('story-missing')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.create(makeStory(created.id))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('compacts history: one revision per editing session, at most 50', async () => {
    const clock = fakeClock();
    store = await DeskStore.open({ dataDir: dir, user: 'tester', now: clock.now });
    let story = await store.create(makeStory(storyId(2)));
    // Ten autosaves by one person a few seconds apart: one session.
    for (let i = 0; i < 10; i++) {
      clock.advance(5_000);
      story = await store.save(story.id, story.rev, versionContent(story, story.rev + 1), '祁晓燕');
    }
    expect(story.rev).toBe(11);
    expect(story.history.map((r) => r.rev)).toEqual([10]);

    // Another person's save keeps the first person's session, at its last state, as a revision.
    clock.advance(5_000);
    story = await store.save(story.id, story.rev, versionContent(story, story.rev + 1), '李璞');
    expect(story.history.map((r) => [r.rev, r.savedBy])).toEqual([[11, '祁晓燕']]);
    clock.advance(5_000);
    story = await store.save(story.id, story.rev, versionContent(story, story.rev + 1), '祁晓燕');
    expect(story.history.map((r) => [r.rev, r.savedBy])).toEqual([
      [11, '祁晓燕'],
      [12, '李璞'],
    ]);

    // A pause of five minutes starts a new revision; the list stays bounded.
    for (let i = 0; i < 70; i++) {
      clock.advance(6 * MINUTE);
      story = await store.save(story.id, story.rev, versionContent(story, story.rev + 1), '李璞');
    }
    expect(story.history).toHaveLength(MAX_REVISIONS);
    expect(story.history.at(-1)?.rev).toBe(story.rev - 1);
    const revs = story.history.map((r) => r.rev);
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
  });

  it('reopens with every story, prefs and notices as left', async () => {
    store = await DeskStore.open({ dataDir: dir, user: 'tester' });
    for (let n = 0; n < 5; n++) await store.create(makeStory(storyId(n)));
    const first = await store.get(storyId(0));
    await store.save(first.id, 1, versionContent(first, 2), 'tester');
    await store.setDeleted(storyId(4), '2024-05-02T00:00:00.000Z');
    await store.setPrefs({ locale: 'en', userName: '编辑甲' });
    const before = store.list();
    await store.close();

    store = await DeskStore.open({ dataDir: dir, user: 'tester' });
    expect(store.isNew).toBe(false);
    expect(sortById(store.list())).toEqual(sortById(before));
    expect(store.getPrefs()).toMatchObject({ locale: 'en', userName: '编辑甲' });
    expect((await store.get(storyId(0))).rev).toBe(2);
    expect(await store.verification).toMatchObject({
      checked: 5,
      recovered: 0,
      unrecoverable: 0,
      reindexed: 0,
    });
  });

  it('rejects invalid prefs and keeps the old ones', async () => {
    store = await DeskStore.open({ dataDir: dir, user: 'tester' });
    expect(store.getPrefs().locale).toBe('zh-CN');
    await expect(store.setPrefs({ locale: 'fr' as never })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(store.getPrefs().locale).toBe('zh-CN');
  });

  it('purges only trashed stories, moving the file to purged/', async () => {
    store = await DeskStore.open({ dataDir: dir, user: 'tester' });
    const story = await store.create(makeStory(storyId(7)));
    await expect(store.purge(story.id)).rejects.toMatchObject({
      code: 'invalid-input',
      key: 'error.notInTrash',
    });
    await store.setDeleted(story.id, '2024-05-02T00:00:00.000Z');
    await store.purge(story.id);
    expect(store.list()).toEqual([]);
    await expect(store.get(story.id)).rejects.toMatchObject({ code: 'not-found' });
    const purged = await readdir(join(dir, 'purged'));
    expect(purged.some((name) => name.startsWith(`${story.id}.json.`))).toBe(true);
  });

  it('keeps three backups per story', async () => {
    store = await DeskStore.open({ dataDir: dir, user: 'tester' });
    let story = await store.create(makeStory(storyId(8)));
    for (let i = 0; i < 6; i++)
      story = await store.save(story.id, story.rev, versionContent(story, story.rev + 1), 'tester');
    expect((await readdir(join(dir, 'backups', story.id))).sort()).toEqual(['4.json', '5.json', '6.json']);
    const backup = JSON.parse(await readFile(join(dir, 'backups', story.id, '6.json'), 'utf8'));
    expect(backup.rev).toBe(6);
  });

  it('imports photos by content, refuses other types and unsafe names', async () => {
    store = await DeskStore.open({ dataDir: dir, user: 'tester' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const photo = await store.importPhoto('会场.png', png);
    expect(photo).toMatchObject({ bytes: png.length, type: 'image/png' });
    expect(photo.file).toMatch(/^[a-f0-9]{32}\.png$/);
    expect(await store.importPhoto('copy.png', png)).toEqual(photo);
    expect(new Uint8Array(await readFile(store.photoPath(photo.file)))).toEqual(png);

    const jpeg = await store.importPhoto('a.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9]));
    expect(jpeg.type).toBe('image/jpeg');
    const webp = new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ');
    expect((await store.importPhoto('b.webp', webp)).type).toBe('image/webp');

    await expect(store.importPhoto('evil.jpg', new TextEncoder().encode('GIF89a'))).rejects.toMatchObject({
      code: 'invalid-input',
      key: 'error.photoType',
      params: { name: 'evil.jpg' },
    });
    expect(() => store!.photoPath('../desk.lock')).toThrow(DeskError);
    expect(() => store!.photoPath(`../photos/${photo.file}`)).toThrow(DeskError);
  });
});

function sortById<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.id.localeCompare(b.id));
}
